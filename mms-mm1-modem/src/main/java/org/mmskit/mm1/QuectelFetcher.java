package org.mmskit.mm1;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.MmsPduDecoder;
import org.mmskit.core.pdu.PduLimits;
import org.mmskit.mm1.internal.AtChannel;
import org.mmskit.mm1.internal.AtException;
import org.mmskit.mm1.internal.AtResponse;
import org.mmskit.mm1.internal.Inbox;

/**
 * Fetches and answers through a Quectel modem's HTTP commands on the MMS PDP context (Quectel's MMS
 * commands only send, per the EC2x/UC20 MMS notes): {@code AT+QHTTPURL} names the server (the WAP
 * settings.proxy(), if any), the program writes the whole request ({@code
 * AT+QHTTPCFG="requestheader",1}: the only way to set the MMS content type, the User-Agent and an
 * absolute target for the settings.proxy()), {@code AT+QHTTPGET} or {@code AT+QHTTPPOST} sends it
 * and reports {@code +QHTTPGET: <err>,<http status>,<length>} later, and {@code AT+QHTTPREAD} hands
 * over the body after {@code CONNECT} (without a length, a chunked answer, the body goes to a RAM
 * file with {@code AT+QHTTPREADFILE} and comes back with {@code AT+QFDWL}). The m-retrieve-conf is
 * decoded with the project's PDU codec, so nothing of it is lost.
 */
final class QuectelFetcher implements Inbox.Mmsc {
  private static final String BODY_FILE = "RAM:mmskit-retrieve.bin";

  private final VendorFetch settings;
  private final Modem modem;

  QuectelFetcher(VendorFetch settings) {
    this.settings = settings;
    this.modem = settings.modem();
  }

  @Override
  public MmsPdu retrieve(URI location) {
    byte[] body = exchange("GET", location, null);
    if (body.length == 0) {
      throw new MmsTransportException(
          "retrieve of " + location + " through the modem: the MMSC answered no body", null, true);
    }
    return MmsPduDecoder.decode(body, PduLimits.DEFAULT);
  }

  @Override
  public void tell(byte[] pdu) {
    exchange("POST", settings.mmscUrl(), pdu);
  }

  private byte[] exchange(String method, URI url, byte[] body) {
    return modem.inVendorSession(() -> exchangeAlone(method, url, body));
  }

