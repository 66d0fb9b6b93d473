package org.mmskit.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Parallel clients, the handler concurrency limit and the connection limit. */
class ConcurrencyTest {
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
  void parallelKeepAliveClientsAreAllServed() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    server =
        MmsServer.builder()
            .route(
                Route.open(
                    "/in",
                    req -> {
                      calls.incrementAndGet();
                      return InboundResponse.text(
                          200, new String(req.body().readAllBytes(), UTF_8));
                    }))
            .build()
            .start();
    int clients = 8;
    int perClient = 50;
    List<CompletableFuture<Integer>> done = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int id = c;
      done.add(
          CompletableFuture.supplyAsync(
              () -> {
                int ok = 0;
                try (RawClient raw = new RawClient(server.port())) {
                  for (int i = 0; i < perClient; i++) {
                    String body = id + "-" + i;
                    raw.write(
                        "POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: "
                            + body.length()
                            + "\r\n\r\n"
                            + body);
                    RawClient.Response r = raw.readResponse();
                    if (r.status == 200 && r.body.equals(body)) {
                      ok++;
                    }
                  }
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
                return ok;
              },
              pool));
    }
    for (CompletableFuture<Integer> f : done) {
      assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(perClient);
    }
    assertThat(calls).hasValue(clients * perClient);
  }

  @Test
  void workerThreadsBoundsConcurrentHandlers() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    AtomicInteger entered = new AtomicInteger();
    server =
        MmsServer.builder()
            .workerThreads(1)
            .route(
                Route.open(
                    "/slow",
                    req -> {
                      entered.incrementAndGet();
                      maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                      try {
                        release.await(30, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      } finally {
                        running.decrementAndGet();
                      }
                      return InboundResponse.noContent();
                    }))
            .build()
            .start();
    HttpTestClient http = new HttpTestClient();
    List<CompletableFuture<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      calls.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return http.post(server.uri().resolve("/slow"), Map.of(), new byte[1]).status;
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              },
              pool));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> entered.get() == 1);
    // The other two wait for the single slot for as long as the first one holds it.
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(5))
        .until(() -> entered.get() == 1);
    release.countDown();
    for (CompletableFuture<Integer> c : calls) {
      assertThat(c.get(30, TimeUnit.SECONDS)).isEqualTo(204);
    }
    assertThat(entered).hasValue(3);
    assertThat(maxRunning).hasValue(1);
  }

  @Test
  void connectionsBeyondTheLimitGet503AndCapacityReturnsAfterClose() throws Exception {
    server =
        MmsServer.builder()
            .maxConnections(2)
            .route(Route.open("/", req -> InboundResponse.text(200, "ok")))
            .build()
            .start();
    String get = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    RawClient a = new RawClient(server.port());
    RawClient b = new RawClient(server.port());
    try {
      assertThat(a.write(get).readResponse().status).isEqualTo(200);
      assertThat(b.write(get).readResponse().status).isEqualTo(200);
      try (RawClient c = new RawClient(server.port())) {
        RawClient.Response r;
        try {
          r = c.readResponse();
        } catch (IOException reset) {
          r = null;
        }
        assertThat(r == null || r.status == 503).as("refused").isTrue();
        assertThat(c.closedByServer()).isTrue();
      }
      // The held connections still work.
      assertThat(a.write(get).readResponse().status).isEqualTo(200);
    } finally {
      a.close();
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              try (RawClient d = new RawClient(server.port())) {
                RawClient.Response r = d.write(get).readResponse();
                assertThat(r).isNotNull();
                assertThat(r.status).isEqualTo(200);
              }
            });
    b.close();
  }
}
