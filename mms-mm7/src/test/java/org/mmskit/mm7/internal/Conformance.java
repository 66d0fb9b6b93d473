package org.mmskit.mm7.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;

/** Access to the shared conformance samples in {@code ../shared/conformance/mm7}. */
final class Conformance {
  private Conformance() {}

  /** The MM7 sample folder; skips the calling test when the shared folder is absent. */
  static Path mm7Dir() {
    String shared = System.getProperty("mmskit.shared");
    Assumptions.assumeTrue(shared != null, "system property mmskit.shared not set");
    Path dir = Path.of(shared, "conformance", "mm7");
    Assumptions.assumeTrue(
        Files.isDirectory(dir),
        "shared conformance folder absent: " + dir.toAbsolutePath().normalize());
    return dir;
  }

  /** A sample as it would arrive: Content-Type from its HTTP headers or guessed, and the body. */
  record Sample(String name, String contentType, byte[] body) {}

  static Sample load(String name) throws IOException {
    byte[] all = Files.readAllBytes(mm7Dir().resolve(name));
    String head = new String(all, 0, Math.min(all.length, 16), StandardCharsets.ISO_8859_1);
    if (head.startsWith("POST ") || head.startsWith("HTTP/")) {
      int i = 0;
      String contentType = null;
      StringBuilder headers = new StringBuilder();
      while (i < all.length) {
        int eol = i;
        while (eol < all.length && all[eol] != '\n') {
          eol++;
        }
        String line = new String(all, i, eol - i, StandardCharsets.ISO_8859_1).replace("\r", "");
        i = eol + 1;
        if (line.isEmpty()) {
          break;
        }
        if (line.startsWith(" ") || line.startsWith("\t")) {
          headers.append(' ').append(line.trim());
        } else {
          headers.append('\n').append(line);
        }
      }
      for (String h : headers.toString().split("\n")) {
        if (h.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
          contentType = h.substring(13).trim();
        }
      }
      return new Sample(name, contentType, Arrays.copyOfRange(all, i, all.length));
    }
    // body only: a multipart body starts (after an optional preamble) with its boundary line
    String text = new String(all, 0, Math.min(all.length, 4096), StandardCharsets.ISO_8859_1);
    for (String line : text.split("\r?\n")) {
      if (line.startsWith("--") && line.length() > 2) {
        String boundary = line.substring(2).trim();
        return new Sample(
            name, "multipart/related; type=\"text/xml\"; boundary=\"" + boundary + "\"", all);
      }
      if (line.trim().startsWith("<")) {
        break;
      }
    }
    return new Sample(name, "text/xml; charset=utf-8", all);
  }
}
