package org.mmskit.server;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one request, as reported to a {@link RequestListener}.
 *
 * @param method the HTTP method
 * @param path the request path without query and without path credentials
 * @param remoteAddress the peer's address, when known
 * @param account the authenticated account, empty when none (open route, or refused)
 * @param status the HTTP status sent; {@code 0} when no response could be sent (connection lost)
 * @param elapsed time from receiving the request head to the end of the exchange
 * @param failure the exception that caused a 5xx, 413 or a lost exchange, if any
 */
public record RequestOutcome(
    String method,
    String path,
    Optional<InetAddress> remoteAddress,
    Optional<String> account,
    int status,
    Duration elapsed,
    Optional<Throwable> failure) {
  /** Checks that no component is null. */
  public RequestOutcome {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(remoteAddress, "remoteAddress");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(failure, "failure");
  }
}
