package org.mmskit.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The MMSC's answer to an accepted submit.
 *
 * @param messageId the ID the MMSC gave the message (use it for cancel, replace and to match
 *     delivery reports)
 * @param statusCode the MMSC's status code: the MM7 code (1000 Success, 1100 Partial success) or,
 *     for transports without one, the HTTP or SMTP status
 * @param statusText the MMSC's status text, empty if it sent none
 * @param transactionId the transaction ID of the exchange, if the transport has one
 */
public record SubmitResult(
    String messageId, int statusCode, String statusText, Optional<String> transactionId) {
  public SubmitResult {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(statusText, "statusText");
    Objects.requireNonNull(transactionId, "transactionId");
  }

  /** True for MM7 1100 (Partial success): some recipients were refused. */
  public boolean isPartialSuccess() {
    return statusCode == 1100;
  }
}
