package org.mmskit.gateway.daemon.internal.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Where and how events are POSTed: read from the configuration by the daemon, used by {@link
 * Webhooks}.
 *
 * @param targets the receivers, each for some kinds of events
 * @param inlineMaxBytes parts up to this size travel inside the JSON as base64; larger ones as URLs
 *     the gateway serves
 * @param partRetention how long the gateway serves those URLs
 * @param firstRetry the delay before the first retry of a failed POST, doubled each time
 * @param maxRetry the longest delay between retries
 * @param publicBaseUrl the base of the part URLs as receivers reach the gateway's API
 */
public record WebhookSettings(
    List<Target> targets,
    int inlineMaxBytes,
    Duration partRetention,
    Duration firstRetry,
    Duration maxRetry,
    URI publicBaseUrl) {

  /** The kinds of events a target may receive. */
  public enum Event {
    MESSAGE,
    DELIVERY_REPORT,
    READ_REPLY,
    OUTCOME
  }

  /**
   * One receiver.
   *
   * @param url where events are POSTed
   * @param secret the HMAC-SHA256 key signing each body
   * @param events the events it receives
   */
  public record Target(URI url, String secret, Set<Event> events) {}
}
