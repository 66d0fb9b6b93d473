package org.mmskit.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Routing, authentication, allow-lists and failure handling on a real server on 127.0.0.1. */
class MmsServerTest {
  private final HttpTestClient http = new HttpTestClient();
  private MmsServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Answers "name|account|path|query|bytes:body". */
  static InboundHandler echo(String name) {
    return req -> {
      byte[] body = req.body().readAllBytes();
      String text =
          name
              + '|'
              + req.account().orElse("-")
              + '|'
              + req.path()
              + '|'
              + req.query().orElse("-")
              + '|'
              + body.length
              + ':'
              + new String(body, UTF_8);
      return InboundResponse.builder(200)
          .contentType("text/plain; charset=UTF-8")
          .header("X-Handler", name)
          .body(text.getBytes(UTF_8))
          .build();
    };
  }

  private MmsServer start(MmsServer.Builder b) {
    server = b.build().start();
    return server;
  }

  private URI at(String path) {
    return server.uri().resolve(path);
  }

  @Test
  void routesByLongestPrefixOnSegmentBoundaries() throws IOException {
    start(
        MmsServer.builder()
            .route(Route.open("/mm7", echo("mm7")))
            .route(Route.open("/eaif", echo("eaif")))
            .route(Route.open("/eaif/special", echo("special"))));

    assertThat(http.post(at("/mm7"), Map.of(), "a".getBytes(UTF_8)).body)
        .isEqualTo("mm7|-|/mm7|-|1:a");
    assertThat(http.post(at("/eaif/in?x=1"), Map.of(), "bc".getBytes(UTF_8)).body)
        .isEqualTo("eaif|-|/eaif/in|x=1|2:bc");
    assertThat(http.post(at("/eaif/special/deeper"), Map.of(), new byte[0]).body)
        .startsWith("special|");
    assertThat(http.post(at("/mm7x"), Map.of(), new byte[0]).status).isEqualTo(404);
    assertThat(http.get(at("/"), Map.of()).status).isEqualTo(404);
    HttpTestClient.Result r = http.get(at("/mm7/"), Map.of());
    assertThat(r.status).isEqualTo(200);
    assertThat(r.header("X-Handler")).isEqualTo("mm7");
    assertThat(r.header("Server")).isEqualTo("MMSKit");
    assertThat(
            java.time.ZonedDateTime.parse(
                r.header("Date"), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME))
        .isBetween(
            java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(1),
            java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusMinutes(1));
    assertThat(server.port()).isPositive();
    assertThat(server.uri().toString()).isEqualTo("http://127.0.0.1:" + server.port());
  }

  @Test
  void basicAuthAcceptsTheRightPasswordOnly() throws IOException {
    start(
        MmsServer.builder()
            .route(
                Route.builder("/mm7", echo("mm7"))
                    .account("vasp", "s3cret")
                    .account("other", "pw")
                    .realm("operator")
                    .build()));

    HttpTestClient.Result ok =
        http.post(
            at("/mm7"), Map.of("Authorization", HttpTestClient.basic("vasp", "s3cret")), b("x"));
    assertThat(ok.status).isEqualTo(200);
    assertThat(ok.body).isEqualTo("mm7|vasp|/mm7|-|1:x");

    for (String wrong : List.of("s3cre", "s3cret!", "S3cret", "", "pw")) {
      HttpTestClient.Result r =
          http.post(
              at("/mm7"), Map.of("Authorization", HttpTestClient.basic("vasp", wrong)), b("x"));
      assertThat(r.status).as("password '%s'", wrong).isEqualTo(401);
      assertThat(r.header("WWW-Authenticate")).startsWith("Basic realm=\"operator\"");
    }
    HttpTestClient.Result unknown =
        http.post(
            at("/mm7"), Map.of("Authorization", HttpTestClient.basic("nobody", "s3cret")), b("x"));
    assertThat(unknown.status).isEqualTo(401);

    HttpTestClient.Result missing = http.post(at("/mm7"), Map.of(), b("x"));
    assertThat(missing.status).isEqualTo(401);
    assertThat(missing.header("WWW-Authenticate")).startsWith("Basic realm=");

    HttpTestClient.Result garbage =
        http.post(at("/mm7"), Map.of("Authorization", "Basic !!!not-base64"), b("x"));
    assertThat(garbage.status).isEqualTo(401);
  }

