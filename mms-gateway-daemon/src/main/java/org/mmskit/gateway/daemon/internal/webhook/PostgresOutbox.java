package org.mmskit.gateway.daemon.internal.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.mmskit.gateway.internal.jdbc.Transactions;
import org.mmskit.server.InboundResponse;

/**
 * The outbox in PostgreSQL tables shared by several daemon instances, reached through the
 * application's (pooled) {@link DataSource}. Instances claim due rows with {@code FOR UPDATE SKIP
 * LOCKED}, so two never take the same one, and hold them under a lease another instance may take
 * over once it runs out. Large part bodies are {@code bytea} in the transaction storing the event.
 */
final class PostgresOutbox extends Outbox {
  /** Any constant: the advisory lock held while the schema is migrated. */
  private static final long SCHEMA_LOCK = 0x6d6d736777680aL;

  private final DataSource dataSource;

  PostgresOutbox(DataSource dataSource) {
    this.dataSource = dataSource;
    migrate();
  }

  @Override
  <T> T inTransaction(Tx<T> work) {
    try {
      return Transactions.run(dataSource, work::run);
    } catch (SQLException e) {
      throw new StoreFailure("the webhook outbox failed: " + e.getMessage(), e);
    }
  }

  @Override
  String claimSql() {
    return "UPDATE mmsgwd_webhook_outbox o SET lease_owner = ?, lease_until = ? FROM"
        + " (SELECT id FROM mmsgwd_webhook_outbox WHERE target = ? AND next_attempt_at <= ?"
        + " AND (lease_until IS NULL OR lease_until < ?) ORDER BY next_attempt_at, id LIMIT ?"
        + " FOR UPDATE SKIP LOCKED) due WHERE o.id = due.id RETURNING o.id, o.event_id,"
        + " o.event_type, o.target, o.attempts, o.body";
  }

  @Override
  String forUpdate() {
    return " FOR UPDATE"; // instances starting together assign each waiting event once
  }

  @Override
  String partDataColumn() {
    return ", data";
  }

  @Override
  void bindPartData(PreparedStatement s, int index, NewPart p) throws SQLException {
    try (InputStream in = p.source().openStream()) {
      // read here: the driver reads a stream only when the statement runs, after this closes it
      s.setBytes(index, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a part body", e);
    }
  }

  @Override
  void saveBody(Connection c, NewPart part) {
    // written with its row by bindPartData
  }

  @Override
  Optional<InboundResponse.BodyWriter> body(String token) {
    byte[] data =
        inTransaction(
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement("SELECT data FROM mmsgwd_webhook_parts WHERE token = ?")) {
                s.setString(1, token);
                try (ResultSet rs = s.executeQuery()) {
                  return rs.next() ? rs.getBytes(1) : null;
                }
              }
            });
    return data == null ? Optional.empty() : Optional.of(out -> out.write(data));
  }

  @Override
  void bodiesPurged(List<String> tokens) {
    // the rows held them
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
  public void close() {
    // the data source belongs to the application
  }
}
