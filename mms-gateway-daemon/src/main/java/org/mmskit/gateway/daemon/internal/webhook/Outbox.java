package org.mmskit.gateway.daemon.internal.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.mmskit.core.MmsPart;
import org.mmskit.gateway.internal.jdbc.SchemaScripts;
import org.mmskit.server.InboundResponse;

/**
 * The SQL both outboxes share: events waiting for their targets, claimed under leases, and the
 * large parts served for a while. Subclasses say how a transaction is had, how rows are claimed,
 * where part bodies live and how the schema is locked while it is migrated.
 */
abstract class Outbox implements AutoCloseable {

  /** The store failed: nothing of the operation took effect. */
  static final class StoreFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Work done in one transaction. */
  @FunctionalInterface
  interface Tx<T> {
    T run(Connection c) throws SQLException;
  }

  /** A part kept apart from the event, served under {@code token} until {@code expiresAt}. */
  record NewPart(String token, String contentType, long size, MmsPart source) {}

  /** A row claimed for sending. */
  record Claimed(
      long id, String eventId, String eventType, String target, int attempts, byte[] body) {}

  /** A target's backlog as stored. */
  record Backlog(
      String target,
      long pending,
      long oldestCreatedAt,
      int maxAttempts,
      Optional<String> lastError,
      OptionalLong lastErrorAt) {}

  /** A stored part that has not expired. */
  record PartInfo(String token, String contentType, long size) {}

  static final int SCHEMA_VERSION = 1;

  private static final SchemaScripts SCHEMA =
      new SchemaScripts(
          "mmsgwd_webhook_schema",
          SCHEMA_VERSION,
          name -> Outbox.class.getResourceAsStream("sql/" + name),
          "the webhook outbox");

  /** Runs {@code work} in a transaction, committed when it returns; throws {@link StoreFailure}. */
  abstract <T> T inTransaction(Tx<T> work);

  /** The claim statement; parameters: owner, leaseUntil, target, now, now, max. */
  abstract String claimSql();

  /** Keeps a part's body, within the transaction that stores its event when it can. */
  abstract void saveBody(Connection c, NewPart part) throws SQLException;

  /** Writes a stored part's body; empty when it is gone. */
  abstract Optional<InboundResponse.BodyWriter> body(String token);

  /** Removes the bodies of purged parts kept outside the database. */
  abstract void bodiesPurged(List<String> tokens);

  /** The schema script of a version. */
  /** The scripts' prefix: {@code sqlite} or {@code postgresql}. */
  abstract String dialect();

  /** Serialises migrations of instances starting together, inside the transaction. */
  abstract void lockSchema(Connection c) throws SQLException;

  final void migrate() {
    inTransaction(
        c -> {
          lockSchema(c);
          SCHEMA.migrate(c, dialect());
          return null;
        });
  }

  /** Stores an event for each target, and its large parts, in one transaction. */
  void store(
      String eventId,
      String type,
      long now,
      List<String> targets,
      byte[] body,
      List<NewPart> parts,
      long partsExpireAt) {
    inTransaction(
        c -> {
          if (!parts.isEmpty()) {
            try (PreparedStatement s =
                c.prepareStatement(
                    "INSERT INTO mmsgwd_webhook_parts (token, event_id, content_type, size,"
                        + " expires_at"
                        + partDataColumn()
                        + ") VALUES (?, ?, ?, ?, ?"
                        + (partDataColumn().isEmpty() ? "" : ", ?")
                        + ")")) {
              for (NewPart p : parts) {
                s.setString(1, p.token());
                s.setString(2, eventId);
                s.setString(3, p.contentType());
                s.setLong(4, p.size());
                s.setLong(5, partsExpireAt);
                bindPartData(s, 6, p);
                s.executeUpdate();
                saveBody(c, p);
              }
            }
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO mmsgwd_webhook_outbox (event_id, event_type, target, created_at,"
                      + " next_attempt_at, body) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (String target : targets) {
              s.setString(1, eventId);
              s.setString(2, type);
              s.setString(3, target);
              s.setLong(4, now);
              s.setLong(5, now);
              s.setBytes(6, body);
              s.executeUpdate();
            }
          }
          return null;
        });
  }

