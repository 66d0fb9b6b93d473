package org.mmskit.gateway.daemon.internal.webhook;

import java.net.URI;
import java.nio.file.Path;

/**
 * Stores messages into an SQLite outbox, whose target is down, until it is killed, printing {@code
 * STORED <messageId>} after each store returned and {@code ATTEMPT} after each POST. Every fifth
 * message carries a part sent as a URL. Arguments: the outbox file, the target URL.
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) {
    try (Webhooks w =
        Webhooks.sqlite(
            Path.of(args[0]),
            Samples.settings(URI.create("http://127.0.0.1:9/"), URI.create(args[1])))) {
      w.onAttempt((target, ok, detail) -> System.out.println("ATTEMPT " + ok + " " + detail));
      w.start();
      for (int i = 0; i < 100_000; i++) {
        String id = "crash-" + i;
        if (i % 5 == 0) {
          w.message(Samples.message(id, Samples.bytes(i, 3 * Samples.INLINE_MAX)));
        } else {
          w.message(Samples.message(id));
        }
        System.out.println("STORED " + id);
        System.out.flush();
      }
    }
  }
}
