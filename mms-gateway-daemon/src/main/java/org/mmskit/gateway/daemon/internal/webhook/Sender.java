package org.mmskit.gateway.daemon.internal.webhook;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs claimed events: one thread claims each target's due rows while that target has fewer than
 * {@link #IN_FLIGHT_PER_TARGET} POSTs under way (so a slow or dead target cannot hold the others
 * up), the JDK client sends them, and the outcome is recorded on a small pool. A 2xx deletes the
 * row; anything else schedules the next attempt with exponential back-off and jitter.
 */
final class Sender implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Sender.class);

  /** POSTs under way at once to one target. */
  static final int IN_FLIGHT_PER_TARGET = 16;

  /** The longest idle wait between looks at the store: other instances' events show up so. */
  private static final long IDLE_POLL_MS = 1000;

  private final Outbox outbox;
  private final Clock clock;
  private final String owner;
  private final Map<String, WebhookSettings.Target> targets;
  private final Duration timeout;
  private final long leaseMs;
  private final long firstRetryMs;
  private final long maxRetryMs;
  private final Random jitter = new Random();

  /** Free POST slots per configured target, in configuration order. */
  private final Map<String, Semaphore> slots = new LinkedHashMap<>();

  private final Semaphore wakeups = new Semaphore(0);
  private final Map<String, Long> lastDelivered = new ConcurrentHashMap<>();
  private final ExecutorService recorders;
  private final HttpClient client;
  private volatile Webhooks.AttemptListener listener = (target, ok, detail) -> {};
  private volatile boolean running;
  private Thread claimer;

  Sender(Outbox outbox, WebhookSettings settings, Clock clock, String owner) {
    this.outbox = outbox;
    this.clock = clock;
    this.owner = owner;
    this.targets =
        settings.targets().stream()
            .collect(Collectors.toUnmodifiableMap(t -> t.url().toString(), Function.identity()));
    settings
        .targets()
        .forEach(t -> slots.put(t.url().toString(), new Semaphore(IN_FLIGHT_PER_TARGET)));
    this.timeout = settings.requestTimeout();
    // a POST is over within the timeout; the margin covers recording its outcome
    this.leaseMs = 2 * timeout.toMillis() + 10_000;
    this.firstRetryMs = settings.firstRetry().toMillis();
    this.maxRetryMs = settings.maxRetry().toMillis();
    // outcomes are written apart from the client's own threads, so a slow store does not stall I/O
    this.recorders = Executors.newFixedThreadPool(2, daemon("mmskit-webhook-record"));
    // the JDK client sets TCP_NODELAY on its sockets
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    claimer = daemon("mmskit-webhook-claim").newThread(this::claimLoop);
    claimer.start();
  }

  void listener(Webhooks.AttemptListener listener) {
    this.listener = listener;
  }

  /** Something new is stored: look now rather than at the next poll. */
  void wake() {
    wakeups.release();
  }

  /** When this instance last had an event accepted by {@code target}, in epoch milliseconds. */
  OptionalLong lastDelivered(String target) {
    Long at = lastDelivered.get(target);
    return at == null ? OptionalLong.empty() : OptionalLong.of(at);
  }

  private void claimLoop() {
    while (running) {
      try {
        claimEach();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("the webhook sender cannot claim events, trying again shortly", e);
        try {
          idle(IDLE_POLL_MS);
        } catch (InterruptedException stop) {
          return;
        }
      }
    }
  }

  /**
   * Claims and posts what is due for each target with free slots; when there was nothing, waits
   * until something may be due, a slot frees or an event is stored.
   */
  private void claimEach() throws InterruptedException {
    boolean claimed = false;
    List<String> idleTargets = new ArrayList<>();
    for (Map.Entry<String, Semaphore> e : slots.entrySet()) {
      Semaphore free = e.getValue();
      int n = free.drainPermits();
      if (n == 0) {
        continue; // a finished POST wakes the claimer
      }
      List<Outbox.Claimed> rows;
      long now = clock.millis();
      try {
        rows = outbox.claim(owner, e.getKey(), n, now, now + leaseMs);
      } catch (RuntimeException failure) {
        free.release(n);
        throw failure;
      }
      free.release(n - rows.size()); // each row posted holds one until its POST ends
      if (rows.size() < n) {
        idleTargets.add(e.getKey());
      }
      rows.forEach(row -> post(row, free));
      claimed |= !rows.isEmpty();
    }
    if (!claimed) {
      OptionalLong next = outbox.nextWake(idleTargets);
      long wait = next.isPresent() ? next.getAsLong() - clock.millis() : IDLE_POLL_MS;
      idle(Math.max(1, Math.min(wait, IDLE_POLL_MS)));
    }
  }

  private void idle(long ms) throws InterruptedException {
    if (wakeups.tryAcquire(ms, TimeUnit.MILLISECONDS)) {
      wakeups.drainPermits();
    }
  }

  private void post(Outbox.Claimed row, Semaphore slot) {
    WebhookSettings.Target target = targets.get(row.target());
    long signedAt = clock.instant().getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(row.target()))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "MMSKit-Webhooks/1")
            .header(WebhookSignature.EVENT_ID_HEADER, row.eventId())
            .header("MMSKit-Event-Type", row.eventType())
            .header(
                WebhookSignature.HEADER,
                WebhookSignature.header(target.secret(), signedAt, row.body()))
            .POST(HttpRequest.BodyPublishers.ofByteArray(row.body()))
            .build();
    try {
      client
          .sendAsync(request, HttpResponse.BodyHandlers.discarding())
          // the request timeout ends at the response head; this bounds the whole exchange
          .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .whenCompleteAsync(
              (response, failure) -> {
                try {
                  finish(row, response, failure);
                } finally {
                  slot.release();
                  // the row's next attempt may be due before the claimer would look again
                  wake();
                }
              },
              recorders);
    } catch (RuntimeException e) {
      slot.release();
      record(row, "cannot send: " + e.getMessage(), backoff(row.attempts() + 1));
    }
  }

  private void finish(Outbox.Claimed row, HttpResponse<Void> response, Throwable failure) {
    if (failure == null && response.statusCode() / 100 == 2) {
      tell(row.target(), true, "HTTP " + response.statusCode());
      try {
        if (!outbox.delivered(row.id(), owner)) {
          log.info("webhook event {} was taken over by another instance", row.eventId());
        }
        lastDelivered.put(row.target(), clock.millis());
      } catch (RuntimeException e) {
        // the row stays leased; once the lease runs out it is sent again (at least once)
        log.warn("cannot record the delivery of webhook event {}", row.eventId(), e);
      }
      return;
    }
    String error = failure == null ? "HTTP " + response.statusCode() : describe(failure);
    record(row, error, backoff(row.attempts() + 1));
  }

  private void record(Outbox.Claimed row, String error, long delayMs) {
    tell(row.target(), false, error);
    long now = clock.millis();
    try {
      outbox.failed(row.id(), owner, now, now + delayMs, error);
      log.debug("webhook event {} to {}: {}", row.eventId(), row.target(), error);
    } catch (RuntimeException e) {
      log.warn("cannot record a failed attempt of webhook event {}", row.eventId(), e);
    }
  }

  private void tell(String target, boolean ok, String detail) {
    try {
      listener.attempted(target, ok, detail);
    } catch (RuntimeException e) {
      log.warn("the webhook attempt listener failed", e);
    }
  }

  private static String describe(Throwable t) {
    Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
      return "no answer within the timeout";
    }
    if (cause instanceof ConnectException) {
      return "connection refused or unreachable";
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private long backoff(int attempt) {
    synchronized (jitter) {
      return backoff(firstRetryMs, maxRetryMs, attempt, jitter);
    }
  }

  /**
   * The delay after failed attempt number {@code attempt}: {@code firstMs} doubled per earlier
   * attempt, capped at {@code maxMs}, drawn from its upper half so that the retries of many events
   * do not hit a receiver coming back all at once.
   */
  static long backoff(long firstMs, long maxMs, int attempt, Random random) {
    long full = firstMs;
    for (int i = 1; i < attempt && full < maxMs; i++) {
      full *= 2;
    }
    full = Math.min(full, maxMs);
    long half = full / 2;
    return half + (long) (random.nextDouble() * (full - half + 1));
  }

  /** Stops claiming, waits up to the timeout for POSTs under way, then gives back its leases. */
  @Override
  public void close() {
    synchronized (this) {
      running = false;
      if (claimer != null) {
        claimer.interrupt();
      }
    }
    try {
      if (claimer != null) {
        claimer.join(timeout.toMillis());
      }
      long until = System.nanoTime() + timeout.toNanos() + 1_000_000_000L;
      for (Semaphore s : slots.values()) {
        long left = Math.max(0, until - System.nanoTime());
        if (s.tryAcquire(IN_FLIGHT_PER_TARGET, left, TimeUnit.NANOSECONDS)) {
          s.release(IN_FLIGHT_PER_TARGET);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    recorders.shutdownNow();
    try {
      outbox.releaseAll(owner);
    } catch (RuntimeException e) {
      log.warn("cannot give back the webhook leases; they run out by themselves", e);
    }
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
