package org.mmskit.mm1;

import java.net.URI;
import java.net.URLConnection;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mmskit.core.ContentType;
import org.mmskit.core.MmsPart;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.MmsVersion;
import org.mmskit.core.pdu.PduType;
import org.mmskit.mm1.internal.AtChannel;
import org.mmskit.mm1.internal.AtException;
import org.mmskit.mm1.internal.AtResponse;
import org.mmskit.mm1.internal.Inbox;

/**
 * Fetches through SIMCom's MMS commands and answers the MMSC through its HTTP commands.
 *
 * <p>{@code AT+CMMSRECV=<sms index>} makes the modem fetch the message the stored push announces
 * (public SIM800 code passes the index of the push's last segment); it answers {@code +CMMSRECV:
 * "<from>","<date>","<subject>",<size>} and one line per file, {@code <n>,"<name>",<type>,<size>},
 * and {@code AT+CMMSREAD=<n>} prints a header line and then the file's bytes. The modem hands out
 * these parsed fields, not the m-retrieve-conf, so the message built from them lacks what the modem
 * keeps to itself: the Message-ID (a message notified twice is recognised by its Transaction-ID
 * only), the Transaction-ID (so a retrieval that succeeds after "Deferred" cannot be acknowledged
 * with m-acknowledge-ind), To and Cc, priority, message class, report requests, the parts' own
 * content types, charsets and Content-IDs (types come from the file names, text is taken as UTF-8,
 * the file name becomes the part's Content-Location so that the SMIL still finds it), and the
 * date's time zone (taken as UTC).
 *
 * <p>The m-notifyresp-ind goes out once the application took the message, POSTed with {@code
 * AT+HTTPINIT}, {@code AT+HTTPPARA}, {@code AT+HTTPDATA} and {@code AT+HTTPACTION=1} on the same
 * bearer (and "Deferred" after a failed attempt). The SIMCom documents seen do not say whether
 * {@code AT+CMMSRECV} also tells the MMSC by itself; if a firmware does, the MMSC hears it at the
 * fetch, before the application took the message, and the second answer is a harmless repeat.
 */
final class SimcomFetcher implements Inbox.Mmsc {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd,HH:mm:ss");
  private static final Map<String, String> TYPES =
      Map.of(
          "smil", "application/smil",
          "smi", "application/smil",
          "amr", "audio/amr",
          "3gp", "video/3gpp",
          "vcf", "text/x-vcard");

  private final VendorFetch settings;
  private final Modem modem;

  SimcomFetcher(VendorFetch settings) {
    this.settings = settings;
    this.modem = settings.modem();
  }

  @Override
  public MmsPdu retrieve(URI location) {
    throw new UnsupportedOperationException("SIMCom fetches by the push's SMS index");
  }

  @Override
  public MmsPdu retrieve(URI location, List<Integer> smsIndices) {
    return modem.inVendorSession(
        () -> {
          Duration t = modem.commandTimeout();
          SimcomSetup.mmsSettings(modem, settings.mmscUrl(), settings.proxy(), t);
          SimcomSetup.bearer(modem, settings.apn(), t);
          clientHeaders(t);
          try {
            return receive(location, smsIndices.get(smsIndices.size() - 1));
          } finally {
            modem.command("MMS terminate", "AT+CMMSTERM", t);
          }
        });
  }

  /** The User-Agent and x-wap-profile the modem's own MMS fetch sends. */
  private void clientHeaders(Duration t) {
    if (settings.userAgent() != null) {
      modem.require("MMS User-Agent", "AT+CMMSUA=\"" + unquoted(settings.userAgent()) + "\"", t);
    }
    if (settings.wapProfile() != null) {
      modem.require(
          "MMS x-wap-profile", "AT+CMMSPROFILE=\"" + unquoted(settings.wapProfile()) + "\"", t);
    }
  }

  private static String unquoted(String s) {
    return s.replace("\"", "");
  }

  private MmsPdu receive(URI location, int index) {
    String step = "MMS receive of " + location + " (AT+CMMSRECV=" + index + ")";
    AtResponse r = modem.command(step, "AT+CMMSRECV=" + index, settings.responseTimeout());
    if (!r.isOk()) {
      throw new MmsTransportException(step + ": " + r.finalResult(), null, true);
    }
    String head =
        r.value("+CMMSRECV:")
            .orElseThrow(
                () ->
                    new MmsTransportException(
                        step + ": answered OK without +CMMSRECV information", null, true));
    String[] h = ModemHttp.fields("+CMMSRECV: " + head);
    if (h.length < 4) {
      throw new MmsTransportException(step + ": unreadable answer +CMMSRECV: " + head, null, true);
    }
    long total = ModemHttp.number(h[3]);
    if (total > settings.maxResponseBytes()) {
      throw new MmsTransportException(
          step + ": " + total + " bytes, over the limit of " + settings.maxResponseBytes(),
          null,
          true,
          false);
    }
    MmsPdu.Builder b = MmsPdu.builder(PduType.RETRIEVE_CONF).version(MmsVersion.V1_2);
    if (!h[0].isEmpty()) {
      b.from(h[0]);
    }
    parseDate(h[1]).ifPresent(b::date);
    if (!h[2].isEmpty()) {
      b.subject(h[2]);
    }
    boolean smil = false;
    for (String l : r.lines()) {
      if (l.startsWith("+") || l.isEmpty() || !Character.isDigit(l.charAt(0))) {
        continue;
      }
      String[] f = ModemHttp.fields(l);
      if (f.length < 4) {
        throw new MmsTransportException(step + ": unreadable file line " + l, null, true);
      }
      int size = ModemHttp.number(f[3]);
      if (size < 0 || size > settings.maxResponseBytes()) {
        throw new MmsTransportException(step + ": file line with a bad size: " + l, null, true);
      }
      String type = typeOf(f[1]);
      smil |= type.equals("application/smil");
      b.addPart(
          MmsPart.builder()
              .contentType(type)
              .contentLocation(f[1])
              .body(read(ModemHttp.number(f[0]), f[1], size))
              .build());
    }
    b.contentType(smil ? ContentType.MULTIPART_RELATED : ContentType.MULTIPART_MIXED);
    return b.build();
  }

