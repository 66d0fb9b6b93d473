package org.mmskit.gateway.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The outcomes the application is yet to be told: one row per message until the application took
 * its outcome. A message split across routes gets its row at enqueue, counting its deliveries not
 * yet final; the transaction that makes one final decrements it, so that with deliveries ending at
 * once on several instances exactly one sees the count reach zero and makes the outcome due. A
 * message of one delivery (the common case) gets its row, due at once, in the transaction that ends
 * that delivery: the enqueue writes nothing more than the job and its history line.
 */
final class OutcomeTable {
  private static final String ADD =
      "INSERT INTO mmsgw_outcomes (tracking_id, remaining) VALUES (?, ?)";

  private static final String ENDED_ALONE =
      "INSERT INTO mmsgw_outcomes (tracking_id, remaining, due_at) VALUES (?, 0, ?)"
          + " ON CONFLICT (tracking_id) DO NOTHING";

  private static final String FINALISED =
      "UPDATE mmsgw_outcomes SET remaining = remaining - ?,"
          + " due_at = CASE WHEN remaining = ? THEN ? ELSE due_at END WHERE tracking_id = ?";

  private final JdbcStore store;

  OutcomeTable(JdbcStore store) {
    this.store = store;
  }

  /** In the enqueue transaction: a message with this many deliveries. */
  void add(Connection c, String trackingId, int deliveries) throws SQLException {
    if (deliveries == 1) {
      return; // its row comes when the delivery ends
    }
    PreparedStatement s = store.prepare(c, ADD);
    try {
      s.setString(1, trackingId);
      s.setInt(2, deliveries);
      s.executeUpdate();
    } finally {
      store.done(s);
    }
  }

  /**
   * In the transaction that made deliveries final: how many per message. The rows are updated in
   * tracking ID order, the order every transaction locks them in, so that none deadlock.
   */
  void finalised(Connection c, SortedMap<String, Integer> counts, long now) throws SQLException {
    if (counts.isEmpty()) {
      return;
    }
    PreparedStatement s = store.prepare(c, FINALISED);
    PreparedStatement alone = store.prepare(c, ENDED_ALONE);
    try {
      for (Map.Entry<String, Integer> e : counts.entrySet()) {
        s.setInt(1, e.getValue());
        s.setInt(2, e.getValue());
        s.setLong(3, now);
        s.setString(4, e.getKey());
        if (s.executeUpdate() == 0) {
          // a message of one delivery: no row was written at enqueue
          alone.setString(1, e.getKey());
          alone.setLong(2, now);
          alone.executeUpdate();
        }
      }
    } finally {
      store.done(s);
      store.done(alone);
    }
  }

  List<Store.DueOutcome> claim(String owner, int max, long now, long leaseUntil) {
    return store.inTransaction(
        c -> {
          List<Store.DueOutcome> out = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE mmsgw_outcomes SET lease_owner = ?, due_at = ?, attempts = attempts + 1"
                      + " WHERE tracking_id IN (SELECT tracking_id FROM mmsgw_outcomes"
                      + " WHERE due_at <= ? ORDER BY due_at, tracking_id LIMIT ?"
                      + store.skipLocked()
                      + ") RETURNING tracking_id, attempts")) {
            s.setString(1, owner);
            s.setLong(2, leaseUntil);
            s.setLong(3, now);
            s.setInt(4, max);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(new Store.DueOutcome(rs.getString(1), rs.getInt(2)));
              }
            }
          }
          return out;
        });
  }

  void told(List<String> trackingIds) {
    if (trackingIds.isEmpty()) {
      return;
    }
    store.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM mmsgw_outcomes WHERE tracking_id = ?")) {
            for (String id : trackingIds.stream().sorted().toList()) {
              s.setString(1, id);
              s.addBatch();
            }
            s.executeBatch();
          }
          return null;
        });
  }

  void retry(String owner, String trackingId, long dueAt) {
    store.update(
        "UPDATE mmsgw_outcomes SET lease_owner = NULL, due_at = ?"
            + " WHERE tracking_id = ? AND lease_owner = ?",
        dueAt,
        trackingId,
        owner);
  }

  Optional<Long> nextDue() {
    return store.inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement("SELECT MIN(due_at) FROM mmsgw_outcomes");
              ResultSet rs = s.executeQuery()) {
            rs.next();
            long t = rs.getLong(1);
            return rs.wasNull() ? Optional.<Long>empty() : Optional.of(t);
          }
        });
  }

  /** In the lease renewal's transaction. */
  void renew(Connection c, String owner, long leaseUntil) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE mmsgw_outcomes SET due_at = ? WHERE tracking_id IN (SELECT tracking_id"
                + " FROM mmsgw_outcomes WHERE lease_owner = ? ORDER BY tracking_id"
                + store.lockRows()
                + ")")) {
      s.setLong(1, leaseUntil);
      s.setString(2, owner);
      s.executeUpdate();
    }
  }
}
