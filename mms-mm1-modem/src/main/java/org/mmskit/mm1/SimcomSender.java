package org.mmskit.mm1;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.SubmitResult;
import org.mmskit.mm1.internal.AtChannel;
import org.mmskit.mm1.internal.AtException;
import org.mmskit.mm1.internal.AtResponse;

/**
 * Sends through SIMCom's MMS AT commands (SIM800/SIM900 MMS AT command set): MMS settings, the
 * bearer through {@code AT+SAPBR}, the message edited into the modem ({@code AT+CMMSDOWN} for
 * title, text and pictures, {@code AT+CMMSRECP}/{@code CC}/{@code BCC}), then {@code AT+CMMSSEND},
 * whose result {@code +CMMSSEND: 0} means sent.
 */
final class SimcomSender {
  private final Modem modem;
  private final URI mmscUrl;
  private final URI proxy;
  private final String apn;
  private final Duration sendTimeout;

  SimcomSender(Modem modem, URI mmscUrl, URI proxy, String apn, Duration sendTimeout) {
    this.modem = modem;
    this.mmscUrl = mmscUrl;
    this.proxy = proxy;
    this.apn = apn;
    this.sendTimeout = sendTimeout;
  }

  SubmitResult send(MmsMessage m) {
    return modem.inVendorSession(() -> sendAlone(m));
  }

  private SubmitResult sendAlone(MmsMessage m) {
    Duration t = modem.commandTimeout();
    SimcomSetup.mmsSettings(modem, mmscUrl, proxy, t);
    SimcomSetup.bearer(modem, apn, t);
    modem.require("MMS edit mode", "AT+CMMSEDIT=1", t);
    try {
      if (m.subject().isPresent()) {
        download("TITLE", m.subject().get().getBytes(StandardCharsets.UTF_8), t);
      }
      for (MmsPart p : m.parts()) {
        String type = p.contentType().mediaType();
        if (type.startsWith("text/")) {
          download("TEXT", p.bytes(), t);
        } else if (type.startsWith("image/")) {
          download("PIC", p.bytes(), t);
        } else {
          throw new IllegalArgumentException(
              "SIMCom MMS commands take a title, text and pictures; a "
                  + type
                  + " part needs the data-link way");
        }
      }
      recipients("AT+CMMSRECP", m.to(), t);
      recipients("AT+CMMSCC", m.cc(), t);
      recipients("AT+CMMSBCC", m.bcc(), t);
      return sendNow();
    } finally {
      modem.command("MMS edit mode off", "AT+CMMSEDIT=0", t);
      modem.command("MMS terminate", "AT+CMMSTERM", t);
    }
  }

  private void download(String kind, byte[] body, Duration t) {
    String cmd = "AT+CMMSDOWN=\"" + kind + "\"," + body.length + "," + 30_000;
    AtResponse r;
    try {
      r = modem.at().execute(cmd, body, AtChannel.Payload.CONNECT_COUNTED, t.plusSeconds(30));
    } catch (AtException e) {
      throw new MmsTransportException("MMS " + kind + " upload: " + e.getMessage(), e, false);
    }
    if (!r.isOk()) {
      throw new MmsTransportException(
          "MMS " + kind + " upload refused: " + r.finalResult(), null, false, false);
    }
  }

  private void recipients(String command, List<Address> to, Duration t) {
    for (Address a : to) {
      if (!a.displayOnly()) {
        modem.require("recipient " + a.value(), command + "=\"" + a.value() + "\"", t);
      }
    }
  }

  private SubmitResult sendNow() {
    CompletableFuture<String> later = modem.at().expectUnsolicited("+CMMSSEND:");
    try {
      AtResponse r;
      try {
        r = modem.at().execute("AT+CMMSSEND", sendTimeout);
      } catch (AtException e) {
        throw new MmsTransportException(
            "AT+CMMSSEND: "
                + e.getMessage()
                + (e.written() ? "; the modem may have sent the message: not resent" : ""),
            e,
            e.written(),
            !e.written());
      }
      if (!r.isOk()) {
        throw AtResponse.parseError(r.finalResult()).sendRefused();
      }
      Optional<String> result = r.value("+CMMSSEND:");
      String line;
      if (result.isPresent()) {
        line = "+CMMSSEND: " + result.get();
      } else {
        try {
          line = later.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
          throw new MmsTransportException(
              "AT+CMMSSEND answered OK but no +CMMSSEND result came; the message may have been"
                  + " sent: not resent",
              e,
              true,
              false);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new MmsTransportException("interrupted waiting for +CMMSSEND", e, true, false);
        }
      }
      String code = line.substring(line.indexOf(':') + 1).strip();
      if (!code.equals("0")) {
        throw new ModemError("+CMMSSEND", parse(code), line).sendRefused();
      }
      return new SubmitResult("", 0, line, Optional.empty());
    } finally {
      later.cancel(false);
    }
  }

  private static int parse(String code) {
    try {
      return Integer.parseInt(code.split(",")[0].strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
