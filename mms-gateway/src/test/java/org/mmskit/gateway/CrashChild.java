package org.mmskit.gateway;

import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.mm7.Mm7Client;

/**
 * The child JVM of the crash tests: queues messages {@code m-<i>-<run>} for i in [start, end),
 * printing {@code ACK <i>} once each submit returned and {@code TOLD <tracking ID>} for each
 * outcome its gateway told, then sends until the queue is empty and every outcome was told, and
 * prints {@code DONE}; a worker sends what others queue until its input ends. The parent kills it
 * with {@code kill -9} somewhere along the way.
 *
 * <p>Arguments: {@code queue | worker}, {@code sqlite <file> | pg <jdbc-url> <user> <password>},
 * then the MM7 URL, start, end, run number, instance name and (optionally) the route's concurrency.
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, false, "UTF-8");
    int a = 0;
    boolean worker = args[a++].equals("worker");
    String kind = args[a++];
    GatewayStore store;
    HikariDataSource pool = null;
    if (kind.equals("sqlite")) {
      store = GatewayStore.sqlite(Path.of(args[a++]));
    } else {
      HikariConfig c = new HikariConfig();
      c.setJdbcUrl(args[a++]);
      c.setUsername(args[a++]);
      c.setPassword(args[a++]);
      c.setMaximumPoolSize(12);
      pool = new HikariDataSource(c);
      store = GatewayStore.postgresql(pool);
    }
    HikariDataSource shared = pool;
    URI mm7 = URI.create(args[a++]);
    int start = Integer.parseInt(args[a++]);
    int end = Integer.parseInt(args[a++]);
    int run = Integer.parseInt(args[a++]);
    String instance = args[a++];
    int concurrency = a < args.length ? Integer.parseInt(args[a++]) : 16;
    try (Mm7Client client =
            Mm7Client.builder()
                .endpoint(mm7)
                .vaspId("vasp")
                .defaultSender(Address.shortCode("12345"))
                .maxConnections(16)
                .build();
        MmsGateway gw =
            MmsGateway.builder()
                .store(store)
                .connection("mmsc", client)
                .route(Route.builder("all", "mmsc").maxConcurrency(concurrency).build())
                .retryPolicy(GatewayTest.FAST)
                .instanceId(instance)
                .leaseDuration(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(50))
                .onOutcome(
                    s -> {
                      out.println("TOLD " + s.trackingId());
                      out.flush();
                    })
                .start()) {
      out.println("STARTED");
      out.flush();
      for (int i = start; i < end; i++) {
        gw.submit(
            MmsMessage.builder()
                .to("+1555" + i)
                .subject("m-" + i + "-" + run)
                .addPart(MmsPart.text("message " + i))
                .build());
        out.println("ACK " + i);
        out.flush();
      }
      out.println("SUBMITTED");
      out.flush();
      if (worker) {
        // a worker: it sends what others queue until the parent ends it
        while (System.in.read() >= 0) {
          // nothing is read but the end of input
        }
      } else {
        await()
            .atMost(Duration.ofMinutes(10))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> gw.queueDepth("all") == 0 && untold(shared, args[2]) == 0);
      }
    }
    if (pool != null) {
      pool.close();
    }
    out.println("DONE");
    out.flush();
  }

  /** How many outcomes the store holds that were not told yet. */
  private static long untold(HikariDataSource pool, String file) throws SQLException {
    try (Connection c =
            pool != null
                ? pool.getConnection()
                : DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM mmsgw_outcomes")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
