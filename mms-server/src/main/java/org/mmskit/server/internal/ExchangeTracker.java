package org.mmskit.server.internal;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.apache.hc.core5.http.HttpConnection;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.impl.Http1StreamListener;

/**
 * Knows which connections are in the middle of an exchange (request head received, response not yet
 * fully sent), so that a graceful shutdown waits for those and not for idle keep-alive ones.
 * Thread-safe.
 */
final class ExchangeTracker implements Http1StreamListener {
  private final Set<HttpConnection> busy = new HashSet<>();

  @Override
  public synchronized void onRequestHead(HttpConnection connection, HttpRequest request) {
    busy.add(connection);
  }

  @Override
  public void onResponseHead(HttpConnection connection, HttpResponse response) {}

  @Override
  public synchronized void onExchangeComplete(HttpConnection connection, boolean keepAlive) {
    if (busy.remove(connection) && busy.isEmpty()) {
      notifyAll();
    }
  }

  synchronized int busy() {
    return busy.size();
  }

  /** Waits until no exchange runs or {@code timeout} passes; true when idle. */
  synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!busy.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      long ms = Math.max(1, left / 1_000_000);
      wait(ms);
    }
    return true;
  }
}
