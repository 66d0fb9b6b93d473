package org.mmskit.testkit.mm1;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Two linked pseudo-terminals made by {@code socat} (which must be installed): the program under
 * test opens {@link #appPort()} as its modem, a {@link ModemSimulator} sits on {@link
 * #modemPort()}. {@link #unplug()} and {@link #plugIn()} take both ends away and bring them back,
 * as when a USB modem is re-plugged.
 */
public final class PtyPair implements AutoCloseable {
  private static final Duration READY = Duration.ofSeconds(20);

  private final Path app;
  private final Path modem;
  private Process socat;

  private PtyPair(Path dir) {
    this.app = dir.resolve("ttyAPP");
    this.modem = dir.resolve("ttyMODEM");
  }

  /**
   * Starts socat with the two links in {@code dir}.
   *
   * @throws IOException when socat cannot be run or its ptys do not appear
   */
  public static PtyPair start(Path dir) throws IOException {
    PtyPair p = new PtyPair(dir);
    p.plugIn();
    return p;
  }

  /** The end the program under test opens as its modem. */
  public String appPort() {
    return app.toString();
  }

  /** The end the simulator opens. */
  public String modemPort() {
    return modem.toString();
  }

  /** Brings the pair (back) up. */
  public synchronized void plugIn() throws IOException {
    socat =
        new ProcessBuilder("socat", "pty,raw,echo=0,link=" + app, "pty,raw,echo=0,link=" + modem)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    long deadline = System.nanoTime() + READY.toNanos();
    try {
      // socat makes the links right after it starts; wait for them or for socat to fail
      while (!(Files.exists(app) && Files.exists(modem))) {
        if (!socat.isAlive() || System.nanoTime() > deadline) {
          socat.destroy();
          throw new IOException("socat did not make the pty pair (is it installed?)");
        }
        socat.waitFor(20, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      socat.destroy();
      throw new IOException("interrupted", e);
    }
  }

  /** Takes both ends away. */
  public synchronized void unplug() throws InterruptedException {
    if (socat != null && socat.isAlive()) {
      socat.destroy();
      socat.waitFor();
    }
  }

  @Override
  public void close() {
    try {
      unplug();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      socat.destroyForcibly();
    }
  }
}
