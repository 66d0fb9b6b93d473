package org.mmskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mmskit.core.MmsMessage;
import org.mmskit.gateway.internal.MessageCodec;
import org.mmskit.testkit.Submission;

/** Compares what the store says with what the MMSC received, after crashes. */
final class Audit {
  /** Per stored job, by message subject: its state and whether an attempt's outcome was unknown. */
  final Map<String, String> stateBySubject = new HashMap<>();

  final Set<String> inDoubt = new HashSet<>();
  final Set<String> trackingIds = new HashSet<>();
  final Map<String, Integer> received = new HashMap<>();

  Audit(Connection c, List<Submission> submissions) throws SQLException {
    MessageCodec codec = new MessageCodec(0);
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT j.payload, j.state, (SELECT COUNT(*) FROM mmsgw_events e"
                    + " WHERE e.job_id = j.id AND e.kind = 'OUTCOME_UNKNOWN'), j.tracking_id"
                    + " FROM mmsgw_jobs j")) {
      while (rs.next()) {
        String subject = codec.read(rs.getBytes(1), ref -> null).subject().orElseThrow();
        stateBySubject.put(subject, rs.getString(2));
        trackingIds.add(rs.getString(4));
        if (rs.getInt(3) > 0) {
          inDoubt.add(subject);
        }
      }
    }
    for (Submission s : submissions) {
      String subject = s.message().flatMap(MmsMessage::subject).orElseThrow();
      received.merge(subject, 1, Integer::sum);
    }
  }

  /** Subjects the MMSC received more than once. */
  Set<String> duplicates() {
    Set<String> d = new HashSet<>();
    received.forEach(
        (k, v) -> {
          if (v > 1) {
            d.add(k);
          }
        });
    return d;
  }

  /**
   * Every acknowledged message was sent and every stored one ended SENT; a duplicate only where an
   * attempt's outcome was unknown.
   */
  void check(Set<String> acknowledged) {
    assertThat(stateBySubject.keySet()).containsAll(acknowledged);
    assertThat(received.keySet())
        .as("every acknowledged message reached the MMSC")
        .containsAll(acknowledged);
    assertThat(stateBySubject.values()).as("every stored message ended sent").containsOnly("SENT");
    assertThat(inDoubt)
        .as("duplicates only for requests whose outcome was unknown")
        .containsAll(duplicates());
  }
}
