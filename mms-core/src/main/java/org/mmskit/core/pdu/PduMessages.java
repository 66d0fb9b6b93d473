package org.mmskit.core.pdu;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.mmskit.core.Address;
import org.mmskit.core.ContentClass;
import org.mmskit.core.ContentType;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.Header;
import org.mmskit.core.InboundContext;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.ReadReply;
import org.mmskit.core.ReplyCharging;
import org.mmskit.core.SenderVisibility;
import org.mmskit.core.TimeSpec;

/**
 * Maps between the transport-neutral model ({@link MmsMessage}, {@link DeliveryReport}, {@link
 * ReadReply}) and MMS PDUs, and builds the small reply PDUs. Pure functions, thread-safe.
 *
 * <p>Model fields no PDU can carry (MM7's service code, linked ID, charged party) are left out of
 * PDUs. Addresses a PDU holds that {@link Address#parse(String)} cannot read are kept as extra
 * headers named after their field, so nothing is dropped silently.
 */
public final class PduMessages {
  private PduMessages() {}

  private static final String SMIL = "application/smil";

  /**
   * An m-send-req for a message. A message with a presentation part becomes {@code
   * multipart/related} ({@code type=application/smil}, {@code start=<cid>} of the presentation,
   * which gets the Content-ID {@code <smil>} if it has none), else {@code multipart/mixed}. Without
   * a sender the From header is the Insert-address token. Display-only recipients are left out.
   */
  public static MmsPdu toSendReq(MmsMessage m, String transactionId, MmsVersion version) {
    Objects.requireNonNull(m, "message");
    Objects.requireNonNull(transactionId, "transactionId");
    MmsPdu.Builder b =
        MmsPdu.builder(PduType.SEND_REQ).version(version).transactionId(transactionId);
    m.date().ifPresent(b::date);
    if (m.from().isPresent()) {
      b.from(m.from().get().toPduString());
    } else {
      b.fromInsertAddress();
    }
    for (Address a : m.to()) {
      if (!a.displayOnly()) {
        b.addTo(a.toPduString());
      }
    }
    for (Address a : m.cc()) {
      if (!a.displayOnly()) {
        b.addCc(a.toPduString());
      }
    }
    for (Address a : m.bcc()) {
      if (!a.displayOnly()) {
        b.addBcc(a.toPduString());
      }
    }
    if (m.subject().isPresent()) {
      String s = m.subject().get();
      b.subject(
          m.subjectCharset().isPresent()
              ? EncodedString.of(s, m.subjectCharset().get())
              : EncodedString.auto(s));
    }
    m.messageClass().ifPresent(b::messageClass);
    m.priority().ifPresent(b::priority);
    m.expiry().ifPresent(b::expiry);
    m.earliestDelivery().ifPresent(b::deliveryTime);
    if (m.deliveryReport()) {
      b.deliveryReport(true);
    }
    if (m.readReport()) {
      b.readReport(true);
    }
    m.senderVisibility()
        .ifPresent(
            v ->
                b.set(
                    new PduHeader.Token(
                        PduField.SENDER_VISIBILITY, v == SenderVisibility.HIDE ? 0x80 : 0x81)));
    if (m.replyCharging().isPresent()) {
      ReplyCharging rc = m.replyCharging().get();
      b.set(new PduHeader.Token(PduField.REPLY_CHARGING, 0x80 + rc.type().ordinal()));
      rc.deadline().ifPresent(d -> b.set(new PduHeader.Time(PduField.REPLY_CHARGING_DEADLINE, d)));
      if (rc.maxSize().isPresent()) {
        b.set(new PduHeader.Int(PduField.REPLY_CHARGING_SIZE, rc.maxSize().getAsLong()));
      }
    }
    m.distributionIndicator().ifPresent(v -> b.set(yesNo(PduField.DISTRIBUTION_INDICATOR, v)));
    m.contentClass()
        .ifPresent(c -> b.set(new PduHeader.Token(PduField.CONTENT_CLASS, 0x80 + c.ordinal())));
    m.drmContent().ifPresent(v -> b.set(yesNo(PduField.DRM_CONTENT, v)));
    m.adaptationsAllowed().ifPresent(v -> b.set(yesNo(PduField.ADAPTATION_ALLOWED, v)));
    m.applicId().ifPresent(v -> b.set(new PduHeader.Text(PduField.APPLIC_ID, v)));
    m.replyApplicId().ifPresent(v -> b.set(new PduHeader.Text(PduField.REPLY_APPLIC_ID, v)));
    m.auxApplicInfo().ifPresent(v -> b.set(new PduHeader.Text(PduField.AUX_APPLIC_INFO, v)));
    for (Header h : m.extraHeaders()) {
      b.addApplicationHeader(h.name(), h.value());
    }
    if (m.presentation().isPresent()) {
      MmsPart smil = m.presentation().get();
      if (smil.contentId().isEmpty()) {
        smil = smil.toBuilder().contentId("smil").build();
      }
      String smilType = smil.contentType().mediaType();
      b.contentType(
          ContentType.MULTIPART_RELATED
              .withParameter("start", "<" + smil.contentId().get() + ">")
              .withParameter("type", smilType));
      b.addPart(smil);
      m.parts().forEach(b::addPart);
    } else {
      b.contentType(ContentType.MULTIPART_MIXED);
      m.parts().forEach(b::addPart);
    }
    return b.build();
  }

