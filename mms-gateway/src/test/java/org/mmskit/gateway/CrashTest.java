package org.mmskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mmskit.testkit.MockMmsc;

/**
 * A child JVM queuing and sending a batch on the SQLite store is killed with {@code kill -9} at
 * seeded random points and started again until it finishes: every acknowledged message reaches the
 * MMSC at least once, and twice only when the attempt's outcome was unknown; every message's
 * outcome is told at least once, by one run or another. The batch is {@code
 * -Dmmskit.gateway.crashBatch} messages (default 1,000; the 10,000 in a full run).
 */
class CrashTest {
  static final int BATCH = Integer.getInteger("mmskit.gateway.crashBatch", 1000);
  static final int KILLS = 4;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(longs = {20261206L, 7L})
  void killedAtRandomPointsItLosesNothingAcknowledged(long seed) throws Exception {
    Random random = new Random(seed);
    Path db = dir.resolve("q.db");
    Path log = dir.resolve("child.log");
    Set<String> acknowledged = new HashSet<>();
    Set<String> told = new HashSet<>();
    int next = 0;
    int run = 0;
    long began = System.nanoTime();
    try (MockMmsc mmsc = MockMmsc.start()) {
      for (int k = 0; k < KILLS; k++, run++) {
        try (Child child = start(db, log, mmsc, next, run)) {
          // a kill point while queuing (a random ack) or after (a random number of sends later)
          int target = next + random.nextInt(Math.max(1, BATCH - next + BATCH / 4));
          child.awaitOrExit(
              () -> child.lastAck.get() >= Math.min(target, BATCH - 1), Duration.ofMinutes(2));
          int seen = mmsc.submissions().size();
          int more = random.nextInt(200);
          child.awaitOrExit(() -> mmsc.submissions().size() >= seen + more, Duration.ofMinutes(2));
          child.kill();
          told.addAll(child.told);
          int last = child.lastAck.get();
          for (int i = next; i <= last; i++) {
            acknowledged.add("m-" + i + "-" + run);
          }
          next = Math.max(next, last + 1);
        }
      }
      try (Child child = start(db, log, mmsc, next, run)) {
        assertThat(child.awaitExit()).as("the last run ends normally, see " + log).isZero();
        assertThat(child.done).isTrue();
        told.addAll(child.told);
        for (int i = next; i < BATCH; i++) {
          acknowledged.add("m-" + i + "-" + run);
        }
      }
      assertThat(acknowledged).hasSize(BATCH);
      Audit audit;
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
        audit = new Audit(c, mmsc.submissions());
      }
      audit.check(acknowledged);
      assertThat(told)
          .as("every message's outcome was told, though runs were killed while telling")
          .containsAll(audit.trackingIds);
      System.out.printf(
          "crash test: %d messages, %d kills, %d received, %d duplicates, %d in doubt, %.1f s%n",
          BATCH,
          KILLS,
          mmsc.submissions().size(),
          audit.duplicates().size(),
          audit.inDoubt.size(),
          (System.nanoTime() - began) / 1e9);
    } finally {
      if (Files.exists(log) && Files.size(log) > 0) {
        System.out.println("child stderr (" + log + "):");
        Files.readAllLines(log).stream().limit(40).forEach(System.out::println);
      }
    }
  }

  private static Child start(Path db, Path log, MockMmsc mmsc, int next, int run) throws Exception {
    return new Child(
        log,
        "queue",
        "sqlite",
        db.toString(),
        mmsc.mm7Uri().toString(),
        String.valueOf(next),
        String.valueOf(BATCH),
        String.valueOf(run),
        "child-" + run);
  }
}
