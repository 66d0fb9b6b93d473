package org.mmskit.mm7.internal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.InboundContext;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.ReadReply;
import org.mmskit.core.ReadStatus;

/**
 * The body of an MM7 SOAP envelope: one request, response or fault. Immutable values; every
 * optional field is an {@link Optional}, never null.
 *
 * <p>Requests carrying content ({@link SubmitReq}, {@link ReplaceReq}, {@link DeliverReq}) hold an
 * {@link MmsMessage}: its parts are the MIME content, and the message fields map to the MM7
 * elements (recipients, subject, priority, ...). VASP to MMSC: {@link SubmitReq}, {@link
 * CancelReq}, {@link ReplaceReq} and their responses. MMSC to VASP: {@link DeliverReq}, {@link
 * DeliveryReportReq}, {@link ReadReplyReq} and their responses. Either way: {@link ErrorRsp} and
 * {@link Fault}.
 */
public sealed interface Mm7Body {

  /** The element name of this body, e.g. {@code SubmitReq}. */
  String elementName();

  /** An MM7 {@code Status}: code, text and optional free-text details. */
  record Status(int code, String text, Optional<String> details) {
    public Status {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(details, "details");
    }

    public static Status of(int code, String text) {
      return new Status(code, text, Optional.empty());
    }

    /** 1000 Success. */
    public static Status success() {
      return of(1000, "Success");
    }

    /** True for 1xxx codes. */
    public boolean isSuccess() {
      return code >= 1000 && code < 2000;
    }
  }

  /** A response: every response has a status. */
  sealed interface Response extends Mm7Body {
    Status status();
  }

