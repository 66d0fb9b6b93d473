package org.mmskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.mm7.Mm7Client;
import org.mmskit.testkit.MmscReply;
import org.mmskit.testkit.MockMmsc;

/**
 * Two instances on one PostgreSQL share a batch: while both run no message is sent twice; one is
 * killed with {@code kill -9} and the other takes over its leases and finishes the batch.
 */
class TwoInstancesTest {
  static final int BATCH = 600;

  @TempDir Path dir;

  static int leasesHeldBy(Postgres pg, String owner) throws java.sql.SQLException {
    try (Connection c = pg.dataSource().getConnection();
        java.sql.PreparedStatement s =
            c.prepareStatement(
                "SELECT COUNT(*) FROM mmsgw_jobs WHERE lease_owner = ? AND state = 'SENDING'")) {
      s.setString(1, owner);
      try (java.sql.ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  @Test
  void twoInstancesShareABatchAndTheSurvivorFinishesIt() throws Exception {
    try (Postgres pg = Postgres.fresh();
        MockMmsc mmsc = MockMmsc.start()) {
      for (int i = 0; i < BATCH * 2; i++) {
        mmsc.enqueue(MmscReply.success().delayed(Duration.ofMillis(50)));
      }
      Set<String> acknowledged = new HashSet<>();
      // the store's tables exist before either instance starts
      pg.store().open().close();
      try (Child b =
          new Child(
              dir.resolve("b.log"),
              "worker",
              "pg",
              pg.url,
              Postgres.USER,
              Postgres.PASSWORD,
              mmsc.mm7Uri().toString(),
              "0",
              "0",
              "0",
              "instance-b",
              "4")) {
        b.awaitOrExit(() -> b.started, Duration.ofMinutes(1));
        assertThat(b.process.isAlive()).as("instance b runs, see " + dir.resolve("b.log")).isTrue();
        try (Mm7Client client =
                Mm7Client.builder()
                    .endpoint(mmsc.mm7Uri())
                    .vaspId("vasp")
                    .defaultSender(Address.shortCode("12345"))
                    .maxConnections(8)
                    .build();
            MmsGateway a =
                MmsGateway.builder()
                    .store(pg.store())
                    .connection("mmsc", client)
                    .route(Route.builder("all", "mmsc").maxConcurrency(4).build())
                    .retryPolicy(GatewayTest.FAST)
                    .instanceId("instance-a")
                    .leaseDuration(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(50))
                    .start()) {
          for (int i = 0; i < BATCH; i++) {
            a.submit(
                MmsMessage.builder()
                    .to("+1555" + i)
                    .subject("m-" + i + "-0")
                    .addPart(MmsPart.text("message " + i))
                    .build());
            acknowledged.add("m-" + i + "-0");
          }
          // kill b in the middle of the batch while it holds messages: their outcome is then
          // unknown to the store
          await()
              .atMost(Duration.ofMinutes(1))
              .pollInterval(Duration.ofMillis(5))
              .failFast("instance b ended, see " + dir.resolve("b.log"), () -> !b.process.isAlive())
              .until(
                  () ->
                      mmsc.submissions().size() >= BATCH / 4 && leasesHeldBy(pg, "instance-b") > 0);
          b.kill();
          await().atMost(Duration.ofMinutes(2)).until(() -> a.queueDepth("all") == 0);
        }
      }
      Audit audit;
      try (Connection c = pg.dataSource().getConnection()) {
        audit = new Audit(c, mmsc.submissions());
      }
      audit.check(acknowledged);
      assertThat(audit.inDoubt)
          .as("instance b held messages when it was killed, and a sent them")
          .isNotEmpty();
      System.out.printf(
          "two instances: %d messages, %d received, %d duplicates, %d in doubt%n",
          BATCH, mmsc.submissions().size(), audit.duplicates().size(), audit.inDoubt.size());
    }
  }
}
