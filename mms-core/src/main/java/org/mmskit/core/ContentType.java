package org.mmskit.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mmskit.core.internal.SmallOrderedMap;

/**
 * A MIME content type: a media type such as {@code image/jpeg} and its parameters, in the order
 * they were given. Parameter names are kept lower case; values as written. Immutable.
 */
public final class ContentType {

  public static final ContentType TEXT_PLAIN = of("text/plain");
  public static final ContentType APPLICATION_SMIL = of("application/smil");
  public static final ContentType MULTIPART_RELATED = of("application/vnd.wap.multipart.related");
  public static final ContentType MULTIPART_MIXED = of("application/vnd.wap.multipart.mixed");

  private final String mediaType;
  private final Map<String, String> parameters;

  private ContentType(String mediaType, Map<String, String> parameters) {
    this.mediaType = mediaType;
    this.parameters = parameters;
  }

  /** A content type without parameters; the media type is lower-cased. */
  public static ContentType of(String mediaType) {
    return new ContentType(checkMediaType(mediaType), Map.of());
  }

  /** A content type with the given parameters (names lower-cased, order kept). */
  public static ContentType of(String mediaType, Map<String, String> parameters) {
    Map<String, String> copy = new LinkedHashMap<>();
    parameters.forEach(
        (k, v) -> copy.put(k.toLowerCase(Locale.ROOT), Objects.requireNonNull(v, k)));
    return new ContentType(checkMediaType(mediaType), Collections.unmodifiableMap(copy));
  }

  /**
   * Reads a header value such as {@code text/plain; charset="utf-8"}. Lenient: stray semicolons and
   * spaces are ignored, quoted values are unquoted.
   *
   * @throws IllegalArgumentException if there is no media type
   */
  public static ContentType parse(String header) {
    Objects.requireNonNull(header, "header");
    int n = header.length();
    int semi = header.indexOf(';');
    String media = mediaType(header, semi < 0 ? n : semi);
    if (semi < 0) {
      return new ContentType(media, Map.of());
    }
    // name, value, name, value, ...: a handful in practice, a hash map only beyond that
    String[] pairs = new String[2 * SmallOrderedMap.MAX];
    int count = 0;
    Map<String, String> params = null;
    int i = semi + 1;
    while (i < n) {
      int eq = header.indexOf('=', i);
      int nextSemi = header.indexOf(';', i);
      if (eq < 0 || (nextSemi >= 0 && nextSemi < eq)) {
        i = nextSemi < 0 ? n : nextSemi + 1;
        continue;
      }
      String name = parameterName(header, i, eq);
      int j = eq + 1;
      while (j < n && header.charAt(j) == ' ') {
        j++;
      }
      String value;
      if (j < n && header.charAt(j) == '"') {
        int close = j + 1;
        while (close < n && header.charAt(close) != '"' && header.charAt(close) != '\\') {
          close++;
        }
        if (close < n && header.charAt(close) == '"') {
          value = header.substring(j + 1, close); // no escapes: the common case
          j = close;
        } else {
          StringBuilder sb = new StringBuilder();
          j++;
          while (j < n && header.charAt(j) != '"') {
            char c = header.charAt(j);
            if (c == '\\' && j + 1 < n) {
              c = header.charAt(++j);
            }
            sb.append(c);
            j++;
          }
          value = sb.toString();
        }
        int after = header.indexOf(';', j);
        i = after < 0 ? n : after + 1;
      } else {
        int end = nextSemi < 0 ? n : nextSemi;
        value = trimmed(header, j, end);
        i = end + 1;
      }
      if (name.isEmpty()) {
        continue;
      }
      if (params != null) {
        params.put(name, value);
      } else if (count < SmallOrderedMap.MAX) {
        pairs[2 * count] = name;
        pairs[2 * count + 1] = value;
        count++;
      } else {
        params = new LinkedHashMap<>();
        for (int k = 0; k < count; k++) {
          params.put(pairs[2 * k], pairs[2 * k + 1]);
        }
        params.put(name, value);
      }
    }
    return new ContentType(
        media,
        params != null
            ? Collections.unmodifiableMap(params)
            : count == 0 ? Map.of() : SmallOrderedMap.of(pairs, count));
  }

  /** Media types of nearly every MM7 and MMS part, returned as constants instead of copies. */
  private static final String[] COMMON_TYPES = {
    "text/plain",
    "text/xml",
    "application/xml",
    "multipart/related",
    "multipart/mixed",
    "application/smil",
    "image/jpeg",
    "image/gif",
    "image/png"
  };

  /** Parameter names of nearly every header, returned as constants instead of copies. */
  private static final String[] COMMON_NAMES = {
    "charset", "boundary", "type", "start", "name", "start-info", "filename"
  };

