package org.mmskit.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The MMSC's answer to an accepted cancel or replace.
 *
 * @param statusCode the MMSC's status code (MM7 1000 for success)
 * @param statusText the status text, empty if none was sent
 * @param transactionId the transaction ID of the exchange, if the transport has one
 */
public record OperationResult(int statusCode, String statusText, Optional<String> transactionId) {
  public OperationResult {
    Objects.requireNonNull(statusText, "statusText");
    Objects.requireNonNull(transactionId, "transactionId");
  }
}
