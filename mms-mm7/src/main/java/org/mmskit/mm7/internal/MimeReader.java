package org.mmskit.mm7.internal;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
    return parseBody(contentType, body, body.length, limits);
  }

  /**
   * Parses {@code body[0, length)}. The entities refer to the array until their bodies are asked
   * for (see {@link MimeEntity}).
   */
  static MimeEntity parseBody(String contentType, byte[] body, int length, Mm7Limits limits) {
    String value = contentType == null || contentType.isBlank() ? "text/xml" : contentType.trim();
    ContentType ct = parseType(value);
    return entity(
        List.of(new Header("Content-Type", value)), ct, body, 0, length, 1, limits, new Counter());
  }

  private static ContentType parseType(String value) {
    try {
      return partType(value);
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
    String mt = ct.mediaType(); // lower case already
    if (mt.startsWith("multipart/") || mt.startsWith("application/vnd.wap.multipart")) {
      String boundary = ct.parameter("boundary").orElse(null);
      if (boundary != null && !boundary.isEmpty()) {
        if (depth > limits.maxDepth()) {
          throw new MmsMalformedException(
              "multipart nested deeper than " + limits.maxDepth(), from, "multipart", null);
        }
        List<MimeEntity> children = parseMultipart(buf, from, to, boundary, depth, limits, counter);
        if (!children.isEmpty()) {
          return MimeEntity.multipart(headers, ct, children);
        }
      }
      // declared multipart but no usable boundary: keep the body as it is (often bare XML)
    }
    String cte = null;
    for (Header h : headers) {
      if (h.name().equalsIgnoreCase("Content-Transfer-Encoding")) {
        cte = h.value().trim().toLowerCase(Locale.ROOT);
      }
    }
    if (cte != null && !cte.equals("base64") && !cte.equals("quoted-printable")) {
      cte = null; // 7bit, 8bit, binary and unknown ones: the body is as sent
    }
    return MimeEntity.of(headers, ct, buf, from, to, cte, List.of());
  }

  /** The body {@code buf[from, to)} with its transfer encoding (lower case, or null) undone. */
  static byte[] decode(byte[] buf, int from, int to, String cte) {
    if (cte != null) {
      switch (cte) {
        case "base64":
          return decodeBase64(buf, from, to);
        case "quoted-printable":
          return decodeQuotedPrintable(buf, from, to);
        default:
          break;
      }
    }
    return java.util.Arrays.copyOfRange(buf, from, to);
  }

  private static byte[] decodeBase64(byte[] raw, int from, int to) {
    byte[] clean = new byte[to - from];
    int n = 0;
    for (int i = from; i < to; i++) {
      byte b = raw[i];
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

  private static byte[] decodeQuotedPrintable(byte[] raw, int from, int to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      byte b = raw[i];
      if (b == '=') {
        if (i + 1 < to && (raw[i + 1] == '\r' || raw[i + 1] == '\n')) {
          i++;
          if (raw[i] == '\r' && i + 1 < to && raw[i + 1] == '\n') {
            i++;
          }
          continue;
        }
        if (i + 2 < to) {
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
    byte[] delim = delimiter(boundary);
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
   * "--" and the boundary, as bytes. The boundary comes from a header read as ISO-8859-1, so each
   * of its chars is one byte.
   */
  private static byte[] delimiter(String boundary) {
    byte[] d = new byte[boundary.length() + 2];
    d[0] = '-';
    d[1] = '-';
    for (int i = 0; i < boundary.length(); i++) {
      d[i + 2] = (byte) boundary.charAt(i);
    }
    return d;
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
    int lf = indexOfLf(buf, i, last);
    return lf < 0 ? last + 1 : lf + 1;
  }

  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LF_BYTES = 0x0A0A0A0A0A0A0A0AL;
  private static final long LOW_BITS = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  /**
   * The index of the first line feed in [{@code from}, {@code to}), or -1. Tests eight bytes at a
   * time: after XOR with a word of line feeds, a matching byte is zero, and {@code (w - 0x01..) &
   * ~w & 0x80..} sets the top bit of the lowest zero byte (higher bits may be false positives, the
   * lowest never is). SOAP XML often comes as one long line, which this skips quickly.
   */
  static int indexOfLf(byte[] buf, int from, int to) {
    int i = from;
    for (int end = to - 8; i <= end; i += 8) {
      long w = (long) LONG_LE.get(buf, i) ^ LF_BYTES;
      long zero = (w - LOW_BITS) & ~w & HIGH_BITS;
      if (zero != 0) {
        return i + (Long.numberOfTrailingZeros(zero) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether {@code prefix} (a delimiter, so "--" and the boundary) is at {@code i}. Most lines fail
   * on the first byte; the rest are compared by the JDK's vectorised range comparison.
   */
  private static boolean startsWith(byte[] buf, int i, byte[] prefix) {
    int n = prefix.length;
    return buf[i] == prefix[0] && java.util.Arrays.equals(buf, i, i + n, prefix, 0, n);
  }

  private static int skipLine(byte[] buf, int i, int to) {
    int lf = indexOfLf(buf, i, to);
    return lf < 0 ? to + 1 : lf + 1;
  }

  private static MimeEntity part(
      byte[] buf, int from, int to, int depth, Mm7Limits limits, Counter counter) {
    List<Header> headers = new ArrayList<>(4);
    String ctValue = "text/plain";
    int i = from;
    while (i < to) {
      int eol = indexOfLf(buf, i, to);
      if (eol < 0) {
        eol = to;
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
      if ((buf[i] == ' ' || buf[i] == '\t') && !headers.isEmpty()) {
        // a folded line continues the previous header
        Header last = headers.remove(headers.size() - 1);
        String more = latin1(buf, i, lineEnd).trim();
        headers.add(new Header(last.name(), (last.value() + ' ' + more).trim()));
      } else {
        int colon = headerNameEnd(buf, i, lineEnd);
        if (colon <= i) {
          // not a header: the sender left out the blank line; the body starts here
          break;
        }
        headers.add(new Header(headerName(buf, i, colon), trimmedLatin1(buf, colon + 1, lineEnd)));
      }
      i = eol + 1;
    }
    for (Header h : headers) {
      if (h.name().equalsIgnoreCase("Content-Type")) {
        ctValue = h.value();
      }
    }
    ContentType ct;
    try {
      ct = partType(ctValue);
    } catch (IllegalArgumentException e) {
      ct = ContentType.of("application/octet-stream");
    }
    // the list stays internal (MimeEntity is never handed out), so it is not copied
    return entity(headers, ct, buf, Math.min(i, to), to, depth + 1, limits, counter);
  }

  /** The header names MM7 parts carry, returned as constants when spelt exactly so. */
  private static final String[] KNOWN_NAMES = {
    "Content-Type",
    "Content-ID",
    "Content-Id",
    "Content-Transfer-Encoding",
    "Content-Location",
    "Content-Disposition",
    "Content-Length"
  };

  private static String headerName(byte[] buf, int from, int to) {
    int n = to - from;
    for (String known : KNOWN_NAMES) {
      if (known.length() == n && matches(buf, from, known)) {
        return known;
      }
    }
    return latin1(buf, from, to).trim();
  }

  private static boolean matches(byte[] buf, int from, String ascii) {
    for (int k = 0; k < ascii.length(); k++) {
      if (buf[from + k] != ascii.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** {@code latin1(buf, from, to).trim()} without the untrimmed copy. */
  private static String trimmedLatin1(byte[] buf, int from, int to) {
    while (from < to && (buf[from] & 0xff) <= ' ') {
      from++;
    }
    while (to > from && (buf[to - 1] & 0xff) <= ' ') {
      to--;
    }
    return latin1(buf, from, to);
  }

  private static String latin1(byte[] buf, int from, int to) {
    return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
  }

  private static ContentType partType(String value) {
    return ContentType.parse(value.trim());
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
}
