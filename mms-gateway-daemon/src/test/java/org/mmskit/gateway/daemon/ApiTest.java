package org.mmskit.gateway.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.Priority;
import org.mmskit.core.Transport;
import org.mmskit.server.InboundResponse;
import org.mmskit.server.MmsServer;
import org.mmskit.server.Route;
import org.mmskit.testkit.MockMmsc;
import org.mmskit.testkit.Submission;
import org.mmskit.testkit.VaspAnswer;

/** The HTTP API of a daemon started in this JVM from a configuration file, against MockMmsc. */
class ApiTest {
  @TempDir static Path dir;
  static MockMmsc mmsc;
  static HookReceiver hooks;
  static MmsServer files;
  static GatewayDaemon daemon;
  static Api api;
  static URI listener;

  static final byte[] GIF = new byte[200];
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    mmsc = MockMmsc.builder().vaspCredentials("mmsc", "inbound-secret").start();
    hooks = new HookReceiver();
    files =
        MmsServer.builder()
            .route(Route.open("/img.gif", r -> InboundResponse.ok("image/gif", GIF)))
            .route(Route.open("/big", r -> InboundResponse.ok("image/gif", new byte[2048])))
            .build()
            .start();
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(
        config,
        """
        api:
          port: 0
          maxRequestSize: 64KiB
          keys:
            - name: tests
              keyEnv: API_KEY
          fetch:
            maxBytes: 1KiB
            timeout: 5s
        connections:
          mock:
            via: mm7
            url: %s
            vaspId: vasp
          nowhere:
            via: mm7
            url: http://127.0.0.1:1/mm7
            timeout: 2s
        routes:
          - name: unreachable
            connection: nowhere
            prefixes: ["+999"]
          - name: default
            connection: mock
            defaultSender: "12345"
        retry:
          initialDelay: 10m
        listeners:
          http:
            bindAddress: 127.0.0.1
            port: 0
            mm7:
              accounts:
                - name: mmsc
                  passwordEnv: MMSC_PASSWORD
            eaif:
              open: true
              allowFrom: 127.0.0.1
          mm4:
            bindAddress: 127.0.0.1
            port: 0
            allowFrom: 127.0.0.0/8
        webhooks:
          targets:
            - url: %s
              secretEnv: HOOK_SECRET
          firstRetry: 1s
          maxRetry: 2s
        """
            .formatted(mmsc.mm7Uri(), hooks.uri()));
    Map<String, String> env =
        Map.of(
            "API_KEY",
            Api.KEY,
            "MMSC_PASSWORD",
            "inbound-secret",
            "HOOK_SECRET",
            HookReceiver.SECRET);
    daemon = GatewayDaemon.start(config, env::get);
    api = new Api(daemon.apiUri());
    listener = URI.create("http://127.0.0.1:" + daemon.listenerPort() + "/mm7");
  }

  @AfterAll
  static void stop() {
    daemon.close();
    files.close();
    hooks.close();
    mmsc.close();
  }

  @Test
  void aJsonMessageIsSentAndItsReportAndOutcomeReachTheWebhook() {
    String image = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
    Api.Answer a =
        api.postJson(
            """
            {"to": "+15551230001", "subject": "Hello", "text": "Hi there",
             "parts": [{"contentType": "image/png", "base64": "%s", "fileName": "p.png"}],
             "priority": "high", "deliveryReport": true, "expiry": "2h"}
            """
                .formatted(image));
    assertEquals(202, a.status(), a.body());
    String id = a.json().get("trackingId").asText();
    assertEquals("/v1/messages/" + id, a.headers().firstValue("Location").orElseThrow());
    Submission s = takeFor("Hello");
    MmsMessage m = s.message().orElseThrow();
    assertEquals(Priority.HIGH, m.priority().orElseThrow());
    assertEquals(Address.parse("12345"), m.from().orElseThrow());
    assertTrue(m.deliveryReport());
    List<MmsPart> parts = m.parts();
    assertEquals(2, parts.size());
    assertEquals("image/png", parts.get(1).contentType().mediaType());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> api.get("/v1/messages/" + id).json().path("state").asText().equals("SENT"));
    JsonNode status = api.get("/v1/messages/" + id).json();
    assertEquals(s.messageId(), status.get("mmscMessageIds").get(0).asText());
    assertEquals(1, status.get("attempts").asInt());

    VaspAnswer report =
        mmsc.sendDeliveryReport(
            listener, s, Address.parse("+15551230001"), DeliveryStatus.RETRIEVED);
    assertTrue(report.isSuccess(), report.describe());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> hooks.trackingIds("delivery_report").contains(id));
    await().atMost(Duration.ofSeconds(20)).until(() -> hooks.trackingIds("outcome").contains(id));
    JsonNode reports = api.get("/v1/messages/" + id).json().get("reports");
    assertEquals(1, reports.size(), reports.toString());
    assertEquals("DELIVERY_REPORT", reports.get(0).get("kind").asText());
    assertTrue(hooks.badSignatures.isEmpty(), hooks.badSignatures.toString());
  }

  @Test
  void aBadRequestListsEveryProblemByField() {
    Api.Answer a =
        api.postJson(
            """
            {"to": ["+15551230002", 42], "priority": "urgent", "colour": "red",
             "parts": [{"base64": "AAAA"}, {"contentType": "image/gif", "url": "file:///etc/passwd"}],
             "deliveryReport": "maybe", "expiry": "tomorrow"}
            """);
    assertEquals(400, a.status(), a.body());
    List<String> fields = new ArrayList<>();
    for (JsonNode e : a.json().get("errors")) {
      fields.add(e.path("field").asText());
    }
    assertEquals(
        List.of(
            "colour",
            "to[1]",
            "parts[0].contentType",
            "parts[1].url",
            "deliveryReport",
            "priority",
            "expiry"),
        sorted(
            fields,
            List.of(
                "colour",
                "to[1]",
                "parts[0].contentType",
                "parts[1].url",
                "deliveryReport",
                "priority",
                "expiry")),
        a.body());
  }

  private static List<String> sorted(List<String> got, List<String> order) {
    List<String> out = new ArrayList<>(got);
    out.sort((x, y) -> Integer.compare(index(order, x), index(order, y)));
    return out;
  }

  private static int index(List<String> order, String s) {
    int i = order.indexOf(s);
    return i < 0 ? Integer.MAX_VALUE : i;
  }

  @Test
  void aJsonSyntaxErrorSaysWhere() {
    Api.Answer a = api.postJson("{\"to\": \"+15551230003\",\n \"text\": }");
    assertEquals(400, a.status(), a.body());
    JsonNode e = a.json().get("errors").get(0);
    assertEquals(32, e.get("offset").asInt(), a.body());
    assertEquals(2, e.get("line").asInt());
    assertTrue(e.get("message").asText().startsWith("not valid JSON"), a.body());
    Api.Answer empty = api.postJson("");
    assertEquals(400, empty.status(), empty.body());
    Api.Answer twice =
        api.postJson("{\"to\": \"+15551230003\", \"to\": \"+15551230004\", \"text\": \"x\"}");
    assertEquals(400, twice.status(), twice.body());
    assertTrue(twice.body().contains("Duplicate field 'to'"), twice.body());
    Api.Answer trailing = api.postJson("{\"to\": \"+15551230003\", \"text\": \"x\"} {}");
    assertEquals(400, trailing.status(), trailing.body());
  }

  @Test
  void everyCallNeedsAKey() {
    Api.Answer none =
        api.send(HttpRequest.newBuilder(daemon.apiUri().resolve("/v1/messages/x")).GET().build());
    assertEquals(401, none.status());
    assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    Api.Answer wrong =
        api.send(
            HttpRequest.newBuilder(daemon.apiUri().resolve("/v1/messages/x"))
                .header("Authorization", "Bearer " + Api.KEY + "x")
                .GET()
                .build());
    assertEquals(401, wrong.status());
    Api.Answer header =
        api.send(
            HttpRequest.newBuilder(daemon.apiUri().resolve("/v1/messages/x"))
                .header("X-Api-Key", Api.KEY)
                .GET()
                .build());
    assertEquals(404, header.status(), "known key, unknown message");
  }

  @Test
  void aFormWithAFileIsSent() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
    String boundary = "----mmskit-test-boundary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    field(body, boundary, "to", "+15551230004");
    field(body, boundary, "to", "+15551230005");
    field(body, boundary, "subject", "Form");
    field(body, boundary, "text", "Photo attached");
    field(body, boundary, "smil", "true");
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(png);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    Api.Answer a =
        api.send(
            api.request("/v1/messages")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    assertEquals(202, a.status(), a.body());
    MmsMessage m = takeFor("Form").message().orElseThrow();
    assertEquals(2, m.to().size());
    MmsPart photo =
        m.parts().stream()
            .filter(p -> p.contentType().mediaType().equals("image/png"))
            .findFirst()
            .orElseThrow();
    assertArrayEquals(png, photo.bytes());
    assertTrue(m.presentation().isPresent(), "smil asked for");
  }

  private static void field(ByteArrayOutputStream out, String boundary, String name, String value) {
    out.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\""
                + name
                + "\"\r\n\r\n"
                + value
                + "\r\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void partsByUrlAreFetchedWithinTheLimits() {
    Api.Answer ok =
        api.postJson(
            """
            {"to": "+15551230006", "subject": "Fetched", "parts": [{"url": "%s"}]}
            """
                .formatted(files.uri().resolve("/img.gif")));
    assertEquals(202, ok.status(), ok.body());
    MmsPart gif = takeFor("Fetched").message().orElseThrow().parts().get(0);
    assertEquals("image/gif", gif.contentType().mediaType());
    assertEquals(GIF.length, gif.bytes().length);
    Api.Answer refused =
        api.postJson(
            """
            {"to": "+15551230007", "parts": [{"url": "%s"}, {"url": "%s"}]}
            """
                .formatted(files.uri().resolve("/big"), files.uri().resolve("/missing")));
    assertEquals(400, refused.status(), refused.body());
    JsonNode errors = refused.json().get("errors");
    assertEquals("parts[0].url", errors.get(0).get("field").asText());
    assertTrue(
        errors.get(0).get("message").asText().contains("larger than 1024 bytes"), refused.body());
    assertEquals("parts[1].url", errors.get(1).get("field").asText());
    assertTrue(errors.get(1).get("message").asText().contains("404"), refused.body());
  }

  @Test
  void aBodyOverTheLimitIsRefusedAndTheServerKeepsServing() {
    String huge = "{\"to\": \"+15551230008\", \"text\": \"" + "x".repeat(70_000) + "\"}";
    Api.Answer a = api.postJson(huge);
    assertEquals(413, a.status());
    assertEquals(200, api.get("/health").status());
  }

  @Test
  void aQueuedMessageIsCancelledOnce() {
    Api.Answer a = api.postJson("{\"to\": \"+9995550001\", \"text\": \"never\"}");
    assertEquals(202, a.status(), a.body());
    String id = a.json().get("trackingId").asText();
    // the unreachable route's first attempt fails and the retry waits ten minutes
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                api.get("/v1/messages/" + id).json().path("attempts").asInt() == 1
                    && api.get("/v1/messages/" + id)
                        .json()
                        .path("state")
                        .asText()
                        .equals("QUEUED"));
    Api.Answer cancelled = api.delete("/v1/messages/" + id);
    assertEquals(200, cancelled.status(), cancelled.body());
    assertTrue(cancelled.json().get("cancelled").asBoolean());
    assertEquals("CANCELLED", cancelled.json().get("state").asText());
    Api.Answer again = api.delete("/v1/messages/" + id);
    assertEquals(409, again.status(), again.body());
    assertFalse(again.json().get("cancelled").asBoolean());
    assertEquals(404, api.delete("/v1/messages/no-such-id").status());
    await().atMost(Duration.ofSeconds(20)).until(() -> hooks.trackingIds("outcome").contains(id));
  }

  @Test
  void incomingMessagesFromEveryListenerReachTheWebhook() {
    Map<Transport, URI> listeners =
        Map.of(
            Transport.MM7, listener,
            Transport.EAIF, URI.create("http://127.0.0.1:" + daemon.listenerPort() + "/eaif"),
            Transport.MM4, URI.create("smtp://127.0.0.1:" + daemon.mm4Port()));
    listeners.forEach(
        (transport, uri) -> {
          MmsMessage in =
              MmsMessage.builder()
                  .from(Address.parse("+15551239999"))
                  .to(Address.parse("+15550001234"))
                  .subject("Incoming over " + transport)
                  .addPart(MmsPart.text("hello gateway"))
                  .build();
          VaspAnswer answer = mmsc.deliver(uri, transport, in);
          assertTrue(answer.isSuccess(), answer.describe());
        });
    for (Transport t : listeners.keySet()) {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  hooks.ofType("message").stream()
                      .anyMatch(
                          e ->
                              e.path("data").path("subject").asText().equals("Incoming over " + t)
                                  && e.path("data").path("transport").asText().equals(t.name())));
    }
  }

  @Test
  void everyPathTheOpenApiDocumentNamesAnswers() throws Exception {
    Api.Answer doc = api.get("/openapi.json");
    assertEquals(200, doc.status());
    JsonNode paths = doc.json().get("paths");
    String id =
        api.postJson("{\"to\": \"+15551230010\", \"text\": \"doc\"}")
            .json()
            .get("trackingId")
            .asText();
    int checked = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      String path = p.getKey().replace("{trackingId}", id);
      for (Iterator<String> m = p.getValue().fieldNames(); m.hasNext(); ) {
        String method = m.next().toUpperCase(java.util.Locale.ROOT);
        if (method.equals("PARAMETERS")) {
          continue;
        }
        HttpRequest.Builder r = api.request(path);
        r =
            switch (method) {
              case "POST" ->
                  r.header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"to\": \"+15551230011\", \"text\": \"x\"}"));
              case "DELETE" -> r.DELETE();
              default -> r.GET();
            };
        Api.Answer a = api.send(r.build());
        String documented =
            p.getValue()
                    .get(method.toLowerCase(java.util.Locale.ROOT))
                    .get("responses")
                    .has(String.valueOf(a.status()))
                ? ""
                : " (undocumented)";
        assertNotEquals(404, a.status(), method + " " + path);
        assertTrue(
            a.status() < 500, method + " " + path + " answered " + a.status() + ": " + a.body());
        assertEquals("", documented, method + " " + path + " answered " + a.status());
        checked++;
      }
    }
    assertEquals(7, checked);
  }

  @Test
  void healthSaysUpWithTheQueues() {
    Api.Answer a = api.send(HttpRequest.newBuilder(daemon.apiUri().resolve("/health")).build());
    assertEquals(200, a.status(), a.body());
    assertEquals("up", a.json().get("status").asText());
    assertTrue(a.json().get("queueDepth").has("default"));
    assertTrue(a.json().get("queueDepth").has("unreachable"));
  }

  /** The submission with this subject (tests run in any order and share the mock). */
  private static synchronized Submission takeFor(String subject) {
    for (Submission s : pending) {
      if (s.message().flatMap(MmsMessage::subject).orElse("").equals(subject)) {
        pending.remove(s);
        return s;
      }
    }
    for (int i = 0; i < 20; i++) {
      Submission s = mmsc.takeSubmission(Duration.ofSeconds(20));
      if (s.message().flatMap(MmsMessage::subject).orElse("").equals(subject)) {
        return s;
      }
      pending.add(s);
    }
    throw new AssertionError("no submission with subject " + subject);
  }

  static final List<Submission> pending = new java.util.concurrent.CopyOnWriteArrayList<>();
}
