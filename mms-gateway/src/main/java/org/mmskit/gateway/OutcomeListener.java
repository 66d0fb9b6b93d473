package org.mmskit.gateway;

/**
 * Told once a message has reached its final state (SENT, FAILED or CANCELLED) in this instance.
 * Called after the outcome is stored, on a gateway thread: keep it short. After a crash, an outcome
 * stored just before it may not be told; {@link MmsGateway#status} always has it.
 */
@FunctionalInterface
public interface OutcomeListener {
  void onOutcome(MessageStatus status);
}
