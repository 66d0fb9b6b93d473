package org.mmskit.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A recipient read (or deleted unread) a message that asked for a read report (MM7 ReadReplyReq,
 * PDU m-read-orig-ind / m-read-rec-ind).
 *
 * @param messageId the ID of the message that was read
 * @param recipient who read it, when given
 * @param sender the original sender, when given
 * @param date when it was read, when given
 * @param status read, deleted, or indeterminate
 * @param rawStatus the status as the peer wrote it
 * @param statusText the peer's explanation, if any
 * @param context how the reply arrived
 */
public record ReadReply(
    String messageId,
    Optional<Address> recipient,
    Optional<Address> sender,
    Optional<Instant> date,
    ReadStatus status,
    String rawStatus,
    Optional<String> statusText,
    InboundContext context) {
  public ReadReply {
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