  /**
   * The message an m-send-req or m-retrieve-conf (or any PDU with content) carries. The
   * presentation part is the {@code start} part of a {@code multipart/related} body when its type
   * is SMIL, else the first {@code application/smil} part; the other parts keep their order.
   */
  public static MmsMessage toMessage(MmsPdu pdu) {
    MmsMessage.Builder b = MmsMessage.builder().generateSmil(false);
    List<Header> extra = new ArrayList<>();
    if (pdu.from().isPresent()) {
      Address a = parseAddress(pdu.from().get());
      if (a != null) {
        b.from(a);
      } else {
        extra.add(new Header("From", pdu.from().get()));
      }
    }
    b.to(addresses(pdu.to(), "To", extra));
    b.cc(addresses(pdu.cc(), "Cc", extra));
    b.bcc(addresses(pdu.bcc(), "Bcc", extra));
    Optional<EncodedString> subject = pdu.subjectEncoded();
    if (subject.isPresent()) {
      Optional<Charset> cs = subject.get().javaCharset();
      if (cs.isPresent()) {
        b.subject(subject.get().text(), cs.get());
      } else {
        b.subject(subject.get().text());
      }
    }
    pdu.messageClass().ifPresent(b::messageClass);
    pdu.priority().ifPresent(b::priority);
    pdu.expiry().ifPresent(b::expiry);
    pdu.deliveryTime().ifPresent(b::earliestDelivery);
    b.deliveryReport(pdu.deliveryReport().orElse(false));
    b.readReport(pdu.readReport().orElse(false));
    OptionalInt vis = pdu.token(PduField.SENDER_VISIBILITY);
    if (vis.isPresent() && vis.getAsInt() <= 0x81) {
      b.senderVisibility(vis.getAsInt() == 0x80 ? SenderVisibility.HIDE : SenderVisibility.SHOW);
    }
    OptionalInt rc = pdu.token(PduField.REPLY_CHARGING);
    if (rc.isPresent() && rc.getAsInt() <= 0x83) {
      OptionalLong size = pdu.integer(PduField.REPLY_CHARGING_SIZE);
      b.replyCharging(
          ReplyCharging.of(
              ReplyCharging.Type.values()[rc.getAsInt() - 0x80],
              pdu.time(PduField.REPLY_CHARGING_DEADLINE).orElse(null),
              size.isPresent() ? size.getAsLong() : -1));
    }
    yesNo(pdu, PduField.DISTRIBUTION_INDICATOR).ifPresent(b::distributionIndicator);
    OptionalInt cc = pdu.token(PduField.CONTENT_CLASS);
    if (cc.isPresent() && cc.getAsInt() - 0x80 < ContentClass.values().length) {
      b.contentClass(ContentClass.values()[cc.getAsInt() - 0x80]);
    }
    yesNo(pdu, PduField.DRM_CONTENT).ifPresent(b::drmContent);
    yesNo(pdu, PduField.ADAPTATION_ALLOWED).ifPresent(b::adaptationsAllowed);
    pdu.text(PduField.APPLIC_ID).ifPresent(b::applicId);
    pdu.text(PduField.REPLY_APPLIC_ID).ifPresent(b::replyApplicId);
    pdu.text(PduField.AUX_APPLIC_INFO).ifPresent(b::auxApplicInfo);
    pdu.messageId().ifPresent(b::messageId);
    pdu.date().ifPresent(b::date);
    for (PduHeader.Application h : pdu.applicationHeaders()) {
      extra.add(new Header(h.name(), h.value()));
    }
    b.extraHeaders(extra);

    List<MmsPart> parts = pdu.parts();
    int presentation = presentationIndex(pdu);
    for (int i = 0; i < parts.size(); i++) {
      if (i == presentation) {
        b.presentation(parts.get(i));
      } else {
        b.addPart(parts.get(i));
      }
    }
    return b.build();
  }

