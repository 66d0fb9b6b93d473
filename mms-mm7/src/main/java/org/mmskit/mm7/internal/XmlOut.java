package org.mmskit.mm7.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal XML writer straight into a growing UTF-8 byte buffer: elements, attributes and escaped
 * text, with the bytes of element tags prepared once per {@link Tag}. The encoding of text equals
 * {@code String.getBytes(UTF_8)} (an unpaired surrogate becomes {@code ?}). Not thread-safe; one
 * per message.
 */
final class XmlOut {

  /** An element name with its start and end tags, prefixed ({@code mm7:}) and plain, as bytes. */
  static final class Tag {
    final String name;
    private final byte[] openPrefixed;
    private final byte[] openPlain;
    private final byte[] closePrefixed;
    private final byte[] closePlain;

    Tag(String name) {
      this.name = name;
      this.openPrefixed = ascii("<mm7:" + name + ">");
      this.openPlain = ascii("<" + name + ">");
      this.closePrefixed = ascii("</mm7:" + name + ">");
      this.closePlain = ascii("</" + name + ">");
    }
  }

  /** Bit 1: plain in text; bit 2: plain in an attribute value. */
  private static final byte[] ASCII_CLASS = new byte[128];

  static {
    for (int c = 0x20; c < 0x80; c++) {
      ASCII_CLASS[c] = 3;
    }
    ASCII_CLASS['\n'] = 3;
    ASCII_CLASS['\t'] = 3;
    ASCII_CLASS['<'] = 0;
    ASCII_CLASS['>'] = 0;
    ASCII_CLASS['&'] = 0;
    ASCII_CLASS['"'] = 1;
  }

  private static final byte[] LT = ascii("&lt;");
  private static final byte[] GT = ascii("&gt;");
  private static final byte[] AMP = ascii("&amp;");
  private static final byte[] QUOT = ascii("&quot;");
  private static final byte[] CR = ascii("&#13;");
  private static final byte[] HEX = ascii("0123456789abcdef");

  private byte[] buf;
  private int pos;
  private final boolean prefixed;
  private EncodedParts encodedParts;

  /**
   * @param buffer where to write from its start; replaced by a larger copy when full (see {@link
   *     #buffer()})
   * @param prefixed true writes {@link Tag}s and named elements with the {@code mm7:} prefix
   */
  XmlOut(byte[] buffer, boolean prefixed) {
    this.buf = buffer;
    this.prefixed = prefixed;
  }

  /** Part bodies in base64 go through {@code parts}, which may hold their text already. */
  XmlOut encodedParts(EncodedParts parts) {
    this.encodedParts = parts;
    return this;
  }

  /** The buffer written to, larger than the one given when it had to grow. */
  byte[] buffer() {
    return buf;
  }

  /** The bytes of an ASCII constant. */
  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** The number of bytes written so far. */
  int position() {
    return pos;
  }

  /** A copy of the bytes in {@code [from, to)}. */
  byte[] copy(int from, int to) {
    return Arrays.copyOfRange(buf, from, to);
  }

  /** The bytes in {@code [from, to)} decoded as UTF-8. */
  String string(int from, int to) {
    return new String(buf, from, to - from, StandardCharsets.UTF_8);
  }

  private void ensure(long extra) {
    if (buf.length - pos < extra) {
      long need = pos + extra;
      long grown = Math.max(need, (long) buf.length * 2);
      if (grown > Integer.MAX_VALUE - 8) {
        if (need > Integer.MAX_VALUE - 8) {
          throw new IllegalArgumentException("MM7 envelope too large to write");
        }
        grown = Integer.MAX_VALUE - 8;
      }
      buf = Arrays.copyOf(buf, (int) grown);
    }
  }

  /** Appends bytes as they are. */
  XmlOut raw(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
    return this;
  }

  /** Appends {@code body} in MIME base64 lines (see {@link Base64Lines}). */
  XmlOut base64(byte[] body) {
    ensure(Mm7Payload.base64Length(body.length));
    pos =
        encodedParts == null
            ? Base64Lines.encodeInto(body, 0, body.length, false, buf, pos)
            : encodedParts.encodeInto(body, buf, pos);
    return this;
  }

  /** Appends again the bytes already written in {@code [from, to)}. */
  XmlOut again(int from, int to) {
    ensure(to - from);
    System.arraycopy(buf, from, buf, pos, to - from);
    pos += to - from;
    return this;
  }

