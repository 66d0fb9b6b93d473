package org.mmskit.mm7.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mmskit.core.ContentType;
import org.mmskit.core.Header;

/**
 * One parsed MIME entity: its headers, content type, decoded body and, for a multipart, its
 * children. Immutable.
 */
record MimeEntity(
    List<Header> headers, ContentType contentType, byte[] body, List<MimeEntity> children) {

  Optional<String> header(String name) {
    for (Header h : headers) {
      if (h.name().equalsIgnoreCase(name)) {
        return Optional.of(h.value());
      }
    }
    return Optional.empty();
  }

  /** The Content-ID without angle brackets, spaces or a {@code cid:} prefix. */
  Optional<String> contentId() {
    return header("Content-ID").map(MimeEntity::normaliseId).filter(s -> !s.isEmpty());
  }

  Optional<String> contentLocation() {
    return header("Content-Location").map(String::trim).filter(s -> !s.isEmpty());
  }

  boolean isMultipart() {
    return !children.isEmpty();
  }

  /** Normalises a Content-ID or a {@code cid:} reference for comparison. */
  static String normaliseId(String id) {
    String s = id.trim();
    if (s.regionMatches(true, 0, "cid:", 0, 4)) {
      s = s.substring(4).trim();
    }
    if (s.startsWith("<")) {
      s = s.substring(1);
    }
    if (s.endsWith(">")) {
      s = s.substring(0, s.length() - 1);
    }
    s = s.trim();
    if (s.indexOf('%') >= 0) {
      try {
        s =
            java.net.URLDecoder.decode(
                s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        // keep the raw form
      }
    }
    return s;
  }

  String mediaType() {
    return contentType.mediaType().toLowerCase(Locale.ROOT);
  }
}
