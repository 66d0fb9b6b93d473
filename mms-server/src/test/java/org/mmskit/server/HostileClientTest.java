package org.mmskit.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Oversized, slow, truncated and keep-alive traffic from raw sockets against a real server. */
class HostileClientTest {
  private static final int MAX_BODY = 64 * 1024;

  private final HttpTestClient http = new HttpTestClient();
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final AtomicInteger handlerCalls = new AtomicInteger();
  private final AtomicInteger completedBodies = new AtomicInteger();
  private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
  private MmsServer server;

  @BeforeEach
  void start() {
    InboundHandler reader =
        req -> {
          handlerCalls.incrementAndGet();
          byte[] body;
          try {
            body = req.body().readAllBytes();
          } catch (IOException e) {
            seen.add("io:" + e.getClass().getSimpleName());
            throw e;
          }
          completedBodies.incrementAndGet();
          seen.add("body:" + body.length);
          return InboundResponse.text(200, "got " + body.length);
        };
    server =
        MmsServer.builder()
            .maxRequestSize(MAX_BODY)
            .socketTimeout(Duration.ofMillis(700))
            .route(Route.open("/in", reader))
            .route(Route.open("/ignore", req -> InboundResponse.noContent()))
            .build()
            .start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.close();
    pool.shutdownNow();
    pool.awaitTermination(5, TimeUnit.SECONDS);
  }

  private void assertStillServing() throws IOException {
    HttpTestClient.Result r =
        http.post(server.uri().resolve("/in"), Map.of(), "ok".getBytes(UTF_8));
    assertThat(r.status).isEqualTo(200);
    assertThat(r.body).isEqualTo("got 2");
  }

  @Test
  void declaredOversizedBodyGets413WithoutBeingRead() throws IOException {
    try (RawClient c = new RawClient(server.port())) {
      // Declare 1 GiB, send only the head: the answer must come without the body.
      c.write(
          "POST /in HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
              + "Content-Length: 1073741824\r\n\r\n");
      c.write(new byte[1024]);
      RawClient.Response r = c.readResponse();
      assertThat(r.status).isEqualTo(413);
      assertThat(r.headers.first("Connection")).contains("close");
      assertThat(c.closedByServer()).isTrue();
    }
    assertThat(handlerCalls).hasValue(0);
    assertStillServing();
  }

