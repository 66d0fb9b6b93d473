package org.mmskit.testkit;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.mmskit.core.Transport;

/**
 * What the application's endpoint (the VASP) answered when {@link MockMmsc} sent it a message,
 * delivery report or read reply.
 *
 * @param transport MM7, EAIF or MM4
 * @param request what was sent: the MM7 element ({@code DeliverReq}, {@code DeliveryReportReq},
 *     {@code ReadReplyReq}) or the PDU type ({@code m-send-req}, {@code m-delivery-ind}, {@code
 *     m-read-orig-ind}) or the MM4 message type ({@code MM4_forward.REQ}, {@code
 *     MM4_delivery_report.REQ}, {@code MM4_read_reply_report.REQ}, {@code MM4_forward.RES})
 * @param messageId the message ID the request was about (for a delivery, the ID the mock gave it)
 * @param httpStatus the HTTP status of the answer (over MM4, the SMTP reply code), or 0 when no
 *     answer came (see {@code error})
 * @param statusCode the MM7 status code of the answer, when it carried one
 * @param statusText the MM7 status text or HTTP reason, empty if none
 * @param error why the exchange failed (connection refused, timeout, unreadable answer), if it did
 */
public record VaspAnswer(
    Transport transport,
    String request,
    String messageId,
    int httpStatus,
    OptionalInt statusCode,
    String statusText,
    Optional<String> error) {
  public VaspAnswer {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(statusCode, "statusCode");
    Objects.requireNonNull(statusText, "statusText");
    Objects.requireNonNull(error, "error");
  }

  /** True when the VASP answered 2xx and, over MM7, with a 1xxx status. */
  public boolean isSuccess() {
    return error.isEmpty()
        && httpStatus >= 200
        && httpStatus < 300
        && (statusCode.isEmpty() || statusCode.getAsInt() < 2000);
  }

  /**
   * One line saying what was refused and how, e.g. {@code the listener refused DeliveryReportReq
   * about mock-1 over MM7: HTTP 401 Unauthorized}.
   */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(isSuccess() ? "the listener accepted " : "the listener refused ")
        .append(request)
        .append(" about ")
        .append(messageId)
        .append(" over ")
        .append(transport)
        .append(": ");
    if (error.isPresent()) {
      sb.append(error.get());
    } else {
      sb.append(transport == Transport.MM4 ? "SMTP " : "HTTP ").append(httpStatus);
      statusCode.ifPresent(c -> sb.append(", status ").append(c));
      if (!statusText.isEmpty()) {
        sb.append(' ').append(statusText);
      }
    }
    return sb.toString();
  }
}
