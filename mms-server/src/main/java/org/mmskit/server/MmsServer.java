package org.mmskit.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.mmskit.server.internal.ServerEngine;

/**
 * An embeddable HTTP(S) server that receives requests from operator MMSCs and passes them to {@link
 * InboundHandler}s by path prefix: for example MM7 on {@code /mm7} and EAIF on {@code /eaif} on one
 * port.
 *
 * <pre>{@code
 * try (MmsServer server = MmsServer.builder()
 *         .bindAddress("0.0.0.0").port(8080)
 *         .route(Route.builder("/mm7", mm7Handler).account("mmsc", secret).build())
 *         .build()
 *         .start()) {
 *   ...
 * }
 * }</pre>
 *
 * <p>Before a handler runs, the server checks the route's credentials (401 with {@code
 * WWW-Authenticate} when missing or wrong) and IP allow-lists (403), and refuses bodies above the
 * maximum size (413), whether declared by {@code Content-Length} or discovered while streaming a
 * chunked body; the body is never buffered whole by the server. A handler that throws gets a 500
 * and the exception is logged; the server keeps serving. Requests outside every route get 404.
 *
 * <p>Threading: HTTP/1.1 connections are served by one thread each (HttpCore classic), at most
 * {@link Builder#maxConnections} of them; at most {@link Builder#workerThreads} handlers run at the
 * same time, others wait for a slot. Idle and stalled connections are cut after {@link
 * Builder#socketTimeout}. TCP_NODELAY is on, keep-alive is supported. This class is thread-safe.
 */
public final class MmsServer implements AutoCloseable {
  private final Builder config;
  private final ServerEngine engine;

