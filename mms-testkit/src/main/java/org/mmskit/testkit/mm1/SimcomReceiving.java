package org.mmskit.testkit.mm1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.core5.http.HttpHost;
import org.mmskit.core.MmsException;
import org.mmskit.core.MmsPart;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.MmsPduDecoder;
import org.mmskit.mm1.internal.SmsDeliver;
import org.mmskit.mm1.internal.SmsPdus;
import org.mmskit.mm1.internal.WspPush;

/**
 * SIMCom's receiving commands in the {@link ModemSimulator}, in the SIM800 form public code shows:
 * {@code AT+CMMSRECV=<sms index>} reads the stored WAP Push (all its segments), fetches its
 * Content-Location over loopback HTTP (through the {@code AT+CMMSPROTO} proxy), and answers {@code
 * +CMMSRECV: "<from>","<date>","<subject>",<size>} and a line {@code <n>,"<name>",<type>,<size>}
 * per file; {@code AT+CMMSREAD=<n>} prints {@code +CMMSREAD: <n>,"<name>",<size>} and the file's
 * bytes. It does not answer the MMSC by itself. The HTTP commands ({@code AT+HTTPINIT}, {@code
 * AT+HTTPPARA}, {@code AT+HTTPDATA} after {@code DOWNLOAD}, {@code AT+HTTPACTION} answered by
 * {@code +HTTPACTION: <method>,<status>,<length>}, 601 when the server cannot be reached, {@code
 * AT+HTTPTERM}) POST as the program asks.
 */
final class SimcomReceiving {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd,HH:mm:ss");

  private final ModemSimulator sim;
  private final List<File> files = new ArrayList<>();
  private final Map<String, String> http = new ConcurrentHashMap<>();
  private volatile boolean httpOpen;
  private volatile byte[] httpData;

  private record File(String name, int type, byte[] body) {}

  SimcomReceiving(ModemSimulator sim) {
    this.sim = sim;
  }

  /** The answer to one of these commands, or null for a command that is not one. */
  List<String> handle(String cmd, String c) throws IOException {
    if (c.startsWith("AT+CMMSUA=") || c.startsWith("AT+CMMSPROFILE=")) {
      return List.of("OK");
    }
    if (c.startsWith("AT+CMMSRECV=")) {
      return receive(cmd.substring(12).strip());
    }
    if (c.startsWith("AT+CMMSREAD=")) {
      return read(cmd.substring(12).strip());
    }
    if (c.startsWith("AT+HTTP")) {
      return http(cmd, c);
    }
    return null;
  }

  private List<String> receive(String arg) throws IOException {
    if (!sim.bearerOpen()) {
      return List.of("+CME ERROR: 3");
    }
    Optional<byte[]> push = push(Integer.parseInt(arg));
    if (push.isEmpty()) {
      return List.of("+CME ERROR: 3");
    }
    MmsPdu conf;
    try {
      MmsPdu ind = MmsPduDecoder.decode(WspPush.decode(push.get()).body());
      SimHttp.Reply r =
          SimHttp.exchange(
              "GET", URI.create(ind.contentLocation().orElseThrow()), proxy(), null, null, null);
      if (r.status() != 200) {
        return List.of("ERROR");
      }
      conf = MmsPduDecoder.decode(r.body());
    } catch (MmsException | java.util.NoSuchElementException e) {
      return List.of("ERROR");
    }
    synchronized (files) {
      files.clear();
      int n = 0;
      for (MmsPart p : conf.parts()) {
        String type = p.contentType().mediaType();
        String name = p.contentLocation().or(p::fileName).orElse("part" + n + extension(type));
        int code = type.equals("application/smil") ? 10 : type.startsWith("text/") ? 4 : 2;
        files.add(new File(name, code, p.bytes()));
        n++;
      }
      List<String> out = new ArrayList<>();
      long size = files.stream().mapToLong(f -> f.body().length).sum();
      out.add(
          "+CMMSRECV: \""
              + conf.from().orElse("").replace("/TYPE=PLMN", "")
              + "\",\""
              + conf.date().map(d -> DATE.format(d.atOffset(ZoneOffset.UTC))).orElse("")
              + "\",\""
              + conf.subject().orElse("")
              + "\","
              + size);
      for (int i = 0; i < files.size(); i++) {
        File f = files.get(i);
        out.add((i + 1) + ",\"" + f.name() + "\"," + f.type() + "," + f.body().length);
      }
      out.add("OK");
      return out;
    }
  }

