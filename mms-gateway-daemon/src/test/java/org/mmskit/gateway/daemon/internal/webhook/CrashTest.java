package org.mmskit.gateway.daemon.internal.webhook;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.server.InboundRequest;
import org.mmskit.server.InboundResponse;

/**
 * A child JVM storing events while its sender retries them against a target that is down is killed
 * with {@code kill -9}; the outbox reopened with the target up delivers every event whose store had
 * returned, and serves their large parts.
 */
class CrashTest {
  static final int STORED_BEFORE_KILL = 100;

  /** Failed POSTs before the kill: the sender is at work, holding leases, when it comes. */
  static final int ATTEMPTS_BEFORE_KILL = 20;

  @TempDir Path dir;

  @Test
  void everyStoredEventIsDeliveredAfterKill9() throws Exception {
    Path db = dir.resolve("webhooks.db");
    Path log = dir.resolve("child.log");
    Receiver gone = Receiver.start();
    int port = gone.port();
    URI target = gone.uri();
    gone.close();

    long began = System.nanoTime();
    Set<String> stored = ConcurrentHashMap.newKeySet();
    AtomicInteger attempts = new AtomicInteger();
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CrashChild.class.getName(),
                db.toString(),
                target.toString())
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  if (line.startsWith("STORED ")) {
                    stored.add(line.substring(7));
                  } else if (line.startsWith("ATTEMPT ")) {
                    attempts.incrementAndGet();
                  }
                }
              } catch (java.io.IOException e) {
                // the child is gone
              }
            });
    reader.start();
    try {
      await()
          .atMost(Duration.ofMinutes(1))
          .until(
              () ->
                  (stored.size() >= STORED_BEFORE_KILL && attempts.get() >= ATTEMPTS_BEFORE_KILL)
                      || !child.isAlive());
      if (!child.isAlive()) {
        throw new AssertionError("the child ended early: " + read(log));
      }
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      reader.join(10_000);
    } finally {
      child.destroyForcibly();
    }
    assertEquals(137, child.exitValue(), "killed by SIGKILL");
    long killed = System.nanoTime();

    try (Receiver r = Receiver.start(port);
        Webhooks w =
            Webhooks.sqlite(db, Samples.settings(URI.create("http://127.0.0.1:9/"), r.uri()))) {
      w.start();
      await().atMost(Duration.ofMinutes(1)).until(() -> w.pending() == 0);
      long delivered = System.nanoTime();
      Map<String, JsonNode> byId = new HashMap<>();
      for (Receiver.Hit h : r.hits) {
        assertTrue(h.signatureValid());
        JsonNode data = h.json().get("data");
        byId.put(data.get("messageId").asText(), data);
      }
      assertTrue(
          byId.keySet().containsAll(stored),
          () -> stored.size() + " stored, missing " + missing(stored, byId.keySet()));
      int fetched = 0;
      for (String id : stored) {
        int i = Integer.parseInt(id.substring("crash-".length()));
        if (i % 5 == 0) {
          String url = byId.get(id).get("parts").get(1).get("url").asText();
          InboundResponse got =
              w.partsHandler()
                  .handle(
                      InboundRequest.builder()
                          .method("GET")
                          .path(URI.create(url).getPath())
                          .build());
          assertEquals(200, got.status(), id);
          java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
          got.writeBody(body);
          assertArrayEquals(Samples.bytes(i, 3 * Samples.INLINE_MAX), body.toByteArray(), id);
          fetched++;
        }
      }
      assertTrue(fetched >= STORED_BEFORE_KILL / 5 - 1);
      System.out.printf(
          "crash test: %d stored in %.1f s before kill -9, all delivered %.1f s after reopening%n",
          stored.size(), (killed - began) / 1e9, (delivered - killed) / 1e9);
    }
  }

  private static List<String> missing(Set<String> stored, Set<String> delivered) {
    return stored.stream().filter(s -> !delivered.contains(s)).sorted().limit(10).toList();
  }

  private static String read(Path log) throws java.io.IOException {
    return Files.exists(log) ? Files.readString(log) : "(no log)";
  }
}
