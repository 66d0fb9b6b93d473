package org.mmskit.mm1;

import java.time.Duration;
import org.mmskit.core.MmsTransportException;
import org.mmskit.mm1.internal.AtResponse;

/**
 * What sending and fetching through Quectel's commands both need first: PDP context 1 on the MMS
 * APN ({@code AT+QICSGP}) and active ({@code AT+QIACT}).
 */
final class QuectelSetup {
  static final int CONTEXT = 1;

  private QuectelSetup() {}

  /** Sets the context's APN (when given) and activates it unless it is active already. */
  static void context(Modem modem, String apn, Duration t) {
    if (apn != null) {
      AtResponse r =
          modem.command("APN", "AT+QICSGP=" + CONTEXT + ",1,\"" + apn + "\",\"\",\"\",1", t);
      if (!r.isOk()) {
        throw new MmsTransportException("APN rejected: " + r.finalResult(), null, false, false);
      }
    }
    AtResponse state = modem.command("context state", "AT+QIACT?", t);
    boolean active =
        state.lines().stream().anyMatch(l -> l.startsWith("+QIACT: " + CONTEXT + ",1"));
    if (!active) {
      AtResponse r = modem.command("context", "AT+QIACT=" + CONTEXT, Duration.ofSeconds(150));
      if (!r.isOk()) {
        throw new MmsTransportException(
            "PDP context did not open (APN " + apn + "): " + r.finalResult(), null, false);
      }
    }
  }
}
