package org.mmskit.gateway.daemon.internal.status;

import org.mmskit.server.InboundHandler;

/**
 * Metrics in Prometheus format (Micrometer): queue depth per route, submits by outcome, latency,
 * reports, webhook backlog. The daemon mounts {@link #handler()} at {@code /metrics}.
 */
public final class GatewayMetrics {
  private GatewayMetrics() {}

  /** The handler the daemon mounts at {@code /metrics}. */
  public InboundHandler handler() {
    throw new UnsupportedOperationException("metrics: not built yet");
  }
}
