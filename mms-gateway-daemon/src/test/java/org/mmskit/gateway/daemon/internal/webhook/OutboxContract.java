package org.mmskit.gateway.daemon.internal.webhook;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mmskit.server.InboundHandler;
import org.mmskit.server.MmsServer;
import org.mmskit.server.Route;

/**
 * What every outbox does, run against the SQLite file and PostgreSQL: events reach their targets
 * signed, failed POSTs are retried until accepted, across a receiver outage and a restart, large
 * parts are served until their retention ends, and a failing store refuses the event.
 */
abstract class OutboxContract {
  static final Duration WAIT = Duration.ofSeconds(20);

  final TestClock clock = new TestClock();
  private final List<AutoCloseable> open = new ArrayList<>();

  /** Opens the outbox under test; every call in one test opens the same storage. */
  abstract Webhooks open(WebhookSettings settings);

  /** Runs SQL on the outbox's storage from another connection, as an operator would. */
  abstract void sql(String statement) throws Exception;

  final Webhooks started(WebhookSettings settings) {
    Webhooks w = open(settings);
    open.add(w);
    w.start();
    return w;
  }

  final Receiver receiver() {
    Receiver r = Receiver.start();
    open.add(r);
    return r;
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    open.clear();
  }

  static final URI NO_PARTS = URI.create("http://127.0.0.1:9/");

  @Test
  void signedEventsReachTheTargetsSubscribedToThem() {
    Receiver all = receiver();
    Receiver outcomes = receiver();
    WebhookSettings s =
        new WebhookSettings(
            List.of(
                new WebhookSettings.Target(
                    all.uri(), Receiver.SECRET, EnumSet.allOf(WebhookSettings.Event.class)),
                new WebhookSettings.Target(
                    outcomes.uri(), Receiver.SECRET, EnumSet.of(WebhookSettings.Event.OUTCOME))),
            Samples.INLINE_MAX,
            Samples.RETENTION,
            Duration.ofMillis(20),
            Duration.ofMillis(200),
            NO_PARTS);
    Webhooks w = started(s);
    w.message(Samples.message("in-1"));
    w.deliveryReport(Optional.of("trk-1"), Optional.empty(), Samples.report("mmsc-42"));
    w.outcome(Samples.outcome("trk-1"));

    await().atMost(WAIT).until(() -> all.accepted().size() == 3 && outcomes.accepted().size() == 1);
    await().atMost(WAIT).until(() -> w.pending() == 0);
    for (Receiver.Hit h : all.hits) {
      assertTrue(h.signatureValid(), "signature of " + h.type());
      assertEquals(h.json().get("id").asText(), h.eventId());
      assertEquals(h.json().get("type").asText(), h.type());
    }
    Receiver.Hit outcome = outcomes.hits.get(0);
    assertTrue(outcome.signatureValid());
    assertEquals("outcome", outcome.type());
    assertTrue(all.acceptedIds().contains(outcome.eventId()), "one event ID for every target");

    JsonNode message = hit(all, "message").json().get("data");
    assertEquals("in-1", message.get("messageId").asText());
    assertEquals("+4915112345678", message.get("from").asText());
    assertEquals("12345", message.get("to").get(0).asText());
    assertEquals("Hello in-1", message.get("subject").asText());
    assertEquals("MM7", message.get("transport").asText());
    assertEquals("2026-12-06T20:00:00Z", message.get("receivedAt").asText());
    JsonNode text = message.get("parts").get(0);
    assertEquals("text/plain; charset=utf-8", text.get("contentType").asText());
    assertEquals("hi there", new String(Base64.getDecoder().decode(text.get("body").asText())));

    JsonNode report = hit(all, "delivery_report").json().get("data");
    assertEquals("trk-1", report.get("trackingId").asText());
    assertEquals("mmsc-42", report.get("messageId").asText());
    assertEquals("+4915112345678", report.get("recipient").asText());
    assertEquals("RETRIEVED", report.get("status").asText());
    assertEquals("2026-12-06T19:59:55Z", report.get("date").asText());

    JsonNode out = outcome.json().get("data");
    assertEquals("trk-1", out.get("trackingId").asText());
    assertEquals("SENT", out.get("state").asText());
    assertEquals(2, out.get("attempts").asInt());
    assertEquals("mmsc-42", out.get("mmscMessageId").asText());
    assertEquals("ACCEPTED", out.get("lastStatus").get("kind").asText());
    assertEquals(1000, out.get("lastStatus").get("statusCode").asInt());
    assertEquals("operator-a", out.get("deliveries").get(0).get("connection").asText());
  }

  private static Receiver.Hit hit(Receiver r, String type) {
    return r.hits.stream().filter(h -> type.equals(h.type())).findFirst().orElseThrow();
  }

