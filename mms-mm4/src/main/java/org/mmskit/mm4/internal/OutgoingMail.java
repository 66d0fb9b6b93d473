package org.mmskit.mm4.internal;

import jakarta.mail.internet.MimeMessage;
import java.util.List;

/**
 * A mail ready to send: the message and its SMTP envelope.
 *
 * @param mail the mail
 * @param envelopeFrom the {@code MAIL FROM} address
 * @param envelopeTo the {@code RCPT TO} addresses
 * @param transactionId the {@code X-Mms-Transaction-ID} written, unquoted
 * @param messageId the {@code X-Mms-Message-ID} written, unquoted
 */
public record OutgoingMail(
    MimeMessage mail,
    String envelopeFrom,
    List<String> envelopeTo,
    String transactionId,
    String messageId) {
  public OutgoingMail {
    envelopeTo = List.copyOf(envelopeTo);
  }
}
