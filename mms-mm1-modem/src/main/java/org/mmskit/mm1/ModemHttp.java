package org.mmskit.mm1;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.mmskit.core.HttpStatus;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.core.Transport;
import org.mmskit.mm1.internal.AtException;

/** What the vendors' fetchers share when they speak HTTP through the modem's own stack. */
final class ModemHttp {
  static final String MMS_TYPE = "application/vnd.wap.mms-message";

  private ModemHttp() {}

  /**
   * The HTTP request as the modem sends it when the program writes the header itself: absolute
   * target through a proxy (RFC 9112 §3.2.2), origin form otherwise.
   */
  static byte[] request(String method, URI url, VendorFetch settings, byte[] body) {
    boolean viaProxy = settings.proxy() != null;
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    String target =
        viaProxy
            ? url.toASCIIString()
            : path + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    StringBuilder h = new StringBuilder();
    h.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    h.append("Host: ").append(url.getHost());
    if (url.getPort() >= 0) {
      h.append(':').append(url.getPort());
    }
    h.append("\r\nAccept: */*, ").append(MMS_TYPE).append("\r\n");
    if (settings.userAgent() != null) {
      h.append("User-Agent: ").append(settings.userAgent()).append("\r\n");
    }
    if (settings.wapProfile() != null) {
      h.append("x-wap-profile: ").append(settings.wapProfile()).append("\r\n");
    }
    if (settings.authorization() != null) {
      h.append("Authorization: ").append(settings.authorization()).append("\r\n");
    }
    if (body != null) {
      h.append("Content-Type: ").append(MMS_TYPE).append("\r\n");
      h.append("Content-Length: ").append(body.length).append("\r\n");
    }
    h.append("Connection: close\r\n\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(h.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (body != null) {
      out.writeBytes(body);
    }
    return out.toByteArray();
  }

  /** An HTTP status the MMSC answered that is not a success, as the refusal DataLink raises. */
  static MmscRejectedException refused(int status, String what) {
    return MmscRejectedException.builder(Transport.MM1, MmscRejectedException.Kind.TRANSPORT)
        .detail(new HttpStatus(status, ""))
        .explanation(what)
        .retryable(status >= 500 || status == 408 || status == 429)
        .build();
  }

  /** A command that got no answer (timeout, port gone), naming the step. */
  static MmsTransportException noAnswer(String step, AtException e) {
    return new MmsTransportException(step + ": " + e.getMessage(), e, e.written());
  }

  /**
   * The comma-separated fields of an AT result line, after its {@code +NAME:} prefix if it has one,
   * without their quotes (a comma inside quotes is part of the field).
   */
  static String[] fields(String line) {
    String v = line.startsWith("+") ? line.substring(line.indexOf(':') + 1).strip() : line;
    java.util.List<String> out = new java.util.ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        out.add(f.toString().strip());
        f.setLength(0);
      } else {
        f.append(c);
      }
    }
    out.add(f.toString().strip());
    return out.toArray(new String[0]);
  }

  static int number(String s) {
    try {
      return Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
