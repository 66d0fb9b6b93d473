package org.mmskit.server.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections inside an exchange (request head read, response not yet completed), so that a
 * graceful shutdown can wait for them. Entering and leaving take no lock: every worker does both
 * for every request, and a shared monitor there stalls all workers whenever its holder is
 * descheduled. Only a waiting {@link #awaitIdle} is woken, under its own monitor.
 */
final class Exchanges {
  private final Set<ServerConnection> busy = ConcurrentHashMap.newKeySet();
  private volatile boolean awaited;

  void enter(ServerConnection c) {
    busy.add(c);
  }

  void leave(ServerConnection c) {
    if (busy.remove(c) && awaited) {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  /** Waits until no exchange runs or {@code timeout} passes; returns how many still run. */
  int awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    awaited = true;
    synchronized (this) {
      while (!busy.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return busy.size();
        }
        // Bounded slices: a leave() racing with the first isEmpty() check is seen on the next one.
        wait(Math.max(1, Math.min(50, left / 1_000_000)));
      }
      return 0;
    }
  }

  /** The connections in an exchange now, for logging. */
  List<ServerConnection> snapshot() {
    return List.copyOf(busy);
  }
}
