package org.mmskit.server.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Which connections are inside an exchange (request head read, response not yet completed), so that
 * a graceful shutdown can wait for them. Each connection carries its own flag ({@link
 * ServerConnection#inExchange}); entering and leaving touch nothing shared. A set of busy
 * connections cost each request an insertion and a removal in a concurrent map, contended by every
 * worker. Only a waiting {@link #awaitIdle} is woken, under its own monitor, and it also looks
 * again every 50 ms, so a leave that misses the waiter costs it at most that.
 */
final class Exchanges {
  private final Collection<ServerConnection> open;
  private volatile boolean awaited;

  /** Over {@code open}, a live view of the open connections. */
  Exchanges(Collection<ServerConnection> open) {
    this.open = open;
  }

  /** Called by a connection that has just left an exchange. */
  void left() {
    if (awaited) {
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
      int running;
      while ((running = running()) > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return running;
        }
        wait(Math.max(1, Math.min(50, left / 1_000_000)));
      }
      return 0;
    }
  }

  private int running() {
    int n = 0;
    for (ServerConnection c : open) {
      if (c.inExchange()) {
        n++;
      }
    }
    return n;
  }

  /** The connections in an exchange now, for logging. */
  List<ServerConnection> snapshot() {
    return open.stream().filter(ServerConnection::inExchange).toList();
  }
}
