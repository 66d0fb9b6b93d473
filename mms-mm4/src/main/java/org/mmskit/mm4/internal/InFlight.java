package org.mmskit.mm4.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Counts the mails the application has been handed but whose SMTP reply is not written yet, so that
 * closing the listener does not cut a peer off between "accepted" and its {@code 250}.
 */
public final class InFlight {
  private int count;

  public synchronized void begin() {
    count++;
  }

  public synchronized void end() {
    if (--count == 0) {
      notifyAll();
    }
  }

  /** Waits until no mail is in flight, at most {@code max}; true when none is. */
  public synchronized boolean awaitIdle(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (count > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }
}
