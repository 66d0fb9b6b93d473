package org.mmskit.mm1;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * An ordinary SMS the modem received next to MMS notifications (concatenated ones put together).
 *
 * @param originator the sender's number or alphanumeric name
 * @param timestamp when the SMSC received it, when readable
 * @param text the text (8-bit data reads as ISO-8859-1)
 */
public record TextSms(String originator, Optional<OffsetDateTime> timestamp, String text) {
  public TextSms {
    Objects.requireNonNull(originator, "originator");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(text, "text");
  }
}
