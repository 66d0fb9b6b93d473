package org.mmskit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The socket timeout ({@code SO_TIMEOUT}): it restarts with every read, cuts idle keep-alive
 * connections, and never touches a client that keeps making progress.
 */
class SocketTimeoutTest {
  private static final Duration TIMEOUT = Duration.ofMillis(600);
  private static final int BIG = 32 * 1024 * 1024;

  private final CompletableFuture<IOException> writeFailure = new CompletableFuture<>();
  private final CompletableFuture<RequestOutcome> bigOutcome = new CompletableFuture<>();
  private MmsServer server;

  @BeforeEach
  void start() {
    byte[] chunk = new byte[65536];
    InboundHandler big =
        req ->
            InboundResponse.builder(200)
                .contentType("application/octet-stream")
                .body(
                    out -> {
                      try {
                        for (int sent = 0; sent < BIG; sent += chunk.length) {
                          out.write(chunk);
                        }
                      } catch (IOException e) {
                        writeFailure.complete(e);
                        throw e;
                      }
                    },
                    BIG)
                .build();
    server =
        MmsServer.builder()
            .socketTimeout(TIMEOUT)
            .route(
                Route.open(
                    "/in",
                    req -> InboundResponse.text(200, "got " + req.body().readAllBytes().length)))
            .route(Route.open("/big", big))
            .requestListener(
                new RequestListener() {
                  @Override
                  public void requestAnswered(RequestOutcome outcome) {
                    if (outcome.path().equals("/big")) {
                      bigOutcome.complete(outcome);
                    }
                  }
                })
            .build()
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void bodyTrickledWithPausesShorterThanTheTimeoutIsServed() throws Exception {
    ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    try (RawClient c = new RawClient(server.port())) {
      int pieces = 10;
      c.write("POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: " + pieces + "\r\n\r\n");
      long t0 = System.nanoTime();
      // One byte every 100 ms: the whole body takes longer than the 600 ms timeout, no pause does.
      for (int i = 1; i <= pieces; i++) {
        pacer.schedule(
            () -> {
              c.write("b");
              return null;
            },
            100L * i,
            TimeUnit.MILLISECONDS);
      }
      RawClient.Response r = c.readResponse();
      assertThat(r.status).isEqualTo(200);
      assertThat(r.body).isEqualTo("got " + pieces);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(TIMEOUT);
    } finally {
      pacer.shutdownNow();
    }
  }

  @Test
  void idleKeepAliveConnectionIsClosedAfterTheTimeout() throws IOException {
    try (RawClient c = new RawClient(server.port())) {
      c.write("POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok");
      assertThat(c.readResponse().body).isEqualTo("got 2");
      long t0 = System.nanoTime();
      assertThat(c.closedByServer()).isTrue();
      Duration idle = Duration.ofNanos(System.nanoTime() - t0);
      // Not before the timeout (less the moment between the server's read and t0); well before
      // the client's own 20 s read timeout.
      assertThat(idle).isGreaterThan(TIMEOUT.dividedBy(2)).isLessThan(Duration.ofSeconds(15));
    }
    assertStillServing();
  }

  private void assertStillServing() throws IOException {
    try (RawClient c = new RawClient(server.port())) {
      c.write("POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
      RawClient.Response r = c.readResponse();
      assertThat(r.status).isEqualTo(200);
      assertThat(r.body).isEqualTo("got 3");
    }
  }
}