  /** The media type in {@code header} before {@code end}: trimmed, lower case, not empty. */
  private static String mediaType(String header, int end) {
    int from = 0;
    while (from < end && header.charAt(from) <= ' ') {
      from++;
    }
    while (end > from && header.charAt(end - 1) <= ' ') {
      end--;
    }
    String common = common(COMMON_TYPES, header, from, end);
    return common != null ? common : checkMediaType(header.substring(from, end));
  }

  /** A parameter name: trimmed and lower case. */
  private static String parameterName(String header, int from, int to) {
    while (from < to && header.charAt(from) <= ' ') {
      from++;
    }
    while (to > from && header.charAt(to - 1) <= ' ') {
      to--;
    }
    String common = common(COMMON_NAMES, header, from, to);
    return common != null ? common : header.substring(from, to).toLowerCase(Locale.ROOT);
  }

  /**
   * The entry of {@code table} (lower-case ASCII) that {@code s[from, to)} spells in any ASCII
   * case, or null. Only ASCII letters are folded, so a match is exactly what {@code
   * toLowerCase(Locale.ROOT)} would have produced.
   */
  private static String common(String[] table, String s, int from, int to) {
    int n = to - from;
    next:
    for (String k : table) {
      if (k.length() != n) {
        continue;
      }
      for (int i = 0; i < n; i++) {
        char c = s.charAt(from + i);
        char want = k.charAt(i);
        if (c != want && !(want >= 'a' && want <= 'z' && c == want - ('a' - 'A'))) {
          continue next;
        }
      }
      return k;
    }
    return null;
  }

  /** {@code s.substring(from, to).trim()} with one copy at most. */
  private static String trimmed(String s, int from, int to) {
    while (from < to && s.charAt(from) <= ' ') {
      from++;
    }
    while (to > from && s.charAt(to - 1) <= ' ') {
      to--;
    }
    return s.substring(from, to);
  }

  private static String checkMediaType(String mediaType) {
    Objects.requireNonNull(mediaType, "mediaType");
    String m = mediaType.trim().toLowerCase(Locale.ROOT);
    if (m.isEmpty()) {
      throw new IllegalArgumentException("empty media type");
    }
    return m;
  }

  /** The media type, lower case, e.g. {@code image/jpeg}. */
  public String mediaType() {
    return mediaType;
  }

  /** The parameters in order; names lower case. */
  public Map<String, String> parameters() {
    return parameters;
  }

  /** One parameter by (case-insensitive) name. */
  public Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The {@code charset} parameter, if any. */
  public Optional<String> charset() {
    return parameter("charset");
  }

  /** This type with one parameter set (replacing any of the same name, keeping its position). */
  public ContentType withParameter(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(parameters);
    copy.put(name.toLowerCase(Locale.ROOT), Objects.requireNonNull(value, "value"));
    return new ContentType(mediaType, Collections.unmodifiableMap(copy));
  }

  /** This type without the named parameter. */
  public ContentType withoutParameter(String name) {
    if (!parameters.containsKey(name.toLowerCase(Locale.ROOT))) {
      return this;
    }
    Map<String, String> copy = new LinkedHashMap<>(parameters);
    copy.remove(name.toLowerCase(Locale.ROOT));
    return new ContentType(mediaType, Collections.unmodifiableMap(copy));
  }

  /** True for {@code multipart/*} and the WAP {@code application/vnd.wap.multipart.*} types. */
  public boolean isMultipart() {
    return mediaType.startsWith("multipart/")
        || mediaType.startsWith("application/vnd.wap.multipart.");
  }

  /** True for {@code text/*}. */
  public boolean isText() {
    return mediaType.startsWith("text/");
  }

  /** The header form, quoting values that need it: {@code text/plain; charset=utf-8}. */
  @Override
  public String toString() {
    if (parameters.isEmpty()) {
      return mediaType;
    }
    StringBuilder sb = new StringBuilder(mediaType);
    parameters.forEach(
        (k, v) -> {
          sb.append("; ").append(k).append('=');
          if (needsQuotes(v)) {
            sb.append('"');
            for (int i = 0; i < v.length(); i++) {
              char c = v.charAt(i);
              if (c == '"' || c == '\\') {
                sb.append('\\');
              }
              sb.append(c);
            }
            sb.append('"');
          } else {
            sb.append(v);
          }
        });
    return sb.toString();
  }

  private static boolean needsQuotes(String v) {
    if (v.isEmpty()) {
      return true;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?=".indexOf(c) >= 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return this == o
        || (o instanceof ContentType
            && mediaType.equals(((ContentType) o).mediaType)
            && parameters.equals(((ContentType) o).parameters));
  }

  @Override
  public int hashCode() {
    return mediaType.hashCode() * 31 + parameters.hashCode();
  }
}
