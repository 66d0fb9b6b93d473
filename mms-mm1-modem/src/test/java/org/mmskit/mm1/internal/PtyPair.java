package org.mmskit.mm1.internal;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Two linked pseudo-terminals made by socat: what one end writes, the other reads. Public for the
 * tests of the vendor ways in {@code org.mmskit.mm1}.
 */
public final class PtyPair implements AutoCloseable {
  public final Path app;
  public final Path modem;
  private Process socat;

  public PtyPair(Path dir) throws IOException {
    this.app = dir.resolve("ttyAPP");
    this.modem = dir.resolve("ttyMODEM");
    start();
  }

  void start() throws IOException {
    socat =
        new ProcessBuilder("socat", "pty,raw,echo=0,link=" + app, "pty,raw,echo=0,link=" + modem)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(app) && Files.exists(modem));
  }

  /** Takes both ends away, as when a USB modem is unplugged. */
  void stop() throws InterruptedException {
    socat.destroy();
    socat.waitFor();
    await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(app));
  }

  @Override
  public void close() {
    socat.destroy();
    try {
      socat.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
