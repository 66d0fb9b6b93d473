package org.mmskit.mm7.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.mmskit.core.ContentType;
import org.mmskit.core.Header;
import org.mmskit.core.MmsMalformedException;

/**
 * Parses MIME bodies leniently: CRLF or LF line ends, folded headers, capitalised parameter names,
 * a preamble, a missing closing boundary, base64 (with stray characters), quoted-printable, 7bit,
 * 8bit and binary parts, nested multiparts. Bounded by {@link Mm7Limits}. Stateless.
 */
final class MimeReader {
  private MimeReader() {}

  private static final class Counter {
    int parts;
  }

  static MimeEntity parseBody(String contentType, byte[] body, Mm7Limits limits) {
    String value = contentType == null || contentType.isBlank() ? "text/xml" : contentType.trim();
    ContentType ct = parseType(value);
    return entity(
        List.of(new Header("Content-Type", value)),
        ct,
        body,
        0,
        body.length,
        1,
        limits,
        new Counter());
  }

  private static ContentType parseType(String value) {
    try {
      return ContentType.parse(value.trim());
    } catch (IllegalArgumentException e) {
      throw new MmsMalformedException("unreadable Content-Type: " + value, 0, "Content-Type", e);
    }
  }

  private static MimeEntity entity(
      List<Header> headers,
      ContentType ct,
      byte[] buf,
      int from,
      int to,
      int depth,
      Mm7Limits limits,
      Counter counter) {
    String mt = ct.mediaType().toLowerCase(Locale.ROOT);
    if (mt.startsWith("multipart/") || mt.startsWith("application/vnd.wap.multipart")) {
      String boundary = ct.parameter("boundary").orElse(null);
      if (boundary != null && !boundary.isEmpty()) {
        if (depth > limits.maxDepth()) {
          throw new MmsMalformedException(
              "multipart nested deeper than " + limits.maxDepth(), from, "multipart", null);
        }
        List<MimeEntity> children = parseMultipart(buf, from, to, boundary, depth, limits, counter);
        if (!children.isEmpty()) {
          return new MimeEntity(headers, ct, new byte[0], children);
        }
      }
      // declared multipart but no usable boundary: keep the body as it is (often bare XML)
    }
    byte[] raw = java.util.Arrays.copyOfRange(buf, from, to);
    String cte = null;
    for (Header h : headers) {
      if (h.name().equalsIgnoreCase("Content-Transfer-Encoding")) {
        cte = h.value().trim().toLowerCase(Locale.ROOT);
      }
    }
    byte[] body = decode(raw, cte, from);
    return new MimeEntity(headers, ct, body, List.of());
  }

  private static byte[] decode(byte[] raw, String cte, int offset) {
    if (cte == null) {
      return raw;
    }
    switch (cte) {
      case "base64":
        return decodeBase64(raw);
      case "quoted-printable":
        return decodeQuotedPrintable(raw);
      default:
        return raw;
    }
  }

  static byte[] decodeBase64(byte[] raw) {
    byte[] clean = new byte[raw.length];
    int n = 0;
    for (byte b : raw) {
      if ((b >= 'A' && b <= 'Z')
          || (b >= 'a' && b <= 'z')
          || (b >= '0' && b <= '9')
          || b == '+'
          || b == '/') {
        clean[n++] = b;
      } else if (b == '=') {
        break;
      }
    }
    int usable = n - (n % 4 == 1 ? 1 : 0);
    try {
      return toArray(Base64.getDecoder().decode(java.nio.ByteBuffer.wrap(clean, 0, usable)));
    } catch (IllegalArgumentException e) {
      throw new MmsMalformedException("bad base64 part body", 0, "Content-Transfer-Encoding", e);
    }
  }

