package org.mmskit.mm7.internal;

import java.util.List;
import java.util.Optional;
import org.mmskit.core.ContentType;
import org.mmskit.core.Header;

/**
 * One parsed MIME entity: its headers, content type, decoded body and, for a multipart, its
 * children. Immutable.
 */
record MimeEntity(
    List<Header> headers,
    ContentType contentType,
    byte[] body,
    List<MimeEntity> children,
    String id) {

  /** An entity; its normalised Content-ID is worked out once, here. */
  static MimeEntity of(
      List<Header> headers, ContentType contentType, byte[] body, List<MimeEntity> children) {
    String raw = null;
    for (int i = 0, n = headers.size(); i < n; i++) {
      if (headers.get(i).name().equalsIgnoreCase("Content-ID")) {
        raw = headers.get(i).value();
        break;
      }
    }
    String id = raw == null ? null : normaliseId(raw);
    return new MimeEntity(
        headers, contentType, body, children, id == null || id.isEmpty() ? null : id);
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(headerOrNull(name));
  }

  private String headerOrNull(String name) {
    for (int i = 0, n = headers.size(); i < n; i++) {
      Header h = headers.get(i);
      if (h.name().equalsIgnoreCase(name)) {
        return h.value();
      }
    }
    return null;
  }

  /** The Content-ID without angle brackets, spaces or a {@code cid:} prefix. */
  Optional<String> contentId() {
    return Optional.ofNullable(contentIdOrNull());
  }

  /** As {@link #contentId}, null when absent or empty. */
  String contentIdOrNull() {
    return id;
  }

  Optional<String> contentLocation() {
    return Optional.ofNullable(contentLocationOrNull());
  }

  /** The trimmed Content-Location, null when absent or empty. */
  String contentLocationOrNull() {
    String raw = headerOrNull("Content-Location");
    String location = raw == null ? null : raw.trim();
    return location == null || location.isEmpty() ? null : location;
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

  /** The media type, lower case (as {@link ContentType} keeps it). */
  String mediaType() {
    return contentType.mediaType();
  }
}
