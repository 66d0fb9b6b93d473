package org.mmskit.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.gateway.GatewayStore;
import org.mmskit.gateway.MmsGateway;
import org.mmskit.gateway.Route;
import org.mmskit.mm7.Mm7Client;

/**
 * Load figures of {@code mms-gateway} (a runnable main, not JMH: the figures are rates over a whole
 * campaign).
 *
 * <ul>
 *   <li>{@code enqueue [n]}: durable {@code submit} of small messages into SQLite beside a bare
 *       JDBC loop inserting and committing the same rows (job and history line) into the same file.
 *   <li>{@code sqlite [n]}: a campaign of n messages (default 100,000), submitted from 8 threads,
 *       through one gateway on SQLite against {@link StubMmsc} answering after 50 ms, 64
 *       connections.
 *   <li>{@code pg [n] [jdbc-url user password]}: the same with two gateways on one PostgreSQL, 32
 *       connections each.
 *   <li>{@code client [n]}: no gateway, 64 threads calling {@code Mm7Client.submit} against the
 *       same stub: what this machine's client and stub reach without a queue.
 * </ul>
 *
 * Run with {@code -Xmx256m} so that the heap bound is checked, not just reported.
 */
public final class GatewayLoad {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private GatewayLoad() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "enqueue";
    switch (mode) {
      case "enqueue" -> enqueue(args.length > 1 ? Integer.parseInt(args[1]) : 20_000);
      case "sqlite" -> campaign(false, args);
      case "pg" -> campaign(true, args);
      case "client" -> clientOnly(args.length > 1 ? Integer.parseInt(args[1]) : 20_000);
      default -> throw new IllegalArgumentException("mode: enqueue | sqlite | pg");
    }
  }

  static MmsMessage small(int i) {
    return MmsMessage.builder()
        .from(Address.shortCode("12345"))
        .to("+1555" + (1_000_000 + i))
        .subject("offer " + i)
        .addPart(MmsPart.text("Hello, this is message " + i + " of the campaign."))
        .build();
  }

  private static void enqueue(int n) throws Exception {
    Path dir = Files.createTempDirectory("gw-enqueue");
    Path db = dir.resolve("q.db");
    try (StubMmsc stub = StubMmsc.start();
        Mm7Client client = Mm7Client.builder().endpoint(stub.uri()).vaspId("bench").build()) {
      double gw = 0;
      double bare = 0;
      for (int round = 0; round < 2; round++) {
        gw = gatewayEnqueue(db, client, n, round);
        bare = bareEnqueue(db, n, round);
      }
      System.out.printf(
          "enqueue %d small messages into SQLite (WAL, synchronous=NORMAL), second round:%n"
              + "  gateway submit : %,.0f msg/s%n  bare JDBC loop : %,.0f rows-pairs/s%n"
              + "  ratio          : %.0f %%%n",
          n, gw, bare, 100 * gw / bare);
    }
  }

  /** Submits n messages; a route of 1 msg/s keeps the sender from competing for the file. */
  private static double gatewayEnqueue(Path db, Mm7Client client, int n, int round) {
    try (MmsGateway gw =
        MmsGateway.builder()
            .store(GatewayStore.sqlite(db))
            .connection("stub", client)
            .route(Route.builder("all", "stub").messagesPerSecond(1).maxConcurrency(1).build())
            .start()) {
      List<MmsMessage> messages = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        messages.add(small(round * n + i));
      }
      long t0 = System.nanoTime();
      for (MmsMessage m : messages) {
        gw.submit(m);
      }
      return n / ((System.nanoTime() - t0) / 1e9);
    }
  }

  /** The rows one submit writes (a job and its first history line), one commit per pair. */
  private static double bareEnqueue(Path db, int n, int round) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
      }
      byte[] payload;
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT payload FROM mmsgw_jobs LIMIT 1")) {
        rs.next();
        payload = rs.getBytes(1);
      }
      c.setAutoCommit(false);
      long t0 = System.nanoTime();
      try (PreparedStatement job =
              c.prepareStatement(
                  "INSERT INTO mmsgw_jobs (tracking_id, route, connection, state, created_at,"
                      + " next_attempt_at, expires_at, txn_id, recipients, payload)"
                      + " VALUES (?, 'all', 'stub', 'QUEUED', ?, ?, ?, ?, ?, ?)");
          PreparedStatement event =
              c.prepareStatement(
                  "INSERT INTO mmsgw_events (tracking_id, job_id, at, kind, attempt, connection,"
                      + " status_code, detail, recipient) VALUES (?, ?, ?, 'QUEUED', 0, 'stub',"
                      + " NULL, ?, NULL)")) {
        for (int i = 0; i < n; i++) {
          long now = System.currentTimeMillis();
          String tracking = "bare-" + round + "-" + i + "-0000-0000-000000000000";
          job.setString(1, tracking);
          job.setLong(2, now);
          job.setLong(3, Long.MAX_VALUE);
          job.setLong(4, now + 86_400_000L);
          job.setString(5, "baretx" + round + "x" + i + "00000000000000000");
          job.setString(6, "+1555" + (1_000_000 + i));
          job.setBytes(7, payload);
          job.executeUpdate();
          event.setString(1, tracking);
          event.setLong(2, i);
          event.setLong(3, now);
          event.setString(4, "queued on route all for +1555" + (1_000_000 + i));
          event.executeUpdate();
          c.commit();
        }
      }
      return n / ((System.nanoTime() - t0) / 1e9);
    }
  }

  private static void clientOnly(int n) throws Exception {
    try (StubMmsc stub = StubMmsc.start(Duration.ofMillis(50));
        Mm7Client client =
            Mm7Client.builder().endpoint(stub.uri()).vaspId("bench").maxConnections(64).build()) {
      AtomicLong next = new AtomicLong();
      List<Thread> threads = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int t = 0; t < 64; t++) {
        Thread th =
            new Thread(
                () -> {
                  long i;
                  while ((i = next.getAndIncrement()) < n) {
                    client.submit(small((int) i));
                  }
                });
        th.start();
        threads.add(th);
      }
      for (Thread th : threads) {
        th.join();
      }
      double rate = n / ((System.nanoTime() - t0) / 1e9);
      System.out.printf(
          "client only, 64 threads, %d messages, stub answering after 50 ms: %,.0f msg/s = %.0f %%"
              + " of 1,280/s%n",
          n, rate, 100 * rate / 1280);
    }
  }

  private static void campaign(boolean pg, String[] args) throws Exception {
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    String url = args.length > 2 ? args[2] : "jdbc:postgresql://127.0.0.1:5432/mmskit";
    String user = args.length > 3 ? args[3] : "mmskit";
    String password = args.length > 4 ? args[4] : "mmskit";
    int instances = pg ? 2 : 1;
    int perInstance = 64 / instances;
    String schema = "bench" + System.currentTimeMillis();
    HikariDataSource pool = null;
    GatewayStore store;
    if (pg) {
      try (Connection c = DriverManager.getConnection(url, user, password);
          Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + schema);
      }
      HikariConfig cfg = new HikariConfig();
      cfg.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
      cfg.setUsername(user);
      cfg.setPassword(password);
      cfg.setMaximumPoolSize(24);
      pool = new HikariDataSource(cfg);
      store = GatewayStore.postgresql(pool);
    } else {
      store = GatewayStore.sqlite(Files.createTempDirectory("gw-campaign").resolve("q.db"));
    }
    AtomicLong peakHeap = new AtomicLong();
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                peakHeap.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    List<Mm7Client> clients = new ArrayList<>();
    List<MmsGateway> gateways = new ArrayList<>();
    try (StubMmsc stub = StubMmsc.start(Duration.ofMillis(50))) {
      for (int i = 0; i < instances; i++) {
        Mm7Client client =
            Mm7Client.builder()
                .endpoint(stub.uri())
                .vaspId("bench")
                .maxConnections(perInstance)
                .build();
        clients.add(client);
        gateways.add(
            MmsGateway.builder()
                .store(store)
                .connection("stub", client)
                .route(Route.builder("all", "stub").maxConcurrency(perInstance).build())
                .instanceId("bench-" + i)
                .pollInterval(Duration.ofMillis(100))
                .start());
      }
      long t0 = System.nanoTime();
      List<Thread> submitters = new ArrayList<>();
      AtomicLong submitNanos = new AtomicLong();
      // the application submits from 8 threads per instance, as a web application would
      int threadsPerInstance = 8;
      int parts = instances * threadsPerInstance;
      for (int p = 0; p < parts; p++) {
        MmsGateway gw = gateways.get(p % instances);
        int from = (int) ((long) p * n / parts);
        int to = (int) ((long) (p + 1) * n / parts);
        Thread t =
            new Thread(
                () -> {
                  for (int i = from; i < to; i++) {
                    gw.submit(small(i));
                  }
                  submitNanos.accumulateAndGet(System.nanoTime() - t0, Math::max);
                });
        t.start();
        submitters.add(t);
      }
      // requests answered, sampled each second: the sustained rate is taken between 10 % and 90 %
      List<long[]> samples = new ArrayList<>();
      while (stub.requests() < n) {
        samples.add(new long[] {System.nanoTime(), stub.requests()});
        Thread.sleep(1000);
      }
      long t1 = System.nanoTime();
      for (Thread t : submitters) {
        t.join();
      }
      long[] lo = null;
      long[] hi = null;
      for (long[] s : samples) {
        if (lo == null && s[1] >= n / 10) {
          lo = s;
        }
        if (s[1] <= n * 9L / 10) {
          hi = s;
        }
      }
      double sustained =
          lo != null && hi != null && hi[0] > lo[0] ? (hi[1] - lo[1]) / ((hi[0] - lo[0]) / 1e9) : 0;
      double overall = n / ((t1 - t0) / 1e9);
      // the rate once the application stopped submitting: sending alone
      long[] afterSubmit = null;
      for (long[] s : samples) {
        if (afterSubmit == null && s[0] - t0 >= submitNanos.get() && s[1] <= n * 9L / 10) {
          afterSubmit = s;
        }
      }
      double sendingAlone =
          afterSubmit != null && hi != null && hi[0] > afterSubmit[0]
              ? (hi[1] - afterSubmit[1]) / ((hi[0] - afterSubmit[0]) / 1e9)
              : 0;
      System.out.printf(
          "%s, %d instance(s), %d messages, stub answering after 50 ms, 64 connections:%n"
              + "  submitted in     : %.1f s (%,.0f msg/s)%n"
              + "  sent, overall    : %,.0f msg/s (%.1f s)%n"
              + "  sent, sustained  : %,.0f msg/s = %.0f %% of 1,280/s (10 %% to 90 %% of the"
              + " campaign)%n"
              + "  sent, after the last submit : %,.0f msg/s%n"
              + "  peak heap used   : %d MB (max heap %d MB)%n"
              + "  requests at stub : %d%n",
          pg ? "PostgreSQL" : "SQLite",
          instances,
          n,
          submitNanos.get() / 1e9,
          n / (submitNanos.get() / 1e9),
          overall,
          (t1 - t0) / 1e9,
          sustained,
          100 * sustained / 1280,
          sendingAlone,
          peakHeap.get() >> 20,
          MEMORY.getHeapMemoryUsage().getMax() >> 20,
          stub.requests());
      for (MmsGateway gw : gateways) {
        gw.close();
      }
      for (Mm7Client c : clients) {
        c.close();
      }
    } finally {
      sampler.interrupt();
      if (pool != null) {
        pool.close();
        try (Connection c = DriverManager.getConnection(url, user, password);
            Statement s = c.createStatement()) {
          s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
      }
    }
  }
}
