package org.mmskit.gateway.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.mmskit.core.MmsClient;
import org.mmskit.core.MmsException;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.core.SubmitResult;
import org.mmskit.gateway.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the store holds: one pump thread per route claims due jobs, waits for a concurrency
 * slot and a rate permit for each, and hands it to the route's sender threads, which submit it and
 * record the outcome. A housekeeping task renews this instance's leases and returns the jobs of
 * dead instances to the queue.
 */
public final class Dispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  /** What the dispatcher needs to know of a route. */
  public record RouteConfig(String name, int messagesPerSecond, int maxConcurrency) {}

  private final Store store;
  private final Map<String, MmsClient> clients;
  private final RetryPolicy retry;
  private final Clock clock;
  private final String owner;
  private final long leaseMillis;
  private final long pollMillis;
  private final MessageCodec codec;
  private final Consumer<String> onFinal;
  private final List<Pump> pumps = new ArrayList<>();
  private final ScheduledExecutorService housekeeping;
  private volatile boolean running = true;

  public Dispatcher(
      Store store,
      Map<String, MmsClient> clients,
      List<RouteConfig> routes,
      RetryPolicy retry,
      Clock clock,
      String owner,
      Duration lease,
      Duration poll,
      MessageCodec codec,
      Consumer<String> onFinal) {
    this.store = store;
    this.clients = Map.copyOf(clients);
    this.retry = retry;
    this.clock = clock;
    this.owner = owner;
    this.leaseMillis = lease.toMillis();
    this.pollMillis = Math.max(1, poll.toMillis());
    this.codec = codec;
    this.onFinal = onFinal;
    for (RouteConfig r : routes) {
      pumps.add(new Pump(r));
    }
    this.housekeeping =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "mms-gateway-leases");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts the pumps and the lease keeping. */
  public void start() {
    long period = Math.max(1, leaseMillis / 3);
    housekeeping.scheduleWithFixedDelay(this::keepLeases, 0, period, TimeUnit.MILLISECONDS);
    for (Pump p : pumps) {
      p.thread.start();
    }
  }

  private void keepLeases() {
    try {
      long now = clock.millis();
      store.renewLeases(owner, now + leaseMillis);
      int recovered = store.recoverExpiredLeases(now);
      if (recovered > 0) {
        LOG.warn("{} jobs of a stopped instance are queued again", recovered);
        pumps.forEach(Pump::wake);
      }
    } catch (RuntimeException e) {
      LOG.warn("cannot renew leases", e);
    }
  }

  /** Tells the pump of a route that work may be due. */
  public void wake(String route) {
    for (Pump p : pumps) {
      if (p.route.name().equals(route)) {
        p.wake();
      }
    }
  }

  /**
   * Stops claiming, gives back what was claimed but not begun, and waits for requests under way to
   * end and be recorded.
   */
  @Override
  public void close() {
    running = false;
    for (Pump p : pumps) {
      p.wake();
      p.thread.interrupt();
    }
    for (Pump p : pumps) {
      try {
        p.thread.join(TimeUnit.SECONDS.toMillis(30));
        p.senders.shutdown();
        if (!p.senders.awaitTermination(60, TimeUnit.SECONDS)) {
          LOG.warn("route {}: requests still under way at close", p.route.name());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    housekeeping.shutdownNow();
  }

  private final class Pump implements Runnable {
    final RouteConfig route;
    final Thread thread;
    final Semaphore slots;
    final ExecutorService senders;
    final RateLimiter limiter;
    final Object signal = new Object();

    /** How many claimed jobs the pump keeps in hand: two concurrencies' worth. */
    final int inHand;

    boolean woken;

    Pump(RouteConfig route) {
      this.route = route;
      this.slots = new Semaphore(route.maxConcurrency());
      this.inHand = Math.min(256, 2 * route.maxConcurrency());
      this.senders =
          Executors.newFixedThreadPool(
              2 * route.maxConcurrency(),
              r -> {
                Thread t = new Thread(r, "mms-gateway-send-" + route.name());
                t.setDaemon(true);
                return t;
              });
      this.limiter =
          route.messagesPerSecond() > 0
              ? store.rateLimiter(route.name(), route.messagesPerSecond())
              : null;
      this.thread = new Thread(this, "mms-gateway-route-" + route.name());
      this.thread.setDaemon(true);
    }

    void wake() {
      synchronized (signal) {
        woken = true;
        signal.notifyAll();
      }
    }

    @Override
    public void run() {
      Deque<Store.ClaimedJob> claimed = new ArrayDeque<>();
      boolean drained = false;
      while (running) {
        try {
          // claim ahead: refill the jobs in hand when half are gone, while the slots are busy, so
          // that a freed slot takes the next job at once instead of waiting for the store; after
          // a claim that found fewer than asked, only when none is left
          if (claimed.isEmpty() || (!drained && claimed.size() <= inHand / 2)) {
            int want = inHand - claimed.size();
            long now = clock.millis();
            List<Store.ClaimedJob> got =
                store.claim(route.name(), owner, want, now, now + leaseMillis);
            claimed.addAll(got);
            drained = got.size() < want;
            if (claimed.isEmpty()) {
              idle();
              continue;
            }
          }
          slots.acquire();
          Store.ClaimedJob job = claimed.peekFirst();
          long at = permit();
          claimed.removeFirst();
          senders.execute(() -> send(job, at));
        } catch (InterruptedException e) {
          if (running) {
            Thread.currentThread().interrupt();
          }
        } catch (RuntimeException e) {
          LOG.warn("route {}: cannot reach the store; trying again", route.name(), e);
          pause(pollMillis);
        }
        if (!running && !claimed.isEmpty()) {
          List<Long> ids = claimed.stream().map(Store.ClaimedJob::id).toList();
          claimed.clear();
          try {
            store.release(owner, ids);
          } catch (RuntimeException e) {
            LOG.warn("cannot give back {} jobs; their leases will run out", ids.size(), e);
          }
        }
        Thread.interrupted();
      }
    }

    /** Waits for a rate permit; returns the time it was granted, the attempt's time. */
    private long permit() throws InterruptedException {
      while (true) {
        long now = clock.millis();
        if (limiter == null) {
          return now;
        }
        long wait = limiter.tryAcquire(now);
        if (wait <= 0) {
          return now;
        }
        if (!running) {
          slots.release();
          throw new InterruptedException("closing");
        }
        pause(wait);
      }
    }

    private void idle() {
      long wait = pollMillis;
      try {
        var due = store.nextDue(route.name());
        if (due.isPresent()) {
          wait = Math.max(1, Math.min(wait, due.get() - clock.millis()));
        }
      } catch (RuntimeException e) {
        LOG.warn("route {}: cannot read the queue", route.name(), e);
      }
      pause(wait);
    }

    private void pause(long millis) {
      synchronized (signal) {
        if (!woken && running) {
          try {
            signal.wait(millis);
          } catch (InterruptedException e) {
            // close() interrupts to end waits; the loop checks running
          }
        }
        woken = false;
      }
    }

    private void send(Store.ClaimedJob job, long at) {
      boolean released = false;
      try {
        SubmitResult result = null;
        Throwable failure = null;
        MmsClient client = clients.get(job.connection());
        if (at > job.expiresAt()) {
          slots.release();
          released = true;
          String reason =
              "expired at "
                  + Instant.ofEpochMilli(job.expiresAt())
                  + " before attempt "
                  + job.attempt();
          persist(
              job,
              new Store.Finish(
                  "FAILED",
                  at,
                  null,
                  reason,
                  List.of(event(job, at, "FAILED", job.attempt(), null, reason))));
          return;
        }
        if (client == null) {
          failure = new IllegalStateException("no connection named " + job.connection());
        } else {
          try {
            // every attempt of a delivery goes under its one transaction ID, so that an MMSC can
            // spot a request sent again after an unknown outcome
            MmsMessage message =
                codec.read(job.payload(), store::openBody).toBuilder()
                    .transactionId(job.txnId())
                    .build();
            result = client.submit(message);
          } catch (RuntimeException e) {
            failure = e;
          }
        }
        // the request is over: its slot serves the next one while the outcome is written
        slots.release();
        released = true;
        record(job, at, result, failure);
      } catch (RuntimeException e) {
        LOG.error(
            "job {} of {}: outcome not recorded; its lease will run out and it is sent again",
            job.id(),
            job.trackingId(),
            e);
      } finally {
        if (!released) {
          slots.release();
        }
      }
    }
  }

  private void record(Store.ClaimedJob job, long at, SubmitResult result, Throwable failure) {
    List<Store.Event> events = new ArrayList<>(2);
    int attempt = job.attempt();
    if (job.inDoubt()) {
      events.add(
          event(
              job,
              at,
              "OUTCOME_UNKNOWN",
              attempt - 1,
              null,
              "the instance sending attempt "
                  + (attempt - 1)
                  + " stopped before its outcome was recorded; sending again with transaction ID "
                  + job.txnId()));
    }
    Store.Finish finish;
    if (result != null) {
      events.add(
          event(
              job,
              at,
              "ACCEPTED",
              attempt,
              result.statusCode(),
              "accepted as "
                  + result.messageId()
                  + (result.statusText().isEmpty() ? "" : " (" + result.statusText() + ")")));
      finish = new Store.Finish("SENT", at, result.messageId(), null, events);
    } else {
      Integer code = null;
      boolean retryable;
      String detail;
      if (failure instanceof MmscRejectedException r) {
        retryable = r.isRetryable();
        code = r.statusCode().isPresent() ? r.statusCode().getAsInt() : null;
        detail = r.getMessage();
      } else if (failure instanceof MmsTransportException t) {
        retryable = t.isRetryable();
        detail = (t.requestSent() ? "no answer, outcome unknown: " : "not sent: ") + t.getMessage();
      } else if (failure instanceof MmsMalformedException m) {
        retryable = m.isRetryable();
        detail = "unreadable answer, outcome unknown: " + m.getMessage();
      } else if (failure instanceof MmsException m) {
        retryable = m.isRetryable();
        detail = m.getMessage();
      } else {
        retryable = false;
        detail = "cannot send: " + failure;
      }
      long next =
          at + retry.delayAfter(attempt, ThreadLocalRandom.current().nextDouble()).toMillis();
      if (!retryable) {
        events.add(event(job, at, "FAILED", attempt, code, "refused for good: " + detail));
        finish = new Store.Finish("FAILED", at, null, "refused for good: " + detail, events);
      } else if (attempt >= retry.maxAttempts()) {
        String reason = "gave up after " + attempt + " attempts: " + detail;
        events.add(event(job, at, "FAILED", attempt, code, reason));
        finish = new Store.Finish("FAILED", at, null, reason, events);
      } else if (next > job.expiresAt()) {
        String reason =
            "expired at "
                + Instant.ofEpochMilli(job.expiresAt())
                + " after attempt "
                + attempt
                + ": "
                + detail;
        events.add(event(job, at, "FAILED", attempt, code, reason));
        finish = new Store.Finish("FAILED", at, null, reason, events);
      } else {
        events.add(
            event(
                job,
                at,
                "RETRY",
                attempt,
                code,
                detail + "; next attempt at " + Instant.ofEpochMilli(next)));
        finish = new Store.Finish("QUEUED", next, null, null, events);
      }
    }
    persist(job, finish);
  }

  /**
   * Writes an outcome; when the store fails, tries again later rather than leaving the job SENDING
   * under a lease this instance keeps renewing.
   */
  private void persist(Store.ClaimedJob job, Store.Finish finish) {
    boolean applied;
    try {
      applied = store.finish(job.id(), owner, finish);
    } catch (RuntimeException e) {
      if (running) {
        LOG.warn(
            "job {} of {}: cannot record its outcome yet; trying again",
            job.id(),
            job.trackingId(),
            e);
        housekeeping.schedule(() -> persist(job, finish), pollMillis, TimeUnit.MILLISECONDS);
      } else {
        LOG.warn(
            "job {} of {}: outcome not recorded at close; it is sent again after its lease",
            job.id(),
            job.trackingId(),
            e);
      }
      return;
    }
    if (!applied) {
      LOG.warn(
          "job {} of {}: lease lost before its outcome was recorded; another instance resends it",
          job.id(),
          job.trackingId());
      return;
    }
    if (!finish.state().equals("QUEUED")) {
      onFinal.accept(job.trackingId());
    } else {
      wake(job.route());
    }
  }

  private static Store.Event event(
      Store.ClaimedJob job, long at, String kind, int attempt, Integer code, String detail) {
    return new Store.Event(
        job.trackingId(), job.id(), at, kind, attempt, job.connection(), code, detail, null);
  }
}
