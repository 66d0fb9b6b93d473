package org.mmskit.gateway.daemon.internal.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where and how events are POSTed: read from the configuration by the daemon, used by {@link
 * Webhooks}.
 *
 * @param targets the receivers, each for some kinds of events
 * @param inlineMaxBytes parts up to this size travel inside the JSON as base64; larger ones as URLs
 *     the gateway serves
 * @param partRetention how long the gateway serves those URLs, counted from when the event was
 *     stored
 * @param firstRetry the delay before the first retry of a failed POST, doubled each time
 * @param maxRetry the longest delay between retries
 * @param publicBaseUrl the base of the part URLs as receivers reach the gateway's API
 * @param requestTimeout how long one POST may take, connecting included, before it counts as failed
 */
public record WebhookSettings(
    List<Target> targets,
    int inlineMaxBytes,
    Duration partRetention,
    Duration firstRetry,
    Duration maxRetry,
    URI publicBaseUrl,
    Duration requestTimeout) {

  /** The request timeout when none is configured. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  public WebhookSettings {
    targets = List.copyOf(targets);
    if (inlineMaxBytes < 0) {
      throw new IllegalArgumentException("inlineMaxBytes must not be negative: " + inlineMaxBytes);
    }
    positive(partRetention, "partRetention");
    positive(firstRetry, "firstRetry");
    positive(maxRetry, "maxRetry");
    positive(requestTimeout, "requestTimeout");
    if (maxRetry.compareTo(firstRetry) < 0) {
      throw new IllegalArgumentException("maxRetry must not be shorter than firstRetry");
    }
    Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
    if (targets.stream().map(Target::url).distinct().count() != targets.size()) {
      throw new IllegalArgumentException("two webhook targets have the same URL");
    }
  }

  /** Settings with the {@link #DEFAULT_REQUEST_TIMEOUT}. */
  public WebhookSettings(
      List<Target> targets,
      int inlineMaxBytes,
      Duration partRetention,
      Duration firstRetry,
      Duration maxRetry,
      URI publicBaseUrl) {
    this(
        targets,
        inlineMaxBytes,
        partRetention,
        firstRetry,
        maxRetry,
        publicBaseUrl,
        DEFAULT_REQUEST_TIMEOUT);
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }

  /** The kinds of events a target may receive. */
  public enum Event {
    MESSAGE,
    DELIVERY_REPORT,
    READ_REPLY,
    OUTCOME
  }

  /**
   * One receiver. Its URL identifies it in the outbox: events stored for a URL are sent there with
   * the secret configured for that URL when they are sent, so a secret can be rotated by a restart.
   *
   * @param url where events are POSTed
   * @param secret the HMAC-SHA256 key signing each body
   * @param events the events it receives
   */
  public record Target(URI url, String secret, Set<Event> events) {
    public Target {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(secret, "secret");
      if (secret.isEmpty()) {
        throw new IllegalArgumentException("the webhook secret of " + url + " is empty");
      }
      events = Set.copyOf(events);
    }

    @Override
    public String toString() {
      return "Target[url=" + url + ", events=" + events + "]"; // never the secret
    }
  }
}
