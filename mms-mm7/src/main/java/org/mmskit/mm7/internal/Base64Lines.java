package org.mmskit.mm7.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * MIME base64 (RFC 2045 §6.8): 76-character lines separated by CRLF, no separator after the last
 * line; the same text as {@code Base64.getMimeEncoder()}.
 *
 * <p>Two ways to the same text. From Java 21 the JDK's encoder runs as a SIMD intrinsic on x86 with
 * AVX2 and on ARM, and it is used. Before that, on CPUs without AVX-512, the JDK's encoder is a
 * plain loop, and this class's own is faster (about 1.8 times on the project's benchmark machine):
 * each 6-byte group is one 8-byte load, four lookups in a table of 4,096 character pairs and one
 * 8-byte store, written into a reusable buffer instead of a newly allocated text. Stateless;
 * thread-safe.
 */
final class Base64Lines {
  private Base64Lines() {}

  /** Input bytes per full line. */
  static final int LINE_BYTES = 57;

  /** Characters of a full line plus its CRLF. */
  private static final int LINE_CHARS = 78;

  /** Lines per output buffer: 8,190 bytes out for 5,985 bytes in. */
  private static final int LINES_PER_CHUNK = 105;

  /** Input bytes per buffer-full of output. */
  static final int CHUNK_BYTES = LINE_BYTES * LINES_PER_CHUNK;

  /** The size of the output buffer {@link #encode} needs. */
  static final int BUFFER_SIZE = LINE_CHARS * LINES_PER_CHUNK;

