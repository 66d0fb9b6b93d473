package org.mmskit.gateway.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what is kept of messages that ended before a cutoff: their jobs, history, report index
 * entries and any outcome not yet told; kept reports received before it. Messages go in batches,
 * each in one transaction, in tracking ID order so that instances purging at once do not deadlock.
 */
final class Purge {
  private static final Logger LOG = LoggerFactory.getLogger(Purge.class);
  private static final int BATCH = 500;

  private static final String[] DELETES = {
    "DELETE FROM mmsgw_reports WHERE job_id IN (SELECT id FROM mmsgw_jobs WHERE tracking_id = ?)",
    "DELETE FROM mmsgw_events WHERE tracking_id = ?",
    "DELETE FROM mmsgw_outcomes WHERE tracking_id = ?",
    "DELETE FROM mmsgw_jobs WHERE tracking_id = ?",
  };

  private final JdbcStore store;

  Purge(JdbcStore store) {
    this.store = store;
  }

  int run(long cutoff) {
    int total = 0;
    while (true) {
      List<String> ids = endedBefore(cutoff);
      if (ids.isEmpty()) {
        break;
      }
      int untold = delete(ids);
      if (untold > 0) {
        LOG.warn(
            "{} messages purged before their outcome was told (no outcome listener took them)",
            untold);
      }
      total += ids.size();
      if (ids.size() < BATCH) {
        break;
      }
    }
    store.update("DELETE FROM mmsgw_held_reports WHERE received_at < ?", cutoff);
    return total;
  }

  /** Messages whose every job is final and whose last one ended before the cutoff. */
  private List<String> endedBefore(long cutoff) {
    return store.inTransaction(
        c -> {
          List<String> out = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT tracking_id FROM mmsgw_jobs GROUP BY tracking_id"
                      + " HAVING SUM(CASE WHEN state IN ('QUEUED', 'SENDING') THEN 1 ELSE 0 END)"
                      + " = 0 AND MAX(next_attempt_at) < ? ORDER BY tracking_id LIMIT ?")) {
            s.setLong(1, cutoff);
            s.setInt(2, BATCH);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getString(1));
              }
            }
          }
          return out;
        });
  }

  /** Deletes the messages; returns how many had an outcome not told. */
  private int delete(List<String> ids) {
    return store.inTransaction(
        c -> {
          int untold = 0;
          for (String sql : DELETES) {
            try (PreparedStatement s = c.prepareStatement(sql)) {
              for (String id : ids) {
                s.setString(1, id);
                s.addBatch();
              }
              int[] counts = s.executeBatch();
              if (sql.contains("mmsgw_outcomes")) {
                for (int n : counts) {
                  untold += Math.max(0, n);
                }
              }
            }
          }
          return untold;
        });
  }

  /**
   * True when the message has jobs and all are final: its stored bodies are not needed any more.
   */
  boolean ended(String trackingId) {
    return store.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT COUNT(*), SUM(CASE WHEN state IN ('QUEUED', 'SENDING') THEN 1 ELSE 0"
                      + " END) FROM mmsgw_jobs WHERE tracking_id = ?")) {
            s.setString(1, trackingId);
            try (ResultSet rs = s.executeQuery()) {
              rs.next();
              return rs.getLong(1) > 0 && rs.getLong(2) == 0;
            }
          }
        });
  }

  /** True when no job of the message is stored (yet, or any more). */
  boolean unknown(String trackingId) {
    return store.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("SELECT 1 FROM mmsgw_jobs WHERE tracking_id = ? LIMIT 1")) {
            s.setString(1, trackingId);
            try (ResultSet rs = s.executeQuery()) {
              return !rs.next();
            }
          }
        });
  }
}
