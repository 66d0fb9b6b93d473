package org.mmskit.eaif;

import java.net.URI;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.mmskit.core.MmsListener;
import org.mmskit.server.Account;
import org.mmskit.server.CredentialSource;
import org.mmskit.server.MmsServer;
import org.mmskit.server.Route;

/**
 * A ready-made EAIF receiver: an embedded {@link MmsServer} with one {@link EaifHandler} route. Use
 * it when EAIF is the only inbound interface; to serve MM7 and EAIF on one port, add {@link
 * EaifHandler#route(String, MmsListener)} to your own {@link MmsServer} instead.
 *
 * <pre>{@code
 * try (EaifListener eaif = EaifListener.builder(listener)
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

  /** A builder for a listener passing what arrives to {@code listener}. */
  public static Builder builder(MmsListener listener) {
    return new Builder(listener);
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

  /** Builds and starts an {@link EaifListener}. Not thread-safe. */
  public static final class Builder {
    private final MmsServer.Builder server = MmsServer.builder();
    private final EaifHandler.Builder handler;
    private String path = "/eaif";
    private final java.util.List<java.util.function.Consumer<Route.Builder>> routeSteps =
        new java.util.ArrayList<>();
    private int maxBodySize = EaifHandler.DEFAULT_MAX_BODY_SIZE;

    private Builder(MmsListener listener) {
      this.handler = EaifHandler.builder(Objects.requireNonNull(listener, "listener"));
    }

    /** The address to bind; default the loopback address. Use {@code 0.0.0.0} for all. */
    public Builder bindAddress(String literalAddress) {
      server.bindAddress(literalAddress);
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

    /** Adds an account the MMSC authenticates with (HTTP Basic unless set by credentials). */
    public Builder account(String name, String password) {
      Account a = Account.of(name, password);
      routeSteps.add(r -> r.account(a));
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

    /** Accepts requests only from this range, e.g. {@code 10.1.0.0/16}; repeatable. */
    public Builder allowFrom(String cidr) {
      routeSteps.add(r -> r.allowFrom(cidr));
      return this;
    }

    /** Serves HTTPS with this context. */
    public Builder tls(SSLContext sslContext) {
      server.tls(sslContext);
      return this;
    }

    /** The {@code X-NOKIA-MMSC-Version} answered to requests without one. Default 3.0. */
    public Builder eaifVersion(String version) {
      handler.eaifVersion(version);
      return this;
    }

    /** The largest PDU accepted (413 above). Default 8 MiB. */
    public Builder maxBodySize(int bytes) {
      handler.maxBodySize(bytes);
      this.maxBodySize = bytes;
      return this;
    }

    /** How many requests are handled at once at most. Default the server's. */
    public Builder workerThreads(int threads) {
      server.workerThreads(threads);
      return this;
    }

    /**
     * Builds the server and starts it.
     *
     * @throws IllegalStateException when neither an account nor {@link #open()} was given
     * @throws java.io.UncheckedIOException when the port cannot be bound
     */
    public EaifListener start() {
      Route.Builder route = Route.builder(path, handler.build());
      routeSteps.forEach(step -> step.accept(route));
      Route built = route.build();
      MmsServer s = server.route(built).maxRequestBodySize(maxBodySize).build();
      s.start();
      return new EaifListener(s, built.prefix());
    }
  }
}
