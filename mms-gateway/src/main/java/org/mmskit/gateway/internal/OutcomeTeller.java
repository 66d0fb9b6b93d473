package org.mmskit.gateway.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.mmskit.gateway.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the application the outcome of every message that ended, at least once: it takes due
 * outcomes from the store under this instance's lease, hands each over, and only then has the store
 * forget it. An outcome the application refused (its callback threw) is told again after a
 * back-off; one whose teller died is told again when the lease runs out (SQLite: at restart).
 */
public final class OutcomeTeller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutcomeTeller.class);
  private static final int BATCH = 64;

  private final Store store;
  private final String owner;
  private final Clock clock;
  private final long leaseMillis;
  private final long pollMillis;
  private final RetryPolicy retry;
  private final Predicate<String> tell;
  private final Thread thread;
  private final Object signal = new Object();
  private boolean woken;
  private volatile boolean running = true;

  /**
   * @param tell hands the outcome of a message to the application; true when it took it
   */
  public OutcomeTeller(
      Store store,
      String owner,
      Clock clock,
      long leaseMillis,
      long pollMillis,
      RetryPolicy retry,
      Predicate<String> tell) {
    this.store = store;
    this.owner = owner;
    this.clock = clock;
    this.leaseMillis = leaseMillis;
    this.pollMillis = Math.max(1, pollMillis);
    this.retry = retry;
    this.tell = tell;
    this.thread = new Thread(this::run, "mms-gateway-outcomes");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Says that an outcome may have become due. */
  public void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  private void run() {
    while (running) {
      long wait = pollMillis;
      try {
        long now = clock.millis();
        List<Store.DueOutcome> due = store.claimOutcomes(owner, BATCH, now, now + leaseMillis);
        if (!due.isEmpty()) {
          tellAll(due);
          continue;
        }
        var next = store.nextOutcomeDue();
        if (next.isPresent()) {
          wait = Math.max(1, Math.min(wait, next.get() - clock.millis()));
        }
      } catch (RuntimeException e) {
        LOG.warn("cannot read the outcomes to tell; trying again", e);
      }
      pause(wait);
    }
  }

  private void tellAll(List<Store.DueOutcome> due) {
    List<String> told = new ArrayList<>(due.size());
    try {
      for (Store.DueOutcome o : due) {
        if (!running) {
          break; // what is not told yet is told again when the lease runs out or at restart
        }
        if (tell.test(o.trackingId())) {
          told.add(o.trackingId());
        } else {
          long delay =
              retry.delayAfter(o.attempt(), ThreadLocalRandom.current().nextDouble()).toMillis();
          store.retryOutcome(owner, o.trackingId(), clock.millis() + delay);
        }
      }
    } finally {
      store.outcomesTold(told);
    }
  }

  private void pause(long millis) {
    synchronized (signal) {
      if (!woken && running) {
        try {
          signal.wait(millis);
        } catch (InterruptedException e) {
          // close() interrupts to end the wait; the loop checks running
        }
      }
      woken = false;
    }
  }

  /** Stops after the outcome being told, if any. */
  @Override
  public void close() {
    running = false;
    wake();
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