  private static byte[] toArray(java.nio.ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  static byte[] decodeQuotedPrintable(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
    for (int i = 0; i < raw.length; i++) {
      byte b = raw[i];
      if (b == '=') {
        if (i + 1 < raw.length && (raw[i + 1] == '\r' || raw[i + 1] == '\n')) {
          i++;
          if (raw[i] == '\r' && i + 1 < raw.length && raw[i + 1] == '\n') {
            i++;
          }
          continue;
        }
        if (i + 2 < raw.length) {
          int hi = Character.digit(raw[i + 1], 16);
          int lo = Character.digit(raw[i + 2], 16);
          if (hi >= 0 && lo >= 0) {
            out.write((hi << 4) | lo);
            i += 2;
            continue;
          }
        }
      }
      out.write(b);
    }
    return out.toByteArray();
  }

  private static List<MimeEntity> parseMultipart(
      byte[] buf, int from, int to, String boundary, int depth, Mm7Limits limits, Counter counter) {
    byte[] delim = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    List<MimeEntity> out = new ArrayList<>();
    int pos = findDelimiter(buf, from, to, delim);
    if (pos < 0) {
      return out;
    }
    while (true) {
      int afterDelim = pos + delim.length;
      if (afterDelim + 1 < to && buf[afterDelim] == '-' && buf[afterDelim + 1] == '-') {
        break; // closing delimiter
      }
      int partStart = skipLine(buf, afterDelim, to);
      if (partStart >= to) {
        break;
      }
      int next = findDelimiter(buf, partStart, to, delim);
      int partEnd = next < 0 ? to : next;
      // the CRLF (or LF) before the delimiter belongs to the delimiter
      if (next >= 0) {
        if (partEnd > partStart && buf[partEnd - 1] == '\n') {
          partEnd--;
          if (partEnd > partStart && buf[partEnd - 1] == '\r') {
            partEnd--;
          }
        }
      }
      if (++counter.parts > limits.maxParts()) {
        throw new MmsMalformedException(
            "more than " + limits.maxParts() + " MIME parts", partStart, "multipart", null);
      }
      out.add(part(buf, partStart, partEnd, depth, limits, counter));
      if (next < 0) {
        break; // missing closing boundary: take what is there
      }
      pos = next;
    }
    return out;
  }

  /**
   * Finds "--boundary" at the start of a line (or at {@code from}). The scan looks for line feeds
   * only, so its inner loop is one comparison per byte.
   */
  private static int findDelimiter(byte[] buf, int from, int to, byte[] delim) {
    int last = to - delim.length;
    for (int i = from; i <= last; i = nextLine(buf, i, last)) {
      if (!startsWith(buf, i, delim)) {
        continue;
      }
      int after = i + delim.length;
      if (after < to) {
        byte c = buf[after];
        if (c != '\r' && c != '\n' && c != '-' && c != ' ' && c != '\t') {
          continue;
        }
      }
      return i;
    }
    return -1;
  }

  /** The index after the next line feed at or after {@code i}, or past {@code last}. */
  private static int nextLine(byte[] buf, int i, int last) {
    while (i < last && buf[i] != '\n') {
      i++;
    }
    return i + 1;
  }

  private static boolean startsWith(byte[] buf, int i, byte[] prefix) {
    for (int k = 0; k < prefix.length; k++) {
      if (buf[i + k] != prefix[k]) {
        return false;
      }
    }
    return true;
  }

  private static int skipLine(byte[] buf, int i, int to) {
    while (i < to && buf[i] != '\n') {
      i++;
    }
    return i + 1;
  }

  private static MimeEntity part(
      byte[] buf, int from, int to, int depth, Mm7Limits limits, Counter counter) {
    List<Header> headers = new ArrayList<>();
    int i = from;
    StringBuilder current = null;
    while (i < to) {
      int eol = i;
      while (eol < to && buf[eol] != '\n') {
        eol++;
      }
      int lineEnd = eol > i && buf[eol - 1] == '\r' ? eol - 1 : eol;
      if (lineEnd == i) {
        i = eol + 1; // blank line ends the headers
        break;
      }
      if (eol - from > limits.maxHeaderBytes()) {
        throw new MmsMalformedException(
            "MIME part headers longer than " + limits.maxHeaderBytes(), i, "headers", null);
      }
      if ((buf[i] == ' ' || buf[i] == '\t') && current != null) {
        current
            .append(' ')
            .append(new String(buf, i, lineEnd - i, StandardCharsets.ISO_8859_1).trim());
      } else {
        if (headerNameEnd(buf, i, lineEnd) <= i) {
          // not a header: the sender left out the blank line; the body starts here
          break;
        }
        flush(headers, current);
        current = new StringBuilder(new String(buf, i, lineEnd - i, StandardCharsets.ISO_8859_1));
      }
      i = eol + 1;
    }
    flush(headers, current);
    int bodyStart = Math.min(i, to);
    String ctValue = "text/plain";
    for (Header h : headers) {
      if (h.name().equalsIgnoreCase("Content-Type")) {
        ctValue = h.value();
      }
    }
    ContentType ct;
    try {
      ct = ContentType.parse(ctValue.trim());
    } catch (IllegalArgumentException e) {
      ct = ContentType.of("application/octet-stream");
    }
    return entity(List.copyOf(headers), ct, buf, bodyStart, to, depth + 1, limits, counter);
  }

  /**
   * The index of the colon ending a header name that starts at {@code from}, or -1 when the line
   * does not start with a header name (a character that cannot be in one comes first). Looks no
   * further than the name, so a long body line costs nothing.
   */
  private static int headerNameEnd(byte[] buf, int from, int to) {
    for (int k = from; k < to; k++) {
      int c = buf[k] & 0xff;
      if (c == ':') {
        return k;
      }
      if (c <= ' ' || c > '~') {
        return -1;
      }
    }
    return -1;
  }

  private static void flush(List<Header> headers, StringBuilder current) {
    if (current != null) {
      String s = current.toString();
      int colon = s.indexOf(':');
      headers.add(new Header(s.substring(0, colon).trim(), s.substring(colon + 1).trim()));
    }
  }
}
