package org.mmskit.gateway.daemon.internal.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.mmskit.core.MmsClient;
import org.mmskit.core.MmsListener;
import org.mmskit.eaif.EaifHandler;
import org.mmskit.gateway.daemon.internal.config.DaemonConfig;
import org.mmskit.gateway.daemon.internal.status.Activity;
import org.mmskit.mm1.Modem;
import org.mmskit.mm1.ModemListener;
import org.mmskit.mm4.Mm4Client;
import org.mmskit.mm4.Mm4Listener;
import org.mmskit.mm7.Mm7Listener;
import org.mmskit.server.CredentialSource;
import org.mmskit.server.MmsServer;
import org.mmskit.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers the operators' MMSCs connect to (MM7 and EAIF paths on one HTTP server, the MM4 SMTP
 * server, MM1 modems), each handing what arrives to the gateway's listener. Closing lets requests
 * under way finish, then stops each.
 */
final class OperatorListeners implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorListeners.class);

  private final List<AutoCloseable> running = new ArrayList<>();
  private MmsServer http;
  private Mm4Listener mm4;

  /**
   * Starts every configured listener.
   *
   * @param tls builds a server TLS context from the configuration's key store
   * @param clients the built clients by connection name (for MM4's {@code replyVia})
   * @param modems the opened modems by connection name
   */
  OperatorListeners(
      DaemonConfig cfg,
      MmsListener target,
      Activity activity,
      Function<DaemonConfig.Tls, SSLContext> tls,
      Map<String, MmsClient> clients,
      Map<String, Modem> modems) {
    try {
      cfg.httpListener().ifPresent(h -> http = http(h, target, tls));
      cfg.mm4Listener().ifPresent(m -> mm4 = mm4(m, target, activity, tls, clients));
      for (DaemonConfig.Mm1Listener m : cfg.mm1Listeners()) {
        DaemonConfig.Mm1 c = cfg.connections().get(m.connection()).mm1();
        ModemListener.Builder b =
            ModemListener.builder()
                .modem(modems.get(m.connection()))
                .way(c.way())
                .listener(target)
                .mmscUrl(c.mmscUrl())
                .scanInterval(m.scanInterval())
                .stateDirectory(m.stateDirectory());
        c.proxy().ifPresent(b::proxy);
        c.apn().ifPresent(b::apn);
        c.userAgent().ifPresent(b::userAgent);
        c.wapProfile().ifPresent(b::wapProfile);
        c.linkUp().ifPresent(b::linkUp);
        c.linkDown().ifPresent(b::linkDown);
        c.timeout().ifPresent(t -> b.connectTimeout(t).responseTimeout(t));
        running.add(b.start());
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private MmsServer http(
      DaemonConfig.HttpListener h, MmsListener target, Function<DaemonConfig.Tls, SSLContext> tls) {
    MmsServer.Builder b =
        MmsServer.builder()
            .bindAddress(h.bindAddress())
            .port(h.port())
            .maxRequestSize(h.maxRequestSize());
    h.tls().ifPresent(t -> b.tls(tls.apply(t)));
    h.mm7()
        .ifPresent(
            p -> {
              Mm7Listener.Builder m =
                  Mm7Listener.builder()
                      .listener(target)
                      .path(p.path())
                      .maxRequestSize(h.maxRequestSize());
              p.accounts().forEach(a -> m.account(a.account()));
              p.allowFrom().forEach(m::allowFrom);
              b.route(m.route());
            });
    h.eaif()
        .ifPresent(
            p -> {
              Route.Builder r =
                  EaifHandler.builder(target)
                      .maxRequestSize(h.maxRequestSize())
                      .build()
                      .route(p.path());
              if (p.accounts().isEmpty()) {
                r.open();
              } else {
                p.accounts().forEach(a -> r.account(a.account()));
                r.credentials(CredentialSource.BASIC, CredentialSource.PATH_KEY_VALUE);
              }
              p.allowFrom().forEach(r::allowFrom);
              b.route(r.build());
            });
    MmsServer server = b.build().start();
    running.add(server);
    LOG.info("MMSC listener on {} ({})", server.uri(), server.routes());
    return server;
  }

  private Mm4Listener mm4(
      DaemonConfig.Mm4Listener m,
      MmsListener target,
      Activity activity,
      Function<DaemonConfig.Tls, SSLContext> tls,
      Map<String, MmsClient> clients) {
    Mm4Listener.Builder b =
        Mm4Listener.builder()
            .bindAddress(m.bindAddress())
            .port(m.port())
            .maxRequestSize(m.maxRequestSize())
            .listener(target)
            .onResponse(
                res -> {
                  // The gateway counts a submit over MM4 as sent once the peer's server said 250;
                  // the peer's later verdict is logged and shown on the status page.
                  if (res.isOk()) {
                    LOG.info("MM4 answer: {}", res);
                  } else {
                    LOG.warn("MM4 answer refusing a message: {}", res);
                    activity.error("mm4", "the peer refused: " + res);
                  }
                });
    m.allowFrom().forEach(b::allowFrom);
    m.accounts().forEach(a -> b.account(a.name(), a.password()));
    m.tls().ifPresent(t -> b.tls(tls.apply(t)));
    if (m.implicitTls()) {
      b.implicitTls(true);
    }
    m.hostName().ifPresent(b::hostName);
    m.replyVia().ifPresent(name -> b.replyVia((Mm4Client) clients.get(name)));
    Mm4Listener l = b.start();
    running.add(l);
    LOG.info("MM4 listener on port {}", l.port());
    return l;
  }

  /** The HTTP listener's port, or -1 without one. */
  int httpPort() {
    return http == null ? -1 : http.port();
  }

  /** The MM4 listener's port, or -1 without one. */
  int mm4Port() {
    return mm4 == null ? -1 : mm4.port();
  }

  @Override
  public void close() {
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (Exception e) {
        LOG.warn("could not stop a listener cleanly", e);
      }
    }
    running.clear();
  }
}
