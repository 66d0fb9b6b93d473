package org.mmskit.gateway.daemon.internal.status;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.mmskit.core.Transport;
import org.mmskit.gateway.MessageState;
import org.mmskit.gateway.MmsGateway;
import org.mmskit.gateway.daemon.internal.status.Snapshot.ReportKind;
import org.mmskit.server.InboundHandler;
import org.mmskit.server.InboundResponse;

/**
 * Metrics in Prometheus format (Micrometer): queue depth per route, submits by outcome, latency,
 * reports, webhook backlog. The daemon mounts {@link #handler()} at {@code /metrics}.
 *
 * <p>Each instance has its own registry (not Micrometer's global one), so two daemons in one JVM do
 * not mix their figures. Counters count what {@link Activity} records after this instance was
 * created; gauges read the gateway and the webhook outbox at each scrape.
 */
public final class GatewayMetrics {
  /** The exposition format Prometheus scrapes; the registry writes it. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** Latency buckets: an MMSC answers in seconds, retries stretch a send to minutes or hours. */
  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(100),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(5),
    Duration.ofSeconds(30),
    Duration.ofMinutes(2),
    Duration.ofMinutes(10),
    Duration.ofHours(1),
    Duration.ofHours(6)
  };

  private final PrometheusMeterRegistry registry;

  private GatewayMetrics(Activity activity, MmsGateway gateway, LongSupplier webhookBacklog) {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    for (String route : activity.routes()) {
      Gauge.builder("mmskit.gateway.queue.depth", gateway, g -> g.queueDepth(route))
          .description("Deliveries on the route not finished: queued, waiting to retry or sending")
          .tag("route", route)
          .strongReference(true)
          .register(registry);
    }
    Gauge.builder("mmskit.gateway.webhook.backlog", webhookBacklog, LongSupplier::getAsLong)
        .description("Webhook events stored and not yet accepted by their receiver")
        // Micrometer holds a gauge's object weakly by default; a method reference would vanish.
        .strongReference(true)
        .register(registry);
    // Known label values start at zero, so that rates work from the first scrape.
    submitted();
    for (MessageState s :
        new MessageState[] {MessageState.SENT, MessageState.FAILED, MessageState.CANCELLED}) {
      outcomes(s);
      latency(s);
    }
    webhookPosts(true);
    webhookPosts(false);
    for (Snapshot.Connection c : activity.snapshot().connections()) {
      connectionRequests(c.name(), true);
      connectionRequests(c.name(), false);
    }
    activity.addObserver(new Recorder());
  }

  /**
   * Metrics for a daemon: counted from {@code activity}, queue depth per route (the activity's
   * routes) from {@code gateway}, the webhook backlog from {@code webhookBacklog} (e.g. {@code
   * webhooks::pending}).
   */
  public static GatewayMetrics create(
      Activity activity, MmsGateway gateway, LongSupplier webhookBacklog) {
    Objects.requireNonNull(activity, "activity");
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(webhookBacklog, "webhookBacklog");
    return new GatewayMetrics(activity, gateway, webhookBacklog);
  }

  /** The registry, for a daemon that adds meters of its own (e.g. JVM metrics). */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The text Prometheus scrapes. */
  public String scrape() {
    return registry.scrape();
  }

  /** The handler the daemon mounts at {@code /metrics}: {@code GET} answers the scrape. */
  public InboundHandler handler() {
    return request -> {
      if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
        return InboundResponse.builder(405)
            .header("Allow", "GET, HEAD")
            .contentType("text/plain; charset=UTF-8")
            .body("GET only\n".getBytes(StandardCharsets.UTF_8))
            .build();
      }
      return InboundResponse.builder(200)
          .contentType(CONTENT_TYPE)
          .header("Cache-Control", "no-store")
          .body(scrape().getBytes(StandardCharsets.UTF_8))
          .build();
    };
  }

  private Counter submitted() {
    return Counter.builder("mmskit.gateway.submitted")
        .description("Messages accepted for sending")
        .register(registry);
  }

  private Counter outcomes(MessageState state) {
    return Counter.builder("mmskit.gateway.outcomes")
        .description("Messages that reached a final state, by outcome")
        .tag("outcome", label(state.name()))
        .register(registry);
  }

  private Timer latency(MessageState state) {
    return Timer.builder("mmskit.gateway.send.latency")
        .description("From submit to the final outcome, retries included")
        .tag("outcome", label(state.name()))
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry);
  }

  private Counter connectionRequests(String connection, boolean ok) {
    return Counter.builder("mmskit.gateway.connection.requests")
        .description("Submits over an outgoing connection, by result")
        .tag("connection", connection)
        .tag("result", ok ? "ok" : "failed")
        .register(registry);
  }

  private Counter webhookPosts(boolean ok) {
    return Counter.builder("mmskit.gateway.webhook.posts")
        .description("POSTs to webhook receivers, by result (2xx or not)")
        .tag("result", ok ? "ok" : "failed")
        .register(registry);
  }

  private static String label(String enumName) {
    return enumName.toLowerCase(Locale.ROOT);
  }

  /** Counts what the activity records. */
  private final class Recorder implements Activity.Observer {
    @Override
    public void submitted() {
      GatewayMetrics.this.submitted().increment();
    }

    @Override
    public void outcome(MessageState state, Optional<Duration> latency) {
      outcomes(state).increment();
      latency.ifPresent(d -> latency(state).record(d));
    }

    @Override
    public void report(ReportKind kind, String status) {
      Counter.builder("mmskit.gateway.reports")
          .description("Delivery reports and read replies received, by kind and status")
          .tag("kind", label(kind.name()))
          .tag("status", label(status))
          .register(registry)
          .increment();
    }

    @Override
    public void incoming(Transport transport) {
      Counter.builder("mmskit.gateway.incoming.messages")
          .description("Messages received from subscribers, by transport")
          .tag("transport", label(transport.name()))
          .register(registry)
          .increment();
    }

    @Override
    public void connectionResult(String connection, boolean ok) {
      connectionRequests(connection, ok).increment();
    }

    @Override
    public void webhookResult(boolean ok) {
      webhookPosts(ok).increment();
    }

    @Override
    public void error() {
      Counter.builder("mmskit.gateway.errors")
          .description("Errors recorded on the status page")
          .register(registry)
          .increment();
    }
  }
}