  private byte[] exchangeAlone(String method, URI url, byte[] body) {
    Duration t = modem.commandTimeout();
    QuectelSetup.context(modem, settings.apn(), t);
    modem.require("HTTP context", "AT+QHTTPCFG=\"contextid\"," + QuectelSetup.CONTEXT, t);
    modem.require("HTTP request header", "AT+QHTTPCFG=\"requestheader\",1", t);
    modem.require("HTTP response header", "AT+QHTTPCFG=\"responseheader\",0", t);
    byte[] server =
        (settings.proxy() != null ? settings.proxy() : url)
            .toASCIIString()
            .getBytes(StandardCharsets.US_ASCII);
    upload("HTTP URL", "AT+QHTTPURL=" + server.length + ",30", server, t.plusSeconds(30));

    byte[] request = ModemHttp.request(method, url, settings, body);
    String what = (body == null ? "retrieve of " : "POST to ") + url + " through the modem";
    long wait = Math.max(1, Math.min(65535, settings.responseTimeout().toSeconds()));
    String urc = body == null ? "+QHTTPGET:" : "+QHTTPPOST:";
    String cmd =
        body == null
            ? "AT+QHTTPGET=" + wait + "," + request.length + ",30"
            : "AT+QHTTPPOST=" + request.length + ",30," + wait;
    CompletableFuture<String> result = modem.at().expectUnsolicited(urc);
    String line;
    try {
      upload(what, cmd, request, t.plusSeconds(30));
      line = result.get(wait + 10, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new MmsTransportException(
          what + ": no " + urc + " result came; the MMSC may have acted on it", e, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MmsTransportException(what + ": interrupted", e, true);
    } finally {
      result.cancel(false);
    }
    String[] f = ModemHttp.fields(line);
    int err = ModemHttp.number(f[0]);
    if (err != 0) {
      // 7xx: Quectel's own HTTP errors (DNS, socket, timeout...), no HTTP answer; whether the
      // request left the modem is not told, so the outcome counts as unknown
      throw new MmsTransportException(what + ": the modem answered " + line, null, true);
    }
    int status = f.length > 1 ? ModemHttp.number(f[1]) : -1;
    if (status < 200 || status > 299) {
      throw ModemHttp.refused(status, what + " (" + line + ")");
    }
    if (body != null) {
      return new byte[0];
    }
    long length = f.length > 2 ? parseLong(f[2]) : -1;
    if (length < 0) {
      // no Content-Length (a chunked answer): the modem stores the body, which then has a size
      return readThroughFile(what, wait, t);
    }
    checkSize(what, length);
    return read(what, (int) length, wait);
  }

  private void checkSize(String what, long length) {
    if (length > settings.maxResponseBytes()) {
      throw new MmsTransportException(
          what + ": " + length + " bytes, over the limit of " + settings.maxResponseBytes(),
          null,
          true,
          false);
    }
  }

  private byte[] readThroughFile(String what, long wait, Duration t) {
    String name = "\"" + BODY_FILE + "\"";
    CompletableFuture<String> stored = modem.at().expectUnsolicited("+QHTTPREADFILE:");
    try {
      String step = what + ", storing the body (AT+QHTTPREADFILE)";
      modem.require(step, "AT+QHTTPREADFILE=" + name + "," + wait, t);
      String verdict;
      try {
        verdict = stored.get(wait + 10, TimeUnit.SECONDS);
      } catch (TimeoutException | ExecutionException e) {
        throw new MmsTransportException(step + ": no +QHTTPREADFILE result came", e, true);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MmsTransportException(step + ": interrupted", e, true);
      }
      if (ModemHttp.number(ModemHttp.fields(verdict)[0]) != 0) {
        throw new MmsTransportException(step + ": the modem answered " + verdict, null, true);
      }
      String sizeStep = what + ", the stored body's size (AT+QFLST)";
      AtResponse ls = modem.require(sizeStep, "AT+QFLST=" + name, t);
      String[] f = ModemHttp.fields("+QFLST: " + ls.value("+QFLST:").orElse(""));
      long size = f.length > 1 ? parseLong(f[1]) : -1;
      if (size < 0) {
        throw new MmsTransportException(sizeStep + ": unreadable answer " + ls.lines(), null, true);
      }
      checkSize(what, size);
      String cmd = "AT+QFDWL=" + name;
      AtChannel.Download d;
      try {
        d = modem.at().download(cmd, "CONNECT", (int) size, Duration.ofSeconds(wait + 10));
      } catch (AtException e) {
        throw ModemHttp.noAnswer(what + ", reading the stored body (" + cmd + ")", e);
      }
      if (!d.response().isOk()) {
        throw new MmsTransportException(
            what + ", reading the stored body (" + cmd + "): " + d.response().finalResult(),
            null,
            true);
      }
      return d.data();
    } finally {
      stored.cancel(false);
      modem.command("delete the stored body", "AT+QFDEL=" + name, t);
    }
  }

  private byte[] read(String what, int length, long wait) {
    CompletableFuture<String> done = modem.at().expectUnsolicited("+QHTTPREAD:");
    try {
      AtChannel.Download d;
      try {
        d =
            modem
                .at()
                .download("AT+QHTTPREAD=" + wait, "CONNECT", length, Duration.ofSeconds(wait + 10));
      } catch (AtException e) {
        throw ModemHttp.noAnswer(what + ", reading the body (AT+QHTTPREAD)", e);
      }
      if (!d.response().isOk()) {
        throw new MmsTransportException(
            what + ", reading the body (AT+QHTTPREAD): " + d.response().finalResult(), null, true);
      }
      try {
        // the modem's verdict on the read follows the data; an error means the body is incomplete
        String verdict = done.get(5, TimeUnit.SECONDS);
        if (ModemHttp.number(ModemHttp.fields(verdict)[0]) != 0) {
          throw new MmsTransportException(what + ": the modem answered " + verdict, null, true);
        }
      } catch (TimeoutException | ExecutionException e) {
        // some firmware says nothing after a complete read
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MmsTransportException(what + ": interrupted", e, true);
      }
      return d.data();
    } finally {
      done.cancel(false);
    }
  }

  private void upload(String step, String cmd, byte[] data, Duration timeout) {
    AtResponse r;
    try {
      r = modem.at().execute(cmd, data, AtChannel.Payload.CONNECT_COUNTED, timeout);
    } catch (AtException e) {
      throw ModemHttp.noAnswer(step + " (" + cmd + ")", e);
    }
    if (!r.isOk()) {
      throw new MmsTransportException(step + " (" + cmd + "): " + r.finalResult(), null, false);
    }
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
