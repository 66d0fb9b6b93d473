package org.mmskit.gateway.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.mmskit.core.MmsPart;
import org.mmskit.gateway.internal.jdbc.SchemaScripts;

/**
 * The SQL both stores share. Subclasses say how a connection is had, how due jobs are claimed,
 * where bodies are kept and how the schema is locked while it is migrated.
 */
abstract class JdbcStore implements Store {

  /** Work done in one transaction. */
  @FunctionalInterface
  interface Tx<T> {
    T run(Connection c) throws SQLException;
  }

  private static final String JOB_INSERT =
      "INSERT INTO mmsgw_jobs (tracking_id, route, connection, state, created_at, next_attempt_at,"
          + " expires_at, txn_id, recipients, payload)"
          + " VALUES (?, ?, ?, 'QUEUED', ?, ?, ?, ?, ?, ?) RETURNING id";

  private static final String EVENT_INSERT =
      "INSERT INTO mmsgw_events (tracking_id, job_id, at, kind, attempt, connection, status_code,"
          + " detail, recipient) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private final OutcomeTable outcomes = new OutcomeTable(this);
  private final ReportTable reports = new ReportTable(this);
  final Purge purge = new Purge(this);

  /** Runs {@code work} in a transaction, committed when it returns. */
  abstract <T> T inTransaction(Tx<T> work);

  /**
   * A statement for the hot paths (enqueue, claim, finish); hand it back with {@link #done}. A
   * store that keeps one connection may keep its statements prepared.
   */
  PreparedStatement prepare(Connection c, String sql) throws SQLException {
    return c.prepareStatement(sql);
  }

  /** Hands back a statement from {@link #prepare}. */
  void done(PreparedStatement s) throws SQLException {
    s.close();
  }

  /** The SQL that claims due jobs; parameters: owner, leaseUntil, route, now, max. */
  abstract String claimSql();

  /** Keeps a body apart from the payload, within the enqueue transaction when it can. */
  abstract void saveBody(Connection c, String ref, MmsPart part) throws SQLException;

  /** The name of the schema script for a version, e.g. {@code sqlite-1.sql}. */
  /** The scripts' prefix: {@code sqlite} or {@code postgresql}. */
  abstract String dialect();

  /** Serialises migrations of several instances starting at once, inside the transaction. */
  abstract void lockSchema(Connection c) throws SQLException;

  static final int SCHEMA_VERSION = 2;

  private static final SchemaScripts SCHEMA =
      new SchemaScripts(
          "mmsgw_schema",
          SCHEMA_VERSION,
          name -> JdbcStore.class.getResourceAsStream("sql/" + name),
          "the store");

  /** Creates or migrates the tables to {@link #SCHEMA_VERSION}. */
  final void migrate() {
    inTransaction(
        c -> {
          lockSchema(c);
          SCHEMA.migrate(c, dialect());
          return null;
        });
  }

  @Override
  public void enqueue(String trackingId, long now, List<NewJob> jobs, Map<String, MmsPart> bodies) {
    inTransaction(
        c -> {
          for (Map.Entry<String, MmsPart> e : bodies.entrySet()) {
            saveBody(c, e.getKey(), e.getValue());
          }
          outcomes.add(c, trackingId, jobs.size());
          PreparedStatement job = prepare(c, JOB_INSERT);
          PreparedStatement event = prepare(c, EVENT_INSERT);
          try {
            for (NewJob j : jobs) {
              job.setString(1, trackingId);
              job.setString(2, j.route());
              job.setString(3, j.connection());
              job.setLong(4, now);
              job.setLong(5, now);
              job.setLong(6, j.expiresAt());
              job.setString(7, j.txnId());
              job.setString(8, j.recipients());
              job.setBytes(9, j.payload());
              long id;
              try (ResultSet keys = job.executeQuery()) {
                keys.next();
                id = keys.getLong(1);
              }
              bindEvent(
                  event,
                  new Event(
                      trackingId,
                      id,
                      now,
                      "QUEUED",
                      0,
                      j.connection(),
                      null,
                      "queued on route " + j.route() + " for " + j.recipients(),
                      null));
              event.executeUpdate();
            }
          } finally {
            done(job);
            done(event);
          }
          return null;
        });
  }

