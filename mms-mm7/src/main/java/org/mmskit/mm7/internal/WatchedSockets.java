package org.mmskit.mm7.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client sockets whose connect and read timeouts are enforced by a watchdog thread instead of by
 * the socket. The JDK switches a socket with a timeout to non-blocking mode for good: each read
 * that has to wait then costs a failed read, a {@code poll} and a second read, where a blocking
 * read is one system call. A client waits for every answer, so that is three calls per request
 * instead of one (about 2-3 % of the MM7 client's CPU per request on loopback).
 *
 * <p>A {@link WatchedSocket} records the {@code SO_TIMEOUT} asked for without setting it, connects
 * without a timeout, and marks when each connect or read begins. Every {@link #PERIOD_MILLIS} the
 * watchdog closes a socket whose connect or read has waited longer than its timeout; the blocked
 * call then fails with a {@link SocketTimeoutException}, as it would have with the timeout set. A
 * timeout may so fire up to one period late. Timeouts shorter than {@link #NATIVE_BELOW_MILLIS}
 * (HttpClient's one-millisecond check of an idle connection, say) are left to the socket, which
 * then stays non-blocking: a short wait must not close the connection.
 *
 * <p>Writes have no timeout, as with the JDK's own sockets. Thread-safe.
 */
public final class WatchedSockets implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WatchedSockets.class);

  /** How often the watchdog looks at the sockets. */
  static final long PERIOD_MILLIS = 25;

  /** Timeouts under this are set on the socket itself. */
  static final int NATIVE_BELOW_MILLIS = 200;

  private final Set<WatchedSocket> open = ConcurrentHashMap.newKeySet();
  private final String threadName;
  private ScheduledExecutorService watchdog;
  private boolean closed;

  /**
   * @param threadName the name of the watchdog thread (started with the first socket)
   */
  public WatchedSockets(String threadName) {
    this.threadName = threadName;
  }

  /** A new unconnected socket, direct or through {@code proxy} (a SOCKS proxy, or null). */
  public Socket newSocket(Proxy proxy) throws SocketException {
    startWatchdog();
    return proxy == null ? new WatchedSocket() : new WatchedSocket(proxy);
  }

  /** The sockets not yet closed (for tests). */
  int openSockets() {
    return open.size();
  }

  private synchronized void startWatchdog() throws SocketException {
    if (closed) {
      throw new SocketException("client closed");
    }
    if (watchdog != null) {
      return;
    }
    watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
    watchdog.scheduleWithFixedDelay(
        this::check, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void check() {
    try {
      long now = System.nanoTime();
      for (WatchedSocket s : open) {
        s.cutIfOverdue(now);
      }
    } catch (RuntimeException e) {
      LOG.warn("socket watchdog failed; it keeps running", e);
    }
  }

  /** Stops the watchdog; sockets still open keep their recorded timeouts unenforced. */
  @Override
  public synchronized void close() {
    closed = true;
    if (watchdog != null) {
      watchdog.shutdownNow();
    }
    open.clear();
  }

  /** A socket whose timeouts the watchdog enforces (see the class comment). */
  final class WatchedSocket extends Socket {
    /** The SO_TIMEOUT asked for, in milliseconds; 0 for none. */
    private volatile int timeoutMillis;

    /** Whether the asked timeout is set on the socket itself (a short one). */
    private volatile boolean nativeTimeout;

    /** When the connect or read now waiting began (System.nanoTime(), odd); 0 when none is. */
    private volatile long since;

    /** The limit of the connect or read now waiting, in nanoseconds. */
    private volatile long limitNanos;

    /** Set by the watchdog when it closes the socket for an overdue connect or read. */
    private volatile boolean timedOut;

    private InputStream in;

    WatchedSocket() {
      super();
      open.add(this);
    }

    WatchedSocket(Proxy proxy) {
      super(proxy);
      open.add(this);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      if (timeout > 0 && timeout < NATIVE_BELOW_MILLIS) {
        super.connect(endpoint, timeout);
        return;
      }
      if (timeout > 0) {
        limitNanos = TimeUnit.MILLISECONDS.toNanos(timeout);
        since = System.nanoTime() | 1L;
      }
      try {
        super.connect(endpoint, 0);
      } catch (IOException e) {
        throw timedOut ? timeout("connect timed out", e) : e;
      } finally {
        since = 0;
      }
    }

    @Override
    public synchronized void setSoTimeout(int timeout) throws SocketException {
      if (isClosed()) {
        throw new SocketException("Socket is closed");
      }
      if (timeout < 0) {
        throw new IllegalArgumentException("timeout < 0");
      }
      boolean shortOne = timeout > 0 && timeout < NATIVE_BELOW_MILLIS;
      if (shortOne || nativeTimeout) {
        super.setSoTimeout(shortOne ? timeout : 0);
        nativeTimeout = shortOne;
      }
      timeoutMillis = timeout;
    }

    @Override
    public int getSoTimeout() {
      return timeoutMillis;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (in == null) {
        in = new TimedInput(super.getInputStream());
      }
      return in;
    }

    @Override
    public synchronized void close() throws IOException {
      open.remove(this);
      super.close();
    }

    /** Marks the start of a read that may wait at most {@code timeout} ms (0: forever). */
    private void begin(int timeout) {
      if (timeout > 0 && !nativeTimeout) {
        limitNanos = TimeUnit.MILLISECONDS.toNanos(timeout);
        since = System.nanoTime() | 1L;
      }
    }

    /** Closes the socket if its connect or read has waited too long. Watchdog thread only. */
    void cutIfOverdue(long now) {
      long s = since;
      if (s != 0 && now - s > limitNanos) {
        timedOut = true;
        try {
          close();
        } catch (IOException e) {
          // closing anyway; the waiting call fails either way
        }
      }
    }

    private SocketTimeoutException timeout(String what, IOException cause) {
      SocketTimeoutException t = new SocketTimeoutException(what);
      if (cause != null) {
        t.initCause(cause);
      }
      return t;
    }

    /** The socket's input, marking when each read begins. */
    private final class TimedInput extends FilterInputStream {
      TimedInput(InputStream in) {
        super(in);
      }

      @Override
      public int read() throws IOException {
        begin(timeoutMillis);
        try {
          return checked(in.read());
        } catch (IOException e) {
          throw timedOut ? timeout("Read timed out", e) : e;
        } finally {
          since = 0;
        }
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        begin(timeoutMillis);
        try {
          return checked(in.read(b, off, len));
        } catch (IOException e) {
          throw timedOut ? timeout("Read timed out", e) : e;
        } finally {
          since = 0;
        }
      }

      /** The end of input seen after the watchdog closed the socket is the timeout. */
      private int checked(int n) throws SocketTimeoutException {
        if (n < 0 && timedOut) {
          throw timeout("Read timed out", null);
        }
        return n;
      }
    }
  }
}
