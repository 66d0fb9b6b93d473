package org.mmskit.mm1.internal;

import java.io.ByteArrayOutputStream;

/**
 * The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038 §6.2.1), and the packing
 * of septets into octets (§6.1.2.1.1). National language shift tables are not supported: a
 * character they would give is read from the default tables.
 */
final class Gsm7 {
  private Gsm7() {}

  static final int ESCAPE = 0x1B;

  private static final String BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

  /** Pairs of (septet after ESC, character). */
  private static final String EXTENSION = "\n\f\u0014^({)}/\\<[=~>]@|e€";

  static {
    if (BASIC.length() != 128) {
      throw new AssertionError("GSM 7-bit table has " + BASIC.length() + " entries");
    }
  }

  /** The text of unpacked septets; an unknown extension character reads as its basic one. */
  static String decode(int[] septets, int from, int to) {
    StringBuilder sb = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      int s = septets[i];
      if (s == ESCAPE && i + 1 < to) {
        int e = septets[++i];
        char c = extension(e);
        sb.append(c != 0 ? c : BASIC.charAt(e));
      } else {
        sb.append(BASIC.charAt(s));
      }
    }
    return sb.toString();
  }

  private static char extension(int septet) {
    for (int i = 0; i < EXTENSION.length(); i += 2) {
      if (EXTENSION.charAt(i) == septet) {
        return EXTENSION.charAt(i + 1);
      }
    }
    return 0;
  }

  /** True when every character of the text has a GSM 7-bit code (basic or extension). */
  static boolean canEncode(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (BASIC.indexOf(c) < 0 && (c == ESCAPE || extensionCode(c) < 0)) {
        return false;
      }
    }
    return true;
  }

  private static int extensionCode(char c) {
    for (int i = 1; i < EXTENSION.length(); i += 2) {
      if (EXTENSION.charAt(i) == c) {
        return EXTENSION.charAt(i - 1);
      }
    }
    return -1;
  }

  /** The septets of a text; a character the alphabet lacks raises IllegalArgumentException. */
  static int[] encode(CharSequence text) {
    int[] out = new int[text.length() * 2];
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int b = c == ESCAPE ? -1 : BASIC.indexOf(c);
      if (b >= 0) {
        out[n++] = b;
        continue;
      }
      int e = extensionCode(c);
      if (e < 0) {
        throw new IllegalArgumentException(
            "character U+" + Integer.toHexString(c) + " has no GSM 7-bit code (index " + i + ")");
      }
      out[n++] = ESCAPE;
      out[n++] = e;
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /** Reads {@code count} septets packed from bit 0 of {@code data[offset]}. */
  static int[] unpack(byte[] data, int offset, int count) {
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      int bit = i * 7;
      int at = offset + bit / 8;
      int shift = bit % 8;
      int v = (data[at] & 0xFF) >>> shift;
      if (shift > 1) {
        v |= (data[at + 1] & 0xFF) << (8 - shift);
      }
      out[i] = v & 0x7F;
    }
    return out;
  }

  /** The number of octets {@code count} septets take. */
  static int packedLength(int count) {
    return (count * 7 + 7) / 8;
  }

  /** Packs septets after {@code skipSeptets} leading septets left zero (the fill of a header). */
  static void pack(int[] septets, int skipSeptets, ByteArrayOutputStream out, int octetsBefore) {
    int total = skipSeptets + septets.length;
    byte[] packed = new byte[packedLength(total)];
    for (int i = 0; i < septets.length; i++) {
      int bit = (skipSeptets + i) * 7;
      int at = bit / 8;
      int shift = bit % 8;
      packed[at] |= (byte) (septets[i] << shift);
      if (shift > 1) {
        packed[at + 1] |= (byte) (septets[i] >>> (8 - shift));
      }
    }
    out.write(packed, octetsBefore, packed.length - octetsBefore);
  }
}
