package org.mmskit.gateway.daemon.internal.webhook;

import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.ReadReply;
import org.mmskit.gateway.MessageStatus;
import org.mmskit.server.InboundHandler;

/**
 * The durable outbox of webhook events. Each method returns once the event is stored (so the caller
 * may acknowledge it to the MMSC) and throws when it could not be stored (so the caller answers
 * "try later"). Events are POSTed in the background, signed, and retried with back-off until the
 * receiver answers 2xx, across restarts.
 */
public final class Webhooks implements AutoCloseable {

  private Webhooks() {}

  /** An outbox in an SQLite file of its own. */
  public static Webhooks sqlite(Path file, WebhookSettings settings) {
    throw new UnsupportedOperationException("webhooks: not built yet");
  }

  /** An outbox in PostgreSQL tables shared by the instances. */
  public static Webhooks postgresql(DataSource dataSource, WebhookSettings settings) {
    throw new UnsupportedOperationException("webhooks: not built yet");
  }

  /** Starts sending stored events. */
  public void start() {
    throw new UnsupportedOperationException("webhooks: not built yet");
  }

  /** An incoming message from any listener. */
  public void message(IncomingMessage message) {
    throw new UnsupportedOperationException("webhooks: not built yet");
  }

  /**
   * A delivery report, with the tracking ID of the message it is about when the gateway sent it.
   */
  public void deliveryReport(
      Optional<String> trackingId, Optional<String> recipient, DeliveryReport report) {
    throw new UnsupportedOperationException("webhooks: not built yet");
  }

  /** A read reply, with the tracking ID of the message it is about when the gateway sent it. */
  public void readReply(Optional<String> trackingId, Optional<String> recipient, ReadReply reply) {
    throw new UnsupportedOperationException("webhooks: not built yet");
  }

  /** The final outcome of a message the gateway sent. */
  public void outcome(MessageStatus status) {
    throw new UnsupportedOperationException("webhooks: not built yet");
  }

  /** Serves the parts too large to travel inline; the daemon mounts it at {@code /v1/parts/}. */
  public InboundHandler partsHandler() {
    throw new UnsupportedOperationException("webhooks: not built yet");
  }

  /** Events stored and not yet accepted by their receiver. */
  public long pending() {
    throw new UnsupportedOperationException("webhooks: not built yet");
  }

  @Override
  public void close() {}
}