  /** The WAP Push the stored SMS at this index belongs to, when all its segments are stored. */
  private Optional<byte[]> push(int index) {
    Map<Integer, byte[]> stored = sim.stored();
    byte[] at = stored.get(index);
    if (at == null) {
      return Optional.empty();
    }
    SmsDeliver sms = SmsPdus.decode(at);
    if (sms.concat().isEmpty()) {
      return Optional.of(sms.data());
    }
    SmsDeliver.Concat c = sms.concat().get();
    TreeMap<Integer, byte[]> segments = new TreeMap<>();
    for (byte[] p : stored.values()) {
      SmsDeliver s = SmsPdus.decode(p);
      if (s.originator().equals(sms.originator())
          && s.concat()
              .map(o -> o.reference() == c.reference() && o.total() == c.total())
              .orElse(false)) {
        segments.put(s.concat().get().sequence(), s.data());
      }
    }
    if (segments.size() != c.total()) {
      return Optional.empty();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    segments.values().forEach(out::writeBytes);
    return Optional.of(out.toByteArray());
  }

  private List<String> read(String arg) throws IOException {
    File f;
    synchronized (files) {
      int n = Integer.parseInt(arg) - 1;
      if (n < 0 || n >= files.size()) {
        return List.of("+CME ERROR: 3");
      }
      f = files.get(n);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String head = "\r\n+CMMSREAD: " + arg + ",\"" + f.name() + "\"," + f.body().length + "\r\n";
    out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(f.body());
    out.writeBytes("\r\nOK\r\n".getBytes(StandardCharsets.US_ASCII));
    sim.sendBytes(out.toByteArray());
    return List.of();
  }

  private List<String> http(String cmd, String c) throws IOException {
    if (c.equals("AT+HTTPINIT")) {
      if (httpOpen || !sim.bearerOpen()) {
        return List.of("ERROR");
      }
      httpOpen = true;
      http.clear();
      return List.of("OK");
    }
    if (c.equals("AT+HTTPTERM")) {
      boolean was = httpOpen;
      httpOpen = false;
      return List.of(was ? "OK" : "ERROR");
    }
    if (!httpOpen) {
      return List.of("ERROR");
    }
    if (c.startsWith("AT+HTTPPARA=")) {
      String[] a = cmd.substring(12).split(",", 2);
      http.put(
          a[0].replace("\"", "").toUpperCase(java.util.Locale.ROOT),
          a.length > 1 ? a[1].replace("\"", "") : "");
      return List.of("OK");
    }
    if (c.startsWith("AT+HTTPDATA=")) {
      int length = Integer.parseInt(cmd.substring(12).split(",")[0].strip());
      sim.expectPayload(
          length,
          p -> {
            httpData = p;
            sim.send("\r\nOK\r\n");
          });
      return List.of("DOWNLOAD");
    }
    if (c.equals("AT+HTTPACTION=1")) {
      sim.send("\r\nOK\r\n");
      SimHttp.Reply r;
      try {
        r =
            SimHttp.exchange(
                "POST",
                URI.create(http.getOrDefault("URL", "")),
                proxyOf(http.get("PROIP"), http.get("PROPORT")),
                http.getOrDefault("CONTENT", "text/plain"),
                httpData == null ? new byte[0] : httpData,
                http.get("UA"));
      } catch (IOException | IllegalArgumentException e) {
        return List.of("+HTTPACTION: 1,601,0");
      }
      return List.of("+HTTPACTION: 1," + r.status() + "," + r.body().length);
    }
    return List.of("ERROR");
  }

  /** The WAP proxy the MMS settings name ({@code AT+CMMSPROTO="host",port}). */
  private HttpHost proxy() {
    for (String s : sim.settings()) {
      if (s.toUpperCase(java.util.Locale.ROOT).startsWith("+CMMSPROTO=")) {
        String[] a = s.substring(11).split(",");
        return proxyOf(a[0], a.length > 1 ? a[1] : "80");
      }
    }
    return null;
  }

  private static HttpHost proxyOf(String host, String port) {
    if (host == null || host.isBlank()) {
      return null;
    }
    return new HttpHost(
        host.replace("\"", "").strip(), port == null ? 80 : Integer.parseInt(port.strip()));
  }

  private static String extension(String type) {
    return type.startsWith("text/") ? ".txt" : ".bin";
  }
}
