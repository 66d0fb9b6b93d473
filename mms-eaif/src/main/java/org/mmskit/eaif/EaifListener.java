package org.mmskit.eaif;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
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

/**
 * A ready-made EAIF receiver: an embedded {@link MmsServer} with one {@link EaifHandler} route. Use
 * it when EAIF is the only inbound interface; to serve MM7 and EAIF on one port, add {@link
 * EaifHandler#route(String, MmsListener)} to your own {@link MmsServer} instead.
 *
 * <pre>{@code
 * try (EaifListener eaif = EaifListener.builder()
 *     .onMessage(m -> { ...; return Acknowledgement.ok(); })
 *     .port(8080).path("/eaif")
 *     .account("mmsc", secret)          // or .open() for no authentication
 *     .start()) {
 *   URI url = eaif.uri();               // http://127.0.0.1:8080/eaif, give it to the MMSC
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. The listener's callbacks run on the server's worker threads.
 */
public final class EaifListener implements AutoCloseable {
  private final MmsServer server;
  private final String path;

  private EaifListener(MmsServer server, String path) {
    this.server = server;
    this.path = path;
  }

  /** A builder; give it a {@link Builder#listener(MmsListener) listener} or callbacks. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder for a listener passing what arrives to {@code listener}. */
  public static Builder builder(MmsListener listener) {
    return new Builder().listener(listener);
  }

  /** The bound port (the ephemeral one when built with port 0). */
  public int port() {
    return server.port();
  }

  /** The URL the MMSC is to post to, e.g. {@code http://127.0.0.1:8080/eaif}. */
  public URI uri() {
    return URI.create(server.uri() + path);
  }

  /** The path the handler is mounted on. */
  public String path() {
    return path;
  }

  /** The underlying server. */
  public MmsServer server() {
    return server;
  }

  /** Stops the server (running exchanges may finish for the shutdown timeout). Idempotent. */
  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "EaifListener{" + (server.isRunning() ? uri() : "stopped") + "}";
  }

  /**
   * Builds and starts an {@link EaifListener}. Not thread-safe. The options it shares with {@code
   * Mm7Listener.Builder} have the same names and meaning there.
   */
  public static final class Builder {
    private final MmsServer.Builder server = MmsServer.builder();
    private final ListenerCallbacks callbacks = new ListenerCallbacks();
    private String eaifVersion;
    private String path = "/eaif";
    private final List<Consumer<Route.Builder>> routeSteps = new ArrayList<>();
    private long maxRequestSize = EaifHandler.DEFAULT_MAX_REQUEST_SIZE;

    private Builder() {}

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

    /** The local address to bind; default the loopback address. */
    public Builder bindAddress(InetAddress address) {
      server.bindAddress(address);
      return this;
    }

    /** The local address to bind as an address or host name, e.g. {@code "0.0.0.0"} for all. */
    public Builder bindAddress(String host) {
      server.bindAddress(host);
      return this;
    }

    /** The port; 0 (the default) picks a free one, see {@link EaifListener#port()}. */
    public Builder port(int port) {
      server.port(port);
      return this;
    }

    /** The path the MMSC posts to; default {@code /eaif}. */
    public Builder path(String path) {
      this.path = Objects.requireNonNull(path, "path");
      return this;
    }

    /**
     * Adds an account the MMSC authenticates with (HTTP Basic unless set by credentials); with
     * {@code allowFrom} addresses or CIDR ranges, it may connect only from those.
     */
    public Builder account(String name, String password, String... allowFrom) {
      Account.Builder a = Account.builder(name, password);
      for (String cidr : allowFrom) {
        a.allowFrom(cidr);
      }
      Account account = a.build();
      routeSteps.add(r -> r.account(account));
      return this;
    }

    /** Adds an account (with its own IP allow-list, if any). */
    public Builder account(Account account) {
      Objects.requireNonNull(account, "account");
      routeSteps.add(r -> r.account(account));
      return this;
    }

    /**
     * Where credentials are accepted: HTTP Basic (default), and/or in the path as NowSMS does
     * ({@code /eaif/account=password}).
     */
    public Builder credentials(CredentialSource... sources) {
      CredentialSource[] copy = sources.clone();
      routeSteps.add(r -> r.credentials(copy));
      return this;
    }

    /** Accepts requests without credentials. Either this or an account is required. */
    public Builder open() {
      routeSteps.add(Route.Builder::open);
      return this;
    }

    /**
     * Restricts the whole endpoint to peers in this address or range, e.g. {@code 10.1.0.0/16},
     * whatever the account; repeatable.
     */
    public Builder allowFrom(String cidr) {
      CidrRange range = CidrRange.parse(cidr);
      routeSteps.add(r -> r.allowFrom(range));
      return this;
    }

    /** Serves HTTPS with this context instead of plain HTTP. */
    public Builder tls(SSLContext sslContext) {
      server.tls(sslContext);
      return this;
    }

    /** The {@code X-NOKIA-MMSC-Version} answered to requests without one. Default 3.0. */
    public Builder eaifVersion(String version) {
      Objects.requireNonNull(version, "version");
      if (!EaifHeaders.isVersion(version)) {
        throw new IllegalArgumentException("EAIF version must be major.minor: " + version);
      }
      this.eaifVersion = version;
      return this;
    }

    /** The largest request body (a PDU) accepted; larger requests get 413. Default 8 MiB. */
    public Builder maxRequestSize(long bytes) {
      EaifHandler.checkMaxRequestSize(bytes);
      this.maxRequestSize = bytes;
      return this;
    }

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
     * Builds the server and starts it.
     *
     * @throws IllegalStateException when neither an account nor {@link #open()} was given, or
     *     neither a listener nor a callback
     * @throws java.io.UncheckedIOException when the port cannot be bound
     */
    public EaifListener start() {
      EaifHandler.Builder handler =
          EaifHandler.builder(callbacks.build()).maxRequestSize(maxRequestSize);
      if (eaifVersion != null) {
        handler.eaifVersion(eaifVersion);
      }
      Route.Builder route = Route.builder(path, handler.build());
      routeSteps.forEach(step -> step.accept(route));
      Route built = route.build();
      MmsServer s = server.route(built).maxRequestSize(maxRequestSize).build();
      s.start();
      return new EaifListener(s, built.prefix());
    }
  }
}
