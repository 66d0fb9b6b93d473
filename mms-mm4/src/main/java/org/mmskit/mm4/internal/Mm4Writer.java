package org.mmskit.mm4.internal;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.Header;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.ReadStatus;
import org.mmskit.core.TimeSpec;
import org.mmskit.mm4.Mm4MessageType;

/** Writes MM4 mails: {@code MM4_forward.REQ} from the model, reports, and {@code .RES} answers. */
public final class Mm4Writer {
  /** Headers the writer sets itself; extra headers with these names are not copied. */
  private static final Set<String> OWN_HEADERS = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

  static {
    OWN_HEADERS.addAll(
        List.of(
            "From",
            "To",
            "Cc",
            "Bcc",
            "Sender",
            "Date",
            "Subject",
            "Message-ID",
            "MIME-Version",
            "Content-Type",
            "Content-Transfer-Encoding",
            Mm4Headers.VERSION,
            Mm4Headers.MESSAGE_TYPE,
            Mm4Headers.TRANSACTION_ID,
            Mm4Headers.MMS_MESSAGE_ID,
            Mm4Headers.ORIGINATOR_SYSTEM,
            Mm4Headers.ACK_REQUEST));
  }

  private final Session session;
  private final Mm4WriteOptions options;

  public Mm4Writer(Mm4WriteOptions options) {
    this.options = options;
    this.session = Session.getInstance(new Properties());
  }

  public Mm4WriteOptions options() {
    return options;
  }

  /** A fresh ID in our MMSC's domain. */
  public String newId() {
    return UUID.randomUUID().toString().replace("-", "") + "@" + options.mmscDomain();
  }

  /**
   * An {@code MM4_forward.REQ} carrying {@code message}, its parts streamed from their sources when
   * the mail is written.
   *
   * @throws IllegalArgumentException when the message has no sender or no recipient
   */
  public OutgoingMail forward(MmsMessage message, Address sender) {
    message.requireSendable();
    String transactionId = message.transactionId().orElseGet(this::newId);
    String messageId = message.messageId().orElseGet(this::newId);
    try {
      MimeMessage mail = new IdentifiedMail(session, messageId);
      String envelopeFrom = Mm4Addresses.format(sender, options.mmscDomain());
      setCommon(mail, Mm4MessageType.FORWARD_REQ, transactionId, messageId);
      mail.setHeader("Sender", envelopeFrom);
      mail.setHeader("From", Mm4Addresses.format(sender, headerDomain(options.mmscDomain())));
      setAddresses(mail, "To", message.to());
      setAddresses(mail, "Cc", message.cc());
      mail.setSentDate(Date.from(message.date().orElseGet(Instant::now)));
      mail.setHeader(Mm4Headers.ACK_REQUEST, Mm4Headers.yesNo(options.ackRequest()));
      if (message.subject().isPresent()) {
        String charset =
            message.subjectCharset().orElse(StandardCharsets.UTF_8).name().toLowerCase(Locale.ROOT);
        mail.setSubject(message.subject().get(), charset);
      }
      setOptional(mail, message);
      for (Header h : message.extraHeaders()) {
        if (!OWN_HEADERS.contains(h.name()) && mail.getHeader(h.name()) == null) {
          mail.addHeader(h.name(), h.value());
        }
      }
      mail.setContent(body(message));
      mail.saveChanges();
      List<String> rcpts = new ArrayList<>();
      for (Address a : message.recipients()) {
        if (!a.displayOnly()) {
          rcpts.add(Mm4Addresses.format(a, options.recipientDomain()));
        }
      }
      return outgoing(mail, envelopeFrom, rcpts, transactionId, messageId);
    } catch (MessagingException e) {
      throw new IllegalArgumentException("cannot write the MM4 mail: " + e.getMessage(), e);
    }
  }

  private static OutgoingMail outgoing(
      MimeMessage mail, String from, List<String> to, String transactionId, String messageId) {
    ((SMTPMessage) mail).setEnvelopeFrom(from);
    return new OutgoingMail(mail, from, to, transactionId, messageId);
  }

  private String headerDomain(String domain) {
    return options.domainInHeaders() ? domain : null;
  }

  private void setCommon(
      MimeMessage mail, Mm4MessageType type, String transactionId, String messageId)
      throws MessagingException {
    mail.setHeader(Mm4Headers.VERSION, options.version());
    mail.setHeader(Mm4Headers.MESSAGE_TYPE, type.token());
    mail.setHeader(Mm4Headers.TRANSACTION_ID, Mm4Headers.quote(transactionId));
    mail.setHeader(Mm4Headers.MMS_MESSAGE_ID, Mm4Headers.quote(messageId));
    mail.setHeader(Mm4Headers.ORIGINATOR_SYSTEM, options.originatorSystem());
  }

