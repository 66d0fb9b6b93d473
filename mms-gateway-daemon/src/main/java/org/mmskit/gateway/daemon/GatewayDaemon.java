package org.mmskit.gateway.daemon;

/**
 * A standalone MMS gateway: one process, one configuration file, an HTTP API to send, webhooks to
 * receive, a status page and metrics, built from the library's listeners, clients and {@code
 * MmsGateway}.
 */
public final class GatewayDaemon {
  private GatewayDaemon() {}
}
