package org.mmskit.server.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import javax.net.ServerSocketFactory;

/**
 * Creates plain server sockets and remembers the last one, so that a graceful shutdown can stop
 * accepting (close the listening socket) while running exchanges go on. HttpCore's own shutdown
 * interrupts every worker at once.
 */
final class CapturingServerSocketFactory extends ServerSocketFactory {
  private final ServerSocketFactory delegate = ServerSocketFactory.getDefault();
  private volatile ServerSocket last;

  ServerSocket last() {
    return last;
  }

  private ServerSocket keep(ServerSocket s) {
    last = s;
    return s;
  }

  @Override
  public ServerSocket createServerSocket() throws IOException {
    return keep(delegate.createServerSocket());
  }

  @Override
  public ServerSocket createServerSocket(int port) throws IOException {
    return keep(delegate.createServerSocket(port));
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog) throws IOException {
    return keep(delegate.createServerSocket(port, backlog));
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog, InetAddress address)
      throws IOException {
    return keep(delegate.createServerSocket(port, backlog, address));
  }
}
