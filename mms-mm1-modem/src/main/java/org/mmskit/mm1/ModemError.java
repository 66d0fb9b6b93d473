package org.mmskit.mm1;

import java.util.Objects;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.core.Transport;
import org.mmskit.core.TransportDetail;

/**
 * What the modem answered when it refused a command: a {@code +CME ERROR} (equipment, 3GPP TS
 * 27.007 §9.2), a {@code +CMS ERROR} (SMS, 27.005 §3.2.5), a bare {@code ERROR}, or a vendor's
 * failure result (e.g. Quectel's {@code +QMMSEND: <err>,<http>}).
 *
 * @param kind {@code CME}, {@code CMS}, {@code ERROR} or the vendor result's name
 * @param code the numeric code, or -1 when the modem gave none (bare {@code ERROR}, or verbose
 *     error text)
 * @param text the modem's words: the verbose error text or the whole result line
 */
public record ModemError(String kind, int code, String text) implements TransportDetail {
  public ModemError {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
  }

  @Override
  public String describe() {
    return text.isEmpty() ? kind + (code >= 0 ? " " + code : "") : text;
  }

  /** The refusal of a send the modem answered with this error, whichever modem's commands. */
  MmscRejectedException sendRefused() {
    return MmscRejectedException.builder(Transport.MM1, MmscRejectedException.Kind.FAULT)
        .detail(this)
        .explanation("the modem did not send the message")
        .build();
  }
}
