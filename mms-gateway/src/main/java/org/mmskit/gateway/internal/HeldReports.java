package org.mmskit.gateway.internal;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.mmskit.core.Acknowledgement;
import org.mmskit.gateway.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at the reports {@link ReportMatcher} kept, every poll interval: one whose MMSC message ID
 * is stored now is handed over as any report; one still unknown after the grace period (by then
 * every submit under way when it came has had its answer stored, or its lease ran out) goes to the
 * application's own listener. A report the application does not take is offered again after the
 * retry policy's delay; it is forgotten only once taken.
 */
public final class HeldReports implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HeldReports.class);
  private static final int BATCH = 64;

  private final Store store;
  private final ReportMatcher matcher;
  private final String owner;
  private final Clock clock;
  private final long leaseMillis;
  private final long pollMillis;
  private final long graceMillis;
  private final RetryPolicy retry;
  private final ScheduledExecutorService timer;

  public HeldReports(
      Store store,
      ReportMatcher matcher,
      String owner,
      Clock clock,
      long leaseMillis,
      long pollMillis,
      RetryPolicy retry) {
    this.store = store;
    this.matcher = matcher;
    this.owner = owner;
    this.clock = clock;
    this.leaseMillis = leaseMillis;
    this.pollMillis = Math.max(1, pollMillis);
    this.graceMillis = leaseMillis;
    this.retry = retry;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "mms-gateway-held-reports");
              t.setDaemon(true);
              return t;
            });
  }

  public void start() {
    timer.scheduleWithFixedDelay(this::sweep, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
  }

  private void sweep() {
    try {
      long now = clock.millis();
      for (Store.HeldReport h : store.claimHeldReports(owner, BATCH, now, now + leaseMillis)) {
        look(h, now);
      }
    } catch (RuntimeException e) {
      LOG.warn("cannot look at the kept reports; trying again", e);
    }
  }

  private void look(Store.HeldReport h, long now) {
    boolean known = store.findByMmscMessageId(h.mmscMessageId()).isPresent();
    if (!known && now - h.receivedAt() < graceMillis) {
      store.retryHeldReport(
          owner, h.reportKey(), Math.min(now + pollMillis, h.receivedAt() + graceMillis));
      return;
    }
    Acknowledgement ack = null;
    try {
      ack = matcher.release(h.payload());
    } catch (RuntimeException e) {
      LOG.warn("kept report {} not taken; offering it again later", h.reportKey(), e);
    }
    if (ack != null && ack.isSuccess()) {
      store.dropHeldReport(h.reportKey());
    } else {
      long delay =
          retry.delayAfter(h.attempt(), ThreadLocalRandom.current().nextDouble()).toMillis();
      store.retryHeldReport(owner, h.reportKey(), now + delay);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
