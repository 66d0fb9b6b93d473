package org.mmskit.mm7.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.mmskit.core.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wire trace: logger {@code org.mmskit.wire} at DEBUG shows each exchange (request line,
 * headers with credentials masked, SOAP XML, part summaries, response). Nothing is formatted unless
 * DEBUG is on.
 */
public final class WireLog {
  /** The logger name users switch to DEBUG. */
  public static final String LOGGER_NAME = "org.mmskit.wire";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);
  private static final int MAX_TEXT = 64 * 1024;

  private WireLog() {}

  public static boolean enabled() {
    return LOG.isDebugEnabled();
  }

  public static void request(String method, URI uri, List<Header> headers, Mm7Payload payload) {
    if (!LOG.isDebugEnabled()) {
      return;
    }
    StringBuilder sb =
        requestHead(method, uri, headers, payload.contentType(), payload.contentLength());
    if (payload.streamedParts() > 0) {
      sb.append(">> [").append(payload.streamedParts()).append(" content part(s) streamed]\n");
      sb.append(payload.describe());
    } else {
      sb.append(">> ").append(payload.soapXml());
    }
    LOG.debug(sb.toString());
  }

  private static StringBuilder requestHead(
      String method, URI uri, List<Header> headers, String contentType, long length) {
    StringBuilder sb = new StringBuilder(1024);
    sb.append(">> ").append(method).append(' ').append(maskUri(uri)).append('\n');
    for (Header h : headers) {
      sb.append(">> ").append(h.name()).append(": ").append(maskHeader(h)).append('\n');
    }
    sb.append(">> Content-Type: ").append(contentType).append('\n');
    sb.append(">> Content-Length: ")
        .append(length < 0 ? "(chunked)" : Long.toString(length))
        .append('\n');
    return sb;
  }

  public static void response(int status, String reason, List<Header> headers, byte[] body) {
    if (!LOG.isDebugEnabled()) {
      return;
    }
    StringBuilder sb = new StringBuilder(1024);
    sb.append("<< ").append(status).append(' ').append(reason == null ? "" : reason).append('\n');
    String ct = "";
    for (Header h : headers) {
      sb.append("<< ").append(h.name()).append(": ").append(maskHeader(h)).append('\n');
      if (h.name().equalsIgnoreCase("Content-Type")) {
        ct = h.value().toLowerCase(Locale.ROOT);
      }
    }
    sb.append("<< ").append(summariseBody(ct, body));
    LOG.debug(sb.toString());
  }

  public static void failure(URI uri, Throwable t) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("<< no response from {}: {}", maskUri(uri), t.toString());
    }
  }

  static String summariseBody(String contentType, byte[] body) {
    if (body.length == 0) {
      return "(empty body)";
    }
    boolean text =
        contentType.contains("xml")
            || contentType.startsWith("text/")
            || contentType.startsWith("multipart/");
    if (!text || !mostlyText(body)) {
      return "["
          + body.length
          + " bytes of "
          + (contentType.isEmpty() ? "binary" : contentType)
          + "]";
    }
    int n = Math.min(body.length, MAX_TEXT);
    String s = new String(body, 0, n, StandardCharsets.UTF_8);
    return n < body.length ? s + "... [" + (body.length - n) + " more bytes]" : s;
  }

  private static boolean mostlyText(byte[] body) {
    int n = Math.min(body.length, 4096);
    int bad = 0;
    for (int i = 0; i < n; i++) {
      int b = body[i] & 0xff;
      if (b < 0x20 && b != '\r' && b != '\n' && b != '\t') {
        bad++;
      }
    }
    return bad * 20 < n;
  }

  static String maskHeader(Header h) {
    String n = h.name().toLowerCase(Locale.ROOT);
    if (n.equals("authorization") || n.equals("proxy-authorization")) {
      int sp = h.value().indexOf(' ');
      return (sp > 0 ? h.value().substring(0, sp + 1) : "") + "****";
    }
    return h.value();
  }

  static String maskUri(URI uri) {
    if (uri.getUserInfo() == null) {
      return uri.toString();
    }
    return uri.toString().replace(uri.getRawUserInfo() + "@", "****@");
  }
}