  @Test
  void pathCredentialsAreCheckedAndRemovedFromThePath() throws IOException {
    List<RequestOutcome> outcomes = new CopyOnWriteArrayList<>();
    start(
        MmsServer.builder()
            .requestListener(
                new RequestListener() {
                  @Override
                  public void requestAnswered(RequestOutcome outcome) {
                    outcomes.add(outcome);
                  }
                })
            .route(
                Route.builder("/mm7", echo("mm7"))
                    .account("vasp", "p@ss/w")
                    .credentials(CredentialSource.PATH_SEGMENTS, CredentialSource.BASIC)
                    .build())
            .route(
                Route.builder("/eaif", echo("eaif"))
                    .account("nokia", "pw")
                    .credentials(CredentialSource.PATH_KEY_VALUE)
                    .build()));

    assertThat(http.post(at("/mm7/vasp/p%40ss%2Fw"), Map.of(), b("1")).body)
        .isEqualTo("mm7|vasp|/mm7|-|1:1");
    assertThat(http.post(at("/mm7/vasp/p%40ss%2Fw/sub?q"), Map.of(), b("1")).body)
        .isEqualTo("mm7|vasp|/mm7/sub|q|1:1");
    assertThat(http.post(at("/mm7/vasp/wrong"), Map.of(), b("1")).status).isEqualTo(401);
    assertThat(http.post(at("/mm7/vasp"), Map.of(), b("1")).status).isEqualTo(401);
    assertThat(
            http.post(
                    at("/mm7"),
                    Map.of("Authorization", HttpTestClient.basic("vasp", "p@ss/w")),
                    b("1"))
                .status)
        .isEqualTo(200);

    assertThat(http.post(at("/eaif/nokia=pw"), Map.of(), b("z")).body)
        .isEqualTo("eaif|nokia|/eaif|-|1:z");
    assertThat(http.post(at("/eaif/nokia=px"), Map.of(), b("z")).status).isEqualTo(401);
    // Basic is not accepted on a path-only route.
    assertThat(
            http.post(
                    at("/eaif"),
                    Map.of("Authorization", HttpTestClient.basic("nokia", "pw")),
                    b("z"))
                .status)
        .isEqualTo(401);

    // The password never reaches the request log.
    await().atMost(Duration.ofSeconds(5)).until(() -> outcomes.size() >= 7);
    assertThat(outcomes).allSatisfy(o -> assertThat(o.path()).doesNotContain("p%40ss", "=pw"));
    assertThat(outcomes.get(0).status()).isEqualTo(200);
    assertThat(outcomes.get(0).account()).contains("vasp");
  }

  @Test
  void allowListRefusesAddressesOutsideAndAcceptsInside() throws IOException {
    start(
        MmsServer.builder()
            .route(
                Route.builder("/outside", echo("o"))
                    .account(Account.builder("vasp", "pw").allowFrom("10.0.0.0/8").build())
                    .build())
            .route(
                Route.builder("/inside", echo("i"))
                    .account(
                        Account.builder("vasp", "pw")
                            .allowFrom("192.0.2.0/24")
                            .allowFrom("127.0.0.0/8")
                            .build())
                    .build())
            .route(Route.builder("/routewide", echo("r")).open().allowFrom("::1/128").build())
            .route(Route.builder("/routeok", echo("k")).open().allowFrom("127.0.0.1").build()));
    Map<String, String> auth = Map.of("Authorization", HttpTestClient.basic("vasp", "pw"));

    assertThat(http.post(at("/outside"), auth, b("x")).status).isEqualTo(403);
    assertThat(http.post(at("/inside"), auth, b("x")).status).isEqualTo(200);
    // Credentials are checked before the account's allow-list: a wrong password is still 401.
    assertThat(
            http.post(
                    at("/outside"),
                    Map.of("Authorization", HttpTestClient.basic("vasp", "no")),
                    b("x"))
                .status)
        .isEqualTo(401);
    assertThat(http.post(at("/routewide"), Map.of(), b("x")).status).isEqualTo(403);
    assertThat(http.post(at("/routeok"), Map.of(), b("x")).status).isEqualTo(200);
  }

  @Test
  void handlerThatThrowsGets500AndTheServerKeepsServing() throws IOException {
    AtomicInteger calls = new AtomicInteger();
    start(
        MmsServer.builder()
            .route(
                Route.open(
                    "/boom",
                    req -> {
                      if (calls.incrementAndGet() % 2 == 1) {
                        throw new IllegalStateException("handler bug");
                      }
                      return InboundResponse.text(200, "fine");
                    }))
            .route(
                Route.open(
                    "/io",
                    req -> {
                      throw new IOException("database down");
                    })));

    HttpTestClient.Result first = http.post(at("/boom"), Map.of(), b("x"));
    assertThat(first.status).isEqualTo(500);
    assertThat(first.body).isEqualTo("internal error\n");
    assertThat(first.body).doesNotContain("handler bug");
    HttpTestClient.Result second = http.post(at("/boom"), Map.of(), b("x"));
    assertThat(second.status).isEqualTo(200);
    assertThat(second.body).isEqualTo("fine");
    assertThat(http.post(at("/io"), Map.of(), b("x")).status).isEqualTo(500);
    assertThat(calls).hasValue(2);
  }

