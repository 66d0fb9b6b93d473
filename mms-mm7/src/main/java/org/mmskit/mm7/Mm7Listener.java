package org.mmskit.mm7;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsListener;
import org.mmskit.core.ReadReply;
import org.mmskit.http.internal.ListenerCallbacks;
import org.mmskit.server.Account;
import org.mmskit.server.CidrRange;
import org.mmskit.server.CredentialSource;
import org.mmskit.server.MmsServer;
import org.mmskit.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded MM7 endpoint: the URL an operator's MMSC posts {@code DeliverReq}, {@code
 * DeliveryReportReq} and {@code ReadReplyReq} to.
 *
 * <pre>{@code
 * try (Mm7Listener listener = Mm7Listener.builder()
 *         .port(8080).path("/mm7")
 *         .account("operator", secret, "198.51.100.0/24")
 *         .listener(new MmsListener() {
 *           public Acknowledgement onDeliveryReport(DeliveryReport r) { ...; return Acknowledgement.ok(); }
 *         })
 *         .start()) {
 *   ... // the MMSC posts to listener.uri()
 * }
 * }</pre>
 *
 * <p>Accounts are checked with HTTP Basic authentication and, when {@linkplain
 * Builder#pathCredentials enabled}, in the URL path ({@code /mm7/{account}/{password}}); wrong or
 * missing credentials get 401, a peer outside an account's allow-list 403. With no account the
 * endpoint is open (for tests and demos; a warning is logged).
 *
 * <p>To host MM7 beside other endpoints (e.g. EAIF on {@code /eaif}) on one server, take the {@link
 * Builder#route() route} instead of starting a listener and add it to an {@link MmsServer} builder.
 *
 * <p>The {@link MmsListener} is called on the server's worker threads, concurrently; see {@link
 * Mm7Handler} for how callbacks and errors map to MM7 replies. Thread-safe; {@link #close()} stops
 * the server.
 */
public final class Mm7Listener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Mm7Listener.class);
  private static final long SERVER_CAP_SLACK = 64 * 1024;

  private final MmsServer server;
  private final Route route;

  private Mm7Listener(MmsServer server, Route route) {
    this.server = server;
    this.route = route;
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The bound port (the ephemeral one when the builder asked for port 0). */
  public int port() {
    return server.port();
  }

  /** The URL the MMSC should post to, e.g. {@code http://127.0.0.1:8080/mm7}. */
  public URI uri() {
    return server.uri().resolve(route.prefix());
  }

  /** The MM7 handler serving the path. */
  public Mm7Handler handler() {
    return (Mm7Handler) route.handler();
  }

  /** The route (path, accounts, allow-lists) served. */
  public Route route() {
    return route;
  }

  /** Stops accepting requests, lets running ones finish for a short while, and frees the port. */
  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "Mm7Listener{" + uri() + ", " + route + '}';
  }

  /**
   * Builds and starts an {@link Mm7Listener}; not thread-safe. The options it shares with {@code
   * EaifListener.Builder} have the same names and meaning there.
   */
  public static final class Builder {
    private final MmsServer.Builder server = MmsServer.builder();
    private String path = "/mm7";
    private final List<Account> accounts = new ArrayList<>();
    private final List<CidrRange> allowFrom = new ArrayList<>();
    private boolean pathCredentials;
    private long maxRequestSize = Mm7Handler.DEFAULT_MAX_REQUEST_SIZE;
    private final ListenerCallbacks callbacks = new ListenerCallbacks();
    private Mm7Version replyVersion;
    private int clientFaultHttpStatus = 500;

    private Builder() {}

    /** The most requests handled at once (the server's worker threads; default 64). */
    public Builder workerThreads(int threads) {
      server.workerThreads(threads);
      return this;
    }

    /**
     * The most connections open at once (default 256); more are answered 503 (plain HTTP) or closed
     * (TLS).
     */
    public Builder maxConnections(int max) {
      server.maxConnections(max);
      return this;
    }

    /**
     * How long a read may block before the connection is closed (default 30 s): cuts slow or
     * stalled clients.
     */
    public Builder socketTimeout(Duration timeout) {
      server.socketTimeout(timeout);
      return this;
    }

    /**
     * The local address to bind; default the loopback address. Use {@code
     * InetAddress.getByName("0.0.0.0")} to accept MMSCs from other hosts.
     */
    public Builder bindAddress(InetAddress address) {
      server.bindAddress(address);
      return this;
    }

    /** The local address to bind as an address or host name, e.g. {@code "0.0.0.0"} for all. */
    public Builder bindAddress(String host) {
      server.bindAddress(host);
      return this;
    }

    /** The TCP port; 0 (the default) picks a free one, see {@link Mm7Listener#port()}. */
    public Builder port(int port) {
      server.port(port);
      return this;
    }

    /** The path prefix served, default {@code /mm7}. */
    public Builder path(String path) {
      this.path = Objects.requireNonNull(path, "path");
      return this;
    }

    /** Serves HTTPS with this context instead of plain HTTP. */
    public Builder tls(SSLContext context) {
      server.tls(context);
      return this;
    }

    /**
     * Adds an account; with {@code allowFrom} addresses or CIDR ranges (IPv4 or IPv6, e.g. {@code
     * 203.0.113.7}, {@code 198.51.100.0/24}), it may connect only from those.
     */
    public Builder account(String name, String password, String... allowFrom) {
      Account.Builder a = Account.builder(name, password);
      for (String cidr : allowFrom) {
        a.allowFrom(cidr);
      }
      accounts.add(a.build());
      return this;
    }

    /** Adds an account. */
    public Builder account(Account account) {
      accounts.add(Objects.requireNonNull(account, "account"));
      return this;
    }

    /**
     * Restricts the whole endpoint to peers in this address or range, whatever the account;
     * repeatable.
     *
     * @throws IllegalArgumentException when {@code cidr} is not an IP address or CIDR range
     */
    public Builder allowFrom(String cidr) {
      allowFrom.add(CidrRange.parse(cidr));
      return this;
    }

    /**
     * Also accepts credentials in the path, {@code <path>/{account}/{password}}, for MMSCs that
     * cannot send Basic authentication. Default false: path credentials end up in proxy logs.
     */
    public Builder pathCredentials(boolean enabled) {
      this.pathCredentials = enabled;
      return this;
    }

    /** The largest request body accepted, default 16 MiB; larger requests get 413. */
    public Builder maxRequestSize(long bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxRequestSize must be at least 1024: " + bytes);
      }
      this.maxRequestSize = bytes;
      return this;
    }

    /**
     * The callback receiving messages, delivery reports and read replies; this or the {@code on...}
     * callbacks are required.
     */
    public Builder listener(MmsListener listener) {
      callbacks.listener(listener);
      return this;
    }

    /**
     * Handles incoming messages (instead of a {@link #listener(MmsListener)}). A kind of request
     * without a callback gets {@link MmsListener}'s default answer.
     */
    public Builder onMessage(Function<IncomingMessage, Acknowledgement> callback) {
      callbacks.onMessage(callback);
      return this;
    }

    /** Handles delivery reports (instead of a {@link #listener(MmsListener)}). */
    public Builder onDeliveryReport(Function<DeliveryReport, Acknowledgement> callback) {
      callbacks.onDeliveryReport(callback);
      return this;
    }

    /** Handles read replies (instead of a {@link #listener(MmsListener)}). */
    public Builder onReadReply(Function<ReadReply, Acknowledgement> callback) {
      callbacks.onReadReply(callback);
      return this;
    }

    /**
     * Answers in this namespace and {@code MM7Version}; by default each reply echoes its request's.
     */
    public Builder replyVersion(Mm7Version version) {
      this.replyVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * The HTTP status of a {@code Client} fault: 500 by default (SOAP 1.1 section 6.2), or 400; see
     * {@link Mm7Handler.Builder#clientFaultHttpStatus}.
     */
    public Builder clientFaultHttpStatus(int status) {
      if (status != 400 && status != 500) {
        throw new IllegalArgumentException("clientFaultHttpStatus must be 400 or 500: " + status);
      }
      this.clientFaultHttpStatus = status;
      return this;
    }

    /**
     * The handler these settings describe (for mounting without a route).
     *
     * @throws IllegalStateException when neither a listener nor a callback was given
     */
    public Mm7Handler handler() {
      Mm7Handler.Builder h =
          Mm7Handler.builder(callbacks.build())
              .maxRequestSize(maxRequestSize)
              .clientFaultHttpStatus(clientFaultHttpStatus);
      if (replyVersion != null) {
        h.replyVersion(replyVersion);
      }
      return h.build();
    }

    /**
     * The route (path, handler, accounts, allow-lists) these settings describe, to add to an {@link
     * MmsServer} shared with other endpoints. Port and TLS are then the server's.
     */
    public Route route() {
      Route.Builder r = Route.builder(path, handler());
      if (accounts.isEmpty()) {
        r.open();
      } else {
        accounts.forEach(r::account);
        if (pathCredentials) {
          r.credentials(CredentialSource.BASIC, CredentialSource.PATH_SEGMENTS);
        } else {
          r.credentials(CredentialSource.BASIC);
        }
      }
      allowFrom.forEach(r::allowFrom);
      return r.build();
    }

    /**
     * Starts the server and returns the running listener.
     *
     * @throws java.io.UncheckedIOException when the port cannot be bound
     */
    public Mm7Listener start() {
      Route route = route();
      if (route.isOpen()) {
        LOG.warn("MM7 endpoint {} is open: no account configured", route.prefix());
      }
      // The server's own cap sits a little above the handler's, so that the handler sees the
      // overflow first and answers with an MM7 fault rather than a bare 413.
      MmsServer s = server.maxRequestSize(maxRequestSize + SERVER_CAP_SLACK).route(route).build();
      return new Mm7Listener(s.start(), route);
    }
  }
}
