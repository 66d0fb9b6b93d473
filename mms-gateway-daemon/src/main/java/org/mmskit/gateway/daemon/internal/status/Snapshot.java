package org.mmskit.gateway.daemon.internal.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mmskit.core.Transport;
import org.mmskit.gateway.MessageState;

/**
 * What {@link Activity} holds at one moment, copied so that the page can print it without a lock.
 *
 * @param at when it was taken
 * @param connections every outgoing connection and its last result, in configuration order
 * @param routes the configured route names, in configuration order
 * @param messages the last messages submitted or finished, newest first
 * @param reports the last delivery reports and read replies, newest first
 * @param incoming the last incoming messages, newest first
 * @param errors the last errors, newest first
 * @param counts totals since the daemon started
 */
public record Snapshot(
    Instant at,
    List<Connection> connections,
    List<String> routes,
    List<Message> messages,
    List<Report> reports,
    List<Incoming> incoming,
    List<Error> errors,
    Counts counts) {

  public Snapshot {
    connections = List.copyOf(connections);
    routes = List.copyOf(routes);
    messages = List.copyOf(messages);
    reports = List.copyOf(reports);
    incoming = List.copyOf(incoming);
    errors = List.copyOf(errors);
  }

  /** The outcome of one request over a connection. */
  public record Result(Instant at, boolean ok, String detail) {}

  /**
   * An outgoing connection by name.
   *
   * @param last its last result; empty until it was used
   * @param ok how many requests succeeded
   * @param failed how many failed
   */
  public record Connection(String name, Optional<Result> last, long ok, long failed) {}

  /**
   * A message the daemon accepted.
   *
   * @param submittedAt when it was submitted (or, for one finished after a restart, first seen)
   * @param recipients where it goes
   * @param state its state when last told (the page asks the gateway for unfinished ones)
   * @param routes the routes it went over, once known
   * @param detail why it failed or was cancelled, or the MMSC's message ID when sent
   */
  public record Message(
      String trackingId,
      Instant submittedAt,
      List<String> recipients,
      MessageState state,
      List<String> routes,
      String detail) {
    public Message {
      recipients = List.copyOf(recipients);
      routes = List.copyOf(routes);
    }

    Message withState(MessageState newState, List<String> newRoutes, String newDetail) {
      return new Message(trackingId, submittedAt, recipients, newState, newRoutes, newDetail);
    }
  }

  /** The kinds of report. */
  public enum ReportKind {
    DELIVERY_REPORT,
    READ_REPLY
  }

  /**
   * A delivery report or read reply.
   *
   * @param trackingId the message it is about, when the gateway sent it
   * @param recipient the recipient it is about, when known
   * @param status the status as MMSKit reads it (e.g. {@code RETRIEVED}, {@code READ})
   * @param rawStatus the status as the MMSC wrote it
   * @param mmscMessageId the MMSC's message ID the report names
   */
  public record Report(
      Instant at,
      ReportKind kind,
      Optional<String> trackingId,
      Optional<String> recipient,
      String status,
      String rawStatus,
      String mmscMessageId) {}

  /** An incoming message, summarised: who, to whom, what subject, how many parts. */
  public record Incoming(
      Instant at,
      Transport transport,
      Optional<String> from,
      List<String> to,
      Optional<String> subject,
      int parts) {
    public Incoming {
      to = List.copyOf(to);
    }
  }

  /** Something that went wrong, and where. */
  public record Error(Instant at, String where, String what) {}

  /**
   * Totals since the daemon started.
   *
   * @param submitted messages accepted for sending
   * @param outcomes final outcomes by state (SENT, FAILED, CANCELLED)
   * @param reports reports by kind
   * @param incoming incoming messages
   * @param errors errors recorded
   */
  public record Counts(
      long submitted,
      Map<MessageState, Long> outcomes,
      Map<ReportKind, Long> reports,
      long incoming,
      long errors) {
    public Counts {
      outcomes = Map.copyOf(outcomes);
      reports = Map.copyOf(reports);
    }
  }
}