  private static void bindEvent(PreparedStatement s, Event e) throws SQLException {
    s.setString(1, e.trackingId());
    s.setLong(2, e.jobId());
    s.setLong(3, e.at());
    s.setString(4, e.kind());
    s.setInt(5, e.attempt());
    s.setString(6, e.connection());
    if (e.statusCode() == null) {
      s.setNull(7, Types.INTEGER);
    } else {
      s.setInt(7, e.statusCode());
    }
    s.setString(8, e.detail());
    s.setString(9, e.recipient());
  }

  @Override
  public List<ClaimedJob> claim(String route, String owner, int max, long now, long leaseUntil) {
    return inTransaction(
        c -> {
          List<ClaimedJob> out = new ArrayList<>();
          PreparedStatement s = prepare(c, claimSql());
          try {
            s.setString(1, owner);
            s.setLong(2, leaseUntil);
            s.setString(3, route);
            s.setLong(4, now);
            s.setInt(5, max);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new ClaimedJob(
                        rs.getLong("id"),
                        rs.getString("tracking_id"),
                        rs.getString("route"),
                        rs.getString("connection"),
                        rs.getString("txn_id"),
                        rs.getInt("attempts"),
                        rs.getInt("in_doubt") != 0,
                        rs.getLong("created_at"),
                        rs.getLong("expires_at"),
                        rs.getBytes("payload")));
              }
            }
          } finally {
            done(s);
          }
          out.sort((a, b) -> Long.compare(a.id(), b.id()));
          return out;
        });
  }

  /** The columns a claim returns. */
  static final String CLAIMED_COLUMNS =
      "id, tracking_id, route, connection, txn_id, attempts, in_doubt, created_at, expires_at,"
          + " payload";

  /** Appended to a sub-select that picks rows to update, to lock them in its order. */
  abstract String lockRows();

  /** Appended to a sub-select that claims rows, to pass over those another claimer holds. */
  abstract String skipLocked();

  @Override
  public void renewLeases(String owner, long leaseUntil) {
    inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE mmsgw_jobs SET lease_until = ? WHERE id IN (SELECT id FROM mmsgw_jobs"
                      + " WHERE lease_owner = ? AND state = 'SENDING' ORDER BY id"
                      + lockRows()
                      + ")")) {
            s.setLong(1, leaseUntil);
            s.setString(2, owner);
            s.executeUpdate();
          }
          outcomes.renew(c, owner, leaseUntil);
          return null;
        });
  }

  @Override
  public int recoverExpiredLeases(long now) {
    return update(
        "UPDATE mmsgw_jobs SET state = 'QUEUED', in_doubt = 1, lease_owner = NULL,"
            + " lease_until = NULL WHERE id IN (SELECT id FROM mmsgw_jobs"
            + " WHERE state = 'SENDING' AND lease_until < ? ORDER BY id"
            + lockRows()
            + ")",
        now);
  }

  /** An outcome waiting to be written with others in one transaction. */
  private static final class PendingFinish {
    final long jobId;
    final String owner;
    final Finish finish;
    boolean written;
    boolean applied;
    String trackingId;
    RuntimeException failure;

    PendingFinish(long jobId, String owner, Finish finish) {
      this.jobId = jobId;
      this.owner = owner;
      this.finish = finish;
    }
  }

  private final ArrayDeque<PendingFinish> pendingFinishes = new ArrayDeque<>();
  private final ReentrantLock finishWriter = new ReentrantLock();

  /**
   * Group commit: outcomes recorded by many sender threads at once go into one transaction. Whoever
   * holds the writer lock writes everything queued so far, its own outcome included; the others
   * find theirs written when they get the lock.
   */
  @Override
  public boolean finish(long jobId, String owner, Finish f) {
    PendingFinish mine = new PendingFinish(jobId, owner, f);
    synchronized (pendingFinishes) {
      pendingFinishes.add(mine);
    }
    finishWriter.lock();
    try {
      if (!mine.written) {
        List<PendingFinish> batch;
        synchronized (pendingFinishes) {
          batch = new ArrayList<>(pendingFinishes);
          pendingFinishes.clear();
        }
        // rows are locked in ID order by every statement that touches several, so none deadlock
        batch.sort((x, y) -> Long.compare(x.jobId, y.jobId));
        try {
          inTransaction(
              c -> {
                SortedMap<String, Integer> ended = new TreeMap<>();
                long at = 0;
                for (PendingFinish p : batch) {
                  p.applied = apply(c, p);
                  if (p.applied && !p.finish.state().equals("QUEUED")) {
                    ended.merge(p.trackingId, 1, Integer::sum);
                    at = Math.max(at, p.finish.nextAttemptAt());
                  }
                }
                outcomes.finalised(c, ended, at);
                return null;
              });
        } catch (RuntimeException e) {
          batch.forEach(p -> p.failure = e);
        }
        batch.forEach(p -> p.written = true);
      }
    } finally {
      finishWriter.unlock();
    }
    if (mine.failure != null) {
      throw mine.failure;
    }
    return mine.applied;
  }

  private boolean apply(Connection c, PendingFinish p) throws SQLException {
    PreparedStatement s = prepare(c, FINISH);
    try {
      s.setString(1, p.finish.state());
      s.setLong(2, p.finish.nextAttemptAt());
      s.setString(3, p.finish.mmscMessageId());
      s.setString(4, p.finish.reason());
      s.setLong(5, p.jobId);
      s.setString(6, p.owner);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return false;
        }
        p.trackingId = rs.getString(1);
      }
    } finally {
      done(s);
    }
    insertEvents(c, p.finish.events());
    return true;
  }

  private static final String FINISH =
      "UPDATE mmsgw_jobs SET state = ?, next_attempt_at = ?,"
          + " mmsc_message_id = COALESCE(?, mmsc_message_id), reason = ?, in_doubt = 0,"
          + " lease_owner = NULL, lease_until = NULL"
          + " WHERE id = ? AND lease_owner = ? AND state = 'SENDING' RETURNING tracking_id";

  void insertEvents(Connection c, List<Event> events) throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    PreparedStatement s = prepare(c, EVENT_INSERT);
    try {
      for (Event e : events) {
        bindEvent(s, e);
        s.executeUpdate();
      }
    } finally {
      done(s);
    }
  }

  @Override
  public void release(String owner, List<Long> jobIds) {
    if (jobIds.isEmpty()) {
      return;
    }
    inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE mmsgw_jobs SET state = 'QUEUED', attempts = attempts - 1,"
                      + " lease_owner = NULL, lease_until = NULL"
                      + " WHERE id = ? AND lease_owner = ? AND state = 'SENDING'")) {
            for (long id : jobIds) {
              s.setLong(1, id);
              s.setString(2, owner);
              s.addBatch();
            }
            s.executeBatch();
          }
          return null;
        });
  }

  @Override
  public int cancel(String trackingId, long now) {
    return inTransaction(
        c -> {
          List<Long> ids = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE mmsgw_jobs SET state = 'CANCELLED', reason = 'cancelled by the"
                      + " application' WHERE tracking_id = ? AND state = 'QUEUED' RETURNING id,"
                      + " attempts")) {
            s.setString(1, trackingId);
            List<Event> events = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                ids.add(rs.getLong(1));
                events.add(
                    new Event(
                        trackingId,
                        rs.getLong(1),
                        now,
                        "CANCELLED",
                        rs.getInt(2),
                        null,
                        null,
                        "cancelled by the application",
                        null));
              }
            }
            insertEvents(c, events);
          }
          if (!ids.isEmpty()) {
            outcomes.finalised(c, new TreeMap<>(Map.of(trackingId, ids.size())), now);
          }
          return ids.size();
        });
  }

  @Override
  public List<JobRow> jobs(String trackingId) {
    return inTransaction(
        c -> {
          List<JobRow> out = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT id, route, connection, state, attempts, txn_id, mmsc_message_id,"
                      + " reason, created_at FROM mmsgw_jobs WHERE tracking_id = ? ORDER BY id")) {
            s.setString(1, trackingId);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new JobRow(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getInt(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getLong(9)));
              }
            }
          }
          return out;
        });
  }

  @Override
  public List<Event> events(String trackingId) {
    return inTransaction(
        c -> {
          List<Event> out = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT job_id, at, kind, attempt, connection, status_code, detail, recipient"
                      + " FROM mmsgw_events WHERE tracking_id = ? ORDER BY id")) {
            s.setString(1, trackingId);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                int code = rs.getInt(6);
                Integer status = rs.wasNull() ? null : code;
                out.add(
                    new Event(
                        trackingId,
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getInt(4),
                        rs.getString(5),
                        status,
                        rs.getString(7),
                        rs.getString(8)));
              }
            }
          }
          return out;
        });
  }

  @Override
  public long queueDepth(String route) {
    return inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM mmsgw_jobs WHERE route = ?"
                      + " AND state IN ('QUEUED', 'SENDING')")) {
            s.setString(1, route);
            try (ResultSet rs = s.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  @Override
  public Optional<Long> nextDue(String route) {
    return inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT MIN(next_attempt_at) FROM mmsgw_jobs WHERE route = ?"
                      + " AND state = 'QUEUED'")) {
            s.setString(1, route);
            try (ResultSet rs = s.executeQuery()) {
              rs.next();
              long t = rs.getLong(1);
              return rs.wasNull() ? Optional.<Long>empty() : Optional.of(t);
            }
          }
        });
  }

  @Override
  public Optional<ReportTarget> findByMmscMessageId(String mmscMessageId) {
    return reports.find(mmscMessageId);
  }

  @Override
  public ReportClaim recordReport(String reportKey, Event event, long now, long leaseUntil) {
    return reports.record(reportKey, event, now, leaseUntil);
  }

  @Override
  public void markReportForwarded(String reportKey) {
    reports.forwarded(reportKey);
  }

  @Override
  public void releaseReport(String reportKey) {
    reports.release(reportKey);
  }

  @Override
  public boolean anySending() {
    return reports.anySending();
  }

  @Override
  public boolean holdReport(
      String reportKey, String mmscMessageId, long now, long dueAt, byte[] payload) {
    return reports.hold(reportKey, mmscMessageId, now, dueAt, payload);
  }

  @Override
  public List<HeldReport> claimHeldReports(String owner, int max, long now, long leaseUntil) {
    return reports.claim(owner, max, now, leaseUntil);
  }

  @Override
  public void dropHeldReport(String reportKey) {
    reports.drop(reportKey);
  }

  @Override
  public void retryHeldReport(String owner, String reportKey, long dueAt) {
    reports.retry(owner, reportKey, dueAt);
  }

  @Override
  public List<DueOutcome> claimOutcomes(String owner, int max, long now, long leaseUntil) {
    return outcomes.claim(owner, max, now, leaseUntil);
  }

  @Override
  public void outcomesTold(List<String> trackingIds) {
    outcomes.told(trackingIds);
  }

  @Override
  public void retryOutcome(String owner, String trackingId, long dueAt) {
    outcomes.retry(owner, trackingId, dueAt);
  }

  @Override
  public Optional<Long> nextOutcomeDue() {
    return outcomes.nextDue();
  }

  @Override
  public int purge(long cutoff) {
    deleteEndedBodies(cutoff);
    return purge.run(cutoff);
  }

  /**
   * Deletes the bodies of messages that ended, and bodies no message names that are older than
   * {@code cutoff} (left by an enqueue that failed).
   */
  abstract void deleteEndedBodies(long cutoff);

  /** Runs one update statement in its own transaction. */
  final int update(String sql, Object... args) {
    return inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
              s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
          }
        });
  }
}
