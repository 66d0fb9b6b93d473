package org.mmskit.testkit;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery reports a {@link MockMmsc} sends by itself after accepted submits: where each
 * transport's reports go, after what delay, and the timer that sends them. Thread-safe.
 */
final class AutoReports implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AutoReports.class);

  /** Sends one report about a submission for one recipient. */
  @FunctionalInterface
  interface Reporter {
    void report(URI vaspUrl, Submission submission, Address recipient);
  }

  private record Target(URI vaspUrl, Duration delay) {}

  private final Map<Transport, Target> targets = new EnumMap<>(Transport.class);
  private final ScheduledThreadPoolExecutor timer;
  private final Reporter reporter;

  AutoReports(Reporter reporter) {
    this.reporter = reporter;
    this.timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "mock-mmsc-reports");
              t.setDaemon(true);
              return t;
            });
    timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  synchronized void send(Transport transport, URI vaspUrl, Duration delay) {
    targets.put(transport, new Target(vaspUrl, delay));
  }

  synchronized void stop() {
    targets.clear();
  }

  /** After a submission was answered: schedules its reports when it asked for them. */
  void submitted(Submission s) {
    if (s.operation() != Submission.Operation.SUBMIT
        || !s.reply().accepts()
        || !s.message().map(MmsMessage::deliveryReport).orElse(false)) {
      return;
    }
    Target target;
    synchronized (this) {
      target = targets.get(s.transport());
    }
    if (target == null) {
      return;
    }
    List<Address> recipients = new ArrayList<>();
    for (Address a : s.message().orElseThrow().recipients()) {
      if (!a.displayOnly()) {
        recipients.add(a);
      }
    }
    try {
      timer.schedule(
          () -> {
            for (Address r : recipients) {
              try {
                reporter.report(target.vaspUrl(), s, r);
              } catch (RuntimeException e) {
                LOG.warn("automatic delivery report for {} failed", s.messageId(), e);
              }
            }
          },
          target.delay().toNanos(),
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("mock closed; no delivery report for {}", s.messageId());
    }
  }

  /** Drops the reports not yet due; one being sent may finish. */
  @Override
  public void close() {
    timer.shutdown();
    try {
      if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
        timer.shutdownNow();
      }
    } catch (InterruptedException e) {
      timer.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
