package org.mmskit.server.internal;

import java.time.Duration;

/**
 * How many exchanges run (request head read, response not yet completed), so that a graceful
 * shutdown can wait for them and not for idle keep-alive connections.
 */
final class Exchanges {
  private int running;

  synchronized void entered() {
    running++;
  }

  synchronized void left() {
    running--;
    if (running == 0) {
      notifyAll();
    }
  }

  /** Waits until no exchange runs or {@code timeout} passes; returns how many still run. */
  synchronized int awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (running > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return running;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return 0;
  }
}
