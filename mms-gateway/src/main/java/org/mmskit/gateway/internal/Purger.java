package org.mmskit.gateway.internal;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes, in the background, the stored bodies of messages that ended and everything kept of
 * messages that ended more than the retention ago; see {@link Store#purge}.
 */
public final class Purger implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Purger.class);

  private final Store store;
  private final Clock clock;
  private final long retentionMillis;
  private final long periodMillis;
  private final ScheduledExecutorService timer;

  /**
   * @param periodMillis how often it runs
   */
  public Purger(Store store, Clock clock, long retentionMillis, long periodMillis) {
    this.store = store;
    this.clock = clock;
    this.retentionMillis = retentionMillis;
    this.periodMillis = Math.max(1, periodMillis);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "mms-gateway-purge");
              t.setDaemon(true);
              return t;
            });
  }

  public void start() {
    timer.scheduleWithFixedDelay(this::run, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  private void run() {
    try {
      int n = store.purge(clock.millis() - retentionMillis);
      if (n > 0) {
        LOG.debug("purged {} messages that ended over {} ms ago", n, retentionMillis);
      }
    } catch (RuntimeException e) {
      LOG.warn("cannot purge old messages; trying again later", e);
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
