package org.mmskit.server.internal;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Set;
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
 * An HttpCore server connection that (1) tells the server whether it is inside an exchange, so a
 * graceful shutdown waits for running exchanges but not for idle keep-alive connections, and (2)
 * closes plain sockets gracefully: it half-closes, then discards what the client still sends for a
 * short while, so that a client still writing an unwanted body receives our response instead of a
 * TCP reset, and (3) records when its current socket read or write began, so that the engine's
 * watchdog can cut one that makes no progress within the socket timeout.
 *
 * <p>The sockets carry no {@code SO_TIMEOUT}: the watchdog enforces it instead. A socket with a
 * timeout is switched to non-blocking mode by the JDK, and each read that finds no data then costs
 * a failed read, a {@code poll} and a second read; a blocking read is one system call. Under
 * keep-alive load that is about a tenth of the server's CPU per request.
 */
final class ServerConnection extends DefaultBHttpServerConnection {
  private static final long LINGER_MAX_BYTES = 1024 * 1024;
  private static final long LINGER_MAX_NANOS = 2_000_000_000L;

  private final Exchanges busy;
  private final AtomicInteger open;
  private final AtomicBoolean counted = new AtomicBoolean(true);
  private final Set<ServerConnection> all;

  // The watchdog's view of this connection, written by the worker and read by the watchdog with
  // opaque access: a volatile write costs a full fence, several per request, and the watchdog,
  // which acts after seconds, needs no more than to see each value soon.

  /** When the current request-head read began (System.nanoTime()); 0 when not reading one. */
  @SuppressWarnings("unused") // through HEAD_SINCE
  private long headSince;

  /** When the socket read now blocked began (System.nanoTime()); 0 when none is. */
  @SuppressWarnings("unused") // through READ_SINCE
  private long readSince;

  /** When the socket write now blocked began (System.nanoTime()); 0 when none is. */
  @SuppressWarnings("unused") // through WRITE_SINCE
  private long writeSince;

  /** Whether a request head has been read and its exchange has not ended. */
  @SuppressWarnings("unused") // through IN_EXCHANGE
  private boolean exchange;

  private static final VarHandle HEAD_SINCE;
  private static final VarHandle READ_SINCE;
  private static final VarHandle WRITE_SINCE;
  private static final VarHandle IN_EXCHANGE;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      HEAD_SINCE = l.findVarHandle(ServerConnection.class, "headSince", long.class);
      READ_SINCE = l.findVarHandle(ServerConnection.class, "readSince", long.class);
      WRITE_SINCE = l.findVarHandle(ServerConnection.class, "writeSince", long.class);
      IN_EXCHANGE = l.findVarHandle(ServerConnection.class, "exchange", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Set by the watchdog when it cuts a stalled read or write. */
  private volatile boolean timedOut;

  private volatile long timeoutMillis;
  private boolean inputShut;

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
    long since = (long) HEAD_SINCE.getOpaque(this);
    return since != 0 && now - since > limitNanos;
  }

  /** Whether a socket read has been blocked for longer than {@code limitNanos}. */
  boolean readStalled(long now, long limitNanos) {
    long since = (long) READ_SINCE.getOpaque(this);
    return since != 0 && now - since > limitNanos;
  }

  /** Whether a socket write has been blocked for longer than {@code limitNanos}. */
  boolean writeStalled(long now, long limitNanos) {
    long since = (long) WRITE_SINCE.getOpaque(this);
    return since != 0 && now - since > limitNanos;
  }

  /**
   * Ends a stalled read as {@code SO_TIMEOUT} would: the blocked read fails with a {@link
   * SocketTimeoutException}, and the response can still be written. It shuts the socket's input,
   * which wakes the reader; should that not wake it (the watchdog calls again), it closes the
   * connection. Called by the watchdog thread only.
   */
  void timeOutRead(long afterMillis) {
    timeoutMillis = afterMillis;
    timedOut = true;
    SocketHolder holder = getSocketHolder();
    if (holder == null || inputShut) {
      close(CloseMode.IMMEDIATE);
      return;
    }
    inputShut = true;
    try {
      holder.getBaseSocket().shutdownInput();
    } catch (IOException e) {
      close(CloseMode.IMMEDIATE);
    }
  }

  /**
   * Ends a stalled write (a client that does not read its response) by closing the connection; the
   * blocked write fails with a {@link SocketTimeoutException}. Called by the watchdog thread only.
   */
  void timeOutWrite(long afterMillis) {
    timeoutMillis = afterMillis;
    timedOut = true;
    close(CloseMode.IMMEDIATE);
  }

  @Override
  public void bind(Socket socket) throws IOException {
    bind(new TimedSocketHolder(socket));
  }

  @Override
  public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
    bind(new TimedSocketHolder(sslSocket, socket));
  }

  private IOException failed(IOException e) {
    if (!timedOut || e instanceof SocketTimeoutException) {
      return e;
    }
    SocketTimeoutException t = timeout();
    t.initCause(e);
    return t;
  }

  private SocketTimeoutException timeout() {
    return new SocketTimeoutException("no progress for " + timeoutMillis + " ms");
  }

  /** A read that ended at the end of input because the watchdog shut the input times out. */
  private int checked(int n) throws SocketTimeoutException {
    if (n < 0 && timedOut) {
      throw timeout();
    }
    return n;
  }

  /** Hands HttpCore socket streams that record when each read and write begins. */
  private final class TimedSocketHolder extends SocketHolder {
    TimedSocketHolder(Socket socket) {
      super(socket);
    }

    TimedSocketHolder(SSLSocket sslSocket, Socket socket) {
      super(sslSocket, socket);
    }

    @Override
    protected InputStream getInputStream(Socket socket) throws IOException {
      return new TimedInput(socket.getInputStream());
    }

    @Override
    protected OutputStream getOutputStream(Socket socket) throws IOException {
      return new TimedOutput(socket.getOutputStream());
    }
  }

  private final class TimedInput extends FilterInputStream {
    private final byte[] one = new byte[1];

    TimedInput(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      READ_SINCE.setOpaque(ServerConnection.this, System.nanoTime() | 1L);
      try {
        return checked(in.read(b, off, len));
      } catch (IOException e) {
        throw failed(e);
      } finally {
        READ_SINCE.setOpaque(ServerConnection.this, 0L);
      }
    }
  }

  private final class TimedOutput extends FilterOutputStream {
    private final byte[] one = new byte[1];

    TimedOutput(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      one[0] = (byte) b;
      write(one, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      WRITE_SINCE.setOpaque(ServerConnection.this, System.nanoTime() | 1L);
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        throw failed(e);
      } finally {
        WRITE_SINCE.setOpaque(ServerConnection.this, 0L);
      }
    }
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
    idle();
    HEAD_SINCE.setOpaque(this, System.nanoTime() | 1L);
    ClassicHttpRequest request;
    try {
      request = super.receiveRequestHeader();
    } finally {
      HEAD_SINCE.setOpaque(this, 0L);
    }
    if (request != null) {
      IN_EXCHANGE.setRelease(this, true);
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
    if ((boolean) IN_EXCHANGE.getOpaque(this)) {
      IN_EXCHANGE.setRelease(this, false);
      busy.left();
    }
  }

  /** Whether this connection is inside an exchange (read by the shutdown, on another thread). */
  boolean inExchange() {
    return (boolean) IN_EXCHANGE.getAcquire(this);
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
