package org.mmskit.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The MMSC tells whether a submitted message reached a recipient (MM7 DeliveryReportReq, PDU
 * m-delivery-ind).
 *
 * @param messageId the ID the MMSC gave the message at submit
 * @param recipient the recipient the report is about, when given
 * @param sender the original sender, when given
 * @param date when the status was reached, when given
 * @param status the outcome
 * @param rawStatus the status as the MMSC wrote it (e.g. {@code Retrieved}, {@code 0x81})
 * @param statusText the MMSC's explanation, if any
 * @param context how the report arrived
 */
public record DeliveryReport(
    String messageId,
    Optional<Address> recipient,
    Optional<Address> sender,
    Optional<Instant> date,
    DeliveryStatus status,
    String rawStatus,
    Optional<String> statusText,
    InboundContext context) {
  public DeliveryReport {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(rawStatus, "rawStatus");
    Objects.requireNonNull(statusText, "statusText");
    Objects.requireNonNull(context, "context");
  }
}