  private static final byte[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** The two characters of each 12-bit value, first one in the high byte. */
  private static final int[] PAIRS = new int[4096];

  /** The same pairs as {@link #PAIRS} in half the space, for the 8-byte stores. */
  private static final char[] PAIR_CHARS = new char[4096];

  private static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /** Whether {@link #encodeInto} hands the work to the JDK (see the class comment). */
  static final boolean JDK_ENCODER = Runtime.version().feature() >= 21;

  private static final Base64.Encoder MIME = Base64.getMimeEncoder();

  /** Encoded texts up to this size go through a per-thread buffer instead of a new array. */
  private static final int SCRATCH_SIZE = 64 * 1024;

  private static final byte[] CRLF = {'\r', '\n'};

  private static final ThreadLocal<byte[]> SCRATCH =
      ThreadLocal.withInitial(() -> new byte[SCRATCH_SIZE]);

  static {
    for (int v = 0; v < 4096; v++) {
      PAIRS[v] = (ALPHABET[v >>> 6] << 8) | ALPHABET[v & 63];
      PAIR_CHARS[v] = (char) PAIRS[v];
    }
  }

  /**
   * Encodes {@code len} bytes of {@code src} from {@code off} and writes them to {@code out},
   * through {@code buf} (at least {@link #BUFFER_SIZE} bytes).
   *
   * @param continued whether lines were already written for the same body (by an earlier call with
   *     input that was a whole number of lines), so this call starts with a line separator
   */
  static void encode(byte[] src, int off, int len, boolean continued, byte[] buf, OutputStream out)
      throws IOException {
    if (JDK_ENCODER && off == 0 && len == src.length && fitsScratch(len)) {
      byte[] text = SCRATCH.get();
      int n = MIME.encode(src, text);
      if (continued && len > 0) {
        out.write(CRLF);
      }
      out.write(text, 0, n);
      return;
    }
    int end = off + len;
    boolean separate = continued;
    for (int from = off; from < end; from += CHUNK_BYTES) {
      int to = Math.min(end, from + CHUNK_BYTES);
      int o = encodeInto(src, from, to - from, separate, buf, 0);
      out.write(buf, 0, o);
      separate = true;
    }
  }

  /**
   * Encodes {@code len} bytes of {@code src} from {@code off} into {@code dst} at {@code at}, which
   * must have room for {@link Mm7Payload#base64Length} of {@code len} (plus 2 when {@code
   * continued}); returns the offset after the last character written.
   */
  static int encodeInto(byte[] src, int off, int len, boolean continued, byte[] dst, int at) {
    return JDK_ENCODER
        ? jdkInto(src, off, len, continued, dst, at)
        : tableInto(src, off, len, continued, dst, at);
  }

  /**
   * {@link #encodeInto} by the JDK's encoder, which writes only at the start of an array: the text
   * goes into a per-thread buffer (a whole array of up to 48 KB) or a new array, then is copied.
   */
  static int jdkInto(byte[] src, int off, int len, boolean continued, byte[] dst, int at) {
    if (len == 0) {
      return at;
    }
    int o = at;
    if (continued) {
      dst[o++] = '\r';
      dst[o++] = '\n';
    }
    byte[] text;
    int n;
    if (off == 0 && len == src.length && fitsScratch(len)) {
      text = SCRATCH.get();
      n = MIME.encode(src, text);
    } else {
      text = MIME.encode(ByteBuffer.wrap(src, off, len)).array();
      n = text.length;
    }
    System.arraycopy(text, 0, dst, o, n);
    return o + n;
  }

  private static boolean fitsScratch(int len) {
    return Mm7Payload.base64Length(len) <= SCRATCH_SIZE;
  }

  /** {@link #encodeInto} by this class's table. */
  static int tableInto(byte[] src, int off, int len, boolean continued, byte[] dst, int at) {
    int end = off + len;
    int o = at;
    boolean separate = continued;
    for (int line = off; line < end; line += LINE_BYTES) {
      if (separate) {
        dst[o++] = '\r';
        dst[o++] = '\n';
      }
      separate = true;
      o = line(src, line, Math.min(end, line + LINE_BYTES), dst, o);
    }
    return o;
  }

  /** Encodes what {@code in} yields until its end. Does not close either stream. */
  static void encode(InputStream in, OutputStream out) throws IOException {
    byte[] chunk = new byte[CHUNK_BYTES];
    byte[] buf = new byte[BUFFER_SIZE];
    boolean continued = false;
    while (true) {
      // readNBytes fills the chunk unless the stream ends, so every chunk but the last is a whole
      // number of lines and the line layout does not depend on how the source splits its reads.
      int n = in.readNBytes(chunk, 0, CHUNK_BYTES);
      if (n == 0) {
        return;
      }
      encode(chunk, 0, n, continued, buf, out);
      continued = true;
      if (n < CHUNK_BYTES) {
        return;
      }
    }
  }

  /** Encodes one line of input [{@code from}, {@code to}) at {@code o}; returns the new offset. */
  private static int line(byte[] src, int from, int to, byte[] buf, int o) {
    int i = from;
    // Six bytes at a time while an 8-byte load stays inside the array, then three at a time.
    for (int last = Math.min(to - 6, src.length - 8); i <= last; i += 6) {
      long w = (long) LONG_BE.get(src, i);
      long text =
          (long) PAIR_CHARS[(int) (w >>> 52)] << 48
              | (long) PAIR_CHARS[(int) (w >>> 40) & 0xfff] << 32
              | (long) PAIR_CHARS[(int) (w >>> 28) & 0xfff] << 16
              | PAIR_CHARS[(int) (w >>> 16) & 0xfff];
      LONG_BE.set(buf, o, text);
      o += 8;
    }
    for (int full = to - 2; i < full; i += 3) {
      int v = (src[i] & 0xff) << 16 | (src[i + 1] & 0xff) << 8 | (src[i + 2] & 0xff);
      INT_BE.set(buf, o, PAIRS[v >>> 12] << 16 | PAIRS[v & 0xfff]);
      o += 4;
    }
    int left = to - i;
    if (left > 0) {
      int v = (src[i] & 0xff) << 16 | (left == 2 ? (src[i + 1] & 0xff) << 8 : 0);
      buf[o++] = ALPHABET[v >>> 18];
      buf[o++] = ALPHABET[(v >>> 12) & 63];
      buf[o++] = left == 2 ? ALPHABET[(v >>> 6) & 63] : (byte) '=';
      buf[o++] = '=';
    }
    return o;
  }
}
