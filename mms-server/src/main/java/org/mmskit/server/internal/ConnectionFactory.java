package org.mmskit.server.internal;

import java.io.IOException;
import java.net.Socket;
import java.util.Set;
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
  private final Set<ServerConnection> busy;

  ConnectionFactory(Http1Config config, SSLContext sslContext, Set<ServerConnection> busy) {
    this.config = config;
    this.sslContext = sslContext;
    this.busy = busy;
  }

  @Override
  public DefaultBHttpServerConnection createConnection(Socket socket) throws IOException {
    if (sslContext == null) {
      ServerConnection conn = new ServerConnection("http", config, busy);
      conn.bind(socket);
      return conn;
    }
    SSLSocket ssl =
        (SSLSocket)
            sslContext
                .getSocketFactory()
                .createSocket(socket, null, socket.getPort(), true /* close both */);
    ssl.setUseClientMode(false);
    ServerConnection conn = new ServerConnection("https", config, busy);
    conn.bind(ssl, socket);
    return conn;
  }
}
