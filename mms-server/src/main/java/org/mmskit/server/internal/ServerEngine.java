package org.mmskit.server.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ConnectionReuseStrategy;
import org.apache.hc.core5.http.ExceptionListener;
import org.apache.hc.core5.http.HttpConnection;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.DefaultConnectionReuseStrategy;
import org.apache.hc.core5.http.impl.bootstrap.HttpServer;
import org.apache.hc.core5.http.impl.bootstrap.ServerBootstrap;
import org.apache.hc.core5.http.io.HttpRequestHandler;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.protocol.HttpProcessor;
import org.apache.hc.core5.http.protocol.HttpProcessorBuilder;
import org.apache.hc.core5.http.protocol.RequestConformance;
import org.apache.hc.core5.http.protocol.RequestValidateHost;
import org.apache.hc.core5.http.protocol.ResponseConformance;
import org.apache.hc.core5.http.protocol.ResponseConnControl;
import org.apache.hc.core5.http.protocol.ResponseContent;
import org.apache.hc.core5.http.protocol.ResponseDate;
import org.apache.hc.core5.http.protocol.ResponseServer;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.mmskit.server.RequestListener;
import org.mmskit.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the HttpCore 5 classic server behind {@link org.mmskit.server.MmsServer}. Thread-safe; start
 * once, close any number of times.
 */
public final class ServerEngine {
  private static final Logger LOG = LoggerFactory.getLogger(ServerEngine.class);

  private final InetAddress bindAddress;
  private final int port;
  private final SSLContext sslContext;
  private final Duration socketTimeout;
  private final boolean keepAlive;
  private final int maxConnections;
  private final Duration requestHeadTimeout;
  private final Dispatcher dispatcher;
  private final Exchanges exchanges = new Exchanges();
  private final CapturingServerSocketFactory sockets = new CapturingServerSocketFactory();
  private volatile HttpServer server;
  private volatile boolean closed;

  /** Configures (does not start) the engine; arguments are already validated by the builder. */
  public ServerEngine(
      InetAddress bindAddress,
      int port,
      SSLContext sslContext,
      List<Route> routes,
      int workerThreads,
      int maxConnections,
      Duration socketTimeout,
      Duration requestHeadTimeout,
      long maxRequestBodySize,
      boolean keepAlive,
      RequestListener listener) {
    this.bindAddress = bindAddress;
    this.port = port;
    this.sslContext = sslContext;
    this.socketTimeout = socketTimeout;
    this.keepAlive = keepAlive;
    this.maxConnections = maxConnections;
    this.requestHeadTimeout = requestHeadTimeout;
    this.dispatcher = new Dispatcher(routes, maxRequestBodySize, workerThreads, listener);
  }

  /** Binds and starts accepting. */
  public synchronized void start() throws IOException {
    if (server != null || closed) {
      throw new IllegalStateException(closed ? "server closed" : "server already started");
    }
    ConnectionReuseStrategy reuse =
        keepAlive ? DefaultConnectionReuseStrategy.INSTANCE : (request, response, context) -> false;
    HttpRequestHandler handler = dispatcher;
    Http1Config http1 =
        Http1Config.custom()
            .setMaxLineLength(8 * 1024)
            .setMaxHeaderCount(100)
            .setMaxEmptyLineCount(5)
            .build();
    ConnectionFactory factory =
        new ConnectionFactory(
            http1, sslContext, exchanges, maxConnections, socketTimeout, requestHeadTimeout);
    ServerBootstrap bootstrap =
        ServerBootstrap.bootstrap()
            // A fixed name: otherwise HttpCore resolves the local host name (a DNS lookup).
            .setCanonicalHostName("localhost")
            .setLocalAddress(bindAddress)
            .setServerSocketFactory(sockets)
            .setListenerPort(port)
            .setSocketConfig(
                SocketConfig.custom()
                    .setSoTimeout(Timeout.of(socketTimeout))
                    .setTcpNoDelay(true)
                    .setSoKeepAlive(true)
                    .setSoReuseAddress(true)
                    .setBacklogSize(128)
                    .build())
            .setHttp1Config(http1)
            .setConnectionFactory(factory)
            .setHttpProcessor(processor())
            .setConnectionReuseStrategy(reuse)
            // One router for every host and path: routing by prefix happens in the dispatcher,
            // and no Host-based 421 answers are produced.
            .setRequestRouter((request, context) -> handler)
            .addFilterFirst("mmskit-expect-continue", new ExpectContinueGate(dispatcher))
            .setExceptionListener(new LoggingExceptionListener());
    HttpServer s = bootstrap.create();
    s.start();
    server = s;
    LOG.info("listening on {}:{}{}", bindAddress.getHostAddress(), s.getLocalPort(), tlsNote());
  }

  /** HttpCore's server protocol interceptors. */
  private static HttpProcessor processor() {
    return HttpProcessorBuilder.create()
        .addAll(
            ResponseConformance.INSTANCE,
            ResponseDate.INSTANCE,
            new ResponseServer("MMSKit"),
            ResponseContent.INSTANCE,
            ResponseConnControl.INSTANCE)
        .addAll(RequestValidateHost.INSTANCE, RequestConformance.INSTANCE)
        .build();
  }

  private String tlsNote() {
    return sslContext != null ? " (TLS)" : "";
  }

  /** The bound port. */
  public int port() {
    HttpServer server = this.server;
    if (server == null) {
      throw new IllegalStateException("server not started");
    }
    return server.getLocalPort();
  }

  /** Whether started and not closed. */
  public boolean isRunning() {
    return server != null && !closed;
  }

  /** Stops accepting, waits up to {@code grace} for running exchanges, then closes everything. */
  public synchronized void close(Duration grace) {
    if (closed) {
      return;
    }
    closed = true;
    if (server == null) {
      return;
    }
    // Stop accepting, let running exchanges finish (their responses ask clients to close), then
    // close what is left, idle keep-alive connections included.
    dispatcher.beginShutdown();
    CapturingServerSocketFactory.TrackedServerSocket listening = sockets.last();
    try {
      if (listening != null) {
        try {
          listening.close();
        } catch (IOException e) {
          LOG.debug("closing the listening socket", e);
        }
        // The port only stops accepting once the accept thread has woken up and left.
        listening.awaitNoAcceptor(2000);
      }
      int left = exchanges.awaitIdle(grace);
      if (left > 0) {
        LOG.warn("closing with {} exchange(s) still running after {}", left, grace);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.close(CloseMode.IMMEDIATE);
    LOG.info("stopped listening on port {}", server.getLocalPort());
  }

  /** Logs connection-level failures; expected ones (timeouts, resets) only at debug. */
  private static final class LoggingExceptionListener implements ExceptionListener {
    @Override
    public void onError(Exception ex) {
      if (expected(ex)) {
        LOG.debug("connection error", ex);
      } else {
        LOG.warn("server error", ex);
      }
    }

    @Override
    public void onError(HttpConnection connection, Exception ex) {
      if (expected(ex)) {
        LOG.debug("connection {}: {}", connection, ex.toString());
      } else {
        LOG.warn("connection {} failed", connection, ex);
      }
    }

    private static boolean expected(Exception ex) {
      return ex instanceof ConnectionFactory.ConnectionLimitException
          || ex instanceof SocketTimeoutException
          || ex instanceof ConnectionClosedException
          || ex instanceof SocketException
          || ex instanceof SSLException;
    }
  }
}