  private byte[] read(int file, String name, int size) {
    String cmd = "AT+CMMSREAD=" + file;
    String step = "reading MMS file " + name + " (" + cmd + ")";
    AtChannel.Download d;
    try {
      d = modem.at().download(cmd, "+CMMSREAD:", size, modem.commandTimeout().plusSeconds(30));
    } catch (AtException e) {
      throw ModemHttp.noAnswer(step, e);
    }
    if (!d.response().isOk()) {
      throw new MmsTransportException(step + ": " + d.response().finalResult(), null, true);
    }
    return d.data();
  }

  private static Optional<java.time.Instant> parseDate(String s) {
    try {
      return Optional.of(LocalDateTime.parse(s, DATE).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  static String typeOf(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    int dot = lower.lastIndexOf('.');
    String ext = dot < 0 ? "" : lower.substring(dot + 1);
    if (lower.startsWith("smil") || TYPES.containsKey(ext)) {
      return TYPES.getOrDefault(ext, "application/smil");
    }
    String t = URLConnection.getFileNameMap().getContentTypeFor(lower);
    return t == null ? "application/octet-stream" : t;
  }

  @Override
  public void tell(byte[] pdu) {
    modem.inVendorSession(
        () -> {
          Duration t = modem.commandTimeout();
          SimcomSetup.bearer(modem, settings.apn(), t);
          // a session left open by an earlier failure makes AT+HTTPINIT fail
          modem.command("HTTP terminate", "AT+HTTPTERM", t);
          modem.require("HTTP init", "AT+HTTPINIT", t);
          try {
            post(pdu, t);
          } finally {
            modem.command("HTTP terminate", "AT+HTTPTERM", t);
          }
          return null;
        });
  }

  private void post(byte[] pdu, Duration t) {
    param("CID", String.valueOf(SimcomSetup.BEARER), t);
    param("URL", settings.mmscUrl().toString(), t);
    if (settings.proxy() != null) {
      param("PROIP", settings.proxy().getHost(), t);
      param(
          "PROPORT",
          String.valueOf(settings.proxy().getPort() < 0 ? 80 : settings.proxy().getPort()),
          t);
    }
    if (settings.userAgent() != null) {
      param("UA", settings.userAgent(), t);
    }
    param("CONTENT", ModemHttp.MMS_TYPE, t);
    String data = "AT+HTTPDATA=" + pdu.length + ",10000";
    AtResponse up;
    try {
      up = modem.at().execute(data, pdu, AtChannel.Payload.CONNECT_COUNTED, t.plusSeconds(10));
    } catch (AtException e) {
      throw ModemHttp.noAnswer("HTTP body (" + data + ")", e);
    }
    if (!up.isOk()) {
      throw new MmsTransportException("HTTP body (" + data + "): " + up.finalResult(), null, false);
    }
    String what = "m-notifyresp-ind to " + settings.mmscUrl() + " through the modem";
    CompletableFuture<String> later = modem.at().expectUnsolicited("+HTTPACTION:");
    try {
      AtResponse r = modem.require(what + " (AT+HTTPACTION=1)", "AT+HTTPACTION=1", t);
      String line =
          r.value("+HTTPACTION:").isPresent()
              ? "+HTTPACTION: " + r.value("+HTTPACTION:").get()
              : later.get(settings.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
      int status =
          ModemHttp.number(ModemHttp.fields(line).length > 1 ? ModemHttp.fields(line)[1] : "");
      if (status < 200 || status > 299) {
        // 6xx: SIMCom's own network errors, before any HTTP answer
        if (status >= 600) {
          throw new MmsTransportException(what + ": the modem answered " + line, null, true);
        }
        throw ModemHttp.refused(status, what + " (" + line + ")");
      }
    } catch (TimeoutException | ExecutionException e) {
      throw new MmsTransportException(what + ": no +HTTPACTION result came", e, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MmsTransportException(what + ": interrupted", e, true);
    } finally {
      later.cancel(false);
    }
  }

  private void param(String name, String value, Duration t) {
    modem.require(
        "HTTP parameter " + name, "AT+HTTPPARA=\"" + name + "\",\"" + unquoted(value) + "\"", t);
  }
}