  /**
   * The index in {@link MmsPdu#parts()} of the presentation part, or -1: the {@code start} part of
   * a multipart/related body whose {@code type} is SMIL (or that is itself SMIL), else the first
   * {@code application/smil} part.
   */
  public static int presentationIndex(MmsPdu pdu) {
    Optional<ContentType> ct = pdu.contentType();
    if (ct.isEmpty() || !ct.get().isMultipart()) {
      return -1;
    }
    List<MmsPart> parts = pdu.parts();
    if (ct.get().mediaType().endsWith(".related") || ct.get().mediaType().endsWith("/related")) {
      Optional<String> start = ct.get().parameter("start");
      String type = ct.get().parameter("type").orElse("");
      if (start.isPresent()) {
        String want = bare(start.get());
        for (int i = 0; i < parts.size(); i++) {
          MmsPart p = parts.get(i);
          if (p.contentId().isPresent() && bare(p.contentId().get()).equals(want)
              || p.contentLocation().isPresent() && bare(p.contentLocation().get()).equals(want)) {
            if (type.equalsIgnoreCase(SMIL) || p.contentType().mediaType().equals(SMIL)) {
              return i;
            }
            break;
          }
        }
      }
    }
    for (int i = 0; i < parts.size(); i++) {
      if (parts.get(i).contentType().mediaType().equals(SMIL)) {
        return i;
      }
    }
    return -1;
  }

  /** An ID without quote and angle brackets, for comparing {@code start} with Content-IDs. */
  private static String bare(String id) {
    String s = id.trim();
    if (s.startsWith("\"")) {
      s = s.substring(1);
    }
    if (s.startsWith("<") && s.endsWith(">") && s.length() >= 2) {
      s = s.substring(1, s.length() - 1);
    }
    return s;
  }

  /**
   * The delivery report an m-delivery-ind carries: Message-ID, the recipient (first To), Date,
   * X-Mms-Status (and 1.3 X-Mms-Status-Text).
   *
   * @throws MmsPduException when the PDU is not an m-delivery-ind or has no Message-ID or Status
   */
  public static DeliveryReport toDeliveryReport(MmsPdu pdu, InboundContext context) {
    if (pdu.type() != PduType.DELIVERY_IND) {
      throw new MmsPduException("not an m-delivery-ind: " + pdu.type().specName(), -1, null);
    }
    String messageId =
        pdu.messageId()
            .orElseThrow(
                () -> new MmsPduException("missing", -1, PduField.name(PduField.MESSAGE_ID)));
    int status = pdu.status().orElseThrow(() -> new MmsPduException("missing", -1, "X-Mms-Status"));
    return new DeliveryReport(
        messageId,
        first(pdu.to()),
        pdu.from().map(PduMessages::parseAddress),
        pdu.date(),
        PduStatus.deliveryStatus(status),
        hex(status),
        pdu.encoded(PduField.STATUS_TEXT).map(EncodedString::text),
        context);
  }