  @Test
  void smallPartsTravelInlineLargeOnesAsUrlsServedUntilTheirRetention() throws Exception {
    Receiver r = receiver();
    AtomicReference<InboundHandler> handler = new AtomicReference<>();
    MmsServer parts =
        MmsServer.builder()
            .bindAddress("127.0.0.1")
            .port(0)
            .route(Route.open("/v1/parts", req -> handler.get().handle(req)))
            .build()
            .start();
    open.add(parts);
    Webhooks w = started(Samples.settings(URI.create(parts.uri() + "/"), r.uri()));
    handler.set(w.partsHandler());
    byte[] small = Samples.bytes(1, Samples.INLINE_MAX);
    byte[] large = Samples.bytes(2, 5 * Samples.INLINE_MAX + 1);
    w.message(Samples.message("in-parts", small, large));

    await().atMost(WAIT).until(() -> r.accepted().size() == 1);
    JsonNode p = r.hits.get(0).json().get("data").get("parts");
    assertEquals(3, p.size());
    assertEquals(Samples.INLINE_MAX, p.get(1).get("size").asInt());
    assertEquals("img0", p.get(1).get("contentId").asText());
    assertEquals("img0.jpg", p.get(1).get("contentLocation").asText());
    assertArrayEquals(small, Base64.getDecoder().decode(p.get(1).get("body").asText()));
    assertFalse(p.get(1).has("url"));
    assertEquals(large.length, p.get(2).get("size").asInt());
    assertFalse(p.get(2).has("body"));
    String url = p.get(2).get("url").asText();
    assertTrue(url.startsWith(parts.uri() + "/v1/parts/"), url);

    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<byte[]> got = get(http, url);
    assertEquals(200, got.statusCode());
    assertEquals("image/jpeg", got.headers().firstValue("Content-Type").orElseThrow());
    assertArrayEquals(large, got.body());
    assertEquals(404, get(http, url.substring(0, url.length() - 3) + "AAA").statusCode());

    clock.advance(Samples.RETENTION.plusSeconds(1));
    assertEquals(404, get(http, url).statusCode(), "served no longer after its retention");
    assertEquals(1, w.purgeExpiredParts());
    assertEquals(0, w.purgeExpiredParts());
    assertEquals(404, get(http, url).statusCode());
  }

  private static HttpResponse<byte[]> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void aReceiverAnswering500IsTriedAgainUntilItAccepts() {
    Receiver r = receiver();
    AtomicBoolean healthy = new AtomicBoolean();
    r.answer = h -> healthy.get() ? 200 : 500;
    Webhooks w = open(Samples.settings(NO_PARTS, r.uri()));
    open.add(w);
    List<String> told = new CopyOnWriteArrayList<>();
    w.onAttempt((target, ok, detail) -> told.add(target + " " + ok + " " + detail));
    w.start();
    w.message(Samples.message("in-500"));

    await()
        .atMost(WAIT)
        .until(
            () -> {
              TargetStatus t = w.targets().get(0);
              return t.failing() && t.attempts() >= 2;
            });
    TargetStatus failing = w.targets().get(0);
    assertEquals(Optional.of("HTTP 500"), failing.lastError());
    assertEquals(1, failing.pending());
    assertTrue(failing.lastErrorAt().isPresent());
    healthy.set(true);

    await().atMost(WAIT).until(() -> w.pending() == 0);
    assertEquals(1, r.accepted().size(), "accepted once");
    assertTrue(r.hits.size() >= 3);
    assertEquals(1, r.hits.stream().map(Receiver.Hit::eventId).distinct().count());
    assertTrue(r.hits.stream().allMatch(Receiver.Hit::signatureValid));
    TargetStatus done = w.targets().get(0);
    assertFalse(done.failing());
    assertTrue(done.lastDeliveredAt().isPresent());
    assertTrue(told.contains(r.uri() + " false HTTP 500"), told::toString);
    assertEquals(r.uri() + " true HTTP 200", told.get(told.size() - 1));
  }

  @Test
  void eventsStoredWithoutTargetsGoToTheTargetsConfiguredLater() {
    Webhooks none = started(Samples.settings(NO_PARTS));
    none.message(Samples.message("early"));
    none.outcome(Samples.outcome("trk-early"));
    assertEquals(2, none.pending(), "kept, waiting for a target");
    assertEquals(List.of(), none.targets());
    none.close();

    Receiver r = receiver();
    WebhookSettings messagesOnly =
        new WebhookSettings(
            List.of(
                new WebhookSettings.Target(
                    r.uri(), Receiver.SECRET, EnumSet.of(WebhookSettings.Event.MESSAGE))),
            Samples.INLINE_MAX,
            Samples.RETENTION,
            Duration.ofMillis(20),
            Duration.ofMillis(200),
            NO_PARTS);
    Webhooks w = started(messagesOnly);
    await().atMost(WAIT).until(() -> w.pending() == 0);
    assertEquals(1, r.accepted().size());
    assertEquals("early", r.hits.get(0).json().get("data").get("messageId").asText());
  }