  /**
   * Appends {@code v} in lower-case hexadecimal without leading zeros, as {@link Long#toHexString}.
   */
  XmlOut hex(long v) {
    ensure(16);
    int digits = Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 3) / 4);
    byte[] b = buf;
    int p = pos;
    for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
      b[p++] = HEX[(int) (v >>> shift) & 0xF];
    }
    pos = p;
    return this;
  }

  /**
   * Appends the non-negative {@code v} in decimal, zero-padded to at least {@code width} digits.
   */
  XmlOut digits(long v, int width) {
    ensure(20);
    int n = 1;
    for (long rest = v / 10; rest > 0; rest /= 10) {
      n++;
    }
    n = Math.max(n, width);
    byte[] b = buf;
    int end = pos + n;
    for (int i = end - 1; i >= pos; i--) {
      b[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    pos = end;
    return this;
  }

  /** Appends one byte. */
  XmlOut raw(int b) {
    ensure(1);
    buf[pos++] = (byte) b;
    return this;
  }

  /** Appends the UTF-8 bytes of {@code s} without escaping. */
  XmlOut chars(String s) {
    int n = s.length();
    ensure(3L * n);
    byte[] b = buf;
    int p = pos;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        b[p++] = (byte) c;
      } else {
        pos = p;
        i = encode(s, i, c);
        p = pos;
      }
    }
    pos = p;
    return this;
  }

  XmlOut open(Tag t) {
    return raw(prefixed ? t.openPrefixed : t.openPlain);
  }

  XmlOut close(Tag t) {
    return raw(prefixed ? t.closePrefixed : t.closePlain);
  }

  /**
   * Starts a tag whose attributes follow; finish it with {@link #endAttrs()} or {@link
   * #selfClose()}.
   */
  XmlOut openWithAttrs(Tag t) {
    byte[] open = prefixed ? t.openPrefixed : t.openPlain;
    ensure(open.length);
    System.arraycopy(open, 0, buf, pos, open.length - 1);
    pos += open.length - 1;
    return this;
  }

  /** Starts a tag of a name known only at run time (ASCII); attributes may follow. */
  XmlOut openWithAttrs(String name) {
    ensure(name.length() + 5);
    buf[pos++] = '<';
    prefix();
    name(name);
    return this;
  }

  XmlOut close(String name) {
    ensure(name.length() + 7);
    buf[pos++] = '<';
    buf[pos++] = '/';
    prefix();
    name(name);
    buf[pos++] = '>';
    return this;
  }

  private void prefix() {
    if (prefixed) {
      buf[pos++] = 'm';
      buf[pos++] = 'm';
      buf[pos++] = '7';
      buf[pos++] = ':';
    }
  }

  /** An ASCII name; room was ensured by the caller. */
  private void name(String name) {
    byte[] b = buf;
    int p = pos;
    for (int i = 0; i < name.length(); i++) {
      b[p++] = (byte) name.charAt(i);
    }
    pos = p;
  }

  /** An attribute with an ASCII name and an escaped value. */
  XmlOut attr(String name, String value) {
    ensure(name.length() + 3);
    buf[pos++] = ' ';
    name(name);
    buf[pos++] = '=';
    buf[pos++] = '"';
    escape(value, 2);
    raw('"');
    return this;
  }

  XmlOut endAttrs() {
    return raw('>');
  }

  XmlOut selfClose() {
    ensure(2);
    buf[pos++] = '/';
    buf[pos++] = '>';
    return this;
  }

  /** {@code <name>value</name>}, or nothing when {@code value} is null. */
  XmlOut leaf(Tag t, String value) {
    if (value != null) {
      byte[] open = prefixed ? t.openPrefixed : t.openPlain;
      byte[] close = prefixed ? t.closePrefixed : t.closePlain;
      ensure(open.length + close.length + 6L * value.length());
      put(open);
      escapeUnchecked(value, 1);
      put(close);
    }
    return this;
  }

  /** {@code <name>value</name>} without prefix whatever the writer's style (SOAP fault fields). */
  XmlOut plainLeaf(Tag t, String value) {
    if (value != null) {
      raw(t.openPlain);
      escape(value, 1);
      raw(t.closePlain);
    }
    return this;
  }

  XmlOut text(String value) {
    escape(value, 1);
    return this;
  }

  /**
   * Escapes markup characters; a carriage return becomes a character reference so that it survives
   * parsing, and a control character XML 1.0 cannot carry becomes U+FFFD.
   *
   * @param plainBit 1 for text, 2 for an attribute value (where {@code "} is escaped too)
   */
  private void escape(String s, int plainBit) {
    ensure(6L * s.length());
    escapeUnchecked(s, plainBit);
  }

  /** {@link #escape}, room for 6 bytes per char having been ensured by the caller. */
  private void escapeUnchecked(String s, int plainBit) {
    int n = s.length();
    byte[] b = buf;
    int p = pos;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80 && (ASCII_CLASS[c] & plainBit) != 0) {
        b[p++] = (byte) c;
        continue;
      }
      pos = p;
      switch (c) {
        case '<':
          put(LT);
          break;
        case '>':
          put(GT);
          break;
        case '&':
          put(AMP);
          break;
        case '"':
          put(QUOT);
          break;
        case '\r':
          put(CR);
          break;
        default:
          if (c < 0x20) {
            // not representable in XML 1.0: replace rather than emit ill-formed XML
            i = encode(s, i, '\uFFFD');
          } else {
            i = encode(s, i, c);
          }
      }
      p = pos;
    }
    pos = p;
  }

  /** Appends constant bytes; room was ensured by the caller. */
  private void put(byte[] b) {
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
  }

  /**
   * Writes the non-ASCII char {@code c} (found at {@code s[i]}) as UTF-8, pairing it with the next
   * char when it is a surrogate pair; room for 3 bytes per char was ensured by the caller. Returns
   * the index of the last char consumed.
   */
  private int encode(String s, int i, char c) {
    byte[] b = buf;
    int p = pos;
    if (c < 0x800) {
      b[p++] = (byte) (0xC0 | (c >> 6));
      b[p++] = (byte) (0x80 | (c & 0x3F));
    } else if (Character.isSurrogate(c)) {
      char c2;
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(c2 = s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, c2);
        b[p++] = (byte) (0xF0 | (cp >> 18));
        b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (cp & 0x3F));
        i++;
      } else {
        b[p++] = '?';
      }
    } else {
      b[p++] = (byte) (0xE0 | (c >> 12));
      b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
      b[p++] = (byte) (0x80 | (c & 0x3F));
    }
    pos = p;
    return i;
  }
}
