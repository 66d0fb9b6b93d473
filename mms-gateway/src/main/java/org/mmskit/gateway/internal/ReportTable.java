package org.mmskit.gateway.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The report index (each report under its de-duplication key, whether the application took it, and
 * who is handing it over) and the reports kept until the MMSC message ID they name is stored; see
 * {@link ReportMatcher}.
 */
final class ReportTable {
  private final JdbcStore store;

  ReportTable(JdbcStore store) {
    this.store = store;
  }

  Optional<Store.ReportTarget> find(String mmscMessageId) {
    return store.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT id, tracking_id, recipients FROM mmsgw_jobs WHERE mmsc_message_id = ?"
                      + " ORDER BY id LIMIT 1")) {
            s.setString(1, mmscMessageId);
            try (ResultSet rs = s.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new Store.ReportTarget(rs.getLong(1), rs.getString(2), rs.getString(3)))
                  : Optional.<Store.ReportTarget>empty();
            }
          }
        });
  }

  Store.ReportClaim record(String reportKey, Store.Event event, long now, long leaseUntil) {
    return store.inTransaction(
        c -> {
          // the key's unique index makes a second instance recording the same report at the same
          // moment wait for the first's commit and then find the row
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO mmsgw_reports (report_key, job_id, claimed_until) VALUES (?, ?, ?)"
                      + " ON CONFLICT (report_key) DO NOTHING")) {
            s.setString(1, reportKey);
            s.setLong(2, event.jobId());
            s.setLong(3, leaseUntil);
            if (s.executeUpdate() == 1) {
              store.insertEvents(c, List.of(event));
              return Store.ReportClaim.HAND_OVER;
            }
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE mmsgw_reports SET claimed_until = ? WHERE report_key = ?"
                      + " AND forwarded = 0 AND (claimed_until IS NULL OR claimed_until < ?)")) {
            s.setLong(1, leaseUntil);
            s.setString(2, reportKey);
            s.setLong(3, now);
            if (s.executeUpdate() == 1) {
              return Store.ReportClaim.HAND_OVER;
            }
          }
          try (PreparedStatement s =
              c.prepareStatement("SELECT forwarded FROM mmsgw_reports WHERE report_key = ?")) {
            s.setString(1, reportKey);
            try (ResultSet rs = s.executeQuery()) {
              return rs.next() && rs.getInt(1) != 0
                  ? Store.ReportClaim.FORWARDED
                  : Store.ReportClaim.BUSY;
            }
          }
        });
  }

  void forwarded(String reportKey) {
    store.update(
        "UPDATE mmsgw_reports SET forwarded = 1, claimed_until = NULL WHERE report_key = ?",
        reportKey);
  }

  void release(String reportKey) {
    store.update("UPDATE mmsgw_reports SET claimed_until = NULL WHERE report_key = ?", reportKey);
  }

  boolean anySending() {
    return store.inTransaction(
        c -> {
          try (PreparedStatement s =
                  c.prepareStatement("SELECT 1 FROM mmsgw_jobs WHERE state = 'SENDING' LIMIT 1");
              ResultSet rs = s.executeQuery()) {
            return rs.next();
          }
        });
  }

  boolean hold(String key, String mmscMessageId, long now, long dueAt, byte[] payload) {
    return store.inTransaction(
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "INSERT INTO mmsgw_held_reports (report_key, mmsc_message_id, received_at,"
                          + " due_at, payload) VALUES (?, ?, ?, ?, ?)"
                          + " ON CONFLICT (report_key) DO NOTHING")) {
                s.setString(1, key);
                s.setString(2, mmscMessageId);
                s.setLong(3, now);
                s.setLong(4, dueAt);
                s.setBytes(5, payload);
                return s.executeUpdate();
              }
            })
        == 1;
  }

  List<Store.HeldReport> claim(String owner, int max, long now, long leaseUntil) {
    return store.inTransaction(
        c -> {
          List<Store.HeldReport> out = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE mmsgw_held_reports SET lease_owner = ?, due_at = ?,"
                      + " attempts = attempts + 1 WHERE report_key IN (SELECT report_key"
                      + " FROM mmsgw_held_reports WHERE due_at <= ? ORDER BY due_at, report_key"
                      + " LIMIT ?"
                      + store.skipLocked()
                      + ") RETURNING report_key, mmsc_message_id, received_at, attempts, payload")) {
            s.setString(1, owner);
            s.setLong(2, leaseUntil);
            s.setLong(3, now);
            s.setInt(4, max);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new Store.HeldReport(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getInt(4),
                        rs.getBytes(5)));
              }
            }
          }
          return out;
        });
  }

  void drop(String key) {
    store.update("DELETE FROM mmsgw_held_reports WHERE report_key = ?", key);
  }

  void retry(String owner, String key, long dueAt) {
    store.update(
        "UPDATE mmsgw_held_reports SET lease_owner = NULL, due_at = ?"
            + " WHERE report_key = ? AND lease_owner = ?",
        dueAt,
        key,
        owner);
  }
}