  @Test
  void aReceiverTooSlowToAnswerCountsAsAFailureAndIsTriedAgain() throws Exception {
    Receiver r = receiver();
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean first = new AtomicBoolean(true);
    r.answer =
        h -> {
          if (first.getAndSet(false)) {
            try {
              release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return 200;
        };
    WebhookSettings base = Samples.settings(NO_PARTS, r.uri());
    WebhookSettings s =
        new WebhookSettings(
            base.targets(),
            base.inlineMaxBytes(),
            base.partRetention(),
            base.firstRetry(),
            base.maxRetry(),
            base.publicBaseUrl(),
            Duration.ofMillis(300));
    Webhooks w = open(s);
    open.add(w);
    List<String> told = new CopyOnWriteArrayList<>();
    w.onAttempt(
        (target, ok, detail) -> {
          told.add(ok + " " + detail);
          release.countDown(); // the sender gave up on the first POST: let it end
        });
    w.start();
    try {
      w.message(Samples.message("slow"));
      await().atMost(WAIT).until(() -> w.pending() == 0);
    } finally {
      release.countDown();
    }
    assertEquals("false no answer within the timeout", told.get(0));
    assertEquals("true HTTP 200", told.get(told.size() - 1));
    // a 200 the sender waited too long for counts as a failure: the receiver may see it again
    assertEquals(1, r.hits.stream().map(Receiver.Hit::eventId).distinct().count());
  }

  @Test
  void aTargetThatHangsDoesNotHoldUpTheOthers() throws Exception {
    Receiver hanging = receiver();
    Receiver healthy = receiver();
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger entered = new AtomicInteger();
    hanging.answer =
        h -> {
          entered.incrementAndGet();
          try {
            release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return 200;
        };
    WebhookSettings base = Samples.settings(NO_PARTS, hanging.uri(), healthy.uri());
    Webhooks w =
        started(
            new WebhookSettings(
                base.targets(),
                base.inlineMaxBytes(),
                base.partRetention(),
                base.firstRetry(),
                base.maxRetry(),
                base.publicBaseUrl(),
                WAIT.multipliedBy(2)));
    try {
      for (int i = 0; i < 40; i++) {
        w.message(Samples.message("both-" + i));
      }
      await().atMost(WAIT).until(() -> healthy.acceptedIds().size() == 40);
      await().atMost(WAIT).until(() -> entered.get() == Sender.IN_FLIGHT_PER_TARGET);
      assertEquals(40, w.pending(), "what the hanging target has not taken");
    } finally {
      release.countDown();
    }
    await().atMost(WAIT).until(() -> w.pending() == 0);
    assertEquals(40, hanging.acceptedIds().size());
  }

  @Test
  void anEventLeasedByAnotherInstanceWaitsUntilTheLeaseRunsOut() throws Exception {
    Receiver r = receiver();
    Webhooks w = open(Samples.settings(NO_PARTS, r.uri()));
    open.add(w);
    w.message(Samples.message("leased"));
    sql(
        "UPDATE mmsgwd_webhook_outbox SET lease_owner = 'an-instance-that-died', lease_until = "
            + (clock.millis() + 60_000));
    w.start();
    w.message(Samples.message("free"));
    await().atMost(WAIT).until(() -> r.accepted().size() == 1);
    await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> r.hits.size() == 1);
    assertEquals(1, w.pending());

    clock.advance(Duration.ofSeconds(61));
    await().atMost(WAIT).until(() -> w.pending() == 0);
    assertEquals(2, r.acceptedIds().size());
  }

  @Test
  void aReceiverDownThenUpGetsEverything() {
    Receiver gone = Receiver.start();
    int port = gone.port();
    URI target = gone.uri();
    gone.close();
    Webhooks w = started(Samples.settings(NO_PARTS, target));
    for (int i = 0; i < 3; i++) {
      w.message(Samples.message("down-" + i));
    }
    await().atMost(WAIT).until(() -> w.targets().get(0).lastError().orElse("").contains("refused"));
    assertEquals(3, w.pending());

    Receiver back = Receiver.start(port);
    open.add(back);
    await().atMost(WAIT).until(() -> w.pending() == 0);
    assertEquals(3, back.acceptedIds().size());
    assertEquals(
        Set.of("down-0", "down-1", "down-2"),
        new HashSet<>(
            back.hits.stream().map(h -> h.json().get("data").get("messageId").asText()).toList()));
  }

  @Test
  void aReopenedOutboxSendsWhatWasNotAccepted() {
    Receiver r = receiver();
    r.answer = h -> 503;
    WebhookSettings s = Samples.settings(NO_PARTS, r.uri());
    Webhooks first = started(s);
    for (int i = 0; i < 5; i++) {
      first.message(Samples.message("restart-" + i));
    }
    await()
        .atMost(WAIT)
        .until(() -> r.hits.stream().map(Receiver.Hit::eventId).distinct().count() == 5);
    first.close();
    Set<String> ids = new HashSet<>(r.hits.stream().map(Receiver.Hit::eventId).toList());

    r.answer = h -> 204;
    Webhooks second = started(s);
    assertEquals(5, second.pending());
    await().atMost(WAIT).until(() -> second.pending() == 0);
    assertEquals(ids, r.acceptedIds());
  }

  @Test
  void aFailingStoreRefusesTheEventAndStoresNothing() throws Exception {
    Receiver r = receiver();
    Webhooks w = started(Samples.settings(NO_PARTS, r.uri()));
    sql("ALTER TABLE mmsgwd_webhook_outbox RENAME TO mmsgwd_webhook_outbox_away");
    RuntimeException e =
        assertThrows(
            RuntimeException.class,
            () -> w.message(Samples.message("refused", Samples.bytes(3, 4000))));
    assertNotNull(e.getMessage());
    sql("ALTER TABLE mmsgwd_webhook_outbox_away RENAME TO mmsgwd_webhook_outbox");
    assertEquals(0, w.pending());
    assertEquals(0, countParts(), "no part left behind");

    w.message(Samples.message("stored"));
    await().atMost(WAIT).until(() -> r.accepted().size() == 1);
  }

  /** How many parts are stored, read from another connection. */
  abstract int countParts() throws Exception;

  @Test
  void anEventToldTwiceKeepsItsIdSoReceiversCanSkipIt() {
    Receiver r = receiver();
    Webhooks w = started(Samples.settings(NO_PARTS, r.uri()));
    w.outcome(Samples.outcome("trk-twice"));
    w.outcome(Samples.outcome("trk-twice"));
    w.deliveryReport(Optional.of("trk-twice"), Optional.empty(), Samples.report("mmsc-42"));
    w.deliveryReport(Optional.of("trk-twice"), Optional.empty(), Samples.report("mmsc-42"));
    w.message(Samples.message("in-twice"));
    w.message(Samples.message("in-twice"));
    w.outcome(Samples.outcome("trk-other"));
    await().atMost(WAIT).until(() -> w.pending() == 0);
    assertEquals(7, r.accepted().size());
    assertEquals(4, r.acceptedIds().size());
  }

  @Test
  void eventsForATargetRemovedFromTheConfigurationWaitForItsReturn() {
    Receiver a = receiver();
    Receiver b = receiver();
    a.answer = h -> 503;
    Webhooks first = started(Samples.settings(NO_PARTS, a.uri()));
    first.message(Samples.message("for-a"));
    await().atMost(WAIT).until(() -> !a.hits.isEmpty());
    first.close();

    Webhooks onlyB = started(Samples.settings(NO_PARTS, b.uri()));
    onlyB.message(Samples.message("for-b"));
    await().atMost(WAIT).until(() -> b.accepted().size() == 1);
    assertEquals(1, onlyB.pending());
    List<TargetStatus> targets = onlyB.targets();
    assertEquals(2, targets.size());
    assertEquals(a.uri(), targets.get(1).url());
    assertTrue(targets.get(1).lastError().orElseThrow().contains("not configured"));
    onlyB.close();

    a.answer = h -> 204;
    Webhooks again = started(Samples.settings(NO_PARTS, a.uri()));
    await().atMost(WAIT).until(() -> again.pending() == 0);
    assertEquals(1, a.accepted().size());
    assertEquals(
        "for-a", a.hits.get(a.hits.size() - 1).json().get("data").get("messageId").asText());
  }

  @Test
  void eventsNoTargetWantsAreNotStored() {
    Receiver r = receiver();
    WebhookSettings s =
        new WebhookSettings(
            List.of(
                new WebhookSettings.Target(
                    r.uri(), Receiver.SECRET, EnumSet.of(WebhookSettings.Event.MESSAGE))),
            Samples.INLINE_MAX,
            Samples.RETENTION,
            Duration.ofMillis(20),
            Duration.ofMillis(200),
            NO_PARTS);
    Webhooks w = open(s); // not started: what is stored stays
    open.add(w);
    w.outcome(Samples.outcome("trk-2"));
    w.deliveryReport(Optional.empty(), Optional.empty(), Samples.report("x"));
    assertEquals(0, w.pending());
    w.message(Samples.message("wanted"));
    assertEquals(1, w.pending());
  }
}
