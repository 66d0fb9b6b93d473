package org.mmskit.testkit.mm1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quectel HTTP commands of the {@link ModemSimulator}, in the mode where the program writes the
 * whole request ({@code AT+QHTTPCFG="requestheader",1}): {@code AT+QHTTPURL} takes the server,
 * {@code AT+QHTTPGET} and {@code AT+QHTTPPOST} take the request after {@code CONNECT}, answer
 * {@code OK}, send it to the server over loopback as it is and report {@code +QHTTPGET:
 * <err>,<status>,<length>}; {@code AT+QHTTPREAD} gives the body after {@code CONNECT}, then {@code
 * OK} and {@code +QHTTPREAD: 0}; {@code AT+QHTTPREADFILE} stores it in a RAM file instead, which
 * {@code AT+QFLST} lists and {@code AT+QFDWL} gives after {@code CONNECT}. A server that cannot be
 * reached gives error 716, one that does not answer 717.
 */
final class QuectelHttp {
  private static final Logger log = LoggerFactory.getLogger(QuectelHttp.class);

  private final ModemSimulator sim;
  private volatile boolean requestHeader;
  private volatile URI url;
  private volatile byte[] body;
  private volatile boolean withoutLength;

  QuectelHttp(ModemSimulator sim) {
    this.sim = sim;
  }

  /** The answer to one of these commands, or null for a command that is not one. */
  void withoutLength(boolean without) {
    this.withoutLength = without;
  }

  List<String> handle(String cmd, String c) throws IOException {
    if (c.startsWith("AT+QFLST=") || c.startsWith("AT+QFDWL=")) {
      return file(cmd.substring(9).replace("\"", "").strip(), c.startsWith("AT+QFLST="));
    }
    if (!c.startsWith("AT+QHTTP")) {
      return null;
    }
    if (c.startsWith("AT+QHTTPREADFILE=")) {
      byte[] b = body;
      if (b == null) {
        return List.of("+CME ERROR: 705");
      }
      sim.ram().put(cmd.substring(17).split(",")[0].replace("\"", "").strip(), b);
      sim.send("\r\nOK\r\n");
      return List.of("+QHTTPREADFILE: 0");
    }
    if (c.startsWith("AT+QHTTPCFG=")) {
      String[] a = cmd.substring(12).split(",");
      String name = a[0].replace("\"", "");
      if (name.equals("requestheader")) {
        requestHeader = a.length > 1 && a[1].strip().equals("1");
      } else if (name.equals("contextid") && !sim.bearerOpen()) {
        return List.of("+CME ERROR: 709"); // the context is not active
      }
      return List.of("OK");
    }
    if (c.startsWith("AT+QHTTPURL=")) {
      int length = Integer.parseInt(cmd.substring(12).split(",")[0].strip());
      sim.expectPayload(
          length,
          p -> {
            url = URI.create(new String(p, StandardCharsets.US_ASCII));
            sim.send("\r\nOK\r\n");
          });
      return List.of("CONNECT");
    }
    if (c.startsWith("AT+QHTTPGET=") || c.startsWith("AT+QHTTPPOST=")) {
      boolean get = c.startsWith("AT+QHTTPGET=");
      String[] a = cmd.substring(cmd.indexOf('=') + 1).split(",");
      if (!requestHeader || a.length < 2 || url == null) {
        return List.of("+CME ERROR: 705"); // only the mode where the program writes the request
      }
      int length = Integer.parseInt((get ? a[1] : a[0]).strip());
      String urc = get ? "+QHTTPGET: " : "+QHTTPPOST: ";
      sim.expectPayload(length, request -> request(urc, request));
      return List.of("CONNECT");
    }
    if (c.startsWith("AT+QHTTPREAD=")) {
      byte[] b = body;
      if (b == null) {
        return List.of("+CME ERROR: 705");
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes("\r\nCONNECT\r\n".getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(b);
      out.writeBytes("\r\nOK\r\n\r\n+QHTTPREAD: 0\r\n".getBytes(StandardCharsets.US_ASCII));
      sim.sendBytes(out.toByteArray());
      return List.of();
    }
    return List.of("ERROR");
  }

  private void request(String urc, byte[] request) throws IOException {
    sim.send("\r\nOK\r\n");
    body = null;
    SimHttp.Reply reply;
    try {
      reply = SimHttp.forward(url, request);
    } catch (java.net.ConnectException e) {
      sim.send("\r\n" + urc + "716\r\n");
      return;
    } catch (IOException e) {
      log.debug("simulated Quectel HTTP request failed: {}", e.toString());
      sim.send("\r\n" + urc + "717\r\n");
      return;
    }
    body = reply.body();
    String length = withoutLength ? "" : "," + reply.body().length;
    sim.send("\r\n" + urc + "0," + reply.status() + length + "\r\n");
  }

  /** {@code AT+QFLST} (name and size) or {@code AT+QFDWL} (the bytes after CONNECT) of a file. */
  private List<String> file(String name, boolean list) throws IOException {
    byte[] f = sim.ram().get(name);
    if (f == null) {
      return List.of("+CME ERROR: 405"); // file not found
    }
    if (list) {
      return List.of("+QFLST: \"" + name + "\"," + f.length, "OK");
    }
    int checksum = 0;
    for (int i = 0; i < f.length; i += 2) {
      checksum ^= ((f[i] & 0xFF) << 8) | (i + 1 < f.length ? f[i + 1] & 0xFF : 0);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("\r\nCONNECT\r\n".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(f);
    String tail =
        "\r\n+QFDWL: " + f.length + "," + Integer.toHexString(checksum) + "\r\n\r\nOK\r\n";
    out.writeBytes(tail.getBytes(StandardCharsets.US_ASCII));
    sim.sendBytes(out.toByteArray());
    return List.of();
  }
}