  /**
   * The read reply an m-read-orig-ind (MMSC to original sender) or m-read-rec-ind (reader to MMSC)
   * carries: Message-ID, the reader (From), the original sender (first To), Date and
   * X-Mms-Read-Status.
   *
   * @throws MmsPduException when the PDU is of another type or has no Message-ID or Read-Status
   */
  public static ReadReply toReadReply(MmsPdu pdu, InboundContext context) {
    if (pdu.type() != PduType.READ_ORIG_IND && pdu.type() != PduType.READ_REC_IND) {
      throw new MmsPduException("not a read report PDU: " + pdu.type().specName(), -1, null);
    }
    String messageId =
        pdu.messageId()
            .orElseThrow(
                () -> new MmsPduException("missing", -1, PduField.name(PduField.MESSAGE_ID)));
    int status =
        pdu.readStatus().orElseThrow(() -> new MmsPduException("missing", -1, "X-Mms-Read-Status"));
    return new ReadReply(
        messageId,
        pdu.from().map(PduMessages::parseAddress),
        first(pdu.to()),
        pdu.date(),
        PduStatus.readStatus(status),
        hex(status),
        pdu.encoded(PduField.STATUS_TEXT).map(EncodedString::text),
        context);
  }

  /** An m-delivery-ind for a report (MMS 1.2 unless the report came with another version). */
  public static MmsPdu toDeliveryInd(DeliveryReport report, MmsVersion version) {
    MmsPdu.Builder b = MmsPdu.builder(PduType.DELIVERY_IND).version(version);
    b.messageId(report.messageId());
    report.recipient().ifPresent(a -> b.addTo(a.toPduString()));
    b.date(report.date().orElse(report.context().receivedAt()));
    b.status(PduStatus.statusOctet(report.status()));
    return b.build();
  }

  /** An m-send-conf: the MMSC's answer to an m-send-req. */
  public static MmsPdu sendConf(
      String transactionId, int responseStatus, String messageId, MmsVersion version) {
    MmsPdu.Builder b =
        MmsPdu.builder(PduType.SEND_CONF)
            .version(version)
            .transactionId(transactionId)
            .responseStatus(responseStatus);
    if (messageId != null) {
      b.messageId(messageId);
    }
    return b.build();
  }

  /** An m-notifyresp-ind: the client's answer to a notification. */
  public static MmsPdu notifyRespInd(String transactionId, int status, MmsVersion version) {
    return MmsPdu.builder(PduType.NOTIFYRESP_IND)
        .version(version)
        .transactionId(transactionId)
        .status(status)
        .build();
  }

  /** An m-acknowledge-ind: the client confirms it retrieved a message. */
  public static MmsPdu acknowledgeInd(String transactionId, MmsVersion version) {
    return MmsPdu.builder(PduType.ACKNOWLEDGE_IND)
        .version(version)
        .transactionId(transactionId)
        .build();
  }

  /** An m-notification-ind telling a recipient that a message waits at {@code contentLocation}. */
  public static MmsPdu notificationInd(
      String transactionId,
      String contentLocation,
      long messageSize,
      TimeSpec expiry,
      MmsMessage about,
      MmsVersion version) {
    MmsPdu.Builder b =
        MmsPdu.builder(PduType.NOTIFICATION_IND).version(version).transactionId(transactionId);
    about.from().ifPresent(a -> b.from(a.toPduString()));
    about.subject().ifPresent(b::subject);
    b.messageClass(about.messageClass().orElse(org.mmskit.core.MessageClass.PERSONAL));
    b.messageSize(messageSize);
    b.expiry(expiry);
    b.contentLocation(contentLocation);
    return b.build();
  }

  private static PduHeader yesNo(int field, boolean yes) {
    return new PduHeader.Token(field, yes ? 0x80 : 0x81);
  }

  private static Optional<Boolean> yesNo(MmsPdu pdu, int field) {
    OptionalInt t = pdu.token(field);
    return t.isPresent() && t.getAsInt() <= 0x81
        ? Optional.of(t.getAsInt() == 0x80)
        : Optional.empty();
  }

  private static Optional<Address> first(List<String> addresses) {
    for (String s : addresses) {
      Address a = parseAddress(s);
      if (a != null) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  private static List<Address> addresses(List<String> texts, String name, List<Header> extra) {
    List<Address> out = new ArrayList<>(texts.size());
    for (String s : texts) {
      Address a = parseAddress(s);
      if (a != null) {
        out.add(a);
      } else {
        extra.add(new Header(name, s));
      }
    }
    return out;
  }

  /** Reads an address leniently; null when it fits no kind. */
  static Address parseAddress(String text) {
    try {
      return Address.parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String hex(int octet) {
    return "0x" + Integer.toHexString(octet).toUpperCase(Locale.ROOT);
  }
}