  @Test
  void chunkedOversizedBodyGets413WhileStreaming() throws Exception {
    long total = 256L * MAX_BODY; // 16 MiB offered
    AtomicLong written = new AtomicLong();
    try (RawClient c = new RawClient(server.port())) {
      c.write("POST /in HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
      CompletableFuture<Void> sender =
          CompletableFuture.runAsync(
              () -> {
                byte[] chunk = new byte[8192];
                byte[] head = (Integer.toHexString(chunk.length) + "\r\n").getBytes(UTF_8);
                try {
                  while (written.get() < total) {
                    c.out.write(head);
                    c.out.write(chunk);
                    c.out.write("\r\n".getBytes(UTF_8));
                    written.addAndGet(chunk.length);
                  }
                  c.write("0\r\n\r\n");
                } catch (IOException expected) {
                  // the server closed the connection after answering 413
                }
              },
              pool);
      RawClient.Response r = c.readResponse();
      assertThat(r.status).isEqualTo(413);
      assertThat(r.headers.first("Connection")).contains("close");
      c.socket.close();
      sender.get(20, TimeUnit.SECONDS);
    }
    // The server stopped reading soon after the cap: most of the 16 MiB was never accepted.
    assertThat(written.get()).isLessThan(total);
    assertThat(completedBodies).hasValue(0);
    assertThat(seen).containsExactly("io:BodyTooLargeException");
    assertStillServing();
  }

  @Test
  void bodyAtTheLimitIsAccepted() throws IOException {
    HttpTestClient.Result r = http.post(server.uri().resolve("/in"), Map.of(), new byte[MAX_BODY]);
    assertThat(r.status).isEqualTo(200);
    assertThat(r.body).isEqualTo("got " + MAX_BODY);
    try (RawClient c = new RawClient(server.port())) {
      c.write("POST /in HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
      c.write(Integer.toHexString(MAX_BODY) + "\r\n");
      c.write(new byte[MAX_BODY]);
      c.write("\r\n0\r\n\r\n");
      RawClient.Response chunked = c.readResponse();
      assertThat(chunked.status).isEqualTo(200);
      assertThat(chunked.body).isEqualTo("got " + MAX_BODY);
    }
  }

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> bodySizes() {
    java.util.Random random = new java.util.Random(413L);
    java.util.stream.Stream<Integer> edges =
        java.util.stream.Stream.of(0, 1, MAX_BODY - 1, MAX_BODY, MAX_BODY + 1, 2 * MAX_BODY);
    java.util.stream.Stream<Integer> randoms =
        java.util.stream.Stream.generate(() -> random.nextInt(3 * MAX_BODY)).limit(6);
    return java.util.stream.Stream.concat(edges, randoms)
        .flatMap(
            size ->
                java.util.stream.Stream.of(
                    org.junit.jupiter.params.provider.Arguments.of(size, true),
                    org.junit.jupiter.params.provider.Arguments.of(size, false)));
  }

  /** Exactly the bodies up to the cap are accepted, sent with a length or chunked. */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0} bytes, chunked={1}")
  @org.junit.jupiter.params.provider.MethodSource("bodySizes")
  void bodiesAreAcceptedUpToTheCapOnly(int size, boolean chunked) throws Exception {
    try (RawClient c = new RawClient(server.port())) {
      CompletableFuture<Void> sender =
          CompletableFuture.runAsync(
              () -> {
                try {
                  if (chunked) {
                    c.write("POST /in HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
                    int left = size;
                    java.util.Random r = new java.util.Random(size);
                    while (left > 0) {
                      int n = Math.min(left, 1 + r.nextInt(20_000));
                      c.write(Integer.toHexString(n) + "\r\n");
                      c.write(new byte[n]);
                      c.write("\r\n");
                      left -= n;
                    }
                    c.write("0\r\n\r\n");
                  } else {
                    c.write("POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: " + size + "\r\n\r\n");
                    c.write(new byte[size]);
                  }
                } catch (IOException refusedEarly) {
                  // the server answered 413 and closed before the whole body was sent
                }
              },
              pool);
      RawClient.Response r = c.readResponse();
      if (size <= MAX_BODY) {
        assertThat(r.status).isEqualTo(200);
        assertThat(r.body).isEqualTo("got " + size);
      } else {
        assertThat(r.status).isEqualTo(413);
      }
      c.socket.close();
      sender.get(20, TimeUnit.SECONDS);
    }
    assertThat(completedBodies.get()).isEqualTo(size <= MAX_BODY ? 1 : 0);
  }

  @Test
  void slowClientIsCutByTheSocketTimeoutWithoutBlockingOthers() throws Exception {
    try (RawClient slow = new RawClient(server.port())) {
      slow.write("POST /in HTTP/1.1\r\nHost: x\r\n"); // head never finished
      // Others are served while the slow one stalls.
      for (int i = 0; i < 3; i++) {
        assertStillServing();
      }
      long t0 = System.nanoTime();
      assertThat(slow.closedByServer()).isTrue();
      // Cut by the 700 ms socket timeout, well before the client's own 20 s read timeout.
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
    }
    try (RawClient stalledBody = new RawClient(server.port())) {
      stalledBody.write("POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789");
      assertThat(stalledBody.closedByServer()).isTrue();
    }
    await().atMost(Duration.ofSeconds(15)).until(() -> seen.contains("io:SocketTimeoutException"));
    assertThat(seen).doesNotContain("body:10");
    assertStillServing();
  }

  @Test
  void connectionDroppedMidBodyNeverLooksLikeACompleteBody() throws Exception {
    try (RawClient c = new RawClient(server.port())) {
      c.write("POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n");
      c.write(new byte[100]);
    }
    try (RawClient c = new RawClient(server.port())) {
      c.write("POST /in HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
      c.write("64\r\n");
      c.write(new byte[100]);
      c.write("\r\n");
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == handlerCalls.get());
    await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() >= 1);
    assertThat(seen).allMatch(s -> s.startsWith("io:"), "handler saw an I/O error");
    assertThat(completedBodies).hasValue(0);
    assertStillServing();
  }

  @Test
  void keepAliveConnectionServesManyRequests() throws IOException {
    try (RawClient c = new RawClient(server.port())) {
      for (int i = 0; i < 20; i++) {
        String body = "n" + i;
        c.write(
            "POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
        RawClient.Response r = c.readResponse();
        assertThat(r.status).isEqualTo(200);
        assertThat(r.body).isEqualTo("got " + body.length());
        assertThat(r.headers.first("Connection")).isNotEqualTo(java.util.Optional.of("close"));
      }
      // Pipelined: two requests written at once, two answers in order.
      c.write(
          "POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nA"
              + "POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nBCD");
      assertThat(c.readResponse().body).isEqualTo("got 1");
      assertThat(c.readResponse().body).isEqualTo("got 3");
    }
    assertThat(handlerCalls).hasValue(22);
  }

  @Test
  void bodyLeftUnreadByTheHandlerIsSkippedNotParsedAsARequest() throws IOException {
    String smuggled = "POST /in HTTP/1.1\r\nHost: smuggled\r\nContent-Length: 0\r\n\r\n";
    try (RawClient c = new RawClient(server.port())) {
      c.write(
          "POST /ignore HTTP/1.1\r\nHost: x\r\nContent-Length: "
              + smuggled.length()
              + "\r\n\r\n"
              + smuggled);
      RawClient.Response r = c.readResponse();
      assertThat(r.status).isEqualTo(204);
      // The server read past the unread body, so the connection stays usable and in step.
      c.write("POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok");
      RawClient.Response next = c.readResponse();
      assertThat(next.status).isEqualTo(200);
      assertThat(next.body).isEqualTo("got 2");
    }
    assertThat(handlerCalls).hasValue(1);
    assertThat(seen).containsExactly("body:2");
  }

  @Test
  void unreadBodyThatNeverCompletesClosesTheConnection() throws IOException {
    try (RawClient c = new RawClient(server.port())) {
      c.write("POST /ignore HTTP/1.1\r\nHost: x\r\nContent-Length: 40\r\n\r\n0123456789");
      RawClient.Response r = c.readResponse();
      assertThat(r.status).isEqualTo(204);
      assertThat(r.headers.first("Connection")).contains("close");
      assertThat(c.closedByServer()).isTrue();
    }
    assertThat(handlerCalls).hasValue(0);
    assertStillServing();
  }

  @Test
  void refusedRequestsWithSmallBodiesKeepTheConnection() throws IOException {
    MmsServer guarded =
        MmsServer.builder()
            .route(
                Route.builder("/in", req -> InboundResponse.noContent()).account("u", "p").build())
            .build()
            .start();
    try (guarded;
        RawClient c = new RawClient(guarded.port())) {
      c.write("POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
      RawClient.Response r = c.readResponse();
      assertThat(r.status).isEqualTo(401);
      assertThat(r.headers.first("Connection")).isEmpty();
      c.write(
          "POST /in HTTP/1.1\r\nHost: x\r\nAuthorization: "
              + HttpTestClient.basic("u", "p")
              + "\r\nContent-Length: 5\r\n\r\nhello");
      assertThat(c.readResponse().status).isEqualTo(204);
    }
  }

  @Test
  void malformedRequestsGet400AndTheServerKeepsServing() throws IOException {
    try (RawClient c = new RawClient(server.port())) {
      c.write("POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n");
      RawClient.Response r = c.readResponse();
      assertThat(r == null || r.status == 400).isTrue();
    }
    try (RawClient c = new RawClient(server.port())) {
      c.write("POST /in HTTP/1.1\r\nHost: x\r\nX-Long: " + "a".repeat(20_000) + "\r\n\r\n");
      RawClient.Response r = c.readResponse();
      assertThat(r == null || r.status >= 400).isTrue();
    }
    try (RawClient c = new RawClient(server.port())) {
      c.write("POST /in HTTP/1.1\r\nHost: x\r\nBad Name: v\r\nContent-Length: 2\r\n\r\nok");
      RawClient.Response r = c.readResponse();
      assertThat(r.status).isEqualTo(400);
    }
    assertThat(handlerCalls).hasValue(0);
    assertStillServing();
  }
}
