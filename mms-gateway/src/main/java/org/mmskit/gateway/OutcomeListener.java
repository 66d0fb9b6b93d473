package org.mmskit.gateway;

/**
 * Told the outcome of every message that reaches its final state (SENT, FAILED or CANCELLED), at
 * least once. The store forgets an outcome only after {@code onOutcome} returned normally: one the
 * callback threw on is told again after a back-off (the gateway's {@link RetryPolicy} delays,
 * without limit), and one not yet told when the process stopped is told after the next start (on
 * PostgreSQL by any instance, once the teller's lease ran out). So the same outcome may come twice:
 * after a crash between the callback and the store's note, or when a lease ran out during a very
 * slow callback. On PostgreSQL one instance at a time holds an outcome while telling it.
 *
 * <p>Called on one gateway thread, outcomes one after another: keep it short, or hand the work to
 * your own durable queue. Every instance sharing a store should be given the same callback, as any
 * of them may tell any message's outcome. A gateway built without a callback tells nothing and
 * leaves the outcomes for one that has one.
 */
@FunctionalInterface
public interface OutcomeListener {
  void onOutcome(MessageStatus status);
}
