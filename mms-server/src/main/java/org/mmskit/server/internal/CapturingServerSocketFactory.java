package org.mmskit.server.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;

/**
 * Creates plain server sockets and remembers the last one, so that a graceful shutdown can stop
 * accepting (close the listening socket) while running exchanges go on. HttpCore's own shutdown
 * interrupts every worker at once.
 */
final class CapturingServerSocketFactory extends ServerSocketFactory {
  private volatile TrackedServerSocket last;

  TrackedServerSocket last() {
    return last;
  }

  private TrackedServerSocket keep(TrackedServerSocket s) {
    last = s;
    return s;
  }

  @Override
  public ServerSocket createServerSocket() throws IOException {
    return keep(new TrackedServerSocket());
  }

  @Override
  public ServerSocket createServerSocket(int port) throws IOException {
    return createServerSocket(port, 50, null);
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog) throws IOException {
    return createServerSocket(port, backlog, null);
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog, InetAddress address)
      throws IOException {
    TrackedServerSocket s = new TrackedServerSocket();
    s.bind(new InetSocketAddress(address, port), backlog);
    return keep(s);
  }

  /**
   * A server socket that knows whether a thread is inside {@link #accept()}. The JDK defers the
   * real close of a socket until a thread blocked in accept has left it, and the port keeps
   * accepting connections until then; shutdown waits for that moment.
   */
  static final class TrackedServerSocket extends ServerSocket {
    private final Object lock = new Object();
    private int accepting;

    TrackedServerSocket() throws IOException {
      super();
    }

    @Override
    public Socket accept() throws IOException {
      synchronized (lock) {
        accepting++;
      }
      try {
        return super.accept();
      } finally {
        synchronized (lock) {
          accepting--;
          lock.notifyAll();
        }
      }
    }

    /** Waits up to {@code millis} until no thread is in accept; true when none is. */
    boolean awaitNoAcceptor(long millis) throws InterruptedException {
      long deadline = System.nanoTime() + millis * 1_000_000L;
      synchronized (lock) {
        while (accepting > 0) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          lock.wait(Math.max(1, left / 1_000_000L));
        }
        return true;
      }
    }
  }
}
