package org.mmskit.server.internal;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpServerConnection;
import org.apache.hc.core5.http.io.HttpConnectionFactory;

/**
 * Creates {@link ServerConnection}s. With TLS, the socket is wrapped here but the handshake is left
 * to the first read on the worker thread, so a client that stalls during the handshake only holds
 * its own worker (cut by the socket timeout) and never the accept loop.
 */
final class ConnectionFactory implements HttpConnectionFactory<DefaultBHttpServerConnection> {
  private final Http1Config config;
  private final SSLContext sslContext;
  private static final byte[] OVERLOADED =
      ("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n"
              + "Retry-After: 1\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);

  private final Exchanges exchanges;
  private final AtomicInteger open = new AtomicInteger();
  private final int maxConnections;
  private final Duration socketTimeout;
  private final Duration headTimeout;

  ConnectionFactory(
      Http1Config config,
      SSLContext sslContext,
      Exchanges exchanges,
      int maxConnections,
      Duration socketTimeout,
      Duration headTimeout) {
    this.config = config;
    this.sslContext = sslContext;
    this.exchanges = exchanges;
    this.maxConnections = maxConnections;
    this.socketTimeout = socketTimeout;
    this.headTimeout = headTimeout;
  }

  /**
   * Called on the accept thread. Over the connection limit, answers 503 (plain HTTP only; the write
   * fits the empty socket buffer, so it does not block) and throws, which makes HttpCore close the
   * socket and keep accepting.
   */
  @Override
  public DefaultBHttpServerConnection createConnection(Socket socket) throws IOException {
    if (open.incrementAndGet() > maxConnections) {
      open.decrementAndGet();
      if (sslContext == null) {
        try {
          socket.getOutputStream().write(OVERLOADED);
        } catch (IOException ignored) {
          // closing anyway
        }
      }
      throw new ConnectionLimitException(maxConnections);
    }
    try {
      return bind(socket);
    } catch (IOException | RuntimeException e) {
      open.decrementAndGet();
      throw e;
    }
  }

  private DefaultBHttpServerConnection bind(Socket socket) throws IOException {
    if (sslContext == null) {
      ServerConnection conn = connection("http");
      conn.bind(socket);
      return conn;
    }
    SSLSocket ssl =
        (SSLSocket)
            sslContext
                .getSocketFactory()
                .createSocket(socket, null, socket.getPort(), true /* close both */);
    ssl.setUseClientMode(false);
    ServerConnection conn = connection("https");
    conn.bind(ssl, socket);
    return conn;
  }

  private ServerConnection connection(String scheme) {
    return new ServerConnection(scheme, config, exchanges, open, socketTimeout, headTimeout);
  }

  /** The connection limit was reached; the new connection is refused. */
  static final class ConnectionLimitException extends IOException {
    private static final long serialVersionUID = 1L;

    ConnectionLimitException(int limit) {
      super("connection limit of " + limit + " reached; connection refused");
    }
  }
}
