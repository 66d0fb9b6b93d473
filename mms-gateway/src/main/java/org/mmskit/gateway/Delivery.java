package org.mmskit.gateway;

import java.util.Objects;
import java.util.Optional;

/**
 * A message's delivery on one route: the whole message, or its share of recipients when it was
 * split across routes.
 *
 * @param route the route's name
 * @param connection the connection it goes over
 * @param state where it stands
 * @param attempts how many requests were made (or begun) so far
 * @param mmscMessageId the ID the MMSC gave it, once accepted
 * @param transactionId the stable transaction identity of this delivery, the same for every
 *     attempt, meant for the transport's request ID so an MMSC can spot a resent request
 * @param reason why it failed or was cancelled
 */
public record Delivery(
    String route,
    String connection,
    MessageState state,
    int attempts,
    Optional<String> mmscMessageId,
    String transactionId,
    Optional<String> reason) {
  public Delivery {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(mmscMessageId, "mmscMessageId");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(reason, "reason");
  }
}
