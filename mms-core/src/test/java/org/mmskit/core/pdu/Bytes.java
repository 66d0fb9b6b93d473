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

  static String hex(byte[] b) {
    return HexFormat.ofDelimiter(" ").formatHex(b);
  }
}
