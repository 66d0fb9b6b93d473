package org.mmskit.gateway;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** A {@link CrashChild} JVM on the test class path, and what it printed. */
final class Child implements AutoCloseable {
  final Process process;
  final AtomicInteger lastAck = new AtomicInteger(-1);
  final AtomicInteger acks = new AtomicInteger();

  /** The tracking IDs whose outcome the child's gateway told. */
  final Set<String> told = ConcurrentHashMap.newKeySet();

  volatile boolean started;
  volatile boolean submitted;
  volatile boolean done;
  private final Thread reader;

  Child(Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(CrashChild.class.getName());
    cmd.addAll(List.of(args));
    process =
        new ProcessBuilder(cmd)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  if (line.startsWith("ACK ")) {
                    lastAck.set(Integer.parseInt(line.substring(4)));
                    acks.incrementAndGet();
                  } else if (line.startsWith("TOLD ")) {
                    told.add(line.substring(5));
                  } else if (line.equals("STARTED")) {
                    started = true;
                  } else if (line.equals("SUBMITTED")) {
                    submitted = true;
                  } else if (line.equals("DONE")) {
                    done = true;
                  }
                }
              } catch (IOException e) {
                // the process was killed
              }
            },
            "child-reader");
    reader.setDaemon(true);
    reader.start();
  }

  void awaitOrExit(BooleanSupplier condition, Duration timeout) {
    await().atMost(timeout).until(() -> condition.getAsBoolean() || !process.isAlive());
  }

  /** {@code kill -9}: no shutdown hook, no finally block runs. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
    reader.join(10_000);
  }

  int awaitExit() throws InterruptedException {
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      throw new IllegalStateException("child did not finish");
    }
    reader.join(10_000);
    return process.exitValue();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        kill();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
