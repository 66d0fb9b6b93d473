package org.mmskit.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Graceful shutdown, Expect: 100-continue, listener failures, IPv6. */
class ServerLifecycleTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private MmsServer server;

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null) {
      server.close();
    }
    pool.shutdownNow();
    pool.awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void closeLetsARunningExchangeFinishAndRefusesNewConnections() throws Exception {
    CountDownLatch inHandler = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    server =
        MmsServer.builder()
            .shutdownTimeout(Duration.ofSeconds(20))
            .route(
                Route.open(
                    "/slow",
                    req -> {
                      inHandler.countDown();
                      try {
                        release.await(20, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return InboundResponse.text(200, "finished");
                    }))
            .build()
            .start();
    int port = server.port();
    RawClient client = new RawClient(port);
    client.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close, pool);
    await().atMost(Duration.ofSeconds(10)).until(() -> !server.isRunning());
    // No new connections once closing started.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                    .isInstanceOf(IOException.class));
    assertThat(closing).isNotDone();
    release.countDown();
    RawClient.Response r = client.readResponse();
    assertThat(r.status).isEqualTo(200);
    assertThat(r.body).isEqualTo("finished");
    closing.get(20, TimeUnit.SECONDS);
    client.close();
  }

  @Test
  void closeGivesUpOnAHandlerThatOutlivesTheTimeout() throws Exception {
    CountDownLatch inHandler = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    server =
        MmsServer.builder()
            .shutdownTimeout(Duration.ofMillis(200))
            .route(
                Route.open(
                    "/stuck",
                    req -> {
                      inHandler.countDown();
                      try {
                        new CountDownLatch(1).await(30, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        interrupted.set(true);
                        Thread.currentThread().interrupt();
                      }
                      return InboundResponse.noContent();
                    }))
            .build()
            .start();
    try (RawClient client = new RawClient(server.port())) {
      client.write("GET /stuck HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();
      long t0 = System.nanoTime();
      server.close();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
      await().atMost(Duration.ofSeconds(10)).untilTrue(interrupted);
    }
  }

  @Test
  void expectContinueGetsA100BeforeTheBody() throws IOException {
    server =
        MmsServer.builder()
            .route(
                Route.open(
                    "/in",
                    req -> InboundResponse.text(200, new String(req.body().readAllBytes(), UTF_8))))
            .build()
            .start();
    try (RawClient c = new RawClient(server.port())) {
      c.write("POST /in HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
      RawClient.Response interim = c.readResponse();
      assertThat(interim.status).isEqualTo(100);
      c.write("hello");
      RawClient.Response r = c.readResponse();
      assertThat(r.status).isEqualTo(200);
      assertThat(r.body).isEqualTo("hello");
    }
  }

  @Test
  void expectContinueRequestsThatWouldBeRefusedAreAnsweredBeforeTheBody() throws IOException {
    java.util.List<Integer> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    server =
        MmsServer.builder()
            .maxRequestSize(1000)
            .requestListener(
                new RequestListener() {
                  @Override
                  public void requestAnswered(RequestOutcome outcome) {
                    outcomes.add(outcome.status());
                  }
                })
            .route(
                Route.builder(
                        "/in",
                        req -> {
                          calls.incrementAndGet();
                          return InboundResponse.text(
                              200, new String(req.body().readAllBytes(), UTF_8));
                        })
                    .account("u", "p")
                    .build())
            .build()
            .start();
    String auth = "Authorization: " + HttpTestClient.basic("u", "p") + "\r\n";
    String[][] cases = {
      {"POST /in HTTP/1.1\r\nHost: x\r\n", "401"},
      {
        "POST /in HTTP/1.1\r\nHost: x\r\nAuthorization: "
            + HttpTestClient.basic("u", "bad")
            + "\r\n",
        "401"
      },
      {"POST /nowhere HTTP/1.1\r\nHost: x\r\n", "404"},
    };
    for (String[] c : cases) {
      try (RawClient raw = new RawClient(server.port())) {
        raw.write(c[0] + "Expect: 100-continue\r\nContent-Length: 5\r\n\r\n");
        RawClient.Response r = raw.readResponse();
        assertThat(r.status).isEqualTo(Integer.parseInt(c[1]));
        assertThat(r.headers.first("Connection")).contains("close");
        assertThat(raw.closedByServer()).isTrue();
      }
    }
    try (RawClient raw = new RawClient(server.port())) {
      raw.write(
          "POST /in HTTP/1.1\r\nHost: x\r\n"
              + auth
              + "Expect: 100-continue\r\nContent-Length: 1001\r\n\r\n");
      assertThat(raw.readResponse().status).isEqualTo(413);
    }
    try (RawClient raw = new RawClient(server.port())) {
      raw.write(
          "POST /in HTTP/1.1\r\nHost: x\r\n"
              + auth
              + "Expect: 100-continue\r\nContent-Length: 5\r\n\r\n");
      assertThat(raw.readResponse().status).isEqualTo(100);
      raw.write("hello");
      RawClient.Response r = raw.readResponse();
      assertThat(r.status).isEqualTo(200);
      assertThat(r.body).isEqualTo("hello");
    }
    assertThat(calls).hasValue(1);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(outcomes).containsExactly(401, 401, 404, 413, 200));
  }

  @Test
  void clientTricklingTheRequestHeadIsCutByTheHeadTimeout() throws Exception {
    server =
        MmsServer.builder()
            .socketTimeout(Duration.ofSeconds(30))
            .requestHeadTimeout(Duration.ofSeconds(1))
            .route(Route.open("/", req -> InboundResponse.noContent()))
            .build()
            .start();
    java.util.concurrent.ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor();
    try (RawClient slow = new RawClient(server.port())) {
      byte[] head = ("GET / HTTP/1.1\r\nHost: x\r\nX-Pad: " + "a".repeat(500)).getBytes(UTF_8);
      java.util.concurrent.atomic.AtomicInteger sent =
          new java.util.concurrent.atomic.AtomicInteger();
      // One byte every 100 ms: each read succeeds well inside the 30 s socket timeout.
      ticker.scheduleAtFixedRate(
          () -> {
            int i = sent.getAndIncrement();
            if (i < head.length) {
              try {
                slow.out.write(head[i]);
                slow.out.flush();
              } catch (IOException closed) {
                throw new java.io.UncheckedIOException(closed);
              }
            }
          },
          0,
          100,
          TimeUnit.MILLISECONDS);
      long t0 = System.nanoTime();
      assertThat(slow.closedByServer()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
      assertThat(sent.get()).isLessThan(head.length);
    } finally {
      ticker.shutdownNow();
    }
    // Prompt clients are unaffected, also across keep-alive requests.
    try (RawClient c = new RawClient(server.port())) {
      for (int i = 0; i < 3; i++) {
        assertThat(c.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse().status)
            .isEqualTo(204);
      }
    }
  }

  @Test
  void failingRequestListenerDoesNotBreakRequests() throws IOException {
    server =
        MmsServer.builder()
            .requestListener(
                new RequestListener() {
                  @Override
                  public void requestReceived(InboundRequest request) {
                    throw new IllegalStateException("listener bug");
                  }

                  @Override
                  public void requestAnswered(RequestOutcome outcome) {
                    throw new IllegalStateException("listener bug");
                  }
                })
            .route(Route.open("/", req -> InboundResponse.text(200, "ok")))
            .build()
            .start();
    HttpTestClient.Result r = new HttpTestClient().get(server.uri().resolve("/x"), Map.of());
    assertThat(r.status).isEqualTo(200);
    assertThat(r.body).isEqualTo("ok");
  }

  @Test
  void ipv6LoopbackWithIpv6AllowLists() throws IOException {
    InetAddress v6 = InetAddress.getByName("::1");
    Assumptions.assumeTrue(hasIpv6Loopback(), "no IPv6 loopback on this host");
    server =
        MmsServer.builder()
            .bindAddress("::1")
            .route(
                Route.builder("/v6", req -> InboundResponse.noContent())
                    .open()
                    .allowFrom("::1/128")
                    .build())
            .route(
                Route.builder("/v4only", req -> InboundResponse.noContent())
                    .open()
                    .allowFrom("127.0.0.0/8")
                    .build())
            .build()
            .start();
    assertThat(server.uri()).isEqualTo(URI.create("http://[0:0:0:0:0:0:0:1]:" + server.port()));
    HttpTestClient http = new HttpTestClient();
    assertThat(http.get(server.uri().resolve("/v6"), Map.of()).status).isEqualTo(204);
    assertThat(http.get(server.uri().resolve("/v4only"), Map.of()).status).isEqualTo(403);
    assertThat(v6).isInstanceOf(Inet6Address.class);
  }

  private static boolean hasIpv6Loopback() {
    try {
      NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getByName("::1"));
      if (lo == null) {
        return false;
      }
      try (Socket s = new Socket()) {
        java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, InetAddress.getByName("::1"));
        try (ss) {
          s.connect(
              new java.net.InetSocketAddress(InetAddress.getByName("::1"), ss.getLocalPort()),
              2000);
          return true;
        }
      }
    } catch (IOException e) {
      return false;
    }
  }
}
