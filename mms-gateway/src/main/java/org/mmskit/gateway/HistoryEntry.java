package org.mmskit.gateway;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One line of a message's history.
 *
 * @param at when it happened
 * @param kind what happened
 * @param route the route of the delivery it concerns
 * @param connection the connection used, for attempts
 * @param attempt the attempt number (0 before the first)
 * @param statusCode the MMSC's status code, when it gave one
 * @param detail what happened, in words (the MMSC's refusal, the transport failure)
 * @param recipient the recipient a report is about
 */
public record HistoryEntry(
    Instant at,
    Kind kind,
    String route,
    Optional<String> connection,
    int attempt,
    OptionalInt statusCode,
    String detail,
    Optional<String> recipient) {

  /** What a history line records. */
  public enum Kind {
    QUEUED,
    /** The MMSC accepted the message. */
    ACCEPTED,
    /** The attempt failed in a way worth trying again; a retry is scheduled. */
    RETRY,
    /** The attempt failed for good (a permanent refusal, the last attempt, the expiry). */
    FAILED,
    /**
     * The instance sending it stopped before the outcome was recorded: the MMSC may or may not have
     * the message, and it is sent again.
     */
    OUTCOME_UNKNOWN,
    CANCELLED,
    DELIVERY_REPORT,
    READ_REPLY
  }

  public HistoryEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(statusCode, "statusCode");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(recipient, "recipient");
  }
}
