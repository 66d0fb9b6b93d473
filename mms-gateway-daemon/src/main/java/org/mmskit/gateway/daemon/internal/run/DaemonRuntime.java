package org.mmskit.gateway.daemon.internal.run;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.mmskit.core.MmsClient;
import org.mmskit.gateway.GatewayStore;
import org.mmskit.gateway.MmsGateway;
import org.mmskit.gateway.Route;
import org.mmskit.gateway.daemon.internal.api.ApiServer;
import org.mmskit.gateway.daemon.internal.config.ConfigException;
import org.mmskit.gateway.daemon.internal.config.DaemonConfig;
import org.mmskit.gateway.daemon.internal.status.Activity;
import org.mmskit.gateway.daemon.internal.status.GatewayMetrics;
import org.mmskit.gateway.daemon.internal.status.StatusPage;
import org.mmskit.gateway.daemon.internal.webhook.WebhookSettings;
import org.mmskit.gateway.daemon.internal.webhook.Webhooks;
import org.mmskit.mm1.Modem;
import org.mmskit.mm1.ModemMmsClient;
import org.mmskit.server.ServerTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running daemon built from a {@link DaemonConfig}: the clients, the gateway and its store, the
 * webhook outbox, the listeners the MMSCs connect to, the API. {@link #close} stops it in the order
 * that loses nothing: first nothing new is taken (API, listeners; requests under way finish), then
 * the gateway lets its sends under way end and closes the store, then the outbox and the clients.
 */
public final class DaemonRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DaemonRuntime.class);

  private final AtomicBoolean stopping = new AtomicBoolean();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private ApiServer api;
  private OperatorListeners listeners;
  private MmsGateway gateway;
  private Webhooks webhooks;

  private DaemonRuntime() {}

  /**
   * Starts everything the configuration describes.
   *
   * @throws ConfigException when a builder refuses a value (naming the connection and its line)
   */
  public static DaemonRuntime start(DaemonConfig cfg) {
    DaemonRuntime d = new DaemonRuntime();
    try {
      d.startAll(cfg);
      return d;
    } catch (RuntimeException e) {
      d.close();
      throw e;
    }
  }

  private void startAll(DaemonConfig cfg) {
    List<String> problems = new ArrayList<>();
    SSLContext apiTls = cfg.api().tls().map(t -> tls(t, "api.tls", problems)).orElse(null);
    Map<DaemonConfig.Tls, SSLContext> listenerTls = new java.util.HashMap<>();
    cfg.httpListener()
        .flatMap(DaemonConfig.HttpListener::tls)
        .ifPresent(t -> listenerTls.put(t, tls(t, "listeners.http.tls", problems)));
    cfg.mm4Listener()
        .flatMap(DaemonConfig.Mm4Listener::tls)
        .ifPresent(t -> listenerTls.put(t, tls(t, "listeners.mm4.tls", problems)));
    Map<String, MmsClient> clients = new LinkedHashMap<>();
    Map<String, Modem> modems = new LinkedHashMap<>();
    for (DaemonConfig.Connection c : cfg.connections().values()) {
      try {
        MmsClient client = c.client() != null ? c.client().get() : mm1(c, modems);
        clients.put(c.name(), client);
        resources.add(client);
      } catch (RuntimeException e) {
        problems.add("line " + c.line() + ": connections." + c.name() + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(cfg.file().toString(), problems);
    }
    HikariDataSource pool = cfg.store().postgres().map(this::pool).orElse(null);
    api = ApiServer.start(cfg.api(), apiTls);
    URI publicUrl = cfg.webhooks().publicUrl().or(() -> cfg.api().publicUrl()).orElse(api.uri());
    DaemonConfig.Webhooks w = cfg.webhooks();
    WebhookSettings settings =
        new WebhookSettings(
            w.targets(),
            w.inlineMaxBytes(),
            w.partRetention(),
            w.firstRetry(),
            w.maxRetry(),
            publicUrl,
            w.requestTimeout());
    webhooks =
        pool != null ? Webhooks.postgresql(pool, settings) : Webhooks.sqlite(w.sqlite(), settings);
    if (w.targets().isEmpty()) {
      LOG.warn("no webhook target: incoming messages and reports are stored and wait for one");
    }
    List<String> routeNames = cfg.routes().stream().map(Route::name).toList();
    Activity activity = Activity.create(clients.keySet(), routeNames);
    Inbound inbound = new Inbound(webhooks, activity);
    MmsGateway.Builder gb =
        MmsGateway.builder()
            .store(
                pool != null
                    ? GatewayStore.postgresql(pool)
                    : GatewayStore.sqlite(cfg.store().sqlite(), cfg.store().powerSafe()))
            .retryPolicy(cfg.retry())
            .leaseDuration(cfg.instance().leaseDuration())
            .pollInterval(cfg.instance().pollInterval())
            .retention(cfg.store().retention())
            .reportListener(inbound)
            .listener(inbound)
            .onOutcome(inbound);
    cfg.instance().instanceId().ifPresent(gb::instanceId);
    clients.forEach((name, client) -> gb.connection(name, activity.observe(name, client)));
    cfg.routes().forEach(gb::route);
    gateway = gb.start();
    webhooks.onAttempt(activity::webhookResult);
    webhooks.start();
    GatewayMetrics metrics = GatewayMetrics.create(activity, gateway, webhooks::pending);
    listeners =
        new OperatorListeners(cfg, gateway.listener(), activity, listenerTls::get, clients, modems);
    api.ready(
        gateway,
        activity,
        new ApiServer.Mounts(
            StatusPage.handler(activity, gateway, webhooks::targets),
            metrics.handler(),
            webhooks.partsHandler()),
        webhooks::pending,
        stopping::get);
    LOG.info("gateway API on {}", api.uri());
  }

  private MmsClient mm1(DaemonConfig.Connection c, Map<String, Modem> modems) {
    DaemonConfig.Mm1 m = c.mm1();
    ModemMmsClient.Builder b = ModemMmsClient.builder().way(m.way()).mmscUrl(m.mmscUrl());
    if (m.serial().isPresent()) {
      Modem.Builder mb = Modem.builder().serialPort(m.serial().get()).baudRate(m.baud());
      m.pin().ifPresent(mb::pin);
      Modem modem = mb.open();
      resources.add(modem);
      modems.put(c.name(), modem);
      b.modem(modem);
    }
    m.proxy().ifPresent(b::proxy);
    m.apn().ifPresent(b::apn);
    m.userAgent().ifPresent(b::userAgent);
    m.wapProfile().ifPresent(b::wapProfile);
    m.linkUp().ifPresent(b::linkUp);
    m.linkDown().ifPresent(b::linkDown);
    m.timeout().ifPresent(t -> b.connectTimeout(t).responseTimeout(t));
    return b.build();
  }

  private HikariDataSource pool(DaemonConfig.Postgres pg) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(pg.url());
    pg.user().ifPresent(hc::setUsername);
    pg.password().ifPresent(hc::setPassword);
    hc.setMaximumPoolSize(pg.maxPoolSize());
    hc.setPoolName("mmskit-gateway");
    HikariDataSource ds = new HikariDataSource(hc);
    resources.add(ds);
    return ds;
  }

  private static SSLContext tls(DaemonConfig.Tls t, String where, List<String> problems) {
    try {
      return ServerTls.fromPkcs12(t.keyStore(), t.password().toCharArray());
    } catch (IllegalArgumentException e) {
      problems.add(where + ": " + e.getMessage() + " (" + e.getCause() + ")");
      return null;
    }
  }

  public URI apiUri() {
    return api.uri();
  }

  public int apiPort() {
    return api.port();
  }

  /** The port of the HTTP server the MMSCs post MM7 and EAIF to, or -1 without one. */
  public int listenerPort() {
    return listeners == null ? -1 : listeners.httpPort();
  }

  /** The MM4 SMTP port, or -1 without one. */
  public int mm4Port() {
    return listeners == null ? -1 : listeners.mm4Port();
  }

  @Override
  public synchronized void close() {
    if (stopping.getAndSet(true)) {
      return;
    }
    closeQuietly(api, "API");
    closeQuietly(listeners, "listeners");
    closeQuietly(gateway, "gateway");
    closeQuietly(webhooks, "webhooks");
    for (int i = resources.size() - 1; i >= 0; i--) {
      closeQuietly(resources.get(i), "connection");
    }
    resources.clear();
  }

  private static void closeQuietly(AutoCloseable c, String what) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("could not close the {} cleanly", what, e);
    }
  }
}
