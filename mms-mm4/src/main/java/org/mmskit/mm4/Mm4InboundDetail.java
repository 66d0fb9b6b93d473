package org.mmskit.mm4;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mmskit.core.TransportDetail;

/**
 * What an MM4 mail told about where it came from, read with {@code
 * context.detail(Mm4InboundDetail.class)}.
 *
 * @param messageType the {@code X-Mms-Message-Type}; empty for a plain e-mail without one
 * @param originatorSystem the {@code X-Mms-Originator-System}, the address a {@code .RES} goes to
 * @param sender the {@code Sender} header as written
 * @param envelopeFrom the SMTP {@code MAIL FROM} address (empty for a null reverse path)
 * @param envelopeRecipients the SMTP {@code RCPT TO} addresses, in order
 */
public record Mm4InboundDetail(
    Optional<Mm4MessageType> messageType,
    Optional<String> originatorSystem,
    Optional<String> sender,
    String envelopeFrom,
    List<String> envelopeRecipients)
    implements TransportDetail {
  public Mm4InboundDetail {
    Objects.requireNonNull(messageType, "messageType");
    Objects.requireNonNull(originatorSystem, "originatorSystem");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(envelopeFrom, "envelopeFrom");
    envelopeRecipients = List.copyOf(envelopeRecipients);
  }

  @Override
  public String describe() {
    return "MM4 "
        + messageType.map(Mm4MessageType::token).orElse("e-mail")
        + " from <"
        + envelopeFrom
        + ">"
        + originatorSystem.map(s -> ", originator system " + s).orElse("");
  }
}
