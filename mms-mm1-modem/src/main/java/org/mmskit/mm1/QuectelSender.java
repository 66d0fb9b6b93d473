package org.mmskit.mm1;

import java.net.URI;
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
 * Sends through Quectel's MMS AT commands (EC2x/UC20 MMS application notes): the PDP context on the
 * MMS APN, {@code AT+QMMSCFG} settings, recipients and title with {@code AT+QMMSEDIT}, each part
 * uploaded to the modem's RAM with {@code AT+QFUPL} and attached, then {@code AT+QMMSEND}, whose
 * later result {@code +QMMSEND: <err>,<http>} means sent only as {@code 0,200}.
 */
final class QuectelSender {
  private final Modem modem;
  private final URI mmscUrl;
  private final URI proxy;
  private final String apn;
  private final Duration sendTimeout;

  QuectelSender(Modem modem, URI mmscUrl, URI proxy, String apn, Duration sendTimeout) {
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
    QuectelSetup.context(modem, apn, t);
    modem.require("MMS context", "AT+QMMSCFG=\"contextid\"," + QuectelSetup.CONTEXT, t);
    modem.require("MMSC URL", "AT+QMMSCFG=\"mmsc\",\"" + mmscUrl + "\"", t);
    if (proxy != null) {
      modem.require(
          "WAP proxy",
          "AT+QMMSCFG=\"proxy\",\""
              + proxy.getHost()
              + "\","
              + (proxy.getPort() < 0 ? 80 : proxy.getPort()),
          t);
    }
    modem.require("MMS character set", "AT+QMMSCFG=\"character\",\"UTF8\"", t);
    modem.require("MMS clear", "AT+QMMSEDIT=0", t);
    try {
      recipients(1, m.to(), t);
      recipients(2, m.cc(), t);
      recipients(3, m.bcc(), t);
      if (m.subject().isPresent()) {
        modem.require(
            "MMS title", "AT+QMMSEDIT=4,1,\"" + m.subject().get().replace("\"", "'") + "\"", t);
      }
      int n = 0;
      for (MmsPart p : m.parts()) {
        String file = "RAM:part" + (++n) + extension(p);
        upload(file, p.bytes(), t);
        modem.require("attach " + file, "AT+QMMSEDIT=5,1,\"" + file + "\"", t);
      }
      return sendNow();
    } finally {
      modem.command("MMS clear", "AT+QMMSEDIT=0", t);
      modem.command("RAM files", "AT+QFDEL=\"RAM:*\"", t);
    }
  }

  private static String extension(MmsPart p) {
    String t = p.contentType().mediaType();
    if (t.startsWith("text/")) {
      return ".txt";
    }
    if (t.equals("image/jpeg")) {
      return ".jpg";
    }
    int slash = t.indexOf('/');
    return "." + t.substring(slash + 1).replaceAll("[^A-Za-z0-9]", "");
  }

  private void upload(String file, byte[] body, Duration t) {
    String cmd = "AT+QFUPL=\"" + file + "\"," + body.length + ",60";
    AtResponse r;
    try {
      r = modem.at().execute(cmd, body, AtChannel.Payload.CONNECT_COUNTED, t.plusSeconds(60));
    } catch (AtException e) {
      throw new MmsTransportException("upload of " + file + ": " + e.getMessage(), e, false);
    }
    if (!r.isOk()) {
      throw new MmsTransportException(
          "upload of " + file + " refused: " + r.finalResult(), null, false, false);
    }
  }

  private void recipients(int kind, List<Address> to, Duration t) {
    for (Address a : to) {
      if (!a.displayOnly()) {
        modem.require(
            "recipient " + a.value(), "AT+QMMSEDIT=" + kind + ",1,\"" + a.value() + "\"", t);
      }
    }
  }

  private SubmitResult sendNow() {
    CompletableFuture<String> later = modem.at().expectUnsolicited("+QMMSEND:");
    try {
      AtResponse r;
      try {
        r = modem.at().execute("AT+QMMSEND=" + Math.max(1, sendTimeout.toSeconds()), sendTimeout);
      } catch (AtException e) {
        throw new MmsTransportException(
            "AT+QMMSEND: "
                + e.getMessage()
                + (e.written() ? "; the modem may have sent the message: not resent" : ""),
            e,
            e.written(),
            !e.written());
      }
      if (!r.isOk()) {
        throw AtResponse.parseError(r.finalResult()).sendRefused();
      }
      String line;
      try {
        line = later.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        throw new MmsTransportException(
            "AT+QMMSEND answered OK but no +QMMSEND result came; the message may have been sent:"
                + " not resent",
            e,
            true,
            false);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MmsTransportException("interrupted waiting for +QMMSEND", e, true, false);
      }
      String[] f = line.substring(line.indexOf(':') + 1).strip().split(",");
      String err = f[0].strip();
      String http = f.length > 1 ? f[1].strip() : "";
      if (!err.equals("0") || !http.equals("200")) {
        throw new ModemError("+QMMSEND", number(err), line).sendRefused();
      }
      return new SubmitResult("", 200, line, Optional.empty());
    } finally {
      later.cancel(false);
    }
  }

  private static int number(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