  /**
   * VASP to MMSC: submit a message. Sender address is {@code message.from()}; {@code TimeStamp} is
   * {@code message.date()}.
   */
  record SubmitReq(Optional<String> vaspId, Optional<String> vasId, MmsMessage message)
      implements Mm7Body {
    public SubmitReq {
      Objects.requireNonNull(vaspId, "vaspId");
      Objects.requireNonNull(vasId, "vasId");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String elementName() {
      return "SubmitReq";
    }
  }

  /** The MMSC's answer to a submit. {@code messageId} is empty if the MMSC sent none. */
  record SubmitRsp(Status status, String messageId) implements Response {
    public SubmitRsp {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(messageId, "messageId");
    }

    @Override
    public String elementName() {
      return "SubmitRsp";
    }
  }

  /** VASP to MMSC: cancel an earlier message. */
  record CancelReq(
      Optional<String> vaspId, Optional<String> vasId, Optional<Address> sender, String messageId)
      implements Mm7Body {
    public CancelReq {
      Objects.requireNonNull(vaspId, "vaspId");
      Objects.requireNonNull(vasId, "vasId");
      Objects.requireNonNull(sender, "sender");
      Objects.requireNonNull(messageId, "messageId");
    }

    @Override
    public String elementName() {
      return "CancelReq";
    }
  }

  /** The answer to a cancel. */
  record CancelRsp(Status status) implements Response {
    public CancelRsp {
      Objects.requireNonNull(status, "status");
    }

    @Override
    public String elementName() {
      return "CancelRsp";
    }
  }

  /**
   * VASP to MMSC: replace an earlier message's content. From {@code message} the parts, {@code
   * serviceCode}, {@code date} (TimeStamp), {@code readReport}, {@code earliestDelivery}, {@code
   * distributionIndicator}, {@code contentClass}, {@code drmContent}, {@code adaptationsAllowed}
   * and the application IDs are used; its sender address goes into {@code SenderIdentification}.
   */
  record ReplaceReq(
      Optional<String> vaspId, Optional<String> vasId, String messageId, MmsMessage message)
      implements Mm7Body {
    public ReplaceReq {
      Objects.requireNonNull(vaspId, "vaspId");
      Objects.requireNonNull(vasId, "vasId");
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String elementName() {
      return "ReplaceReq";
    }
  }

  /** The answer to a replace. */
  record ReplaceRsp(Status status) implements Response {
    public ReplaceRsp {
      Objects.requireNonNull(status, "status");
    }

    @Override
    public String elementName() {
      return "ReplaceRsp";
    }
  }

  /**
   * MMSC to VASP: a message from a subscriber. {@code message.from()} is the {@code Sender}, its
   * recipients the {@code Recipients}, {@code date} the TimeStamp, {@code linkedId}, {@code
   * subject}, {@code priority} and the application IDs map to their elements; its parts are the
   * content.
   */
  record DeliverReq(
      Optional<String> relayServerId,
      Optional<String> vaspId,
      Optional<String> vasId,
      Optional<String> replyChargingId,
      Optional<String> uaProf,
      MmsMessage message)
      implements Mm7Body {
    public DeliverReq {
      Objects.requireNonNull(relayServerId, "relayServerId");
      Objects.requireNonNull(vaspId, "vaspId");
      Objects.requireNonNull(vasId, "vasId");
      Objects.requireNonNull(replyChargingId, "replyChargingId");
      Objects.requireNonNull(uaProf, "uaProf");
      Objects.requireNonNull(message, "message");
    }

    /** A DeliverReq with only the message. */
    public static DeliverReq of(MmsMessage message) {
      return new DeliverReq(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          message);
    }

    /** The model value handed to an {@code MmsListener}. */
    public IncomingMessage toIncomingMessage(InboundContext context) {
      return new IncomingMessage(message, context);
    }

    @Override
    public String elementName() {
      return "DeliverReq";
    }
  }

  /** The VASP's answer to a DeliverReq. */
  record DeliverRsp(Status status, Optional<String> serviceCode) implements Response {
    public DeliverRsp {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(serviceCode, "serviceCode");
    }

    @Override
    public String elementName() {
      return "DeliverRsp";
    }
  }

  /**
   * MMSC to VASP: a delivery report. {@code mmStatus} is the status word as written (e.g. {@code
   * Retrieved}); recipient, sender and date are required by the schema but optional here because
   * real MMSCs omit them.
   */
  record DeliveryReportReq(
      Optional<String> relayServerId,
      String messageId,
      Optional<Address> recipient,
      Optional<Address> sender,
      Optional<Instant> date,
      String mmStatus,
      Optional<String> mmStatusExtension,
      Optional<String> statusText,
      Optional<String> applicId,
      Optional<String> replyApplicId,
      Optional<String> auxApplicInfo,
      Optional<String> uaProf)
      implements Mm7Body {
    public DeliveryReportReq {
      Objects.requireNonNull(relayServerId, "relayServerId");
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(recipient, "recipient");
      Objects.requireNonNull(sender, "sender");
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(mmStatus, "mmStatus");
      Objects.requireNonNull(mmStatusExtension, "mmStatusExtension");
      Objects.requireNonNull(statusText, "statusText");
      Objects.requireNonNull(applicId, "applicId");
      Objects.requireNonNull(replyApplicId, "replyApplicId");
      Objects.requireNonNull(auxApplicInfo, "auxApplicInfo");
      Objects.requireNonNull(uaProf, "uaProf");
    }

    /** A report with the required fields only. */
    public static DeliveryReportReq of(
        String messageId, Address recipient, Address sender, Instant date, String mmStatus) {
      return new DeliveryReportReq(
          Optional.empty(),
          messageId,
          Optional.of(recipient),
          Optional.of(sender),
          Optional.of(date),
          mmStatus,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
    }

    /** The model value handed to an {@code MmsListener}. */
    public DeliveryReport toDeliveryReport(InboundContext context) {
      return new DeliveryReport(
          messageId,
          recipient,
          sender,
          date,
          DeliveryStatus.fromText(mmStatus),
          mmStatus,
          statusText,
          context);
    }

    @Override
    public String elementName() {
      return "DeliveryReportReq";
    }
  }

  /** The VASP's answer to a delivery report. */
  record DeliveryReportRsp(Status status) implements Response {
    public DeliveryReportRsp {
      Objects.requireNonNull(status, "status");
    }

    @Override
    public String elementName() {
      return "DeliveryReportRsp";
    }
  }

  /** MMSC to VASP: a read reply. {@code mmStatus} is the read status word (e.g. {@code Read}). */
  record ReadReplyReq(
      Optional<String> relayServerId,
      String messageId,
      Optional<Address> recipient,
      Optional<Address> sender,
      Optional<Instant> timeStamp,
      String mmStatus,
      Optional<String> statusText,
      Optional<String> applicId,
      Optional<String> replyApplicId,
      Optional<String> auxApplicInfo)
      implements Mm7Body {
    public ReadReplyReq {
      Objects.requireNonNull(relayServerId, "relayServerId");
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(recipient, "recipient");
      Objects.requireNonNull(sender, "sender");
      Objects.requireNonNull(timeStamp, "timeStamp");
      Objects.requireNonNull(mmStatus, "mmStatus");
      Objects.requireNonNull(statusText, "statusText");
      Objects.requireNonNull(applicId, "applicId");
      Objects.requireNonNull(replyApplicId, "replyApplicId");
      Objects.requireNonNull(auxApplicInfo, "auxApplicInfo");
    }

    /** A read reply with the required fields only. */
    public static ReadReplyReq of(
        String messageId, Address recipient, Address sender, Instant timeStamp, String mmStatus) {
      return new ReadReplyReq(
          Optional.empty(),
          messageId,
          Optional.of(recipient),
          Optional.of(sender),
          Optional.of(timeStamp),
          mmStatus,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
    }

    /** The model value handed to an {@code MmsListener}. */
    public ReadReply toReadReply(InboundContext context) {
      return new ReadReply(
          messageId,
          recipient,
          sender,
          timeStamp,
          ReadStatus.fromText(mmStatus),
          mmStatus,
          statusText,
          context);
    }

    @Override
    public String elementName() {
      return "ReadReplyReq";
    }
  }

  /** The VASP's answer to a read reply. */
  record ReadReplyRsp(Status status) implements Response {
    public ReadReplyRsp {
      Objects.requireNonNull(status, "status");
    }

    @Override
    public String elementName() {
      return "ReadReplyRsp";
    }
  }

  /**
   * {@code RSErrorRsp} (sent by the MMSC, {@code fromRelay} true) or {@code VASPErrorRsp} (sent by
   * the VASP; also read from {@code MM7VASPErrorRsp}). Usually found inside a {@link Fault}.
   */
  record ErrorRsp(boolean fromRelay, Status status) implements Response {
    public ErrorRsp {
      Objects.requireNonNull(status, "status");
    }

    @Override
    public String elementName() {
      return fromRelay ? "RSErrorRsp" : "VASPErrorRsp";
    }
  }

  /** A SOAP 1.1 fault, with the MM7 error response from its {@code detail} when present. */
  record Fault(String faultCode, String faultString, Optional<ErrorRsp> detail) implements Mm7Body {
    public Fault {
      Objects.requireNonNull(faultCode, "faultCode");
      Objects.requireNonNull(faultString, "faultString");
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String elementName() {
      return "Fault";
    }
  }
}
