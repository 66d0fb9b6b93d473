package org.mmskit.gateway.daemon.internal.webhook;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.ReadReply;
import org.mmskit.gateway.MessageStatus;
import org.mmskit.server.InboundHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable outbox of webhook events. Each method returns once the event is stored (so the caller
 * may acknowledge it to the MMSC) and throws when it could not be stored (so the caller answers
 * "try later"). Events are POSTed in the background, signed, and retried with back-off until the
 * receiver answers 2xx, across restarts.
 *
 * <h2>Delivery</h2>
 *
 * One stored row per event and target subscribed to its kind. Each attempt is a {@code POST} of
 * {@code application/json} with the headers {@value WebhookSignature#EVENT_ID_HEADER} (the same on
 * every attempt and for every target: receivers de-duplicate by it; derived from what identifies
 * the event, so an event its source tells twice has the same ID), {@code MMSKit-Event-Type} and
 * {@value WebhookSignature#HEADER} (see {@link WebhookSignature}). A 2xx answer removes the row;
 * any other status, a timeout ({@link WebhookSettings#requestTimeout()}) or a refused connection
 * schedules the next attempt after {@code firstRetry}, doubled each time up to {@code maxRetry},
 * drawn from the upper half of that delay (jitter). There is no last attempt: an event waits until
 * its target takes it, and {@link #targets()} shows which target fails and why. Each target has at
 * most {@value Sender#IN_FLIGHT_PER_TARGET} POSTs under way, so one that hangs does not hold up the
 * others. Delivery is at least once (a target may see an event again when its answer is lost, or
 * after a crash during the POST) and in no particular order.
 *
 * <p>Events of a type no target subscribes to are not stored. With no target configured at all,
 * every event is stored and waits: the first {@link #start()} with targets gives each to the
 * targets subscribed to its type. Events for a target removed from the configuration stay stored
 * (and counted by {@link #pending()}) until a target with that URL is configured again.
 *
 * <h2>Event format</h2>
 *
 * {@code {"id": "<uuid>", "type": "message" | "delivery_report" | "read_reply" | "outcome", "time":
 * "<ISO-8601 UTC, when it was stored>", "data": {...}}}; absent values are {@code null}.
 *
 * <ul>
 *   <li>{@code message}: {@code messageId}, {@code from}, {@code to} and {@code cc} (arrays),
 *       {@code subject}, {@code date}, {@code linkedId}, {@code transport} ({@code MM7}, {@code
 *       EAIF}, {@code MM4}, {@code MM1}), {@code account}, {@code receivedAt}, and {@code parts}:
 *       each with {@code contentType} (with its parameters), {@code contentId}, {@code
 *       contentLocation}, {@code name}, {@code size}, and either {@code body} (base64, when the
 *       size is at most {@code inlineMaxBytes}) or {@code url} and {@code expiresAt}: {@code
 *       <publicBaseUrl>/v1/parts/<token>}, served by {@link #partsHandler()} until {@code
 *       partRetention} after the event was stored.
 *   <li>{@code delivery_report} and {@code read_reply}: {@code trackingId} (when the gateway sent
 *       the message), {@code messageId} (the MMSC's), {@code recipient}, {@code sender}, {@code
 *       date}, {@code status} (a {@code DeliveryStatus} or {@code ReadStatus} name), {@code
 *       rawStatus}, {@code statusText}, {@code transport}, {@code account}, {@code receivedAt}.
 *   <li>{@code outcome}: {@code trackingId}, {@code state} ({@code SENT}, {@code FAILED}, {@code
 *       CANCELLED}), {@code attempts} (over all deliveries), {@code mmscMessageId}, {@code
 *       lastStatus} ({@code at}, {@code kind}, {@code statusCode}, {@code detail} of the last
 *       attempt) and {@code deliveries} (per route: {@code route}, {@code connection}, {@code
 *       state}, {@code attempts}, {@code mmscMessageId}, {@code reason}).
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class Webhooks implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

  /** How often expired parts are removed, at most. */
  private static final long PURGE_EVERY_MS = 60_000;

  private final Outbox outbox;
  private final WebhookSettings settings;
  private final Clock clock;
  private final EventJson json;
  private final Sender sender;
  private final PartsHandler parts;
  private final SecureRandom random = new SecureRandom();
  private final ScheduledExecutorService purger;
  private boolean started;
  private boolean closed;

  private Webhooks(Outbox outbox, WebhookSettings settings, Clock clock) {
    this.outbox = outbox;
    this.settings = settings;
    this.clock = clock;
    this.json = new EventJson(settings);
    this.sender = new Sender(outbox, settings, clock, "webhooks-" + UUID.randomUUID());
    this.parts = new PartsHandler(outbox, clock);
    this.purger =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "mmskit-webhook-purge");
              t.setDaemon(true);
              return t;
            });
  }

  /** An outbox in an SQLite file of its own. */
  public static Webhooks sqlite(Path file, WebhookSettings settings) {
    return sqlite(file, settings, Clock.systemUTC());
  }

  /** An outbox in an SQLite file of its own, on this clock (tests move it to expire parts). */
  public static Webhooks sqlite(Path file, WebhookSettings settings, Clock clock) {
    return new Webhooks(new SqliteOutbox(file), settings, clock);
  }

  /** An outbox in PostgreSQL tables shared by the instances. */
  public static Webhooks postgresql(DataSource dataSource, WebhookSettings settings) {
    return postgresql(dataSource, settings, Clock.systemUTC());
  }

  /** An outbox in PostgreSQL tables shared by the instances, on this clock. */
  public static Webhooks postgresql(DataSource dataSource, WebhookSettings settings, Clock clock) {
    return new Webhooks(new PostgresOutbox(dataSource), settings, clock);
  }

  /**
   * Starts sending stored events, those left by an earlier run included. Events stored while no
   * target was configured go to the targets now subscribed to their type.
   */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("the webhooks are closed");
    }
    if (started) {
      return;
    }
    started = true;
    if (!settings.targets().isEmpty()) {
      Map<String, List<String>> byType = new LinkedHashMap<>();
      byType.put(EventJson.MESSAGE, subscribed(WebhookSettings.Event.MESSAGE));
      byType.put(EventJson.DELIVERY_REPORT, subscribed(WebhookSettings.Event.DELIVERY_REPORT));
      byType.put(EventJson.READ_REPLY, subscribed(WebhookSettings.Event.READ_REPLY));
      byType.put(EventJson.OUTCOME, subscribed(WebhookSettings.Event.OUTCOME));
      int dropped = outbox.assign(byType);
      if (dropped > 0) {
        log.warn(
            "{} events stored while no webhook target was configured are of a type no target"
                + " subscribes to: dropped",
            dropped);
      }
    }
    sender.start();
    long every = Math.min(PURGE_EVERY_MS, settings.partRetention().toMillis());
    purger.scheduleWithFixedDelay(this::purgeQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  /** An incoming message from any listener. */
  public void message(IncomingMessage message) {
    List<String> to = subscribed(WebhookSettings.Event.MESSAGE);
    if (to.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    Instant expires = now.plus(settings.partRetention());
    String id =
        message
            .message()
            .messageId()
            .map(
                m ->
                    idOf(
                        "message",
                        message.context().transport().name(),
                        message.context().account().orElse(""),
                        m))
            .orElseGet(() -> UUID.randomUUID().toString());
    store(to, json.message(id, now, message, expires, this::newToken), expires);
  }

  /**
   * A delivery report, with the tracking ID of the message it is about when the gateway sent it.
   */
  public void deliveryReport(
      Optional<String> trackingId, Optional<String> recipient, DeliveryReport report) {
    List<String> to = subscribed(WebhookSettings.Event.DELIVERY_REPORT);
    if (!to.isEmpty()) {
      Instant now = clock.instant();
      String id =
          idOf(
              "delivery_report",
              report.messageId(),
              recipient.or(() -> report.recipient().map(Object::toString)).orElse(""),
              report.rawStatus(),
              report.date().map(Object::toString).orElse(""));
      store(to, json.deliveryReport(id, now, trackingId, recipient, report), now);
    }
  }

  /** A read reply, with the tracking ID of the message it is about when the gateway sent it. */
  public void readReply(Optional<String> trackingId, Optional<String> recipient, ReadReply reply) {
    List<String> to = subscribed(WebhookSettings.Event.READ_REPLY);
    if (!to.isEmpty()) {
      Instant now = clock.instant();
      String id =
          idOf(
              "read_reply",
              reply.messageId(),
              recipient.or(() -> reply.recipient().map(Object::toString)).orElse(""),
              reply.rawStatus(),
              reply.date().map(Object::toString).orElse(""));
      store(to, json.readReply(id, now, trackingId, recipient, reply), now);
    }
  }

  /** The final outcome of a message the gateway sent. */
  public void outcome(MessageStatus status) {
    List<String> to = subscribed(WebhookSettings.Event.OUTCOME);
    if (!to.isEmpty()) {
      Instant now = clock.instant();
      String id = idOf("outcome", status.trackingId(), status.state().name());
      store(to, json.outcome(id, now, status), now);
    }
  }

  private void store(List<String> targets, EventJson.Event e, Instant partsExpire) {
    outbox.store(
        e.id(), e.type(), clock.millis(), targets, e.body(), e.parts(), partsExpire.toEpochMilli());
    sender.wake();
  }

  private List<String> subscribed(WebhookSettings.Event kind) {
    if (settings.targets().isEmpty()) {
      return List.of(Outbox.UNASSIGNED);
    }
    List<String> out = new ArrayList<>();
    for (WebhookSettings.Target t : settings.targets()) {
      if (t.events().contains(kind)) {
        out.add(t.url().toString());
      }
    }
    return out;
  }

  /**
   * The ID of an event, derived from what identifies it, so that an event its source tells twice
   * (an outcome told again after a restart, a report or message the MMSC sent again because our
   * answer was lost) reaches receivers with the ID they already saw.
   */
  private static String idOf(String... key) {
    String joined = String.join("\0", key);
    return UUID.nameUUIDFromBytes(joined.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private String newToken() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Told the result of every POST, e.g. to show it on the status page. */
  @FunctionalInterface
  public interface AttemptListener {
    /**
     * Called on a webhook thread after each attempt; keep it short.
     *
     * @param target the target's URL
     * @param accepted whether it answered 2xx
     * @param detail the HTTP status, or why there was none (timeout, refused connection)
     */
    void attempted(String target, boolean accepted, String detail);
  }

  /** Sets who is told the result of every POST (nobody by default). */
  public void onAttempt(AttemptListener listener) {
    sender.listener(Objects.requireNonNull(listener, "listener"));
  }

  /** Serves the parts too large to travel inline; the daemon mounts it at {@code /v1/parts/}. */
  public InboundHandler partsHandler() {
    return parts;
  }

  /** Events stored and not yet accepted by their receiver (one per event and target). */
  public long pending() {
    return outbox.pending();
  }

  /**
   * Each configured target's backlog and latest failure, for the status page; then any target no
   * longer configured that still has events waiting (they stay until it is configured again).
   */
  public List<TargetStatus> targets() {
    Map<String, Outbox.Backlog> backlogs = new LinkedHashMap<>();
    outbox.backlogs().forEach(b -> backlogs.put(b.target(), b));
    List<TargetStatus> out = new ArrayList<>();
    for (WebhookSettings.Target t : settings.targets()) {
      out.add(status(t.url().toString(), backlogs.remove(t.url().toString())));
    }
    backlogs.forEach(
        (url, b) ->
            out.add(
                status(
                    url,
                    new Outbox.Backlog(
                        url,
                        b.pending(),
                        b.oldestCreatedAt(),
                        b.maxAttempts(),
                        Optional.of("not configured: its events wait until it is again"),
                        b.lastErrorAt()))));
    return out;
  }

  private TargetStatus status(String url, Outbox.Backlog b) {
    var delivered = sender.lastDelivered(url);
    Optional<Instant> lastDelivered =
        delivered.isPresent()
            ? Optional.of(Instant.ofEpochMilli(delivered.getAsLong()))
            : Optional.empty();
    if (b == null) {
      return new TargetStatus(
          URI.create(url),
          0,
          Optional.empty(),
          0,
          Optional.empty(),
          Optional.empty(),
          lastDelivered);
    }
    return new TargetStatus(
        URI.create(url),
        b.pending(),
        Optional.of(Instant.ofEpochMilli(b.oldestCreatedAt())),
        b.maxAttempts(),
        b.lastError(),
        b.lastErrorAt().isPresent()
            ? Optional.of(Instant.ofEpochMilli(b.lastErrorAt().getAsLong()))
            : Optional.empty(),
        lastDelivered);
  }

  /** Removes the parts whose retention has passed; returns how many. */
  int purgeExpiredParts() {
    return outbox.purgeParts(clock.millis());
  }

  private void purgeQuietly() {
    try {
      purgeExpiredParts();
    } catch (RuntimeException e) {
      log.warn("cannot remove expired webhook parts; trying again later", e);
    }
  }

  /** Stops sending; what was not accepted stays stored and is sent after the next start. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    purger.shutdownNow();
    sender.close();
    outbox.close();
  }
}
