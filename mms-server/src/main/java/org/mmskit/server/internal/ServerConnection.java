package org.mmskit.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpServerConnection;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.io.CloseMode;

/**
 * An HttpCore server connection that (1) tells the server whether it is inside an exchange, so a
 * graceful shutdown waits for running exchanges but not for idle keep-alive connections, and (2)
 * closes plain sockets gracefully: it half-closes, then discards what the client still sends for a
 * short while, so that a client still writing an unwanted body receives our response instead of a
 * TCP reset.
 */
final class ServerConnection extends DefaultBHttpServerConnection {
  private static final long LINGER_MAX_BYTES = 1024 * 1024;
  private static final long LINGER_MAX_NANOS = 2_000_000_000L;

  private final Exchanges busy;
  private final AtomicInteger open;
  private final AtomicBoolean counted = new AtomicBoolean(true);
  private final Set<ServerConnection> all;

  /** When the current request-head read began (System.nanoTime()); 0 when not reading one. */
  private volatile long headSince;

  ServerConnection(
      String scheme,
      Http1Config config,
      Exchanges busy,
      AtomicInteger open,
      Set<ServerConnection> all) {
    super(scheme, config);
    this.busy = busy;
    this.open = open;
    this.all = all;
    all.add(this);
  }

  /**
   * Whether this connection has been waiting for (or reading) a request head for longer than {@code
   * limitNanos}.
   */
  boolean headOverdue(long now, long limitNanos) {
    long since = headSince;
    return since != 0 && now - since > limitNanos;
  }

  @Override
  public ClassicHttpRequest receiveRequestHeader() throws HttpException, IOException {
    idle();
    headSince = System.nanoTime() | 1L;
    ClassicHttpRequest request;
    try {
      request = super.receiveRequestHeader();
    } finally {
      headSince = 0;
    }
    if (request != null) {
      busy.enter(this);
    }
    return request;
  }

  @Override
  public void close() throws IOException {
    try {
      linger();
      super.close();
    } finally {
      released();
    }
  }

  @Override
  public void close(CloseMode mode) {
    try {
      super.close(mode);
    } finally {
      released();
    }
  }

  private void released() {
    idle();
    all.remove(this);
    if (counted.compareAndSet(true, false)) {
      open.decrementAndGet();
    }
  }

  private void idle() {
    busy.leave(this);
  }

  /** Sends what is buffered, half-closes and swallows late input, for plain sockets only. */
  private void linger() {
    SocketHolder holder = getSocketHolder();
    if (holder == null) {
      return;
    }
    Socket socket = holder.getSocket();
    if (socket instanceof SSLSocket || socket.isClosed() || socket.isOutputShutdown()) {
      return;
    }
    try {
      flush();
      socket.shutdownOutput();
      long deadline = System.nanoTime() + LINGER_MAX_NANOS;
      socket.setSoTimeout(250);
      InputStream in = socket.getInputStream();
      byte[] scratch = new byte[8192];
      long total = 0;
      while (total < LINGER_MAX_BYTES && System.nanoTime() < deadline) {
        int n;
        try {
          n = in.read(scratch);
        } catch (SocketTimeoutException e) {
          continue;
        }
        if (n < 0) {
          break;
        }
        total += n;
      }
    } catch (IOException | RuntimeException e) {
      // Peer already gone: nothing to be graceful about.
    }
  }
}
