package org.mmskit.core;

import java.util.Objects;

/**
 * A message a subscriber sent to the application (MM7 DeliverReq, an EAIF MO m-send-req).
 *
 * @param message the message; {@code messageId()} and {@code linkedId()} hold the MMSC's
 *     identifiers when it sent them
 * @param context how it arrived
 */
public record IncomingMessage(MmsMessage message, InboundContext context) {
  public IncomingMessage {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(context, "context");
  }
}