  @Test
  void handlerReturningNullGets500() throws IOException {
    start(MmsServer.builder().route(Route.open("/", req -> null)));
    assertThat(http.get(at("/x"), Map.of()).status).isEqualTo(500);
  }

  @Test
  void streamedResponseBodyIsSentChunkedOrWithLength() throws IOException {
    start(
        MmsServer.builder()
            .route(
                Route.open(
                    "/chunked",
                    req ->
                        InboundResponse.builder(200)
                            .contentType("application/octet-stream")
                            .body(out -> out.write("streamed".getBytes(UTF_8)))
                            .build()))
            .route(
                Route.open(
                    "/sized",
                    req ->
                        InboundResponse.builder(202)
                            .body(out -> out.write("sized".getBytes(UTF_8)), 5)
                            .build())));
    try (RawClient c = new RawClient(server.port())) {
      c.write("GET /chunked HTTP/1.1\r\nHost: x\r\n\r\n");
      RawClient.Response r = c.readResponse();
      assertThat(r.status).isEqualTo(200);
      assertThat(r.headers.first("Transfer-Encoding")).contains("chunked");
      assertThat(r.body).isEqualTo("streamed");
      c.write("GET /sized HTTP/1.1\r\nHost: x\r\n\r\n");
      RawClient.Response s = c.readResponse();
      assertThat(s.status).isEqualTo(202);
      assertThat(s.headers.first("Content-Length")).contains("5");
      assertThat(s.body).isEqualTo("sized");
    }
  }

  @Test
  void requestListenerSeesEveryRequest() throws IOException {
    List<String> events = new CopyOnWriteArrayList<>();
    start(
        MmsServer.builder()
            .requestListener(
                new RequestListener() {
                  @Override
                  public void requestReceived(InboundRequest request) {
                    events.add("in " + request.method() + " " + request.path());
                  }

                  @Override
                  public void requestAnswered(RequestOutcome outcome) {
                    events.add("out " + outcome.status() + " " + outcome.path());
                  }
                })
            .route(Route.builder("/a", echo("a")).account("u", "p").build()));
    http.post(at("/a"), Map.of("Authorization", HttpTestClient.basic("u", "p")), b("x"));
    http.post(at("/a"), Map.of(), b("x"));
    http.get(at("/nowhere"), Map.of());
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(events)
                    .containsExactlyInAnyOrder(
                        "in POST /a", "out 200 /a", "out 401 /a", "out 404 /nowhere"));
    // the listener hears of an answer after the client has it, so only a request's own events
    // are ordered: received before answered
    assertThat(events.indexOf("in POST /a")).isLessThan(events.indexOf("out 200 /a"));
  }

  @Test
  void builderRefusesIncompleteConfiguration() {
    assertThatThrownBy(() -> MmsServer.builder().build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Route.builder("/x", echo("x")).build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Route.builder("x", echo("x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Route.builder("/x", echo("x")).open().account("a", "b").build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                MmsServer.builder()
                    .route(Route.open("/x", echo("x")))
                    .route(Route.open("/x/", echo("y"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MmsServer.builder().bindAddress("127.0.0.0/8"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Account.of("a:b", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MmsServer.builder().route(Route.open("/", echo("x"))).build().port())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closeStopsTheServerAndIsIdempotent() throws IOException {
    start(MmsServer.builder().route(Route.open("/", echo("x"))));
    int port = server.port();
    assertThat(server.isRunning()).isTrue();
    server.close();
    server.close();
    assertThat(server.isRunning()).isFalse();
    assertThatThrownBy(() -> new RawClient(port).close()).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> server.start()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void wildcardBindAcceptsLoopbackConnections() throws IOException {
    start(MmsServer.builder().bindAddress("0.0.0.0").route(Route.open("/", echo("x"))));
    assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
    assertThat(http.get(at("/ping"), Map.of()).status).isEqualTo(200);
  }

  @Test
  void bindAddressTakesAHostName() throws IOException {
    start(MmsServer.builder().bindAddress("localhost").route(Route.open("/", echo("x"))));
    assertThat(http.get(at("/ping"), Map.of()).status).isEqualTo(200);
  }

  private static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }
}
