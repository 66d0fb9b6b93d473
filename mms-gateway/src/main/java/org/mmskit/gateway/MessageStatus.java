package org.mmskit.gateway;

import java.util.List;
import java.util.Objects;

/**
 * What the gateway knows of a submitted message.
 *
 * @param trackingId the ID {@link MmsGateway#submit} returned
 * @param state the overall state: SENT when every delivery was accepted, FAILED when every one
 *     ended and one failed, CANCELLED when all were cancelled, else SENDING while one is being sent
 *     or QUEUED
 * @param deliveries one per route the message went to
 * @param history everything that happened, oldest first
 */
public record MessageStatus(
    String trackingId, MessageState state, List<Delivery> deliveries, List<HistoryEntry> history) {
  public MessageStatus {
    Objects.requireNonNull(trackingId, "trackingId");
    Objects.requireNonNull(state, "state");
    deliveries = List.copyOf(deliveries);
    history = List.copyOf(history);
  }

  /** The overall state of a set of deliveries. */
  static MessageState overall(List<Delivery> deliveries) {
    boolean allFinal = deliveries.stream().allMatch(d -> d.state().isFinal());
    if (!allFinal) {
      return deliveries.stream().anyMatch(d -> d.state() == MessageState.SENDING)
          ? MessageState.SENDING
          : MessageState.QUEUED;
    }
    if (deliveries.stream().allMatch(d -> d.state() == MessageState.SENT)) {
      return MessageState.SENT;
    }
    if (deliveries.stream().allMatch(d -> d.state() == MessageState.CANCELLED)) {
      return MessageState.CANCELLED;
    }
    return MessageState.FAILED;
  }
}
