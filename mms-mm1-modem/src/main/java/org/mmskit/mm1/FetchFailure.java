package org.mmskit.mm1;

import java.util.Objects;
import java.util.Optional;

/**
 * A message announced to the modem that the listener gave up fetching, because it cannot be had any
 * more: the MMSC answered that it does not have it, refused it for good, or the notification's
 * expiry passed. The MMSC has been told (m-notifyresp-ind Rejected, or Unrecognised for a
 * notification that could not be used) and the notification's SMS deleted. Transient failures never
 * end here: those are retried.
 *
 * @param contentLocation the notification's X-Mms-Content-Location, empty when it had none
 * @param transactionId the notification's X-Mms-Transaction-ID
 * @param from the sender as the notification gives it, if it does
 * @param subject the subject as the notification gives it, if it does
 * @param reason why the listener gave up
 * @param detail what the MMSC answered, e.g. {@code HTTP 404 Not Found}
 */
public record FetchFailure(
    Optional<String> contentLocation,
    String transactionId,
    Optional<String> from,
    Optional<String> subject,
    Reason reason,
    String detail) {

  /** Why a message could not be fetched. */
  public enum Reason {
    /** The MMSC answered the fetch with HTTP 404 or 410. */
    NOT_FOUND,
    /** The MMSC answered with a permanent X-Mms-Retrieve-Status. */
    REFUSED,
    /** The notification's X-Mms-Expiry passed before the message could be fetched. */
    EXPIRED,
    /** The notification cannot be used (no Content-Location, or an MMS version not spoken). */
    UNRECOGNISED
  }

  public FetchFailure {
    Objects.requireNonNull(contentLocation, "contentLocation");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }
}
