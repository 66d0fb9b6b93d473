package org.mmskit.gateway.daemon.internal.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;
import org.mmskit.gateway.MmsGateway;
import org.mmskit.gateway.daemon.internal.config.DaemonConfig;
import org.mmskit.gateway.daemon.internal.status.Activity;
import org.mmskit.server.InboundHandler;
import org.mmskit.server.InboundResponse;
import org.mmskit.server.MmsServer;
import org.mmskit.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's HTTP(S) server: {@code /v1/messages}, {@code /health}, {@code /openapi.json}, and the
 * pages other parts of the daemon serve ({@code /} status page, {@code /metrics}, {@code
 * /v1/parts/}). Bodies above {@code api.maxRequestSize} are refused with 413 before they are read.
 *
 * <p>It is started before the rest of the daemon, because the webhooks need its address for the
 * part URLs; until {@link #ready} every path answers 503.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  private static final InboundHandler STARTING =
      r ->
          Json.error(503, "the gateway is starting").toBuilder().header("Retry-After", "1").build();

  private final MmsServer server;
  private final DaemonConfig.Api cfg;
  private final Map<String, InboundHandler> handlers =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The other handlers the API server mounts. */
  public record Mounts(InboundHandler statusPage, InboundHandler metrics, InboundHandler parts) {}

  /** Binds the API's port; every path answers 503 until {@link #ready}. */
  public static ApiServer start(DaemonConfig.Api cfg, SSLContext tls) {
    return new ApiServer(cfg, tls);
  }

  private ApiServer(DaemonConfig.Api cfg, SSLContext tls) {
    this.cfg = cfg;
    MmsServer.Builder b =
        MmsServer.builder()
            .bindAddress(cfg.bindAddress())
            .port(cfg.port())
            .maxRequestSize(cfg.maxRequestSize())
            .shutdownTimeout(cfg.shutdownTimeout());
    if (tls != null) {
      b.tls(tls);
    }
    for (String prefix :
        new String[] {
          MessagesHandler.PREFIX, "/health", "/openapi.json", "/metrics", "/v1/parts", "/"
        }) {
      Route.Builder r =
          Route.builder(prefix, req -> handlers.getOrDefault(prefix, STARTING).handle(req)).open();
      cfg.allowFrom().forEach(r::allowFrom);
      b.route(r.build());
    }
    this.server = b.build().start();
  }

  /** The API's base URI, e.g. {@code http://127.0.0.1:8080}. */
  public URI uri() {
    return server.uri();
  }

  public int port() {
    return server.port();
  }

  /** Starts answering with the daemon's parts. */
  public void ready(
      MmsGateway gateway,
      Activity activity,
      Mounts mounts,
      LongSupplier webhookBacklog,
      BooleanSupplier stopping) {
    Map<String, String> keys = new LinkedHashMap<>();
    cfg.keys().forEach(k -> keys.put(k.name(), k.key()));
    byte[] openapi = openApi();
    handlers.put("/openapi.json", r -> InboundResponse.ok(Json.TYPE, openapi));
    handlers.put("/health", r -> health(gateway, activity, webhookBacklog, stopping));
    handlers.put("/metrics", mounts.metrics());
    handlers.put("/v1/parts", mounts.parts());
    handlers.put("/", mounts.statusPage());
    handlers.put(
        MessagesHandler.PREFIX,
        new MessagesHandler(
            gateway,
            activity,
            new ApiKeys(keys),
            new PartFetcher(cfg.fetchMaxBytes(), cfg.fetchTimeout()),
            stopping));
  }

  /** Stops accepting, lets requests under way finish (up to {@code api.shutdownTimeout}). */
  @Override
  public void close() {
    server.close();
  }

  private static InboundResponse health(
      MmsGateway gateway,
      Activity activity,
      LongSupplier webhookBacklog,
      BooleanSupplier stopping) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    if (stopping.getAsBoolean()) {
      o.put("status", "stopping");
      return Json.answer(503, o);
    }
    try {
      ObjectNode depth = Json.MAPPER.createObjectNode();
      for (String route : activity.routes()) {
        depth.put(route, gateway.queueDepth(route));
      }
      o.put("status", "up");
      o.set("queueDepth", depth);
      o.put("webhookBacklog", webhookBacklog.getAsLong());
      return Json.answer(200, o);
    } catch (RuntimeException e) {
      LOG.warn("health check: the store does not answer", e);
      o.put("status", "down");
      o.put("error", String.valueOf(e.getMessage()));
      return Json.answer(503, o);
    }
  }

  private static byte[] openApi() {
    try (InputStream in = ApiServer.class.getResourceAsStream("openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
