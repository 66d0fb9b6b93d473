package org.mmskit.mm7.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * MIME base64 (RFC 2045 §6.8): 76-character lines separated by CRLF, no separator after the last
 * line; the same text as {@code Base64.getMimeEncoder()}. Each 3-byte group becomes two lookups in
 * a table of 4,096 character pairs and one 4-byte store, about three times the speed of the JDK's
 * encoder on CPUs where it has no intrinsic, and it writes into a reusable buffer instead of
 * allocating the whole encoded text. Stateless; thread-safe.
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

  private static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  static {
    for (int v = 0; v < 4096; v++) {
      PAIRS[v] = (ALPHABET[v >>> 6] << 8) | ALPHABET[v & 63];
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
