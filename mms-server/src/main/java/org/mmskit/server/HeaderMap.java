package org.mmskit.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An immutable, ordered HTTP header multi-map whose names compare case-insensitively.
 *
 * <p>Names keep the spelling they were added with; lookups ignore case. A name may carry several
 * values (repeated header lines), kept in arrival order. Header counts are small, so lookups scan a
 * flat array instead of hashing: no per-request map is built.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class HeaderMap {
  private static final HeaderMap EMPTY = new HeaderMap(new String[0], 0);

  /** Alternating name, value pairs; {@code size} pairs are used. */
  private final String[] pairs;

  private final int size;

  private HeaderMap(String[] pairs, int size) {
    this.pairs = pairs;
    this.size = size;
  }

  /** Returns the empty header map. */
  public static HeaderMap empty() {
    return EMPTY;
  }

  /**
   * Returns a map of the given name/value pairs, for example {@code of("Content-Type",
   * "text/plain", "X-Id", "1")}.
   *
   * @throws IllegalArgumentException when an odd number of strings is given or a name is invalid
   */
  public static HeaderMap of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("expected name/value pairs, got an odd count");
    }
    Builder b = builder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      b.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return b.build();
  }

  /** Returns a new empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding this map's entries, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.pairs = Arrays.copyOf(pairs, Math.max(pairs.length, 8));
    b.size = size;
    return b;
  }

  /** Returns the first value of the named header, ignoring the name's case. */
  public Optional<String> first(String name) {
    Objects.requireNonNull(name, "name");
    for (int i = 0; i < size; i++) {
      if (pairs[2 * i].equalsIgnoreCase(name)) {
        return Optional.of(pairs[2 * i + 1]);
      }
    }
    return Optional.empty();
  }

  /** Returns every value of the named header in arrival order; empty when absent. */
  public List<String> all(String name) {
    Objects.requireNonNull(name, "name");
    List<String> out = null;
    for (int i = 0; i < size; i++) {
      if (pairs[2 * i].equalsIgnoreCase(name)) {
        if (out == null) {
          out = new ArrayList<>(2);
        }
        out.add(pairs[2 * i + 1]);
      }
    }
    return out == null ? List.of() : Collections.unmodifiableList(out);
  }

  /** Returns whether the named header is present, ignoring case. */
  public boolean contains(String name) {
    return first(name).isPresent();
  }

  /** Returns the distinct header names, lower-cased, sorted. */
  public Set<String> names() {
    Set<String> out = new TreeSet<>();
    for (int i = 0; i < size; i++) {
      out.add(pairs[2 * i].toLowerCase(Locale.ROOT));
    }
    return Collections.unmodifiableSet(out);
  }

  /** Returns the number of header lines (a repeated name counts once per value). */
  public int size() {
    return size;
  }

  /** Returns whether there is no header at all. */
  public boolean isEmpty() {
    return size == 0;
  }

  /** Returns the name of the header line at {@code index} (0-based), as spelled when added. */
  public String name(int index) {
    Objects.checkIndex(index, size);
    return pairs[2 * index];
  }

  /** Returns the value of the header line at {@code index} (0-based). */
  public String value(int index) {
    Objects.checkIndex(index, size);
    return pairs[2 * index + 1];
  }

  /** Returns the headers as an ordered map from lower-cased name to its values. */
  public Map<String, List<String>> asMap() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      out.computeIfAbsent(pairs[2 * i].toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(pairs[2 * i + 1]);
    }
    out.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HeaderMap other && asMap().equals(other.asMap());
  }

  @Override
  public int hashCode() {
    return asMap().hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(pairs[2 * i]).append(": ").append(pairs[2 * i + 1]);
    }
    return sb.append('}').toString();
  }

  /** Collects header lines; not thread-safe. */
  public static final class Builder {
    private String[] pairs = new String[16];
    private int size;

    private Builder() {}

    /**
     * Appends one header line.
     *
     * @throws IllegalArgumentException when the name is empty or holds characters not allowed in an
     *     HTTP token, or the value holds CR, LF or NUL
     */
    public Builder add(String name, String value) {
      checkName(name);
      checkValue(value);
      if (2 * size + 2 > pairs.length) {
        pairs = Arrays.copyOf(pairs, pairs.length * 2);
      }
      pairs[2 * size] = name;
      pairs[2 * size + 1] = value;
      size++;
      return this;
    }

    /** Removes every line of the named header (ignoring case), then adds one with this value. */
    public Builder set(String name, String value) {
      remove(name);
      return add(name, value);
    }

    /** Removes every line of the named header, ignoring case. */
    public Builder remove(String name) {
      Objects.requireNonNull(name, "name");
      int w = 0;
      for (int r = 0; r < size; r++) {
        if (!pairs[2 * r].equalsIgnoreCase(name)) {
          pairs[2 * w] = pairs[2 * r];
          pairs[2 * w + 1] = pairs[2 * r + 1];
          w++;
        }
      }
      Arrays.fill(pairs, 2 * w, 2 * size, null);
      size = w;
      return this;
    }

    /** Returns the immutable header map. */
    public HeaderMap build() {
      if (size == 0) {
        return EMPTY;
      }
      return new HeaderMap(Arrays.copyOf(pairs, 2 * size), size);
    }

    private static void checkName(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("empty header name");
      }
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
          throw new IllegalArgumentException("invalid character in header name: " + name);
        }
      }
    }

    private static void checkValue(String value) {
      Objects.requireNonNull(value, "value");
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '\r' || c == '\n' || c == 0) {
          throw new IllegalArgumentException("CR, LF or NUL in header value");
        }
      }
    }
  }
}
