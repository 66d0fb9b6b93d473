package org.mmskit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.mmskit.core.MmsPart;

/**
 * Turns an {@link MmsPart} into the {@code parts} entry the CLI prints: {@code contentType} (media
 * type without parameters), {@code charset}, {@code name}, {@code contentId}, {@code
 * contentLocation}, {@code size} and {@code sha256} (hex) of the body, and for text parts when
 * asked the {@code text} (decoded with the part's charset; cut, with {@code "textTruncated":true},
 * past the limit). Absent values are left out. Shared by {@code pdu decode}, {@code listen} and
 * {@code simulate}.
 */
final class PartJson {
  private PartJson() {}

  /** No text shown. */
  static final int NO_TEXT = -1;

  /** The JSON object describing one part, without its text; reads the body once. */
  static Map<String, Object> of(MmsPart part) throws IOException {
    return of(part, NO_TEXT);
  }

  /**
   * The JSON object describing one part; for a {@code text/*} part, also its first {@code
   * maxTextChars} characters (none when negative).
   */
  static Map<String, Object> of(MmsPart part, int maxTextChars) throws IOException {
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
    if (maxTextChars >= 0 && isText(part)) {
      putText(m, part, maxTextChars);
    }
    return m;
  }

  private static boolean isText(MmsPart part) {
    return part.contentType().mediaType().toLowerCase(Locale.ROOT).startsWith("text/");
  }

  private static void putText(Map<String, Object> m, MmsPart part, int maxChars)
      throws IOException {
    Charset cs = StandardCharsets.UTF_8;
    if (part.charset().isPresent()) {
      try {
        cs = Charset.forName(part.charset().get());
      } catch (RuntimeException unknown) {
        m.put("textError", "unknown charset " + part.charset().get());
        return;
      }
    }
    // Reads no more than the shown text can need: a character takes at most 4 bytes in MMS
    // charsets.
    long limit = Math.min((long) maxChars * 4 + 4, Integer.MAX_VALUE - 8);
    byte[] head;
    try (InputStream in = part.openStream()) {
      head = in.readNBytes((int) limit);
    }
    String text = new String(head, cs);
    // The head holds more than maxChars characters whenever the body was longer than it.
    boolean cut = text.codePointCount(0, text.length()) > maxChars;
    if (cut) {
      text = text.substring(0, text.offsetByCodePoints(0, maxChars));
    }
    m.put("text", text);
    if (cut) {
      m.put("textTruncated", Boolean.TRUE);
    }
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
