package org.mmskit.gateway;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Counting what a window of time carries. */
final class Throttle {
  private Throttle() {}

  /** The most events any window {@code [t, t + 1000 ms)} holds. */
  static int busiestWindow(List<Long> times) {
    List<Long> sorted = new ArrayList<>(times);
    Collections.sort(sorted);
    int best = 0;
    int start = 0;
    for (int end = 0; end < sorted.size(); end++) {
      while (sorted.get(end) - sorted.get(start) >= 1000) {
        start++;
      }
      best = Math.max(best, end - start + 1);
    }
    return best;
  }
}