  private MmsServer(Builder b) {
    this.config = b;
    this.engine =
        new ServerEngine(
            b.bindAddress,
            b.port,
            b.sslContext,
            List.copyOf(b.routes),
            b.workerThreads,
            b.maxConnections,
            b.socketTimeout,
            b.requestHeadTimeout,
            b.maxRequestSize,
            b.keepAlive,
            b.requestListener);
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the port and starts accepting connections.
   *
   * @return this server
   * @throws UncheckedIOException when the port cannot be bound
   * @throws IllegalStateException when already started or closed
   */
  public MmsServer start() {
    try {
      engine.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start server on port " + config.port, e);
    }
    return this;
  }

  /**
   * The bound port (the ephemeral one when built with port 0).
   *
   * @throws IllegalStateException when not started
   */
  public int port() {
    return engine.port();
  }

  /**
   * The base URI, e.g. {@code http://127.0.0.1:8080}; a wildcard bind address is shown as the
   * loopback address.
   *
   * @throws IllegalStateException when not started
   */
  public URI uri() {
    InetAddress a = config.bindAddress;
    if (a.isAnyLocalAddress()) {
      a = InetAddress.getLoopbackAddress();
    }
    String host = a.getHostAddress();
    if (a instanceof Inet6Address) {
      int pct = host.indexOf('%');
      host = '[' + (pct < 0 ? host : host.substring(0, pct)) + ']';
    }
    return URI.create((config.sslContext != null ? "https://" : "http://") + host + ':' + port());
  }

  /** Whether the server was started and is not closed. */
  public boolean isRunning() {
    return engine.isRunning();
  }

  /** The routes, as configured. */
  public List<Route> routes() {
    return List.copyOf(config.routes);
  }

  /**
   * Stops accepting connections, lets running exchanges finish for up to the shutdown timeout, then
   * closes what remains. Idempotent.
   */
  @Override
  public void close() {
    engine.close(config.shutdownTimeout);
  }

  @Override
  public String toString() {
    return "MmsServer{" + (engine.isRunning() ? uri() : "stopped") + ", " + config.routes + '}';
  }

  /** Configures an {@link MmsServer}; not thread-safe. */
  public static final class Builder {
    private InetAddress bindAddress = InetAddress.getLoopbackAddress(); // 127.0.0.1 on IPv4 hosts
    private int port;
    private SSLContext sslContext;
    private final List<Route> routes = new ArrayList<>();
    private int workerThreads = 64;
    private int maxConnections = 256;
    private Duration socketTimeout = Duration.ofSeconds(30);
    private Duration requestHeadTimeout = Duration.ofSeconds(60);
    private long maxRequestSize = 16L * 1024 * 1024;
    private boolean keepAlive = true;
    private Duration shutdownTimeout = Duration.ofSeconds(5);
    private RequestListener requestListener;

    private Builder() {}

    /**
     * Sets the local address to bind. Default: the loopback address ({@code 127.0.0.1}), so a
     * server is not reachable from other hosts until asked; use {@code 0.0.0.0} (or {@code ::}) to
     * accept MMSC connections from the network.
     */
    public Builder bindAddress(InetAddress address) {
      this.bindAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /**
     * Sets the bind address from a literal IP address ({@code 0.0.0.0}, {@code ::}, {@code
     * 192.0.2.1}) or a host name, resolved now.
     *
     * @throws IllegalArgumentException when the name does not resolve or is a range
     */
    public Builder bindAddress(String host) {
      Objects.requireNonNull(host, "host");
      if (host.indexOf('/') >= 0) {
        throw new IllegalArgumentException("expected an address, not a range: " + host);
      }
      try {
        return bindAddress(InetAddress.getByName(host));
      } catch (java.net.UnknownHostException e) {
        throw new IllegalArgumentException("unknown bind address: " + host, e);
      }
    }

    /**
     * Sets the TCP port; 0 (the default) picks a free ephemeral port, see {@link MmsServer#port()}.
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Serves HTTPS with this context (e.g. from {@link ServerTls#fromPkcs12}); plain by default.
     */
    public Builder tls(SSLContext sslContext) {
      this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
      return this;
    }

    /** Adds a route; prefixes must be unique. */
    public Builder route(Route route) {
      Objects.requireNonNull(route, "route");
      for (Route r : routes) {
        if (r.prefix().equals(route.prefix())) {
          throw new IllegalArgumentException("duplicate route prefix " + route.prefix());
        }
      }
      routes.add(route);
      return this;
    }

    /** Sets the maximum number of handlers running at once (default 64). */
    public Builder workerThreads(int workerThreads) {
      if (workerThreads < 1) {
        throw new IllegalArgumentException("workerThreads must be >= 1");
      }
      this.workerThreads = workerThreads;
      return this;
    }

    /**
     * Sets the maximum number of open connections (default 256). HttpCore classic serves each
     * connection on its own thread, so this also bounds the server's threads. Connections beyond it
     * are answered {@code 503} (plain HTTP) or closed (TLS) at once.
     */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections < 1) {
        throw new IllegalArgumentException("maxConnections must be >= 1");
      }
      this.maxConnections = maxConnections;
      return this;
    }

    /**
     * Sets how long a read may block (waiting for request bytes or the next keep-alive request)
     * before it fails with a {@link java.net.SocketTimeoutException} and the connection is closed;
     * default 30 s. It is the socket's {@code SO_TIMEOUT}, so it bounds reads only: a response is
     * written as fast as the client takes it (MM7 and EAIF answers fit the socket buffer).
     */
    public Builder socketTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("socketTimeout must be positive");
      }
      this.socketTimeout = timeout;
      return this;
    }

    /**
     * Sets how long a connection may take to deliver a complete request head, counted from the
     * moment the server starts waiting for it (so it also bounds an idle keep-alive wait); default
     * 60 s. Unlike the socket timeout, which restarts with every byte, this stops clients that
     * trickle a request head a byte at a time: while a head is read, each read's timeout is what is
     * left of this one.
     */
    public Builder requestHeadTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("requestHeadTimeout must be positive");
      }
      this.requestHeadTimeout = timeout;
      return this;
    }

    /**
     * Sets the largest request body accepted, in bytes (default 16 MiB); larger bodies get 413
     * without being read.
     */
    public Builder maxRequestSize(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("maxRequestSize must be >= 0");
      }
      this.maxRequestSize = bytes;
      return this;
    }

    /** Enables or disables HTTP keep-alive (default enabled). */
    public Builder keepAlive(boolean keepAlive) {
      this.keepAlive = keepAlive;
      return this;
    }

    /** Sets how long {@link MmsServer#close()} waits for running exchanges (default 5 s). */
    public Builder shutdownTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("shutdownTimeout must be >= 0");
      }
      this.shutdownTimeout = timeout;
      return this;
    }

    /** Sets a listener told about each request (optional). */
    public Builder requestListener(RequestListener listener) {
      this.requestListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Returns the (not yet started) server.
     *
     * @throws IllegalStateException when no route was added
     */
    public MmsServer build() {
      if (routes.isEmpty()) {
        throw new IllegalStateException("add at least one route");
      }
      return new MmsServer(copy());
    }

    private Builder copy() {
      Builder b = new Builder();
      b.bindAddress = bindAddress;
      b.port = port;
      b.sslContext = sslContext;
      b.routes.addAll(routes);
      b.workerThreads = workerThreads;
      b.maxConnections = maxConnections;
      b.socketTimeout = socketTimeout;
      b.requestHeadTimeout = requestHeadTimeout;
      b.maxRequestSize = maxRequestSize;
      b.keepAlive = keepAlive;
      b.shutdownTimeout = shutdownTimeout;
      b.requestListener = requestListener;
      return b;
    }
  }
}
