package org.mmskit.gateway.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mmskit.core.MmsPart;

/**
 * What the gateway needs from a queue store; one contract for the embedded (SQLite) and the shared
 * (PostgreSQL) store, checked by one set of behaviour tests. Every method that changes state has
 * committed durably when it returns. Times are epoch milliseconds from the gateway's clock.
 */
public interface Store extends AutoCloseable {

  /** One route's share of a submitted message. */
  record NewJob(
      String route,
      String connection,
      String txnId,
      long expiresAt,
      String recipients,
      byte[] payload) {}

  /** A job this instance now holds under a lease. */
  record ClaimedJob(
      long id,
      String trackingId,
      String route,
      String connection,
      String txnId,
      int attempt,
      boolean inDoubt,
      long createdAt,
      long expiresAt,
      byte[] payload) {}

  /** A line of a message's history. */
  record Event(
      String trackingId,
      long jobId,
      long at,
      String kind,
      int attempt,
      String connection,
      Integer statusCode,
      String detail,
      String recipient) {}

  /** A job as {@code status} shows it. */
  record JobRow(
      long id,
      String route,
      String connection,
      String state,
      int attempts,
      String txnId,
      String mmscMessageId,
      String reason,
      long createdAt) {}

  /** The job a report names, found by the MMSC's message ID. */
  record ReportTarget(long jobId, String trackingId, String recipients) {}

  /** How a job's attempt ended. {@code state} is QUEUED (try again at {@code nextAttemptAt}). */
  record Finish(
      String state, long nextAttemptAt, String mmscMessageId, String reason, List<Event> events) {}

  /**
   * Stores a submitted message's jobs, its first history lines and the bodies kept apart from the
   * payload ({@code bodies} maps a reference to its part), in one transaction.
   */
  void enqueue(String trackingId, long now, List<NewJob> jobs, Map<String, MmsPart> bodies);

  /** Opens a body stored by {@link #enqueue}. */
  MmsPart.BodySource openBody(String ref);

  /**
   * Takes up to {@code max} due jobs of a route: they become SENDING under {@code owner}'s lease
   * until {@code leaseUntil}, and their attempt count grows by one. Two owners never get the same
   * job while its lease runs.
   */
  List<ClaimedJob> claim(String route, String owner, int max, long now, long leaseUntil);

  /** Extends every lease {@code owner} holds, on jobs and on outcomes being told. */
  void renewLeases(String owner, long leaseUntil);

  /**
   * Puts jobs whose lease ran out (their owner died) back in the queue, marked in doubt: whether
   * their last attempt reached the MMSC is unknown. Returns how many.
   */
  int recoverExpiredLeases(long now);

  /**
   * Ends an attempt. Applies only while {@code owner} still holds the job's lease; returns false
   * (and changes nothing) when it does not.
   */
  boolean finish(long jobId, String owner, Finish finish);

  /** Gives back claimed jobs that were never tried, as if they had not been claimed. */
  void release(String owner, List<Long> jobIds);

  /** Cancels the queued jobs of a message; returns how many. */
  int cancel(String trackingId, long now);

  /** A message's jobs, oldest first; empty when the tracking ID is unknown. */
  List<JobRow> jobs(String trackingId);

  /** A message's history, oldest first. */
  List<Event> events(String trackingId);

  /** Jobs of a route not yet finished (queued or being sent). */
  long queueDepth(String route);

  /** When the next queued job of a route is due, if one is queued. */
  Optional<Long> nextDue(String route);

  /** The job the MMSC gave this message ID to. */
  Optional<ReportTarget> findByMmscMessageId(String mmscMessageId);

  /** What {@link #recordReport} found. */
  enum ReportClaim {
    /** The caller holds the report (under a lease) and hands it to the application. */
    HAND_OVER,
    /** The application took it before: acknowledge without handing it over again. */
    FORWARDED,
    /** Another caller is handing it over right now: the MMSC should send it again later. */
    BUSY
  }

  /**
   * Records a report under its de-duplication key with its history line, unless the key is known,
   * and claims the handing over until {@code leaseUntil} when nobody took or holds it. Two callers
   * never both get {@link ReportClaim#HAND_OVER} while the lease runs.
   */
  ReportClaim recordReport(String reportKey, Event event, long now, long leaseUntil);

  /** Notes that the report was handed to the application. */
  void markReportForwarded(String reportKey);

  /** Gives up the claim on a report the application did not take. */
  void releaseReport(String reportKey);

  /**
   * True while a job is being sent: a report naming an MMSC message ID the store does not know may
   * be about it, its result not yet stored.
   */
  boolean anySending();

  /** A report kept until the MMSC message ID it names is stored, held under a lease. */
  record HeldReport(
      String reportKey, String mmscMessageId, long receivedAt, int attempt, byte[] payload) {}

  /**
   * Keeps a report, due to be looked at from {@code dueAt}; false (and nothing changes) when one is
   * kept under the key already.
   */
  boolean holdReport(String reportKey, String mmscMessageId, long now, long dueAt, byte[] payload);

  /**
   * Takes up to {@code max} due kept reports under {@code owner}'s lease until {@code leaseUntil}.
   */
  List<HeldReport> claimHeldReports(String owner, int max, long now, long leaseUntil);

  /** Forgets a kept report: it was handed over. */
  void dropHeldReport(String reportKey);

  /** Gives back a kept report, to be looked at again from {@code dueAt}. */
  void retryHeldReport(String owner, String reportKey, long dueAt);

  /** A message whose outcome is due to be told, held under a lease; attempt counts the takings. */
  record DueOutcome(String trackingId, int attempt) {}

  /**
   * Takes up to {@code max} outcomes due to be told (every delivery of the message is final, and
   * the application was not yet told) under {@code owner}'s lease until {@code leaseUntil}. Two
   * owners never hold the same one while its lease runs; when it runs out, the outcome is due
   * again.
   */
  List<DueOutcome> claimOutcomes(String owner, int max, long now, long leaseUntil);

  /** Notes that the application was told these outcomes: they are not told again. */
  void outcomesTold(List<String> trackingIds);

  /** Gives back an outcome the application did not take, to be told again at {@code dueAt}. */
  void retryOutcome(String owner, String trackingId, long dueAt);

  /** When the next outcome is due to be told, if one is waiting. */
  Optional<Long> nextOutcomeDue();

  /**
   * Deletes the stored bodies of every message that ended, and what is kept of messages that ended
   * before {@code cutoff}: jobs, history, report index entries, an outcome not told; and kept
   * reports received before it. Returns how many messages were deleted.
   */
  int purge(long cutoff);

  /** The rate limiter of a route; shared by every instance on the same store. */
  RateLimiter rateLimiter(String route, int perSecond);

  @Override
  void close();
}
