package org.mmskit.http.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.mmskit.core.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wire trace of every transport: at DEBUG on the logger {@code org.mmskit.wire}, each exchange
 * with its request line, headers (credentials masked), a body summary and the answer. Nothing is
 * formatted unless DEBUG is on.
 */
public final class WireTrace {
  /** The logger name users switch to DEBUG. */
  public static final String LOGGER_NAME = "org.mmskit.wire";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

  /** How much of a text body is shown. */
  private static final int MAX_TEXT = 64 * 1024;

  private WireTrace() {}

  public static boolean enabled() {
    return LOG.isDebugEnabled();
  }

  /**
   * Logs an outgoing request.
   *
   * @param label the transport, e.g. {@code MM7}
   * @param body the body as it should read in the trace (see {@link RequestBody#describe()})
   */
  public static void request(
      String label, String method, URI uri, List<Header> headers, String body) {
    if (!LOG.isDebugEnabled()) {
      return;
    }
    StringBuilder sb = new StringBuilder(1024);
    sb.append(label).append(" >> ").append(method).append(' ').append(maskUri(uri)).append('\n');
    headers(sb, ">> ", headers);
    LOG.debug(sb.append(">> ").append(body).toString());
  }

  /** Logs an answer to one of our requests; {@code body} as for {@link #request}. */
  public static void response(
      String label, int status, String reason, List<Header> headers, String body) {
    if (!LOG.isDebugEnabled()) {
      return;
    }
    StringBuilder sb = new StringBuilder(1024);
    sb.append(label).append(" << ").append(status);
    if (reason != null && !reason.isEmpty()) {
      sb.append(' ').append(reason);
    }
    sb.append('\n');
    headers(sb, "<< ", headers);
    LOG.debug(sb.append("<< ").append(body).toString());
  }

  /** Logs a request that got no answer. */
  public static void failure(String label, URI uri, Throwable t) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("{} << no response from {}: {}", label, maskUri(uri), t.toString());
    }
  }

  /**
   * Logs a request a listener received and the answer it gave.
   *
   * @param from the peer's address, or null
   */
  public static void inbound(
      String label,
      String method,
      String path,
      String from,
      List<Header> headers,
      String body,
      int status,
      String answer) {
    if (!LOG.isDebugEnabled()) {
      return;
    }
    StringBuilder sb = new StringBuilder(1024);
    sb.append(label).append(" in << ").append(method).append(' ').append(path);
    if (from != null) {
      sb.append(" from ").append(from);
    }
    sb.append('\n');
    headers(sb, "<< ", headers);
    sb.append("<< ").append(body).append('\n');
    sb.append(label).append(" in >> ").append(status);
    if (answer != null && !answer.isEmpty()) {
      sb.append(' ').append(answer);
    }
    LOG.debug(sb.toString());
  }

  private static void headers(StringBuilder sb, String prefix, List<Header> headers) {
    for (Header h : headers) {
      sb.append(prefix).append(h.name()).append(": ");
      sb.append(mask(h.name(), h.value())).append('\n');
    }
  }

  /**
   * A body as the trace shows it: text types as text (cut at 64 KB), anything else as its size and
   * type.
   */
  public static String summary(String contentType, byte[] body) {
    if (body.length == 0) {
      return "(empty body)";
    }
    String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    boolean text = ct.contains("xml") || ct.startsWith("text/") || ct.startsWith("multipart/");
    if (!text || !mostlyText(body)) {
      return "[" + body.length + " bytes of " + (ct.isEmpty() ? "binary" : ct) + "]";
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

  /** A header value as the trace shows it: credentials replaced by {@code ****}. */
  static String mask(String name, String value) {
    if (name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Proxy-Authorization")) {
      int sp = value.indexOf(' ');
      return (sp > 0 ? value.substring(0, sp + 1) : "") + "****";
    }
    return value;
  }

  /** A URI as the trace shows it: a password in its user part replaced by {@code ****}. */
  static String maskUri(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri.toString();
    }
    return uri.toString().replace(uri.getRawUserInfo() + "@", "****@");
  }
}