  /** Appended to a select whose rows the transaction then changes, where others may race. */
  String forUpdate() {
    return "";
  }

  /** {@code ", data"} when part bodies are a column of the parts table, else empty. */
  String partDataColumn() {
    return "";
  }

  /** Binds the body column named by {@link #partDataColumn()}. */
  void bindPartData(PreparedStatement s, int index, NewPart p) throws SQLException {}

  /** The target of events stored while no target was configured. */
  static final String UNASSIGNED = "";

  /**
   * Gives the events stored while no target was configured to the targets subscribed to each
   * event's type; events of a type nobody subscribes to are dropped. Returns how many were dropped.
   */
  int assign(Map<String, List<String>> targetsByType) {
    return inTransaction(
        c -> {
          int dropped = 0;
          List<Long> done = new ArrayList<>();
          try (PreparedStatement select =
                  c.prepareStatement(
                      "SELECT id, event_id, event_type, created_at, body FROM"
                          + " mmsgwd_webhook_outbox WHERE target = ? ORDER BY id"
                          + forUpdate());
              PreparedStatement insert =
                  c.prepareStatement(
                      "INSERT INTO mmsgwd_webhook_outbox (event_id, event_type, target,"
                          + " created_at, next_attempt_at, body) VALUES (?, ?, ?, ?, ?, ?)")) {
            select.setString(1, UNASSIGNED);
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                List<String> targets = targetsByType.getOrDefault(rs.getString(3), List.of());
                if (targets.isEmpty()) {
                  dropped++;
                }
                for (String target : targets) {
                  insert.setString(1, rs.getString(2));
                  insert.setString(2, rs.getString(3));
                  insert.setString(3, target);
                  insert.setLong(4, rs.getLong(4));
                  insert.setLong(5, rs.getLong(4));
                  insert.setBytes(6, rs.getBytes(5));
                  insert.executeUpdate();
                }
                done.add(rs.getLong(1));
              }
            }
          }
          try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM mmsgwd_webhook_outbox WHERE id = ?")) {
            for (long id : done) {
              delete.setLong(1, id);
              delete.executeUpdate();
            }
          }
          return dropped;
        });
  }

  /**
   * Takes up to {@code max} due rows no live lease holds, under a lease until {@code leaseUntil}.
   */
  List<Claimed> claim(String owner, String target, int max, long now, long leaseUntil) {
    return inTransaction(
        c -> {
          List<Claimed> out = new ArrayList<>();
          try (PreparedStatement s = c.prepareStatement(claimSql())) {
            s.setString(1, owner);
            s.setLong(2, leaseUntil);
            s.setString(3, target);
            s.setLong(4, now);
            s.setLong(5, now);
            s.setInt(6, max);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new Claimed(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getInt(5),
                        rs.getBytes(6)));
              }
            }
          }
          return out;
        });
  }

  /** The columns a claim returns, in the order {@link #claim} reads them. */
  static final String CLAIMED = "id, event_id, event_type, target, attempts, body";

  /** The target accepted the row: it is gone. False when the lease was lost meanwhile. */
  boolean delivered(long id, String owner) {
    return update("DELETE FROM mmsgwd_webhook_outbox WHERE id = ? AND lease_owner = ?", id, owner)
        > 0;
  }

  /** An attempt failed: recorded, and the row is due again at {@code nextAttemptAt}. */
  boolean failed(long id, String owner, long now, long nextAttemptAt, String error) {
    return update(
            "UPDATE mmsgwd_webhook_outbox SET attempts = attempts + 1, last_error = ?,"
                + " last_attempt_at = ?, next_attempt_at = ?, lease_owner = NULL,"
                + " lease_until = NULL WHERE id = ? AND lease_owner = ?",
            error,
            now,
            nextAttemptAt,
            id,
            owner)
        > 0;
  }

  /** Gives back what {@code owner} holds, so another instance need not wait for the leases. */
  void releaseAll(String owner) {
    update(
        "UPDATE mmsgwd_webhook_outbox SET lease_owner = NULL, lease_until = NULL"
            + " WHERE lease_owner = ?",
        owner);
  }

  /** Rows not yet accepted. */
  long pending() {
    return inTransaction(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM mmsgwd_webhook_outbox")) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  /**
   * When a row of one of {@code targets} may next be claimable: its due time, or the end of the
   * lease holding it.
   */
  OptionalLong nextWake(List<String> targets) {
    if (targets.isEmpty()) {
      return OptionalLong.empty();
    }
    return inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT MIN(COALESCE(lease_until, next_attempt_at)) FROM mmsgwd_webhook_outbox"
                      + " WHERE target IN ("
                      + String.join(", ", Collections.nCopies(targets.size(), "?"))
                      + ")")) {
            for (int i = 0; i < targets.size(); i++) {
              s.setString(i + 1, targets.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
              rs.next();
              long v = rs.getLong(1);
              return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
            }
          }
        });
  }

  /** Each target's backlog, with the latest failure among its rows. */
  List<Backlog> backlogs() {
    return inTransaction(
        c -> {
          List<Backlog> out = new ArrayList<>();
          try (Statement s = c.createStatement();
              ResultSet rs =
                  s.executeQuery(
                      "SELECT o.target, COUNT(*), MIN(o.created_at), MAX(o.attempts),"
                          + " (SELECT l.last_error FROM mmsgwd_webhook_outbox l"
                          + " WHERE l.target = o.target AND l.last_error IS NOT NULL"
                          + " ORDER BY l.last_attempt_at DESC LIMIT 1),"
                          + " MAX(o.last_attempt_at)"
                          + " FROM mmsgwd_webhook_outbox o WHERE o.target <> ''"
                          + " GROUP BY o.target")) {
            while (rs.next()) {
              String error = rs.getString(5);
              long at = rs.getLong(6);
              boolean noAt = rs.wasNull();
              out.add(
                  new Backlog(
                      rs.getString(1),
                      rs.getLong(2),
                      rs.getLong(3),
                      rs.getInt(4),
                      Optional.ofNullable(error),
                      noAt ? OptionalLong.empty() : OptionalLong.of(at)));
            }
          }
          return out;
        });
  }

  /** A part that is still served at {@code now}. */
  Optional<PartInfo> part(String token, long now) {
    return inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT content_type, size FROM mmsgwd_webhook_parts"
                      + " WHERE token = ? AND expires_at > ?")) {
            s.setString(1, token);
            s.setLong(2, now);
            try (ResultSet rs = s.executeQuery()) {
              return rs.next()
                  ? Optional.of(new PartInfo(token, rs.getString(1), rs.getLong(2)))
                  : Optional.empty();
            }
          }
        });
  }

  /** Removes the parts expired at {@code now}; returns how many. */
  int purgeParts(long now) {
    List<String> tokens =
        inTransaction(
            c -> {
              List<String> out = new ArrayList<>();
              try (PreparedStatement s =
                  c.prepareStatement(
                      "DELETE FROM mmsgwd_webhook_parts WHERE expires_at <= ? RETURNING token")) {
                s.setLong(1, now);
                try (ResultSet rs = s.executeQuery()) {
                  while (rs.next()) {
                    out.add(rs.getString(1));
                  }
                }
              }
              return out;
            });
    bodiesPurged(tokens);
    return tokens.size();
  }

  final int update(String sql, Object... args) {
    return inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
              if (args[i] == null) {
                s.setNull(i + 1, Types.VARCHAR);
              } else {
                s.setObject(i + 1, args[i]);
              }
            }
            return s.executeUpdate();
          }
        });
  }

  @Override
  public abstract void close();
}
