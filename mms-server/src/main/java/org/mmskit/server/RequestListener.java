package org.mmskit.server;

/**
 * Observes the requests an {@link MmsServer} receives and answers, e.g. to print access lines.
 *
 * <p>Called on the server's worker threads, concurrently; implementations must be thread-safe and
 * quick. An exception thrown here is logged and otherwise ignored.
 */
public interface RequestListener {
  /**
   * Called when a request passed routing, authentication and the allow-list, just before its
   * handler runs.
   */
  default void requestReceived(InboundRequest request) {}

  /** Called once per request after its response was sent or the exchange failed. */
  default void requestAnswered(RequestOutcome outcome) {}
}
