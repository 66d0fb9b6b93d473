package org.mmskit.mm4.internal;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How a mail arrived over SMTP.
 *
 * @param account the AUTH user, if the peer authenticated
 * @param remoteAddress the peer's address
 * @param envelopeFrom the {@code MAIL FROM} address
 * @param envelopeRecipients the {@code RCPT TO} addresses
 * @param receivedAt when the mail's data ended
 */
public record Arrival(
    Optional<String> account,
    Optional<InetAddress> remoteAddress,
    String envelopeFrom,
    List<String> envelopeRecipients,
    Instant receivedAt) {
  public Arrival {
    envelopeRecipients = List.copyOf(envelopeRecipients);
  }
}
