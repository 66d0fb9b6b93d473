package org.mmskit.gateway.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.mmskit.core.MmsPart;
import org.mmskit.gateway.internal.jdbc.Transactions;

/**
 * The shared store: PostgreSQL, reached through the application's (pooled) {@link DataSource}.
 * Instances claim due jobs with {@code FOR UPDATE SKIP LOCKED}, so two never take the same one, and
 * hold them under leases that another instance takes over when they run out. Bodies kept apart are
 * {@code bytea} rows written in the enqueue transaction.
 */
public final class PostgresStore extends JdbcStore {
  /** Any constant: the key of the advisory lock held while the schema is migrated. */
  private static final long SCHEMA_LOCK = 0x6d6d73676eL;

  private final DataSource dataSource;

  public PostgresStore(DataSource dataSource) {
    this.dataSource = dataSource;
    migrate();
  }

  @Override
  String skipLocked() {
    return " FOR UPDATE SKIP LOCKED";
  }

  @Override
  String lockRows() {
    return " FOR UPDATE";
  }

  /**
   * Runs the work again when PostgreSQL ends the transaction as a deadlock or serialisation victim
   * (SQLSTATE class 40): nothing of it took effect.
   */
  @Override
  <T> T inTransaction(Tx<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return once(work);
      } catch (StoreException e) {
        if (attempt >= 3
            || !(e.getCause() instanceof SQLException s)
            || s.getSQLState() == null
            || !s.getSQLState().startsWith("40")) {
          throw e;
        }
      }
    }
  }

  private <T> T once(Tx<T> work) {
    try {
      return Transactions.run(dataSource, work::run);
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  @Override
  String claimSql() {
    return "UPDATE mmsgw_jobs j SET state = 'SENDING', lease_owner = ?, lease_until = ?,"
        + " attempts = j.attempts + 1 FROM (SELECT id FROM mmsgw_jobs WHERE route = ?"
        + " AND state = 'QUEUED' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?"
        + " FOR UPDATE SKIP LOCKED) due WHERE j.id = due.id RETURNING j.id, j.tracking_id,"
        + " j.route, j.connection, j.txn_id, j.attempts, j.in_doubt, j.created_at,"
        + " j.expires_at, j.payload";
  }

  @Override
  void saveBody(Connection c, String ref, MmsPart part) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO mmsgw_bodies (ref, data, tracking_id) VALUES (?, ?, ?)"
                + " ON CONFLICT (ref) DO NOTHING")) {
      s.setString(1, ref);
      s.setString(3, ref.substring(0, Math.max(0, ref.lastIndexOf('-'))));
      try (var in = part.openStream()) {
        long size = part.size().orElse(-1);
        if (size >= 0) {
          s.setBinaryStream(2, in, size);
        } else {
          s.setBytes(2, in.readAllBytes());
        }
        s.executeUpdate();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a part body", e);
    }
  }

  @Override
  void deleteEndedBodies(long cutoff) {
    // bodies are written in the enqueue transaction: each belongs to a stored message
    update(
        "DELETE FROM mmsgw_bodies b WHERE EXISTS (SELECT 1 FROM mmsgw_jobs j"
            + " WHERE j.tracking_id = b.tracking_id) AND NOT EXISTS (SELECT 1 FROM mmsgw_jobs j"
            + " WHERE j.tracking_id = b.tracking_id AND j.state IN ('QUEUED', 'SENDING'))");
  }

  @Override
  public MmsPart.BodySource openBody(String ref) {
    return () ->
        new ByteArrayInputStream(
            inTransaction(
                c -> {
                  try (PreparedStatement s =
                      c.prepareStatement("SELECT data FROM mmsgw_bodies WHERE ref = ?")) {
                    s.setString(1, ref);
                    try (ResultSet rs = s.executeQuery()) {
                      if (!rs.next()) {
                        throw new SQLException("stored body missing: " + ref);
                      }
                      return rs.getBytes(1);
                    }
                  }
                }));
  }

  @Override
  String dialect() {
    return "postgresql";
  }

  @Override
  void lockSchema(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      s.setLong(1, SCHEMA_LOCK);
      s.execute();
    }
  }

  @Override
  public RateLimiter rateLimiter(String route, int perSecond) {
    inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO mmsgw_rate_slots (route, slot, used_at)"
                      + " SELECT ?, g, 0 FROM generate_series(0, ? - 1) g"
                      + " ON CONFLICT DO NOTHING")) {
            s.setString(1, route);
            s.setInt(2, perSecond);
            s.executeUpdate();
          }
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM mmsgw_rate_slots WHERE route = ? AND slot >= ?")) {
            s.setString(1, route);
            s.setInt(2, perSecond);
            s.executeUpdate();
          }
          return null;
        });
    return now ->
        inTransaction(
            c -> {
              // the slot used longest ago; the window allows a permit when it is a second old
              try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT slot, used_at FROM mmsgw_rate_slots WHERE route = ?"
                          + " ORDER BY used_at, slot LIMIT 1 FOR UPDATE")) {
                s.setString(1, route);
                try (ResultSet rs = s.executeQuery()) {
                  if (!rs.next()) {
                    throw new SQLException("no rate slots for route " + route);
                  }
                  int slot = rs.getInt(1);
                  long wait = rs.getLong(2) + 1000 - now;
                  if (wait > 0) {
                    return wait;
                  }
                  try (PreparedStatement u =
                      c.prepareStatement(
                          "UPDATE mmsgw_rate_slots SET used_at = ? WHERE route = ? AND slot = ?")) {
                    u.setLong(1, now);
                    u.setString(2, route);
                    u.setInt(3, slot);
                    u.executeUpdate();
                  }
                  return 0L;
                }
              }
            });
  }

  @Override
  public void close() {
    // the data source belongs to the application
  }
}
