package org.mmskit.testkit;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/** Unique message IDs: prefix, a random per-instance tag and a counter. Thread-safe. */
final class MessageIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String stem;
  private final AtomicLong counter = new AtomicLong();

  MessageIds(String prefix) {
    this.stem = prefix + "-" + HexFormat.of().toHexDigits(RANDOM.nextInt()) + "-";
  }

  String next() {
    return stem + counter.incrementAndGet();
  }
}
