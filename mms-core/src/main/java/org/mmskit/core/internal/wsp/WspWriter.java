package org.mmskit.core.internal.wsp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Appends WSP primitive values to a growable array. For headers, which are small. */
public final class WspWriter {
  private byte[] buf;
  private int size;

  public WspWriter(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  public int size() {
    return size;
  }

  /** The written bytes (the internal array, valid up to {@link #size()}). */
  public byte[] array() {
    return buf;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  public void reset() {
    size = 0;
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }

  public void octet(int v) {
    ensure(1);
    buf[size++] = (byte) v;
  }

  public void bytes(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  public void bytes(byte[] b) {
    bytes(b, 0, b.length);
  }

  /** The number of octets of a Uintvar. */
  public static int uintvarLength(long v) {
    int n = 1;
    while ((v >>>= 7) != 0) {
      n++;
    }
    return n;
  }

  public void uintvar(long v) {
    int n = uintvarLength(v);
    ensure(n);
    for (int i = n - 1; i >= 0; i--) {
      int g = (int) (v >>> (7 * i)) & 0x7F;
      buf[size++] = (byte) (i > 0 ? g | 0x80 : g);
    }
  }

  /** Static version writing into an array at pos; returns the new position. */
  public static int uintvar(byte[] out, int pos, long v) {
    int n = uintvarLength(v);
    for (int i = n - 1; i >= 0; i--) {
      int g = (int) (v >>> (7 * i)) & 0x7F;
      out[pos++] = (byte) (i > 0 ? g | 0x80 : g);
    }
    return pos;
  }

  /** The octets of a Value-length for a value of len octets. */
  public static int valueLengthLength(int len) {
    return len <= 30 ? 1 : 1 + uintvarLength(len);
  }

  public void valueLength(int len) {
    if (len <= 30) {
      octet(len);
    } else {
      octet(0x1F);
      uintvar(len);
    }
  }

  /** The octets of a Long-integer (without the length octet). */
  public static int longIntegerOctets(long v) {
    int n = 1;
    while ((v >>>= 8) != 0) {
      n++;
    }
    return n;
  }

  public void longInteger(long v) {
    int n = longIntegerOctets(v);
    ensure(n + 1);
    buf[size++] = (byte) n;
    for (int i = n - 1; i >= 0; i--) {
      buf[size++] = (byte) (v >>> (8 * i));
    }
  }

  /** Short-integer when below 128, else Long-integer. */
  public void integerValue(long v) {
    if (v < 128) {
      octet(0x80 | (int) v);
    } else {
      longInteger(v);
    }
  }

  public static int integerValueLength(long v) {
    return v < 128 ? 1 : 1 + longIntegerOctets(v);
  }

  /** Text octets: UTF-8, or the given bytes; refuses NUL. */
  public static byte[] utf8(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == 0) {
        throw new IllegalArgumentException("text holds a NUL character");
      }
    }
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Writes a Text-string: quote if the first octet is 0x7F or more, the octets, NUL. Refuses NUL
   * and a first character below 0x20, which would be read as a length.
   */
  public void textString(String s) {
    int n = s.length();
    if (n > 0 && s.charAt(0) < 0x20) {
      throw new IllegalArgumentException("text starts with control character " + (int) s.charAt(0));
    }
    ensure(n + 3);
    boolean ascii = true;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == 0) {
        throw new IllegalArgumentException("text holds a NUL character");
      }
      if (c >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      if (n > 0 && s.charAt(0) == 0x7F) {
        buf[size++] = 0x7F;
      }
      for (int i = 0; i < n; i++) {
        buf[size++] = (byte) s.charAt(i);
      }
      buf[size++] = 0;
    } else {
      textOctets(s.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Writes a Text-string where the reader takes any octets up to NUL (application header values):
   * no check of the first character.
   */
  public void textStringLenient(String s) {
    textOctets(utf8(s));
  }

  /**
   * Writes text a reader may take as Text-string or Quoted-string (dropping a leading quote): a
   * value that starts with a double quote gets one more.
   */
  public void textValue(String s) {
    if (!s.isEmpty() && s.charAt(0) == '"') {
      octet(0x22);
      bytes(utf8(s));
      octet(0);
    } else {
      textString(s);
    }
  }

  /** Writes text octets as a Text-string (quote when needed, then NUL). */
  public void textOctets(byte[] t) {
    ensure(t.length + 2);
    if (t.length > 0 && (t[0] & 0xFF) >= 0x7F) {
      buf[size++] = 0x7F;
    }
    System.arraycopy(t, 0, buf, size, t.length);
    size += t.length;
    buf[size++] = 0;
  }

  /**
   * Writes text octets inside a length-delimited value (Encoded-string-value with charset): no
   * quote unless the first octet is 0x7F itself, as real PDUs and Wireshark expect; then NUL.
   */
  public void delimitedText(byte[] t) {
    ensure(t.length + 2);
    if (t.length > 0 && t[0] == 0x7F) {
      buf[size++] = 0x7F;
    }
    System.arraycopy(t, 0, buf, size, t.length);
    size += t.length;
    buf[size++] = 0;
  }

  /** The length of {@link #delimitedText(byte[])}. */
  public static int delimitedTextLength(byte[] t) {
    return t.length + 1 + (t.length > 0 && t[0] == 0x7F ? 1 : 0);
  }

  /** The length of {@link #textOctets(byte[])}. */
  public static int textOctetsLength(byte[] t) {
    return t.length + 1 + (t.length > 0 && (t[0] & 0xFF) >= 0x7F ? 1 : 0);
  }

  /** Writes Token-text: ASCII token characters, then NUL. */
  public void tokenText(String s) {
    int n = s.length();
    if (n == 0) {
      throw new IllegalArgumentException("empty token");
    }
    ensure(n + 1);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c >= 0x7F) {
        throw new IllegalArgumentException("not a token: " + s);
      }
      buf[size++] = (byte) c;
    }
    buf[size++] = 0;
  }

  /** Writes a Quoted-string: 0x22, the octets, NUL (no closing quote). */
  public void quotedString(String s) {
    octet(0x22);
    byte[] t = utf8(s);
    bytes(t);
    octet(0);
  }
}
