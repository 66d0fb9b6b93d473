package org.mmskit.core.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An unmodifiable map of a few string pairs in insertion order, kept in one array: what a parsed
 * header's parameters need without a hash table, its entries and a wrapper per header. Lookups scan
 * the array, so {@link #of} takes it only for a handful of names.
 */
public final class SmallOrderedMap extends AbstractMap<String, String> {

  /** The most pairs {@link #of} puts in this form. */
  public static final int MAX = 8;

  /** Names at even indices, values at the following odd ones; no name twice. */
  private final String[] pairs;

  private SmallOrderedMap(String[] pairs) {
    this.pairs = pairs;
  }

  /**
   * The first {@code count} pairs of {@code pairs} (name, value, name, value, ...), of which a
   * later value for a name replaces the earlier one in its first place, as {@code
   * LinkedHashMap.put} does. The pairs are copied; the caller may reuse {@code pairs}.
   *
   * @throws IllegalArgumentException if {@code count} is above {@link #MAX}
   */
  public static SmallOrderedMap of(String[] pairs, int count) {
    if (count > MAX) {
      throw new IllegalArgumentException(count + " pairs, at most " + MAX);
    }
    String[] kept = new String[2 * count];
    int n = 0;
    outer:
    for (int i = 0; i < count; i++) {
      String name = pairs[2 * i];
      for (int j = 0; j < n; j += 2) {
        if (kept[j].equals(name)) {
          kept[j + 1] = pairs[2 * i + 1];
          continue outer;
        }
      }
      kept[n] = name;
      kept[n + 1] = pairs[2 * i + 1];
      n += 2;
    }
    if (n < kept.length) {
      kept = Arrays.copyOf(kept, n);
    }
    return new SmallOrderedMap(kept);
  }

  @Override
  public int size() {
    return pairs.length / 2;
  }

  @Override
  public boolean isEmpty() {
    return pairs.length == 0;
  }

  @Override
  public String get(Object key) {
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i].equals(key)) {
        return pairs[i + 1];
      }
    }
    return null;
  }

  @Override
  public boolean containsKey(Object key) {
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i].equals(key)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return pairs.length / 2;
      }

      @Override
      public Iterator<Entry<String, String>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < pairs.length;
          }

          @Override
          public Entry<String, String> next() {
            if (next >= pairs.length) {
              throw new NoSuchElementException();
            }
            Entry<String, String> e = new SimpleImmutableEntry<>(pairs[next], pairs[next + 1]);
            next += 2;
            return e;
          }
        };
      }
    };
  }
}
