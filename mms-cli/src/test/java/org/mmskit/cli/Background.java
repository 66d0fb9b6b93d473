package org.mmskit.cli;

import java.util.concurrent.atomic.AtomicReference;

/** Runs a long-lived command ({@code listen}, {@code simulate}) on its own thread until stopped. */
final class Background {
  private final Thread thread;
  private final AtomicReference<Integer> status = new AtomicReference<>();

  private Background(String... args) {
    thread = new Thread(() -> status.set(Main.run(args)), "mmskit-" + args[0]);
    thread.setDaemon(true);
  }

  static Background start(String... args) {
    Background b = new Background(args);
    b.thread.start();
    return b;
  }

  boolean isRunning() {
    return thread.isAlive();
  }

  /** Interrupts the command as Ctrl-C would and returns its exit status. */
  int stop() throws InterruptedException {
    thread.interrupt();
    thread.join(15_000);
    if (thread.isAlive()) {
      throw new AssertionError("the command did not stop when interrupted");
    }
    return status.get();
  }
}