  private void setAddresses(MimeMessage mail, String name, List<Address> addresses)
      throws MessagingException {
    if (!addresses.isEmpty()) {
      String value =
          addresses.stream()
              .map(a -> Mm4Addresses.format(a, headerDomain(options.recipientDomain())))
              .collect(Collectors.joining(", "));
      mail.setHeader(name, MimeUtility.fold(name.length() + 2, value));
    }
  }

  private void setOptional(MimeMessage mail, MmsMessage m) throws MessagingException {
    if (m.messageClass().isPresent()) {
      mail.setHeader(Mm4Headers.MESSAGE_CLASS, Mm4Headers.token(m.messageClass().get()));
    }
    if (m.priority().isPresent()) {
      mail.setHeader(Mm4Headers.PRIORITY, Mm4Headers.token(m.priority().get()));
    }
    if (m.expiry().isPresent()) {
      mail.setHeader(Mm4Headers.EXPIRY, timeSpec(m.expiry().get()));
    }
    mail.setHeader(Mm4Headers.DELIVERY_REPORT, Mm4Headers.yesNo(m.deliveryReport()));
    mail.setHeader(Mm4Headers.READ_REPLY, Mm4Headers.yesNo(m.readReport()));
    if (m.senderVisibility().isPresent()) {
      mail.setHeader(Mm4Headers.SENDER_VISIBILITY, Mm4Headers.token(m.senderVisibility().get()));
    }
    setIf(mail, Mm4Headers.VASP_ID, options.vaspId());
    setIf(mail, Mm4Headers.VAS_ID, options.vasId());
    setIf(mail, Mm4Headers.SERVICE_CODE, m.serviceCode().orElse(null));
    setIf(mail, Mm4Headers.CHARGED_PARTY_ID, m.chargedPartyId().orElse(null));
    setIf(mail, Mm4Headers.APPLIC_ID, m.applicId().orElse(null));
    setIf(mail, Mm4Headers.REPLY_APPLIC_ID, m.replyApplicId().orElse(null));
    setIf(mail, Mm4Headers.AUX_APPLIC_INFO, m.auxApplicInfo().orElse(null));
    if (m.contentClass().isPresent()) {
      mail.setHeader(Mm4Headers.CONTENT_CLASS, m.contentClass().get().token());
    }
    if (m.adaptationsAllowed().isPresent()) {
      mail.setHeader(Mm4Headers.ADAPTATION_ALLOWED, Mm4Headers.yesNo(m.adaptationsAllowed().get()));
    }
    if (m.drmContent().isPresent()) {
      mail.setHeader(Mm4Headers.DRM_CONTENT, Mm4Headers.yesNo(m.drmContent().get()));
    }
  }

  private static void setIf(MimeMessage mail, String name, String value) throws MessagingException {
    if (value != null && !value.isEmpty()) {
      mail.setHeader(name, value);
    }
  }

  /** Absolute times as an RFC 5322 date, relative ones as seconds (both forms are in use). */
  static String timeSpec(TimeSpec t) {
    if (t.isRelative()) {
      return Long.toString(t.relative().orElseThrow().getSeconds());
    }
    return new MailDateFormat().format(Date.from(t.absolute().orElseThrow()));
  }

  private MimeMultipart body(MmsMessage message) throws MessagingException {
    MimeMultipart multipart;
    if (message.presentation().isPresent()) {
      MmsPart smil = message.presentation().get();
      ContentType ct = new ContentType("multipart", "related", null);
      ct.setParameter("type", smil.contentType().mediaType());
      smil.contentId().ifPresent(cid -> ct.setParameter("start", "<" + cid + ">"));
      multipart = new TypedMultipart(ct);
    } else {
      multipart = new MimeMultipart("mixed");
    }
    for (MmsPart part : message.allParts()) {
      multipart.addBodyPart(bodyPart(part));
    }
    return multipart;
  }

  private static MimeBodyPart bodyPart(MmsPart part) throws MessagingException {
    MimeBodyPart bp = new MimeBodyPart();
    bp.setDataHandler(new DataHandler(new PartDataSource(part)));
    bp.setHeader("Content-Type", part.contentType().toString());
    // Setting the encoding ourselves keeps Jakarta Mail from reading the body once to choose one.
    bp.setHeader("Content-Transfer-Encoding", isText(part) ? "quoted-printable" : "base64");
    if (part.contentId().isPresent()) {
      bp.setContentID("<" + part.contentId().get() + ">");
    }
    if (part.contentLocation().isPresent()) {
      bp.setHeader("Content-Location", part.contentLocation().get());
    }
    if (part.disposition().isPresent() || part.fileName().isPresent()) {
      bp.setDisposition(part.disposition().orElse(MimeBodyPart.ATTACHMENT));
      if (part.fileName().isPresent()) {
        bp.setFileName(part.fileName().get());
      }
    }
    for (Header h : part.headers()) {
      bp.addHeader(h.name(), h.value());
    }
    return bp;
  }

