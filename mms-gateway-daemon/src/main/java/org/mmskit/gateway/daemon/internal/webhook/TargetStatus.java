package org.mmskit.gateway.daemon.internal.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * How one webhook target is doing, for the status page: what waits for it and why.
 *
 * @param url the target
 * @param pending events stored for it and not yet accepted (2xx)
 * @param oldestPending when the oldest of those was stored
 * @param attempts the most attempts any of those has had
 * @param lastError the latest failure of a pending event (HTTP status, timeout, refused connection)
 * @param lastErrorAt when it happened
 * @param lastDeliveredAt when this instance last had an event accepted by it
 */
public record TargetStatus(
    URI url,
    long pending,
    Optional<Instant> oldestPending,
    int attempts,
    Optional<String> lastError,
    Optional<Instant> lastErrorAt,
    Optional<Instant> lastDeliveredAt) {

  /** True while the target has events that failed at least once and are not yet accepted. */
  public boolean failing() {
    return pending > 0 && attempts > 0;
  }
}
