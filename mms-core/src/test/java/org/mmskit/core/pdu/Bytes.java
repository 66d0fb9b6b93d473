package org.mmskit.core.pdu;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Builds byte arrays for hand-written PDUs: ints are octets, strings are their UTF-8 octets. */
final class Bytes {
  private Bytes() {}

  static byte[] of(Object... items) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object o : items) {
      if (o instanceof Integer) {
        int v = (Integer) o;
        if (v < 0 || v > 0xFF) {
          throw new IllegalArgumentException("not an octet: " + v);
        }
        out.write(v);
      } else if (o instanceof String) {
        out.writeBytes(((String) o).getBytes(StandardCharsets.UTF_8));
      } else if (o instanceof byte[]) {
        out.writeBytes((byte[]) o);
      } else {
        throw new IllegalArgumentException("unsupported item " + o);
      }
    }
    return out.toByteArray();
  }

  /**
   * Builds bytes from specs, one per header so that each can carry its own comment: a spec is hex
   * octets and 'quoted text' (UTF-8) separated by spaces, e.g. {@code "98 'T1' 00"}; byte arrays
   * are appended as they are.
   */
  static byte[] spec(Object... items) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object o : items) {
      if (o instanceof byte[]) {
        out.writeBytes((byte[]) o);
        continue;
      }
      String s = (String) o;
      int i = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == ' ') {
          i++;
        } else if (c == '\'') {
          int end = s.indexOf('\'', i + 1);
          out.writeBytes(s.substring(i + 1, end).getBytes(StandardCharsets.UTF_8));
          i = end + 1;
        } else {
          out.write(Integer.parseInt(s.substring(i, i + 2), 16));
          i += 2;
        }
      }
    }
    return out.toByteArray();
  }

  static String hex(byte[] b) {
    return HexFormat.ofDelimiter(" ").formatHex(b);
  }
}
