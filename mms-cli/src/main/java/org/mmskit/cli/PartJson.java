package org.mmskit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mmskit.core.MmsPart;

/**
 * Turns an {@link MmsPart} into the {@code parts} entry the CLI prints: {@code contentType} (media
 * type without parameters), {@code charset}, {@code name}, {@code contentId}, {@code
 * contentLocation}, {@code size} and {@code sha256} (hex) of the body. Absent values are left out.
 * Shared by {@code pdu decode} and {@code listen}.
 */
final class PartJson {
  private PartJson() {}

  /** The JSON object (insertion-ordered map) describing one part; reads the body once. */
  static Map<String, Object> of(MmsPart part) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("contentType", part.contentType().mediaType());
    m.put("charset", part.charset().orElse(null));
    m.put("name", part.name().orElse(null));
    m.put("contentId", part.contentId().orElse(null));
    m.put("contentLocation", part.contentLocation().orElse(null));
    MessageDigest sha = sha256();
    long size = 0;
    if (part.inMemory()) {
      byte[] body = part.bytes();
      sha.update(body);
      size = body.length;
    } else {
      byte[] buf = new byte[8192];
      try (InputStream in = part.openStream()) {
        int n;
        while ((n = in.read(buf)) > 0) {
          sha.update(buf, 0, n);
          size += n;
        }
      }
    }
    m.put("size", size);
    m.put("sha256", HexFormat.of().formatHex(sha.digest()));
    return m;
  }

  /** The hex SHA-256 of some bytes. */
  static String sha256Hex(byte[] data) {
    return HexFormat.of().formatHex(sha256().digest(data));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
