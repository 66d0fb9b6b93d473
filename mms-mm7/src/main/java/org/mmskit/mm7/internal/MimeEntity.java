package org.mmskit.mm7.internal;

import java.util.List;
import java.util.Optional;
import org.mmskit.core.ContentType;
import org.mmskit.core.Header;

/**
 * One parsed MIME entity: its headers, content type, body and, for a multipart, its children. The
 * body stays a range of the message it was read from until {@link #body()} asks for it: the SOAP
 * part is parsed where it lies (see {@link #rawRange()}), and only the parts handed on are copied
 * out. Immutable as long as the message array is not changed.
 */
record MimeEntity(
    List<Header> headers,
    ContentType contentType,
    byte[] source,
    int from,
    int to,
    String transferEncoding,
    List<MimeEntity> children,
    String id) {

  private static final byte[] EMPTY = {};

  /**
   * An entity whose body is {@code source[from, to)}, still in its {@code transferEncoding} ({@code
   * base64} or {@code quoted-printable}; null when there is none to undo); its normalised
   * Content-ID is worked out once, here.
   */
  static MimeEntity of(
      List<Header> headers,
      ContentType contentType,
      byte[] source,
      int from,
      int to,
      String transferEncoding,
      List<MimeEntity> children) {
    String raw = null;
    for (int i = 0, n = headers.size(); i < n; i++) {
      if (headers.get(i).name().equalsIgnoreCase("Content-ID")) {
        raw = headers.get(i).value();
        break;
      }
    }
    String id = raw == null ? null : normaliseId(raw);
    return new MimeEntity(
        headers,
        contentType,
        source,
        from,
        to,
        transferEncoding,
        children,
        id == null || id.isEmpty() ? null : id);
  }

  /** A multipart entity: its children hold the content. */
  static MimeEntity multipart(
      List<Header> headers, ContentType contentType, List<MimeEntity> children) {
    return of(headers, contentType, EMPTY, 0, 0, null, children);
  }

  /** The decoded body, in an array of its own. */
  byte[] body() {
    return MimeReader.decode(source, from, to, transferEncoding);
  }

  /**
   * Whether the body is {@code source[from, to)} as it is (no base64 or quoted-printable to undo),
   * so it can be read in place.
   */
  boolean rawRange() {
    return transferEncoding == null;
  }

  /** The length of the body as sent (before any transfer decoding). */
  int rawLength() {
    return to - from;
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
    // bounds first, then one substring at most
    int from = 0;
    int to = id.length();
    from = skipSpaces(id, from, to);
    to = trimSpaces(id, from, to);
    if (id.regionMatches(true, from, "cid:", 0, 4)) {
      from = skipSpaces(id, from + 4, to);
    }
    if (from < to && id.charAt(from) == '<') {
      from++;
    }
    if (from < to && id.charAt(to - 1) == '>') {
      to--;
    }
    from = skipSpaces(id, from, to);
    to = trimSpaces(id, from, to);
    String s = id.substring(from, to);
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

  /** The first index from {@code from} whose char is above a space (as {@code trim} sees it). */
  private static int skipSpaces(String s, int from, int to) {
    while (from < to && s.charAt(from) <= ' ') {
      from++;
    }
    return from;
  }

  /** The end of [{@code from}, {@code to}) without trailing spaces (as {@code trim} sees them). */
  private static int trimSpaces(String s, int from, int to) {
    while (to > from && s.charAt(to - 1) <= ' ') {
      to--;
    }
    return to;
  }

  /** The media type, lower case (as {@link ContentType} keeps it). */
  String mediaType() {
    return contentType.mediaType();
  }
}
