package org.mmskit.core.internal.wsp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Stateless helpers to read WSP primitive values from a byte array. */
public final class WspReader {
  private WspReader() {}

  /**
   * The index just after the WSP value starting at {@code pos}: a Short-length or Length-quote
   * (0x1F + Uintvar) value, a NUL-terminated text (first octet 0x20-0x7F), or a single octet of
   * 0x80 or more. Returns -1 when the value runs past {@code end} or its length is malformed.
   */
  public static int valueEnd(byte[] b, int pos, int end) {
    if (pos >= end) {
      return -1;
    }
    int o = b[pos] & 0xFF;
    if (o >= 0x80) {
      return pos + 1;
    }
    if (o <= 30) {
      int e = pos + 1 + o;
      return e <= end ? e : -1;
    }
    if (o == 31) {
      long v = 0;
      int p = pos + 1;
      for (int i = 0; ; i++) {
        if (p >= end || i == 5) {
          return -1;
        }
        int c = b[p++] & 0xFF;
        v = (v << 7) | (c & 0x7F);
        if ((c & 0x80) == 0) {
          break;
        }
      }
      long e = p + v;
      return e <= end ? (int) e : -1;
    }
    return nul(b, pos, end);
  }

  /** The index just after the NUL that ends a text starting at pos, or -1. */
  public static int nul(byte[] b, int pos, int end) {
    for (int i = pos; i < end; i++) {
      if (b[i] == 0) {
        return i + 1;
      }
    }
    return -1;
  }

  /**
   * Text octets as a String: ASCII fast path, else UTF-8 when valid, else ISO-8859-1 (so that no
   * octet is lost).
   */
  public static String text(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] < 0) {
        return validUtf8(b, i, to)
            ? new String(b, from, to - from, StandardCharsets.UTF_8)
            : new String(b, from, to - from, StandardCharsets.ISO_8859_1);
      }
    }
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
  }

  /**
   * Text octets in the charset of a MIBenum, or null when they are not valid in it (the caller then
   * keeps the octets as they are).
   */
  public static String text(byte[] b, int from, int to, int mib) {
    if (mib == 0) {
      return text(b, from, to);
    }
    Charset cs = Charsets.codec(mib);
    if (cs == StandardCharsets.ISO_8859_1) {
      return new String(b, from, to - from, cs);
    }
    if (cs == StandardCharsets.UTF_8) {
      return validUtf8(b, from, to) ? new String(b, from, to - from, cs) : null;
    }
    try {
      return cs.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, from, to - from))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  static boolean validUtf8(byte[] b, int i, int to) {
    while (i < to) {
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        i++;
        continue;
      }
      int n;
      int min;
      if (c >= 0xC2 && c <= 0xDF) {
        n = 1;
        min = 0x80;
      } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        min = 0x800;
      } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        min = 0x10000;
      } else {
        return false;
      }
      if (i + n >= to) {
        return false;
      }
      int cp = c & (0x3F >> n);
      for (int k = 1; k <= n; k++) {
        int d = b[i + k] & 0xFF;
        if ((d & 0xC0) != 0x80) {
          return false;
        }
        cp = (cp << 6) | (d & 0x3F);
      }
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return false;
      }
      i += n + 1;
    }
    return true;
  }
}
