package org.mmskit.gateway.internal;

/**
 * Grants permits so that no window of one second, {@code [t, t + 1 s)}, holds more than the rate: a
 * permit is granted at {@code now} only when the permit granted {@code rate} permits ago is at
 * least a second old. Unlike a token bucket this has no burst allowance on top of the rate.
 */
public interface RateLimiter {

  /**
   * Takes a permit at {@code now} and returns 0, or returns how many milliseconds to wait before
   * asking again.
   */
  long tryAcquire(long now);

  /** A limiter for one process: the times of the last {@code rate} permits in a ring. */
  static RateLimiter local(int perSecond) {
    return new RateLimiter() {
      private final long[] granted = new long[perSecond];
      private int next;

      {
        java.util.Arrays.fill(granted, Long.MIN_VALUE / 2);
      }

      @Override
      public synchronized long tryAcquire(long now) {
        long oldest = granted[next];
        long wait = oldest + 1000 - now;
        if (wait > 0) {
          return wait;
        }
        granted[next] = now;
        next = (next + 1) % granted.length;
        return 0;
      }
    };
  }
}
