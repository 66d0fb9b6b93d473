package org.mmskit.mm7.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Timeouts enforced by the watchdog on real loopback sockets. A broken watchdog would leave reads
 * and connects waiting for ever, hence the class timeout.
 */
@Timeout(60)
class WatchedSocketsTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final WatchedSockets sockets = new WatchedSockets("test-watchdog");
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private ServerSocket server;

  @BeforeEach
  void listen() throws IOException {
    server = new ServerSocket(0, 50, LOOPBACK);
    toClose.add(server);
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
    sockets.close();
  }

  private Socket connected() throws IOException {
    Socket s = sockets.newSocket(null);
    toClose.add(s);
    s.connect(new InetSocketAddress(LOOPBACK, server.getLocalPort()), 5000);
    Socket peer = server.accept();
    toClose.add(peer);
    peers.add(peer);
    return s;
  }

  private final List<Socket> peers = new ArrayList<>();

  @Test
  void aReadThatWaitsTooLongFailsAsATimeoutAndClosesTheSocket() throws IOException {
    Socket s = connected();
    s.setSoTimeout(300);
    assertThat(s.getSoTimeout()).isEqualTo(300);
    InputStream in = s.getInputStream();
    long t0 = System.nanoTime();
    assertThatThrownBy(in::read)
        .isInstanceOf(SocketTimeoutException.class)
        .hasMessageContaining("Read timed out");
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertThat(waited).isGreaterThanOrEqualTo(300).isLessThan(5000);
    assertThat(s.isClosed()).isTrue();
    assertThat(sockets.openSockets()).isZero();
  }

  @Test
  void aReadAnsweredWithinItsTimeoutIsNotCut() throws Exception {
    Socket s = connected();
    s.setSoTimeout(2000);
    CountDownLatch reading = new CountDownLatch(1);
    CompletableFuture<Integer> read =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                reading.countDown();
                return s.getInputStream().read();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    reading.await();
    // several watchdog rounds pass while the read waits, then the answer comes
    assertThatThrownBy(() -> read.get(400, TimeUnit.MILLISECONDS))
        .isInstanceOf(java.util.concurrent.TimeoutException.class);
    peers.get(0).getOutputStream().write('x');
    assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo('x');
    assertThat(s.isClosed()).isFalse();
  }

  @Test
  void aShortTimeoutIsTheSocketsOwnAndLeavesItOpen() throws IOException {
    Socket s = connected();
    s.setSoTimeout(5);
    assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
    assertThat(s.isClosed()).isFalse();
    s.setSoTimeout(0);
    peers.get(0).getOutputStream().write('y');
    assertThat(s.getInputStream().read()).isEqualTo('y');
  }

  /**
   * A listening socket whose accept queue is full (backlog 1, nobody accepting) lets further
   * connects hang on loopback: the kernel drops their SYNs.
   */
  @Test
  void aConnectThatHangsFailsAsATimeout() throws IOException {
    ServerSocket full = new ServerSocket(0, 1, LOOPBACK);
    toClose.add(full);
    InetSocketAddress at = new InetSocketAddress(LOOPBACK, full.getLocalPort());
    SocketTimeoutException seen = null;
    for (int i = 0; i < 8 && seen == null; i++) {
      Socket s = sockets.newSocket(null);
      toClose.add(s);
      long t0 = System.nanoTime();
      try {
        s.connect(at, 300);
      } catch (java.net.ConnectException e) {
        org.junit.jupiter.api.Assumptions.abort(
            "connects to a full accept queue are refused here, not left waiting");
      } catch (SocketTimeoutException e) {
        seen = e;
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0))
            .isGreaterThanOrEqualTo(300)
            .isLessThan(5000);
        assertThat(s.isClosed()).isTrue();
      }
    }
    assertThat(seen).isNotNull().hasMessageContaining("connect timed out");
  }

  @Test
  void noTimeoutMeansAReadWaitsForItsAnswer() throws Exception {
    Socket s = connected();
    CompletableFuture<Integer> read =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return s.getInputStream().read();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    assertThatThrownBy(() -> read.get(300, TimeUnit.MILLISECONDS))
        .isInstanceOf(java.util.concurrent.TimeoutException.class);
    peers.get(0).getOutputStream().write('z');
    assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo('z');
  }

  @Test
  void aClosedClientMakesNoMoreSockets() throws IOException {
    connected();
    sockets.close();
    assertThatThrownBy(() -> sockets.newSocket(null)).isInstanceOf(java.net.SocketException.class);
  }
}