  private static boolean isText(MmsPart part) {
    String type = part.contentType().mediaType().toLowerCase(Locale.ROOT);
    return type.startsWith("text/") || type.equals("application/smil");
  }

  /**
   * A {@code .RES} answering a request: same transaction and message ID, the given request status,
   * an empty body, addressed to the requester's originator system.
   */
  public OutgoingMail response(
      Mm4MessageType type,
      String transactionId,
      String messageId,
      String requestStatus,
      String statusText,
      String to) {
    try {
      MimeMessage mail = new IdentifiedMail(session, newId());
      setCommon(mail, type.response(), transactionId, messageId);
      mail.setHeader(Mm4Headers.REQUEST_STATUS_CODE, requestStatus);
      setIf(mail, Mm4Headers.STATUS_TEXT, statusText);
      mail.setHeader("Sender", options.originatorSystem());
      mail.setHeader("To", to);
      mail.setSentDate(new Date());
      mail.setText("", "us-ascii");
      mail.saveChanges();
      return outgoing(mail, options.originatorSystem(), List.of(to), transactionId, messageId);
    } catch (MessagingException e) {
      throw new IllegalArgumentException("cannot write the MM4 response: " + e.getMessage(), e);
    }
  }

  /**
   * An {@code MM4_delivery_report.REQ}: {@code recipient} (whose status it tells) in {@code From},
   * the original {@code sender} in {@code To}.
   */
  public OutgoingMail deliveryReport(
      String messageId, Address recipient, Address sender, DeliveryStatus status, String text) {
    return report(
        Mm4MessageType.DELIVERY_REPORT_REQ,
        messageId,
        recipient,
        sender,
        Mm4Headers.MM_STATUS_CODE,
        status.mm7Name(),
        text);
  }

  /** An {@code MM4_read_reply_report.REQ}, addressed like a delivery report. */
  public OutgoingMail readReply(
      String messageId, Address recipient, Address sender, ReadStatus status) {
    String value = status == ReadStatus.DELETED ? "Deleted without being read" : status.mm7Name();
    return report(
        Mm4MessageType.READ_REPLY_REPORT_REQ,
        messageId,
        recipient,
        sender,
        Mm4Headers.READ_STATUS,
        value,
        null);
  }

  private OutgoingMail report(
      Mm4MessageType type,
      String messageId,
      Address recipient,
      Address sender,
      String statusHeader,
      String status,
      String text) {
    String transactionId = newId();
    try {
      MimeMessage mail = new IdentifiedMail(session, newId());
      setCommon(mail, type, transactionId, messageId);
      String from = Mm4Addresses.format(recipient, options.mmscDomain());
      mail.setHeader("Sender", from);
      mail.setHeader("From", Mm4Addresses.format(recipient, headerDomain(options.mmscDomain())));
      mail.setHeader("To", Mm4Addresses.format(sender, headerDomain(options.recipientDomain())));
      mail.setSentDate(new Date());
      mail.setHeader(Mm4Headers.ACK_REQUEST, Mm4Headers.yesNo(options.ackRequest()));
      mail.setHeader(statusHeader, status);
      setIf(mail, Mm4Headers.STATUS_TEXT, text);
      if (type == Mm4MessageType.DELIVERY_REPORT_REQ) {
        mail.setHeader(Mm4Headers.FORWARD_TO_ORIGINATOR_UA, "Yes");
      }
      mail.setText("", "us-ascii");
      mail.saveChanges();
      return outgoing(
          mail,
          from,
          List.of(Mm4Addresses.format(sender, options.recipientDomain())),
          transactionId,
          messageId);
    } catch (MessagingException e) {
      throw new IllegalArgumentException("cannot write the MM4 report: " + e.getMessage(), e);
    }
  }

  /**
   * A mail whose {@code Message-ID} is ours rather than one Jakarta Mail makes up, and which
   * carries its own {@code MAIL FROM} (header addresses have no domain, so they cannot serve).
   */
  private static final class IdentifiedMail extends SMTPMessage {
    private final String id;

    IdentifiedMail(Session session, String id) {
      super(session);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", "<" + id + ">");
    }
  }

  /**
   * A multipart whose Content-Type carries more than the boundary ({@code type}, {@code start}).
   */
  private static final class TypedMultipart extends MimeMultipart {
    TypedMultipart(ContentType type) throws MessagingException {
      super(type.getSubType());
      ContentType withBoundary = new ContentType(contentType);
      type.setParameter("boundary", withBoundary.getParameter("boundary"));
      contentType = type.toString();
    }
  }
}
