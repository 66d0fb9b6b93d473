package org.mmskit.mm4.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.mmskit.core.Address;
import org.mmskit.core.ContentClass;
import org.mmskit.core.ContentType;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.InboundContext;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.ReadReply;
import org.mmskit.core.ReadStatus;
import org.mmskit.core.TimeSpec;
import org.mmskit.core.Transport;
import org.mmskit.mm4.Mm4InboundDetail;
import org.mmskit.mm4.Mm4MessageType;
import org.mmskit.mm4.Mm4Response;

/**
 * Reads a received mail into the model: the MM4 request or response its {@code X-Mms-Message-Type}
 * names, or an incoming message for a plain e-mail. Lenient about forms (quotes, address suffixes,
 * header case, nesting, transfer encodings), strict about limits and about bytes that cannot be
 * decoded.
 */
public final class Mm4Reader {
  /** Headers read into model fields or describing the transport; others starting X- are kept. */
  private static final Set<String> READ_HEADERS = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

  static {
    READ_HEADERS.addAll(
        List.of(
            Mm4Headers.VERSION,
            Mm4Headers.MESSAGE_TYPE,
            Mm4Headers.TRANSACTION_ID,
            Mm4Headers.MMS_MESSAGE_ID,
            Mm4Headers.ORIGINATOR_SYSTEM,
            Mm4Headers.ACK_REQUEST,
            Mm4Headers.MESSAGE_CLASS,
            Mm4Headers.PRIORITY,
            Mm4Headers.EXPIRY,
            Mm4Headers.DELIVERY_REPORT,
            Mm4Headers.READ_REPLY,
            Mm4Headers.SENDER_VISIBILITY,
            Mm4Headers.SERVICE_CODE,
            Mm4Headers.CHARGED_PARTY_ID,
            Mm4Headers.APPLIC_ID,
            Mm4Headers.REPLY_APPLIC_ID,
            Mm4Headers.AUX_APPLIC_INFO,
            Mm4Headers.CONTENT_CLASS,
            Mm4Headers.ADAPTATION_ALLOWED,
            Mm4Headers.DRM_CONTENT));
  }

  private final Session session;
  private final MimeLimits limits;

  public Mm4Reader(MimeLimits limits) {
    Properties p = new Properties();
    // MMSCs write raw UTF-8 in headers more often than encoded words
    p.setProperty("mail.mime.allowutf8", "true");
    this.session = Session.getInstance(p);
    this.limits = limits;
  }

