package org.mmskit.mm7.internal;

/**
 * A byte array each thread keeps from one use to the next, for bodies that are read or written
 * whole and let go before the thread's next use: a new array per request costs more under load than
 * the work done with it. Arrays grow in powers of two and are kept up to a maximum size; larger
 * ones are the caller's alone. Thread-safe: each thread sees only its own array.
 */
public final class KeptArray {
  private final ThreadLocal<byte[]> arrays = new ThreadLocal<>();
  private final int initial;
  private final int max;

  /**
   * @param initial the smallest array made
   * @param max the largest array kept
   */
  public KeptArray(int initial, int max) {
    if (initial < 1 || max < initial) {
      throw new IllegalArgumentException("bad sizes: " + initial + ", " + max);
    }
    this.initial = initial;
    this.max = max;
  }

  /**
   * This thread's array, at least {@code size} bytes long: the kept one when it is large enough,
   * else a new one, kept when not over the maximum. Over the maximum, a new array of exactly {@code
   * size} bytes, not kept.
   */
  public byte[] atLeast(int size) {
    byte[] b = arrays.get();
    if (b != null && b.length >= size) {
      return b;
    }
    if (size > max) {
      return new byte[size];
    }
    b =
        new byte
            [Math.min(max, Math.max(initial, Integer.highestOneBit(Math.max(1, size - 1)) << 1))];
    arrays.set(b);
    return b;
  }

  /**
   * Keeps {@code array} (say, a larger copy made while writing into the kept one) if not too large.
   */
  public void keep(byte[] array) {
    if (array.length <= max) {
      arrays.set(array);
    }
  }
}
