package org.mmskit.server.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpServerConnection;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.io.CloseMode;

/**
 * An HttpCore server connection that (1) tells the server when it enters and leaves an exchange, so
 * a graceful shutdown waits for running exchanges but not for idle keep-alive connections, (2)
 * bounds the time a whole request head may take, so that a client trickling it byte by byte within
 * the socket timeout cannot hold a worker, and (3) closes plain sockets gracefully: it half-closes,
 * then discards what the client still sends for a short while, so that a client still writing an
 * unwanted body receives our response instead of a TCP reset.
 *
 * <p>Every read is bounded by the socket's {@code SO_TIMEOUT}; while a request head is read, that
 * timeout is shortened to what is left of the head's time.
 */
final class ServerConnection extends DefaultBHttpServerConnection {
  private static final long LINGER_MAX_BYTES = 1024 * 1024;
  private static final long LINGER_MAX_NANOS = 2_000_000_000L;

  private final Exchanges exchanges;
  private final AtomicInteger open;
  private final AtomicBoolean counted = new AtomicBoolean(true);
  private final int socketTimeoutMillis;
  private final long headTimeoutNanos;

  /** When the request head now read must be complete (System.nanoTime()); worker thread only. */
  private long headDeadline;

  /** Whether a request head has been read and its exchange has not ended; worker thread only. */
  private boolean inExchange;

  ServerConnection(
      String scheme,
      Http1Config config,
      Exchanges exchanges,
      AtomicInteger open,
      Duration socketTimeout,
      Duration headTimeout) {
    super(scheme, config);
    this.exchanges = exchanges;
    this.open = open;
    this.socketTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, socketTimeout.toMillis());
    this.headTimeoutNanos = headTimeout.toNanos();
  }

  @Override
  public void bind(Socket socket) throws IOException {
    bind(new HeadTimedSocketHolder(socket));
  }

  @Override
  public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
    bind(new HeadTimedSocketHolder(sslSocket, socket));
  }

  /** Lets the response's entity know when sending its body failed, even after its own writing. */
  @Override
  public void sendResponseEntity(ClassicHttpResponse response) throws HttpException, IOException {
    try {
      super.sendResponseEntity(response);
    } catch (IOException | RuntimeException e) {
      if (response.getEntity() instanceof ResponseEntity body) {
        body.failed(e);
      }
      throw e;
    }
  }

  @Override
  public ClassicHttpRequest receiveRequestHeader() throws HttpException, IOException {
    leaveExchange();
    headDeadline = System.nanoTime() + headTimeoutNanos;
    ClassicHttpRequest request;
    try {
      request = super.receiveRequestHeader();
    } finally {
      headDeadline = 0;
      Socket socket = socket();
      if (socket != null && !socket.isClosed()) {
        socket.setSoTimeout(socketTimeoutMillis);
      }
    }
    if (request != null) {
      inExchange = true;
      exchanges.entered();
    }
    return request;
  }

  private Socket socket() {
    SocketHolder holder = getSocketHolder();
    return holder == null ? null : holder.getSocket();
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
    leaveExchange();
    if (counted.compareAndSet(true, false)) {
      open.decrementAndGet();
    }
  }

  private void leaveExchange() {
    if (inExchange) {
      inExchange = false;
      exchanges.left();
    }
  }

  /** Sends what is buffered, half-closes and swallows late input, for plain sockets only. */
  private void linger() {
    Socket socket = socket();
    if (socket == null
        || socket instanceof SSLSocket
        || socket.isClosed()
        || socket.isOutputShutdown()) {
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

  /** Hands HttpCore a socket input that keeps each read of a request head within its time. */
  private final class HeadTimedSocketHolder extends SocketHolder {
    HeadTimedSocketHolder(Socket socket) {
      super(socket);
    }

    HeadTimedSocketHolder(SSLSocket sslSocket, Socket socket) {
      super(sslSocket, socket);
    }

    @Override
    protected InputStream getInputStream(Socket socket) throws IOException {
      return new FilterInputStream(socket.getInputStream()) {
        @Override
        public int read() throws IOException {
          beforeRead(socket);
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          beforeRead(socket);
          return in.read(b, off, len);
        }
      };
    }
  }

  /** While a request head is read, shortens the socket timeout to what is left of its time. */
  private void beforeRead(Socket socket) throws IOException {
    if (headDeadline == 0) {
      return;
    }
    long left = headDeadline - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException(
          "no complete request head within " + Duration.ofNanos(headTimeoutNanos));
    }
    long leftMillis = Math.max(1, (left + 999_999) / 1_000_000);
    socket.setSoTimeout((int) Math.min(socketTimeoutMillis, leftMillis));
  }
}