  /**
   * Reads the first {@code length} bytes of {@code mail} (its data after dot-unstuffing).
   *
   * @throws MmsMalformedException naming the header or part that could not be read
   */
  public InboundMail read(byte[] mail, int length, Arrival arrival) throws MmsMalformedException {
    limits.checkHeaders(mail, length);
    try {
      MimeMessage m = new MimeMessage(session, new SharedByteArrayInputStream(mail, 0, length));
      return read(m, arrival);
    } catch (MessagingException e) {
      throw new MmsMalformedException("unreadable mail: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new MmsMalformedException("undecodable content: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new MmsMalformedException(e.getMessage(), e);
    }
  }

  private InboundMail read(MimeMessage m, Arrival arrival)
      throws MessagingException, IOException, MmsMalformedException {
    Optional<String> typeHeader = header(m, Mm4Headers.MESSAGE_TYPE);
    Optional<Mm4MessageType> type = Optional.empty();
    if (typeHeader.isPresent()) {
      type = Mm4MessageType.fromToken(typeHeader.get());
      if (type.isEmpty()) {
        throw new MmsMalformedException(
            "unknown message type " + typeHeader.get(), -1, Mm4Headers.MESSAGE_TYPE, null);
      }
    }
    Optional<String> transactionId = header(m, Mm4Headers.TRANSACTION_ID).map(Mm4Headers::unquote);
    Optional<String> messageId = header(m, Mm4Headers.MMS_MESSAGE_ID).map(Mm4Headers::unquote);
    Optional<String> originatorSystem =
        header(m, Mm4Headers.ORIGINATOR_SYSTEM).map(Mm4Headers::unquote);
    Optional<String> sender = header(m, "Sender");
    boolean ack =
        header(m, Mm4Headers.ACK_REQUEST).flatMap(Mm4Headers::readYesNo).orElse(Boolean.FALSE);
    Optional<String> replyTo = originatorSystem.or(() -> sender.map(s -> Mm4Addresses.bare(s)));
    InboundContext context =
        new InboundContext(
            Transport.MM4,
            arrival.account(),
            arrival.remoteAddress(),
            transactionId,
            header(m, Mm4Headers.VERSION),
            arrival.receivedAt(),
            List.of(
                new Mm4InboundDetail(
                    type,
                    originatorSystem,
                    sender,
                    arrival.envelopeFrom(),
                    arrival.envelopeRecipients())));
    Object payload;
    if (type.isEmpty() || type.get() == Mm4MessageType.FORWARD_REQ) {
      payload = new IncomingMessage(message(m, messageId), context);
    } else if (type.get() == Mm4MessageType.DELIVERY_REPORT_REQ) {
      payload = deliveryReport(m, require(messageId, Mm4Headers.MMS_MESSAGE_ID), context);
    } else if (type.get() == Mm4MessageType.READ_REPLY_REPORT_REQ) {
      payload = readReply(m, require(messageId, Mm4Headers.MMS_MESSAGE_ID), context);
    } else {
      payload =
          new Mm4Response(
              type.get(),
              require(transactionId, Mm4Headers.TRANSACTION_ID),
              messageId,
              require(header(m, Mm4Headers.REQUEST_STATUS_CODE), Mm4Headers.REQUEST_STATUS_CODE),
              header(m, Mm4Headers.STATUS_TEXT),
              context);
    }
    if (type.isPresent() && !type.get().isResponse()) {
      require(transactionId, Mm4Headers.TRANSACTION_ID);
    }
    return new InboundMail(type, transactionId, messageId, ack, replyTo, payload);
  }

  private static String require(Optional<String> value, String header)
      throws MmsMalformedException {
    if (value.isEmpty() || value.get().isEmpty()) {
      throw new MmsMalformedException("missing header", -1, header, null);
    }
    return value.get();
  }

  /** A header's first value, unfolded and trimmed; empty when absent. */
  private static Optional<String> header(MimePart m, String name) throws MessagingException {
    String v = m.getHeader(name, null);
    return v == null ? Optional.empty() : Optional.of(MimeUtility.unfold(v).trim());
  }

  private static Optional<Address> firstAddress(MimePart m, String name)
      throws MessagingException, MmsMalformedException {
    List<Address> list = addresses(m, name);
    return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
  }

  private static List<Address> addresses(MimePart m, String name)
      throws MessagingException, MmsMalformedException {
    String[] values = m.getHeader(name);
    List<Address> out = new ArrayList<>();
    if (values != null) {
      for (String v : values) {
        try {
          out.addAll(Mm4Addresses.parseList(MimeUtility.unfold(v)));
        } catch (IllegalArgumentException e) {
          throw new MmsMalformedException(e.getMessage(), -1, name, e);
        }
      }
    }
    return out;
  }

  private static Optional<Instant> date(MimeMessage m) throws MessagingException {
    Date d = m.getSentDate();
    return Optional.ofNullable(d).map(Date::toInstant);
  }

  private MmsMessage message(MimeMessage m, Optional<String> messageId)
      throws MessagingException, IOException, MmsMalformedException {
    MmsMessage.Builder b = MmsMessage.builder();
    firstAddress(m, "From").ifPresent(b::from);
    b.to(addresses(m, "To")).cc(addresses(m, "Cc"));
    Optional<String> subject = header(m, "Subject");
    if (subject.isPresent()) {
      try {
        b.subject(MimeUtility.decodeText(subject.get()));
      } catch (UnsupportedEncodingException e) {
        throw new MmsMalformedException("unknown charset " + e.getMessage(), -1, "Subject", e);
      }
    }
    messageId.ifPresent(b::messageId);
    date(m).ifPresent(b::date);
    readFields(m, b);
    List<MmsPart> parts = new ArrayList<>();
    MmsPart[] presentation = new MmsPart[1];
    readBody(m, parts, presentation, 0, new int[1]);
    b.parts(parts);
    if (presentation[0] != null) {
      b.presentation(presentation[0]);
    }
    return b.build();
  }

  private static void readFields(MimeMessage m, MmsMessage.Builder b)
      throws MessagingException, MmsMalformedException {
    Optional<String> v;
    try {
      if ((v = header(m, Mm4Headers.MESSAGE_CLASS)).isPresent()) {
        b.messageClass(Mm4Headers.messageClass(v.get()));
      }
      if ((v = header(m, Mm4Headers.PRIORITY)).isPresent()) {
        b.priority(Mm4Headers.priority(v.get()));
      }
      if ((v = header(m, Mm4Headers.SENDER_VISIBILITY)).isPresent()) {
        b.senderVisibility(Mm4Headers.senderVisibility(v.get()));
      }
      if ((v = header(m, Mm4Headers.CONTENT_CLASS)).isPresent()) {
        b.contentClass(ContentClass.fromToken(v.get()));
      }
    } catch (IllegalArgumentException e) {
      throw new MmsMalformedException(e.getMessage(), e);
    }
    if ((v = header(m, Mm4Headers.EXPIRY)).isPresent()) {
      b.expiry(timeSpec(v.get()));
    }
    b.deliveryReport(yesNo(m, Mm4Headers.DELIVERY_REPORT).orElse(Boolean.FALSE));
    b.readReport(yesNo(m, Mm4Headers.READ_REPLY).orElse(Boolean.FALSE));
    yesNo(m, Mm4Headers.ADAPTATION_ALLOWED).ifPresent(b::adaptationsAllowed);
    yesNo(m, Mm4Headers.DRM_CONTENT).ifPresent(b::drmContent);
    header(m, Mm4Headers.SERVICE_CODE).ifPresent(b::serviceCode);
    header(m, Mm4Headers.CHARGED_PARTY_ID).ifPresent(b::chargedPartyId);
    header(m, Mm4Headers.APPLIC_ID).ifPresent(b::applicId);
    header(m, Mm4Headers.REPLY_APPLIC_ID).ifPresent(b::replyApplicId);
    header(m, Mm4Headers.AUX_APPLIC_INFO).ifPresent(b::auxApplicInfo);
    Enumeration<jakarta.mail.Header> all = m.getAllHeaders();
    while (all.hasMoreElements()) {
      jakarta.mail.Header h = all.nextElement();
      if (h.getName().regionMatches(true, 0, "X-", 0, 2) && !READ_HEADERS.contains(h.getName())) {
        b.addExtraHeader(h.getName(), MimeUtility.unfold(h.getValue()).trim());
      }
    }
  }

  private static Optional<Boolean> yesNo(MimePart m, String name)
      throws MessagingException, MmsMalformedException {
    Optional<String> v = header(m, name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    Optional<Boolean> b = Mm4Headers.readYesNo(v.get());
    if (b.isEmpty()) {
      throw new MmsMalformedException("not Yes or No: " + v.get(), -1, name, null);
    }
    return b;
  }

  /** Seconds from now ({@code 600}) or an RFC 5322 date: MMSCs write both. */
  static TimeSpec timeSpec(String value) throws MmsMalformedException {
    String v = value.trim();
    if (!v.isEmpty() && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      if (v.length() > 12) {
        throw new MmsMalformedException("expiry out of range: " + v, -1, Mm4Headers.EXPIRY, null);
      }
      return TimeSpec.after(Duration.ofSeconds(Long.parseLong(v)));
    }
    try {
      return TimeSpec.at(new MailDateFormat().parse(v).toInstant());
    } catch (ParseException e) {
      throw new MmsMalformedException("not a date or seconds: " + v, -1, Mm4Headers.EXPIRY, e);
    }
  }

  /**
   * Collects the leaf parts of a body; the first {@code application/smil} part of a {@code
   * multipart/related} (the {@code start} one when named) becomes the presentation.
   */
  private void readBody(
      Part part, List<MmsPart> parts, MmsPart[] presentation, int depth, int[] partCount)
      throws MessagingException, IOException, MmsMalformedException {
    ContentType type = contentType(part);
    if (!type.mediaType().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
      parts.add(leaf((MimePart) part, type));
      return;
    }
    if (depth >= limits.maxDepth()) {
      throw new MmsMalformedException(
          "multiparts nested deeper than " + limits.maxDepth(), -1, "body", null);
    }
    String boundary =
        type.parameter("boundary")
            .orElseThrow(
                () -> new MmsMalformedException("multipart without boundary", -1, "body", null));
    try (InputStream raw = rawStream(part)) {
      partCount[0] += limits.checkMultipart(raw, boundary, partCount[0]);
    }
    MimeMultipart mp = new MimeMultipart(part.getDataHandler().getDataSource());
    String start = type.parameter("start").map(Mm4Headers::unquote).orElse(null);
    boolean related = type.mediaType().equalsIgnoreCase("multipart/related");
    for (int i = 0; i < mp.getCount(); i++) {
      Part child = mp.getBodyPart(i);
      if (related && presentation[0] == null && depth == 0 && isPresentation(child, start)) {
        presentation[0] = leaf((MimePart) child, contentType(child));
      } else {
        readBody(child, parts, presentation, depth + 1, partCount);
      }
    }
  }

  private static boolean isPresentation(Part child, String start)
      throws MessagingException, MmsMalformedException {
    if (start != null) {
      String cid = ((MimePart) child).getContentID();
      return cid != null && Mm4Headers.unquote(cid).equals(start);
    }
    return contentType(child).mediaType().equalsIgnoreCase("application/smil");
  }

  private static InputStream rawStream(Part part) throws MessagingException {
    if (part instanceof MimeMessage) {
      return ((MimeMessage) part).getRawInputStream();
    }
    return ((jakarta.mail.internet.MimeBodyPart) part).getRawInputStream();
  }

  private static ContentType contentType(Part part)
      throws MessagingException, MmsMalformedException {
    String ct = ((MimePart) part).getHeader("Content-Type", null);
    if (ct == null) {
      return ContentType.TEXT_PLAIN;
    }
    try {
      return ContentType.parse(MimeUtility.unfold(ct));
    } catch (IllegalArgumentException e) {
      throw new MmsMalformedException(e.getMessage(), -1, "Content-Type", e);
    }
  }

  /** A leaf part, decoded now so that undecodable content is refused before the mail is taken. */
  private static MmsPart leaf(MimePart p, ContentType type)
      throws MessagingException, IOException, MmsMalformedException {
    byte[] body;
    try (InputStream in = p.getInputStream()) {
      body = in.readAllBytes();
    } catch (IOException e) {
      throw new MmsMalformedException(
          "cannot decode " + p.getEncoding() + " content: " + e.getMessage(),
          -1,
          "part " + type.mediaType(),
          e);
    }
    MmsPart.Builder b = MmsPart.builder().contentType(type).body(body);
    String cid = p.getContentID();
    if (cid != null) {
      b.contentId(Mm4Headers.unquote(cid));
    }
    String location = p.getHeader("Content-Location", null);
    if (location != null) {
      b.contentLocation(MimeUtility.unfold(location).trim());
    }
    String disposition = p.getHeader("Content-Disposition", null);
    if (disposition != null) {
      b.disposition(p.getDisposition());
      String name = p.getFileName();
      if (name != null) {
        b.fileName(name);
      }
    }
    return b.build();
  }

  private DeliveryReport deliveryReport(MimeMessage m, String messageId, InboundContext context)
      throws MessagingException, MmsMalformedException {
    Optional<String> raw =
        header(m, Mm4Headers.MM_STATUS_CODE).or(() -> headerQuiet(m, Mm4Headers.MM1_STATUS));
    String status = require(raw, Mm4Headers.MM_STATUS_CODE);
    Optional<String> text = header(m, Mm4Headers.STATUS_TEXT);
    Optional<String> extension = header(m, Mm4Headers.MM_STATUS_EXTENSION);
    if (text.isEmpty()) {
      text = extension;
    }
    return new DeliveryReport(
        messageId,
        firstAddress(m, "From"),
        firstAddress(m, "To"),
        date(m),
        DeliveryStatus.fromText(status),
        status,
        text,
        context);
  }

  private ReadReply readReply(MimeMessage m, String messageId, InboundContext context)
      throws MessagingException, MmsMalformedException {
    Optional<String> raw =
        header(m, Mm4Headers.READ_STATUS).or(() -> headerQuiet(m, Mm4Headers.MM_READ_STATUS));
    String status = require(raw, Mm4Headers.READ_STATUS);
    String squeezed = status.replace(" ", "").replace("-", "");
    return new ReadReply(
        messageId,
        firstAddress(m, "From"),
        firstAddress(m, "To"),
        date(m),
        ReadStatus.fromText(squeezed),
        status,
        header(m, Mm4Headers.STATUS_TEXT),
        context);
  }

  private static Optional<String> headerQuiet(MimePart m, String name) {
    try {
      return header(m, name);
    } catch (MessagingException e) {
      return Optional.empty();
    }
  }
}
