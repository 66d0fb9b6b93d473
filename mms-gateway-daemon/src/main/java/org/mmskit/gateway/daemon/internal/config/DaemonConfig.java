package org.mmskit.gateway.daemon.internal.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.mmskit.core.MmsClient;
import org.mmskit.gateway.RetryPolicy;
import org.mmskit.gateway.Route;
import org.mmskit.gateway.daemon.internal.webhook.WebhookSettings;
import org.mmskit.mm1.ModemWay;
import org.mmskit.server.Account;

/**
 * The daemon's configuration as read from its YAML file ({@link ConfigReader}): values checked,
 * secrets resolved, nothing started.
 */
public record DaemonConfig(
    Path file,
    Api api,
    Store store,
    Map<String, Connection> connections,
    List<Route> routes,
    RetryPolicy retry,
    Instance instance,
    Optional<HttpListener> httpListener,
    Optional<Mm4Listener> mm4Listener,
    List<Mm1Listener> mm1Listeners,
    Webhooks webhooks,
    List<String> warnings) {

  /**
   * This instance among those sharing a PostgreSQL store: its name in the leases, how long a claim
   * lasts without renewal, how often an idle route looks at the store.
   */
  public record Instance(
      Optional<String> instanceId, Duration leaseDuration, Duration pollInterval) {}

  /** The HTTP API. */
  public record Api(
      String bindAddress,
      int port,
      Optional<Tls> tls,
      List<String> allowFrom,
      long maxRequestSize,
      List<ApiKey> keys,
      long fetchMaxBytes,
      Duration fetchTimeout,
      List<String> fetchAllow,
      Optional<URI> publicUrl,
      Duration shutdownTimeout) {}

  /** One API key and the name it is known by in logs. */
  public record ApiKey(String name, String key) {
    @Override
    public String toString() {
      return "ApiKey{" + name + "}";
    }
  }

  /** A PKCS#12 key store for a server's TLS. */
  public record Tls(Path keyStore, String password) {
    @Override
    public String toString() {
      return "Tls{" + keyStore + "}";
    }
  }

  /** Where the queue lives: an SQLite file, or a PostgreSQL database. */
  public record Store(
      Path sqlite, boolean powerSafe, Optional<Postgres> postgres, Duration retention) {}

  /** A PostgreSQL database reached through a HikariCP pool. */
  public record Postgres(
      String url, Optional<String> user, Optional<String> password, int maxPoolSize) {}

  /**
   * A named connection: {@code client} builds the MM7, EAIF or MM4 client; {@code mm1} describes an
   * MM1 modem connection instead.
   */
  public record Connection(
      String name, String via, int line, Supplier<MmsClient> client, Mm1 mm1) {}

  /** An MM1 connection: the MMSC as a phone reaches it, and optionally a modem on a serial port. */
  public record Mm1(
      URI mmscUrl,
      Optional<String> serial,
      int baud,
      Optional<String> pin,
      ModemWay way,
      Optional<URI> proxy,
      Optional<String> apn,
      Optional<String> userAgent,
      Optional<String> wapProfile,
      Optional<List<String>> linkUp,
      Optional<List<String>> linkDown,
      Optional<Duration> timeout) {}

  /** The HTTP(S) server the operator's MMSC posts MM7 and EAIF requests to. */
  public record HttpListener(
      String bindAddress,
      int port,
      Optional<Tls> tls,
      long maxRequestSize,
      Optional<InboundPath> mm7,
      Optional<InboundPath> eaif) {}

  /** A path on that server, who may post to it and from where. */
  public record InboundPath(String path, List<Login> accounts, List<String> allowFrom) {}

  /** A login a peer uses towards a listener, and where it may come from. */
  public record Login(String name, String password, List<String> allowFrom) {
    /** As the HTTP server checks it. */
    public Account account() {
      Account.Builder b = Account.builder(name, password);
      allowFrom.forEach(b::allowFrom);
      return b.build();
    }

    @Override
    public String toString() {
      return "Login{" + name + ", allowFrom=" + allowFrom + "}";
    }
  }

  /** The SMTP server peer MMSCs send MM4 mails to. */
  public record Mm4Listener(
      String bindAddress,
      int port,
      List<String> allowFrom,
      List<Login> accounts,
      Optional<Tls> tls,
      boolean implicitTls,
      Optional<String> replyVia,
      Optional<String> hostName,
      long maxRequestSize) {}

  /**
   * A modem listening for MM1 notifications, on an MM1 connection's modem; {@code stateDirectory}
   * keeps the Message-IDs delivered, so that a notification repeated after a restart is not
   * delivered twice.
   */
  public record Mm1Listener(String connection, Duration scanInterval, Path stateDirectory) {}

  /** Where events go; {@code publicUrl} empty means the API's own address. */
  public record Webhooks(
      List<WebhookSettings.Target> targets,
      int inlineMaxBytes,
      Duration partRetention,
      Duration firstRetry,
      Duration maxRetry,
      Duration requestTimeout,
      Optional<URI> publicUrl,
      Path sqlite) {}
}
