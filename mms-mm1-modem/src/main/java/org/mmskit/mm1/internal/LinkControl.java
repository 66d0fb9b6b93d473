package org.mmskit.mm1.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the data link up before a batch of HTTP exchanges and down after the last one, with the
 * user's commands (as {@code pon}/{@code poff} or {@code wvdial} users do). The up command must
 * exit 0 once the link carries traffic. Exchanges that overlap share one link.
 */
public final class LinkControl {
  private static final Logger log = LoggerFactory.getLogger(LinkControl.class);

  private final List<String> up;
  private final List<String> down;
  private final Duration timeout;
  private final Runnable beforeUp;
  private final Runnable afterDown;
  private int users;

  /** A control that does nothing when {@code up} is empty. */
  public LinkControl(List<String> up, List<String> down, Duration timeout) {
    this(up, down, timeout, null, null);
  }

  /**
   * @param beforeUp run before the up command (e.g. letting go of the serial port PPP needs)
   * @param afterDown run after the down command, or after a failed up command
   */
  public LinkControl(
      List<String> up, List<String> down, Duration timeout, Runnable beforeUp, Runnable afterDown) {
    this.up = List.copyOf(up);
    this.down = List.copyOf(down);
    this.timeout = timeout;
    this.beforeUp = beforeUp == null ? () -> {} : beforeUp;
    this.afterDown = afterDown == null ? () -> {} : afterDown;
  }

  /** Brings the link up unless another exchange holds it already. */
  public synchronized void acquire() throws IOException {
    if (up.isEmpty()) {
      return;
    }
    if (users == 0) {
      beforeUp.run();
      try {
        run(up, "link-up");
      } catch (IOException | RuntimeException e) {
        afterDown.run();
        throw e;
      }
    }
    users++;
  }

  /** Takes the link down after the last exchange that holds it. */
  public synchronized void release() {
    if (up.isEmpty() || users == 0) {
      return;
    }
    users--;
    if (users == 0) {
      try {
        if (!down.isEmpty()) {
          run(down, "link-down");
        }
      } catch (IOException e) {
        log.warn("{}", e.getMessage());
      } finally {
        afterDown.run();
      }
    }
  }

  private void run(List<String> command, String what) throws IOException {
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IOException(what + " command " + command + " did not finish in " + timeout);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException(what + " interrupted", e);
    }
    if (p.exitValue() != 0) {
      throw new IOException(what + " command " + command + " exited with " + p.exitValue());
    }
  }
}
