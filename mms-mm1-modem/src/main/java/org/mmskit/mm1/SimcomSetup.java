package org.mmskit.mm1;

import java.net.URI;
import java.time.Duration;
import org.mmskit.core.MmsTransportException;
import org.mmskit.mm1.internal.AtResponse;

/**
 * What sending and fetching through SIMCom's MMS commands both need first (SIM800/SIM900 MMS AT
 * command set): the MMS settings ({@code AT+CMMSINIT}, {@code +CMMSCURL}, {@code +CMMSCID}, {@code
 * +CMMSPROTO}) and bearer profile 1 open on the MMS APN ({@code AT+SAPBR}).
 */
final class SimcomSetup {
  static final int BEARER = 1;

  private SimcomSetup() {}

  /** Starts an MMS session with the MMSC and proxy; a session left open before is ended first. */
  static void mmsSettings(Modem modem, URI mmscUrl, URI proxy, Duration t) {
    // a previous session may still be open: closing it may fail, which is fine
    modem.command("MMS terminate", "AT+CMMSTERM", t);
    modem.require("MMS init", "AT+CMMSINIT", t);
    String url = mmscUrl.toString().replaceFirst("^https?://", "");
    modem.require("MMSC URL", "AT+CMMSCURL=\"" + url + "\"", t);
    modem.require("MMS bearer profile", "AT+CMMSCID=" + BEARER, t);
    if (proxy != null) {
      modem.require(
          "WAP proxy",
          "AT+CMMSPROTO=\""
              + proxy.getHost()
              + "\","
              + (proxy.getPort() < 0 ? 80 : proxy.getPort()),
          t);
    }
  }

  /** Opens the bearer profile on the APN, unless it is open already. */
  static void bearer(Modem modem, String apn, Duration t) {
    modem.require("bearer type", "AT+SAPBR=3," + BEARER + ",\"Contype\",\"GPRS\"", t);
    if (apn != null) {
      AtResponse r = modem.command("APN", "AT+SAPBR=3," + BEARER + ",\"APN\",\"" + apn + "\"", t);
      if (!r.isOk()) {
        throw new MmsTransportException("APN rejected: " + r.finalResult(), null, false, false);
      }
    }
    AtResponse state = modem.command("bearer state", "AT+SAPBR=2," + BEARER, t);
    if (state.value("+SAPBR:").map(v -> v.startsWith(BEARER + ",1")).orElse(false)) {
      return; // already open
    }
    AtResponse open = modem.command("bearer", "AT+SAPBR=1," + BEARER, Duration.ofSeconds(85));
    if (!open.isOk()) {
      throw new MmsTransportException(
          "bearer did not open (APN " + apn + "): " + open.finalResult(), null, false);
    }
  }
}
