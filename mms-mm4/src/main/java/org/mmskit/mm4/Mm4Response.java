package org.mmskit.mm4;

import java.util.Objects;
import java.util.Optional;
import org.mmskit.core.InboundContext;

/**
 * A peer MMSC's answer ({@code MM4_forward.RES}, {@code MM4_delivery_report.RES} or {@code
 * MM4_read_reply_report.RES}) to a request sent earlier. It arrives as a mail of its own at the
 * {@link Mm4Listener}; match it to the submit by {@link #transactionId()}, which equals the {@code
 * SubmitResult.transactionId()} {@link Mm4Client#submit} returned.
 *
 * @param type which {@code .RES} it is
 * @param transactionId the {@code X-Mms-Transaction-ID} copied from the request, quotes removed
 * @param messageId the {@code X-Mms-Message-ID}, quotes removed, if sent
 * @param requestStatus the {@code X-Mms-Request-Status-Code} as written, e.g. {@code Ok} or {@code
 *     Error-service-denied}
 * @param statusText the {@code X-Mms-Status-Text}, if sent
 * @param context how it arrived
 */
public record Mm4Response(
    Mm4MessageType type,
    String transactionId,
    Optional<String> messageId,
    String requestStatus,
    Optional<String> statusText,
    InboundContext context) {
  public Mm4Response {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(requestStatus, "requestStatus");
    Objects.requireNonNull(statusText, "statusText");
    Objects.requireNonNull(context, "context");
    if (!type.isResponse()) {
      throw new IllegalArgumentException("not a response type: " + type);
    }
  }

  /** True when the peer accepted the request ({@code X-Mms-Request-Status-Code: Ok}). */
  public boolean isOk() {
    return requestStatus.trim().equalsIgnoreCase("Ok");
  }
}
