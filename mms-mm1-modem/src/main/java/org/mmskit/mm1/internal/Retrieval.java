package org.mmskit.mm1.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.HttpStatus;
import org.mmskit.core.InboundContext;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsException;
import org.mmskit.core.MmsListener;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.MmsPduEncoder;
import org.mmskit.core.pdu.MmsVersion;
import org.mmskit.core.pdu.PduMessages;
import org.mmskit.core.pdu.PduStatus;
import org.mmskit.core.pdu.PduType;
import org.mmskit.mm1.FetchFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of one MMS notification (OMA-TS-MMS_CTR §6): the message is fetched and handed to
 * the application, and only then the MMSC told. Answered at once, the notification gets
 * m-notifyresp-ind Retrieved (immediate retrieval). When the first attempt fails for a reason that
 * may pass (the MMSC or the link down, the application not taking it), the MMSC is told Deferred,
 * the attempt repeated with growing delays, and the retrieval that finally succeeds acknowledged
 * with m-acknowledge-ind, carrying the Transaction-ID of the m-retrieve-conf; an m-retrieve-conf
 * without one means the MMSC wants no acknowledgement. A message that cannot be had any more (HTTP
 * 404 or 410, a permanent X-Mms-Retrieve-Status, the notification's expiry passed) is given up:
 * m-notifyresp-ind Rejected (Unrecognised for a notification that cannot be used), a warning, the
 * application's failure callback. Used by one thread.
 */
public final class Retrieval {
  private static final Logger log = LoggerFactory.getLogger(Retrieval.class);
  private static final int REMEMBERED = 1024;

  /** Whether the notification's SMS can go. */
  public enum Outcome {
    /** Answered to the MMSC (or nothing to answer): delete the SMS. */
    DONE,
    /** Not yet: keep the SMS for a later look. */
    KEEP
  }

  /**
   * How the retrieval behaves.
   *
   * @param stateFile where delivered Message-IDs and deferred notifications are kept across
   *     restarts, or null for memory only
   * @param initialDelay the wait after the first failed attempt, doubled after each further one
   * @param maxDelay the longest wait between attempts
   * @param onFetchFailed told about each message given up, or null
   */
  public record Settings(
      Path stateFile,
      Duration initialDelay,
      Duration maxDelay,
      Consumer<FetchFailure> onFetchFailed) {
    public static final Settings DEFAULT =
        new Settings(null, Duration.ofSeconds(30), Duration.ofMinutes(30), null);

    public Settings {
      Objects.requireNonNull(initialDelay, "initialDelay");
      Objects.requireNonNull(maxDelay, "maxDelay");
    }
  }

  private record Attempt(int failures, Instant next) {}

  private final Inbox.Mmsc mmsc;
  private final MmsListener app;
  private final MmsVersion version;
  private final Settings settings;
  private final Remembered remembered;
  private final Map<String, byte[]> owed = bounded();
  private final Map<String, Boolean> answered = bounded();
  private final Map<String, Attempt> attempts = bounded();

  public Retrieval(Inbox.Mmsc mmsc, MmsListener app, MmsVersion version, Settings settings) {
    this.mmsc = mmsc;
    this.app = app;
    this.version = version;
    this.settings = settings;
    this.remembered = new Remembered(settings.stateFile(), 2 * REMEMBERED);
  }

  private static <V> Map<String, V> bounded() {
    return new LinkedHashMap<>(64, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > REMEMBERED;
      }
    };
  }

  /**
   * Handles a notification.
   *
   * @param smsIndices where its SMS are stored, in segment order (for modems that fetch by them)
   * @param received when it was sent (its SMS's time stamp), from which a relative expiry counts
   */
  public Outcome handle(
      MmsPdu ind, InboundContext ctx, List<Integer> smsIndices, Instant received, Instant now) {
    String tid = ind.transactionId().orElse("");
    if (tid.isEmpty()) {
      log.warn("m-notification-ind without Transaction-ID cannot be answered: deleted");
      return Outcome.DONE;
    }
    if (answered.containsKey(tid)) {
      return Outcome.DONE;
    }
    byte[] answer = owed.get(tid);
    if (answer != null) {
      return tell(tid, answer);
    }
    URI location = location(ind);
    if (location == null || ind.version().major() != 1) {
      return giveUp(
          ind,
          FetchFailure.Reason.UNRECOGNISED,
          location == null
              ? "no usable X-Mms-Content-Location"
              : "MMS version " + ind.version() + " not spoken",
          PduStatus.STATUS_UNRECOGNISED);
    }
    Optional<Instant> expires = ind.expiry().map(e -> e.resolve(received));
    if (expires.isPresent() && !now.isBefore(expires.get())) {
      return giveUp(
          ind,
          FetchFailure.Reason.EXPIRED,
          "X-Mms-Expiry " + expires.get() + " passed",
          PduStatus.STATUS_REJECTED);
    }
    Attempt last = attempts.get(tid);
    if (last != null && now.isBefore(last.next())) {
      return Outcome.KEEP;
    }
    MmsPdu conf;
    try {
      conf = mmsc.retrieve(location, smsIndices);
    } catch (MmscRejectedException e) {
      Optional<HttpStatus> http = e.detail(HttpStatus.class);
      if (http.isPresent() && (http.get().code() == 404 || http.get().code() == 410)) {
        return giveUp(
            ind,
            FetchFailure.Reason.NOT_FOUND,
            "HTTP " + http.get().code() + " " + http.get().reason(),
            PduStatus.STATUS_REJECTED);
      }
      return failed(tid, now, "fetching " + location + " failed: " + e.getMessage());
    } catch (MmsException | IllegalArgumentException e) {
      return failed(tid, now, "fetching " + location + " failed: " + e.getMessage());
    }
    if (conf == null || conf.type() != PduType.RETRIEVE_CONF) {
      return failed(
          tid,
          now,
          "fetching " + location + " answered " + (conf == null ? "nothing" : conf.type()));
    }
    int status = conf.retrieveStatus().orElse(PduStatus.OK);
    if (!PduStatus.isOk(status)) {
      String said =
          PduStatus.responseStatusName(status) + conf.retrieveText().map(t -> " " + t).orElse("");
      if (PduStatus.isTransient(status)) {
        return failed(tid, now, "the MMSC refused the fetch of " + location + " for now: " + said);
      }
      return giveUp(ind, FetchFailure.Reason.REFUSED, said, PduStatus.STATUS_REJECTED);
    }
    Optional<String> id = conf.messageId();
    if (id.isPresent() && remembered.contains(Remembered.Kind.DELIVERED, id.get())) {
      log.info("message {} was delivered before: not again", id.get());
    } else {
      IncomingMessage message;
      try {
        message = new IncomingMessage(PduMessages.toMessage(conf), ctx);
      } catch (MmsException e) {
        return failed(tid, now, "the message at " + location + " is unreadable: " + e.getMessage());
      }
      if (!taken(message)) {
        return failed(tid, now, "the application did not take the message at " + location);
      }
      id.ifPresent(m -> remembered.add(Remembered.Kind.DELIVERED, m));
    }
    attempts.remove(tid);
    if (remembered.contains(Remembered.Kind.DEFERRED, tid)) {
      return finish(
          tid,
          conf.transactionId()
              .map(t -> MmsPduEncoder.encode(PduMessages.acknowledgeInd(t, version)))
              .orElse(null));
    }
    return finish(
        tid,
        MmsPduEncoder.encode(PduMessages.notifyRespInd(tid, PduStatus.STATUS_RETRIEVED, version)));
  }

  private static URI location(MmsPdu ind) {
    Optional<String> l = ind.contentLocation();
    if (l.isEmpty()) {
      return null;
    }
    try {
      URI u = URI.create(l.get().strip());
      return u.isAbsolute() ? u : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private boolean taken(IncomingMessage message) {
    try {
      Acknowledgement ack = app.onMessage(message);
      if (ack != null && ack.isSuccess()) {
        return true;
      }
      log.info(
          "application did not take it ({})",
          ack == null ? "null" : ack.statusCode() + " " + ack.statusText());
      return false;
    } catch (RuntimeException e) {
      log.warn("application failed", e);
      return false;
    }
  }

  /** An attempt that may succeed later: the next waits longer; the MMSC hears "Deferred" once. */
  private Outcome failed(String tid, Instant now, String why) {
    Attempt last = attempts.get(tid);
    int failures = last == null ? 1 : last.failures() + 1;
    Duration wait = settings.initialDelay();
    for (int i = 1; i < failures && wait.compareTo(settings.maxDelay()) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    if (wait.compareTo(settings.maxDelay()) > 0) {
      wait = settings.maxDelay();
    }
    attempts.put(tid, new Attempt(failures, now.plus(wait)));
    log.warn("{}; the notification stays, next attempt in {}", why, wait);
    if (!remembered.contains(Remembered.Kind.DEFERRED, tid)) {
      try {
        mmsc.tell(
            MmsPduEncoder.encode(
                PduMessages.notifyRespInd(tid, PduStatus.STATUS_DEFERRED, version)));
        remembered.add(Remembered.Kind.DEFERRED, tid);
      } catch (MmsException e) {
        log.info("telling the MMSC {} is deferred failed too: {}", tid, e.getMessage());
      }
    }
    return Outcome.KEEP;
  }

  private Outcome giveUp(MmsPdu ind, FetchFailure.Reason reason, String detail, int status) {
    String tid = ind.transactionId().orElseThrow();
    FetchFailure failure =
        new FetchFailure(ind.contentLocation(), tid, ind.from(), ind.subject(), reason, detail);
    log.warn(
        "giving up the message at {} (notification {}): {}, {}",
        ind.contentLocation().orElse("(none)"),
        tid,
        reason,
        detail);
    if (settings.onFetchFailed() != null) {
      try {
        settings.onFetchFailed().accept(failure);
      } catch (RuntimeException e) {
        log.warn("the fetch failure callback failed", e);
      }
    }
    attempts.remove(tid);
    // after "Deferred" the notification's transaction is over: the MMSC expects no further answer
    boolean deferred = remembered.contains(Remembered.Kind.DEFERRED, tid);
    return finish(
        tid,
        deferred ? null : MmsPduEncoder.encode(PduMessages.notifyRespInd(tid, status, version)));
  }

  private Outcome finish(String tid, byte[] answer) {
    if (answer == null) {
      done(tid);
      return Outcome.DONE;
    }
    owed.put(tid, answer);
    return tell(tid, answer);
  }

  private Outcome tell(String tid, byte[] answer) {
    try {
      mmsc.tell(answer);
    } catch (MmsException e) {
      log.warn("telling the MMSC about {} failed; trying again later: {}", tid, e.getMessage());
      return Outcome.KEEP;
    }
    done(tid);
    return Outcome.DONE;
  }

  private void done(String tid) {
    owed.remove(tid);
    answered.put(tid, Boolean.TRUE);
    remembered.remove(Remembered.Kind.DEFERRED, tid);
  }

  /** Forgets the waits of notifications whose SMS are gone (deleted by someone else). */
  public void retain(java.util.Set<String> transactionIds) {
    attempts.keySet().retainAll(transactionIds);
  }

  /** When the earliest waiting attempt is due, if any waits. */
  public Optional<Instant> nextAttempt() {
    return attempts.values().stream().map(Attempt::next).min(Instant::compareTo);
  }
}
