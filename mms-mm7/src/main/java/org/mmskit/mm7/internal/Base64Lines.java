package org.mmskit.mm7.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * MIME base64 (RFC 2045 §6.8): 76-character lines separated by CRLF, no separator after the last
 * line; the same text as {@code Base64.getMimeEncoder()}.
 *
 * <p>Two ways to the same text, chosen once by what the JVM offers:
 *
 * <ul>
 *   <li>Where HotSpot runs the JDK's encoder as a SIMD intrinsic ({@code UseBASE64Intrinsics}: from
 *       Java 17 on x86 with AVX-512 and on ARM, from Java 21 also with AVX2), the JDK's plain
 *       (unbroken) encoder writes the whole text in one call and this class cuts it into lines. The
 *       JDK's MIME encoder would do the same work with one intrinsic call per 57-byte line, which
 *       costs more than the encoding itself: on the project's benchmark machine (AVX-512, Java 17)
 *       a 20 KB attachment takes about 0.4 µs to encode unbroken, 1.9 µs with the line layout, 4.5
 *       µs through the MIME encoder and 10.5 µs through this class's table.
 *   <li>Elsewhere the JDK's encoder is a plain loop, and this class's own is faster (about 1.4
 *       times): each 6-byte group is one 8-byte load, four lookups in a table of 4,096 character
 *       pairs and one 8-byte store.
 * </ul>
 *
 * <p>Either way the text goes into a buffer the caller gives or a per-thread one, never a newly
 * allocated array per call. Stateless apart from the per-thread buffers; thread-safe.
 */
final class Base64Lines {
  private Base64Lines() {}

  /** Input bytes per full line. */
  static final int LINE_BYTES = 57;

  /** Characters of a full line, without its CRLF. */
  private static final int LINE_TEXT = 76;

  /** Characters of a full line plus its CRLF. */
  private static final int LINE_CHARS = LINE_TEXT + 2;

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

  /** Whether {@link #encodeInto} hands the encoding to the JDK (see the class comment). */
  static final boolean JDK_ENCODER = jdkEncoderIsIntrinsic();

  private static final Base64.Encoder UNBROKEN = Base64.getEncoder();

  /** Texts up to this size, line separators included, are laid out in a per-thread buffer. */
  private static final int SCRATCH_SIZE = 64 * 1024;

  private static final byte[] CRLF = {'\r', '\n'};

  /** A thread's buffers for the JDK path: the text, and a whole chunk of input to encode. */
  private static final class Scratch {
    final byte[] text = new byte[SCRATCH_SIZE];
    final byte[] chunk = new byte[CHUNK_BYTES];
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  static {
    for (int v = 0; v < 4096; v++) {
      PAIRS[v] = (ALPHABET[v >>> 6] << 8) | ALPHABET[v & 63];
      PAIR_CHARS[v] = (char) PAIRS[v];
    }
  }

  /**
   * Whether HotSpot runs {@code Base64.Encoder} as an intrinsic. The VM turns the flag off where it
   * has no intrinsic for the CPU, so the flag is the answer; where it cannot be read (no {@code
   * jdk.management}, another VM), Java 21 is taken as the sign, as x86 CPUs without AVX2 are rare.
   */
  private static boolean jdkEncoderIsIntrinsic() {
    return Runtime.version().feature() >= 21;
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
    if (off == 0 && len == src.length && writesWhole(len)) {
      jdkWrite(src, continued, out);
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
   * {@link #encode} of a whole array whose text fits the per-thread buffer, by the JDK's unbroken
   * encoder: the text is laid out in that buffer and leaves in one write.
   */
  static void jdkWrite(byte[] src, boolean continued, OutputStream out) throws IOException {
    byte[] text = SCRATCH.get().text;
    int n = spreadInPlace(text, UNBROKEN.encode(src, text));
    if (continued && n > 0) {
      out.write(CRLF);
    }
    out.write(text, 0, n);
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
   * {@link #encodeInto} by the JDK's unbroken encoder, which reads a whole array: a whole array
   * that fits the per-thread buffer is encoded at once; otherwise each whole chunk is first copied
   * into the per-thread chunk, and the last, shorter piece goes through the table.
   */
  static int jdkInto(byte[] src, int off, int len, boolean continued, byte[] dst, int at) {
    if (len == 0) {
      return at;
    }
    Scratch s = SCRATCH.get();
    int o = at;
    if (off == 0 && len == src.length && fitsScratch(len)) {
      if (continued) {
        dst[o++] = '\r';
        dst[o++] = '\n';
      }
      return spread(s.text, UNBROKEN.encode(src, s.text), dst, o);
    }
    int end = off + len;
    boolean separate = continued;
    int from = off;
    for (; end - from >= CHUNK_BYTES; from += CHUNK_BYTES) {
      System.arraycopy(src, from, s.chunk, 0, CHUNK_BYTES);
      if (separate) {
        dst[o++] = '\r';
        dst[o++] = '\n';
      }
      o = spread(s.text, UNBROKEN.encode(s.chunk, s.text), dst, o);
      separate = true;
    }
    return from < end ? tableInto(src, from, end - from, separate, dst, o) : o;
  }

  /**
   * Whether {@link #encode(byte[], int, int, boolean, byte[], OutputStream)} writes a whole array
   * of this length in one write through the per-thread buffer, without using the caller's buffer.
   */
  static boolean writesWhole(int len) {
    return JDK_ENCODER && fitsScratch(len);
  }

  private static boolean fitsScratch(int len) {
    return Mm7Payload.base64Length(len) <= SCRATCH_SIZE;
  }

  /**
   * Copies the unbroken text {@code [0, n)} of {@code text} into {@code dst} at {@code o} as lines
   * separated by CRLF; returns the offset after it.
   */
  private static int spread(byte[] text, int n, byte[] dst, int o) {
    int p = 0;
    for (; n - p > LINE_TEXT; p += LINE_TEXT) {
      System.arraycopy(text, p, dst, o, LINE_TEXT);
      o += LINE_TEXT;
      dst[o++] = '\r';
      dst[o++] = '\n';
    }
    System.arraycopy(text, p, dst, o, n - p);
    return o + n - p;
  }

  /**
   * Lays the unbroken text {@code [0, n)} of {@code text} out as lines separated by CRLF in the
   * same array, moving the last line first so that no line is overwritten before it has moved;
   * returns the text's new length.
   */
  private static int spreadInPlace(byte[] text, int n) {
    int lines = (n + LINE_TEXT - 1) / LINE_TEXT;
    for (int k = lines - 1; k > 0; k--) {
      int from = k * LINE_TEXT;
      int to = k * LINE_CHARS;
      System.arraycopy(text, from, text, to, Math.min(LINE_TEXT, n - from));
      text[to - 2] = '\r';
      text[to - 1] = '\n';
    }
    return lines > 1 ? n + 2 * (lines - 1) : n;
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
