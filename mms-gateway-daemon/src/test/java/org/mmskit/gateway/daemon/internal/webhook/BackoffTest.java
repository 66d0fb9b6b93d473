package org.mmskit.gateway.daemon.internal.webhook;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackoffTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 42, 20261206})
  void delaysDoubleFromTheFirstRetryUpToTheLongestWithJitterInTheUpperHalf(long seed) {
    Random random = new Random(seed);
    for (int attempt = 1; attempt <= 40; attempt++) {
      long full = Math.min(600_000L, 10_000L << Math.min(attempt - 1, 20));
      Set<Long> seen = new HashSet<>();
      for (int i = 0; i < 50; i++) {
        long d = Sender.backoff(10_000, 600_000, attempt, random);
        assertTrue(d >= full / 2 && d <= full, attempt + ": " + d + " outside " + full);
        seen.add(d);
      }
      assertTrue(seen.size() > 1, "jittered");
    }
  }
}
