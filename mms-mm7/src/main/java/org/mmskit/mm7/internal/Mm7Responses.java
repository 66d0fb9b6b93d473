package org.mmskit.mm7.internal;

import java.util.Objects;
import java.util.Optional;
import org.mmskit.core.Acknowledgement;
import org.mmskit.mm7.Mm7Dialect;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7Body.Status;

/**
 * Builds the answer to a received request, as a listener sends it: same TransactionID, same
 * namespace and MM7Version, the matching response element. Stateless.
 */
public final class Mm7Responses {
  private Mm7Responses() {}

  /**
   * The response to {@code request} carrying {@code ack}: DeliverRsp, DeliveryReportRsp,
   * ReadReplyRsp, CancelRsp or ReplaceRsp. A SubmitReq needs a message ID: use {@link
   * #submitAnswer}.
   *
   * @throws IllegalArgumentException if {@code request} is not a request this side answers
   */
  public static Mm7Envelope answer(Mm7Envelope request, Acknowledgement ack) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(ack, "ack");
    Status s = Status.of(ack.statusCode(), ack.statusText());
    Mm7Body b = request.body();
    Mm7Body rsp;
    if (b instanceof Mm7Body.DeliverReq) {
      rsp = new Mm7Body.DeliverRsp(s, Optional.empty());
    } else if (b instanceof Mm7Body.DeliveryReportReq) {
      rsp = new Mm7Body.DeliveryReportRsp(s);
    } else if (b instanceof Mm7Body.ReadReplyReq) {
      rsp = new Mm7Body.ReadReplyRsp(s);
    } else if (b instanceof Mm7Body.CancelReq) {
      rsp = new Mm7Body.CancelRsp(s);
    } else if (b instanceof Mm7Body.ReplaceReq) {
      rsp = new Mm7Body.ReplaceRsp(s);
    } else {
      throw new IllegalArgumentException("no response defined for " + b.elementName());
    }
    return new Mm7Envelope(request.transactionId(), request.version(), Mm7Dialect.STANDARD, rsp);
  }

  /** The SubmitRsp to a SubmitReq (as a test MMSC sends it). */
  public static Mm7Envelope submitAnswer(Mm7Envelope request, Status status, String messageId) {
    return new Mm7Envelope(
        request.transactionId(),
        request.version(),
        Mm7Dialect.STANDARD,
        new Mm7Body.SubmitRsp(status, messageId));
  }

  /**
   * A SOAP fault with an error response in its detail, for a request that could not be handled
   * (unreadable, unknown type, a failing callback). {@code faultcode} is {@code Client} for 2xxx
   * and 4xxx codes and {@code Server} for 3xxx.
   *
   * @param transactionId the request's TransactionID when it could be read
   * @param version the request's profile when known, else the one to answer in
   * @param fromRelay true for {@code RSErrorRsp} (MMSC side), false for {@code VASPErrorRsp}
   */
  public static Mm7Envelope fault(
      Optional<String> transactionId,
      Mm7Version version,
      boolean fromRelay,
      int code,
      String text) {
    String faultCode = code >= 3000 && code < 4000 ? "env:Server" : "env:Client";
    Mm7Body.ErrorRsp detail = new Mm7Body.ErrorRsp(fromRelay, Status.of(code, text));
    return new Mm7Envelope(
        transactionId,
        version,
        Mm7Dialect.STANDARD,
        new Mm7Body.Fault(faultCode, text, Optional.of(detail)));
  }
}
