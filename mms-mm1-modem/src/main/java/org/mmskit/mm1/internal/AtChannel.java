package org.mmskit.mm1.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks AT to a modem (3GPP TS 27.007 §5): one command at a time, each with its own timeout;
 * information lines and the final result collected; a {@code >} prompt or {@code CONNECT} answered
 * with a payload; unsolicited result codes that arrive at any time, also in the middle of a
 * command, handed to {@link Events#onUnsolicited} on an events thread; echo dropped whether it is
 * on or off. A port that goes away is reopened every {@code reopenInterval} until it comes back.
 */
public final class AtChannel implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AtChannel.class);
  private static final byte CTRL_Z = 0x1A;

  /** What the channel tells its owner, on the events thread. */
  public interface Events {
    /** A line no command asked for: {@code +CMTI: "SM",3}, {@code RING}, {@code RDY}... */
    default void onUnsolicited(String line) {}

    /** The port went away; commands fail until it is back. */
    default void onLost(IOException cause) {}

    /** The port was opened again after it went away: the modem needs its settings again. */
    default void onReopened() {}
  }

  /** How a command's payload is asked for and ended. */
  public enum Payload {
    /** After {@code >}, ended with Ctrl-Z (27.005 {@code +CMGS} in PDU mode, the hex PDU). */
    PROMPT_CTRL_Z,
    /** After {@code CONNECT}, a counted number of raw bytes (SIMCom and Quectel uploads). */
    CONNECT_COUNTED
  }

  private final SerialLink.Opener opener;
  private final Duration reopenInterval;
  private final Events events;
  private final Set<String> urcPrefixes;
  private final ReentrantLock commandLock = new ReentrantLock(true);
  private final CountDownLatch closedLatch = new CountDownLatch(1);
  private final ExecutorService eventThread;
  private final Map<String, CompletableFuture<String>> urcWaiters = new ConcurrentHashMap<>();
  private final Thread reader;

  private volatile SerialLink link;
  private volatile Pending pending;
  private volatile boolean closed;
  private volatile boolean dirty;
  private volatile boolean suspended;
  private final Object resumed = new Object();

  /**
   * @param urcPrefixes the starts of lines that are unsolicited even while a command runs, unless
   *     that command's own answer starts the same way (e.g. {@code +CREG:} for {@code AT+CREG?})
   */
  public AtChannel(
      SerialLink.Opener opener, Duration reopenInterval, Set<String> urcPrefixes, Events events)
      throws IOException {
    this.opener = Objects.requireNonNull(opener, "opener");
    this.reopenInterval = Objects.requireNonNull(reopenInterval, "reopenInterval");
    this.urcPrefixes = Set.copyOf(urcPrefixes);
    this.events = Objects.requireNonNull(events, "events");
    this.link = opener.open();
    this.eventThread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "mm1-at-events");
              t.setDaemon(true);
              return t;
            });
    this.reader = new Thread(this::readLoop, "mm1-at-reader " + link.name());
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * The URC starts every modem sends: new SMS, status reports, rings, start-up and vendor results.
   */
  public static final Set<String> STANDARD_URCS =
      Set.of(
          "+CMTI:",
          "+CDSI:",
          "+CMT:",
          "+CDS:",
          "RING",
          "+CRING:",
          "+CREG:",
          "+CGREG:",
          "+CEREG:",
          "RDY",
          "+CPIN:",
          "+CFUN:",
          "Call Ready",
          "SMS Ready",
          "+QIND:",
          "+QIURC:",
          "+QMMSEND:",
          "+QHTTPGET:",
          "+QHTTPPOST:",
          "+QHTTPREAD:",
          "+QHTTPREADFILE:",
          "+WAP_PUSH_MMS:",
          "+CMMSRECV:",
          "+HTTPACTION:",
          "PB DONE");

  /** Sends a command and waits for its final result. */
  public AtResponse execute(String command, Duration timeout) throws AtException {
    return run(command, null, null, timeout);
  }

  /**
   * Sends a command that asks for a payload, sends the payload when asked, and waits for the final
   * result.
   */
  public AtResponse execute(String command, byte[] payload, Payload kind, Duration timeout)
      throws AtException {
    return run(command, Objects.requireNonNull(payload, "payload"), kind, timeout);
  }

  /**
   * The answer to a command that reads data out of the modem, and the data.
   *
   * @param response the lines and final result (the marker line among the lines, unless it was
   *     {@code CONNECT})
   * @param data the raw bytes that followed the marker line, empty when no marker came
   */
  public record Download(AtResponse response, byte[] data) {
    public Download {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }
  }

  /**
   * Sends a command whose answer carries raw bytes (a file or an HTTP body the modem holds): after
   * the line starting with {@code marker} (e.g. {@code CONNECT}) exactly {@code length} bytes
   * follow, whatever they contain, then the final result.
   */
  public Download download(String command, String marker, int length, Duration timeout)
      throws AtException {
    if (length < 0) {
      throw new IllegalArgumentException("negative length");
    }
    Pending p = new Pending(command, false);
    p.rawMarker = Objects.requireNonNull(marker, "marker");
    p.rawLength = length;
    AtResponse r = run(p, null, null, timeout);
    return new Download(r, p.raw.toByteArray());
  }

  /**
   * A future completed by the next unsolicited line starting with {@code prefix}, e.g. the later
   * {@code +QMMSEND: 0,200} of a send. Register it before the command that causes it.
   */
  public CompletableFuture<String> expectUnsolicited(String prefix) {
    CompletableFuture<String> f = new CompletableFuture<>();
    urcWaiters.put(prefix, f);
    f.whenComplete((v, e) -> urcWaiters.remove(prefix, f));
    return f;
  }

  /** True while the port is open. */
  public boolean isConnected() {
    return link != null;
  }

  private AtResponse run(String command, byte[] payload, Payload kind, Duration timeout)
      throws AtException {
    return run(new Pending(command, payload != null), payload, kind, timeout);
  }

  private AtResponse run(Pending p, byte[] payload, Payload kind, Duration timeout)
      throws AtException {
    if (closed) {
      throw new AtException("channel closed", null, false);
    }
    commandLock.lock();
    try {
      if (dirty) {
        resync();
      }
      return exchange(p, payload, kind, timeout);
    } finally {
      commandLock.unlock();
    }
  }

  private AtResponse exchange(Pending p, byte[] payload, Payload kind, Duration timeout)
      throws AtException {
    String command = p.command;
    SerialLink l = link;
    if (l == null) {
      throw new AtException("serial port not open, waiting for it to come back", null, false);
    }
    pending = p;
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean written = false;
    try {
      try {
        l.write((command + "\r").getBytes(StandardCharsets.US_ASCII));
      } catch (IOException e) {
        throw new AtException(command + ": " + e.getMessage(), e, false);
      }
      written = true;
      if (payload != null) {
        // a refusal (ERROR instead of the prompt) ends the command without the payload
        CompletableFuture.anyOf(p.prompt, p.result).get(remaining(deadline), TimeUnit.NANOSECONDS);
        if (p.result.isDone()) {
          return p.result.get();
        }
        try {
          l.write(payload);
          if (kind == Payload.PROMPT_CTRL_Z) {
            l.write(new byte[] {CTRL_Z});
          }
        } catch (IOException e) {
          throw new AtException(command + ": " + e.getMessage(), e, true);
        }
      }
      return p.result.get(remaining(deadline), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      dirty = true;
      throw new AtException(
          command + ": no answer within " + timeout.toMillis() + " ms", null, written);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw new AtException(command + ": " + c.getMessage(), c, written);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      dirty = true;
      throw new AtException(command + ": interrupted", e, written);
    } finally {
      pending = null;
    }
  }

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  /**
   * After a command timed out its late answer may still come, and its OK may be taken for the
   * answer to the AT sent here: so after that OK, whatever else arrives within a quiet window is
   * dropped too.
   */
  private void resync() throws AtException {
    AtException last = null;
    for (int i = 0; i < 3; i++) {
      try {
        if (exchange(new Pending("AT", false), null, null, Duration.ofSeconds(2)).isOk()) {
          drain(Duration.ofMillis(300));
          dirty = false;
          return;
        }
      } catch (AtException e) {
        last = e;
      }
    }
    throw new AtException("modem does not answer AT", last, false);
  }

  private void drain(Duration quiet) {
    Pending sink = new Pending("", false);
    pending = sink;
    try {
      sink.result.get(quiet.toMillis(), TimeUnit.MILLISECONDS);
      log.debug("dropped a late answer: {} {}", sink.lines, sink.result.getNow(null));
    } catch (TimeoutException | ExecutionException e) {
      // quiet: nothing more came
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      pending = null;
    }
  }

  private void readLoop() {
    byte[] buf = new byte[1024];
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    while (!closed) {
      SerialLink l = link;
      if (l == null) {
        reopen();
        continue;
      }
      int n;
      try {
        n = l.read(buf);
      } catch (IOException e) {
        if (closed) {
          return;
        }
        if (suspended) {
          continue;
        }
        log.warn("serial port {} went away: {}", l.name(), e.getMessage());
        link = null;
        l.close();
        line.reset();
        Pending p = pending;
        if (p != null) {
          p.fail(e);
        }
        eventThread.execute(() -> events.onLost(e));
        continue;
      }
      for (int i = 0; i < n; i++) {
        byte b = buf[i];
        Pending raw = pending;
        if (raw != null && raw.rawLeft >= 0) {
          if (raw.skipLf && b == '\n') {
            raw.skipLf = false;
            continue;
          }
          raw.skipLf = false;
          if (raw.rawLeft > 0) {
            raw.raw.write(b);
            raw.rawLeft--;
            continue;
          }
          raw.rawLeft = -1; // all data read: back to lines, this byte among them
        }
        if (b == '\r' || b == '\n') {
          if (line.size() > 0) {
            emit(line.toString(StandardCharsets.ISO_8859_1));
            line.reset();
          }
        } else {
          line.write(b);
          Pending p = pending;
          if (p != null && p.wantsPrompt && line.size() == 1 && b == '>') {
            line.reset();
            p.prompt.complete(null);
          }
        }
      }
    }
  }

  /**
   * Lets go of the port (after the command in progress), e.g. while PPP holds it, until {@link
   * #resume()}; commands fail meanwhile as with a port that went away.
   */
  public void suspend() {
    commandLock.lock();
    try {
      suspended = true;
      SerialLink l = link;
      link = null;
      if (l != null) {
        l.close();
      }
    } finally {
      commandLock.unlock();
    }
  }

  /** Opens the port again after {@link #suspend()}; {@link Events#onReopened} follows. */
  public void resume() {
    synchronized (resumed) {
      suspended = false;
      resumed.notifyAll();
    }
  }

  private void reopen() {
    try {
      boolean wasSuspended;
      synchronized (resumed) {
        wasSuspended = suspended;
        while (suspended && !closed) {
          resumed.wait(reopenInterval.toMillis());
        }
      }
      if (closed) {
        return;
      }
      // after a resume the port is opened at once; one that went away is tried at intervals
      if (!wasSuspended && closedLatch.await(reopenInterval.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
      SerialLink l = opener.open();
      if (closed) {
        l.close();
        return;
      }
      dirty = true;
      link = l;
      log.info("serial port {} is back", l.name());
      eventThread.execute(events::onReopened);
    } catch (IOException e) {
      log.debug("serial port still away: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void emit(String line) {
    Pending p = pending;
    // a line after the final result belongs to no command, even before the caller let go of it
    if (p != null && !p.result.isDone()) {
      if (!p.answered && line.equals(p.command)) {
        return; // echo
      }
      if (isReset(line)) {
        // the modem restarted: the command will never be answered, and its settings are gone
        dirty = true;
        p.fail(new IOException("modem reset (" + line + ") during the command"));
        unsolicited(line);
        return;
      }
      if (!isUnsolicited(line, p)) {
        p.answered = true;
        if (p.rawMarker != null && !p.rawStarted && line.startsWith(p.rawMarker)) {
          p.rawStarted = true;
          if (!line.equals("CONNECT")) {
            p.lines.add(line);
          }
          p.skipLf = true;
          p.rawLeft = p.rawLength;
        } else if (p.wantsPrompt && (line.equals("CONNECT") || line.equals("DOWNLOAD"))) {
          // SIMCom's AT+HTTPDATA asks with DOWNLOAD where others say CONNECT
          p.prompt.complete(null);
        } else if (AtResponse.isFinal(line)) {
          p.result.complete(new AtResponse(p.command, p.lines, line));
        } else {
          p.lines.add(line);
        }
        return;
      }
    }
    unsolicited(line);
  }

  /** The line a modem prints when it has (re)started. */
  public static boolean isReset(String line) {
    return line.equals("RDY");
  }

  private boolean isUnsolicited(String line, Pending p) {
    if (p.responsePrefix != null && line.startsWith(p.responsePrefix)) {
      return false;
    }
    for (String u : urcPrefixes) {
      if (line.startsWith(u)) {
        return true;
      }
    }
    return false;
  }

  private void unsolicited(String line) {
    for (Map.Entry<String, CompletableFuture<String>> w : urcWaiters.entrySet()) {
      if (line.startsWith(w.getKey())) {
        w.getValue().complete(line);
      }
    }
    eventThread.execute(
        () -> {
          try {
            events.onUnsolicited(line);
          } catch (RuntimeException e) {
            log.warn("handling {} failed", line, e);
          }
        });
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    closedLatch.countDown();
    synchronized (resumed) {
      resumed.notifyAll();
    }
    SerialLink l = link;
    link = null;
    if (l != null) {
      l.close();
    }
    Pending p = pending;
    if (p != null) {
      p.fail(new IOException("channel closed"));
    }
    urcWaiters.values().forEach(f -> f.completeExceptionally(new IOException("channel closed")));
    try {
      reader.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    eventThread.shutdown();
  }

  /** One command in flight; its lines are added by the reader thread only. */
  private static final class Pending {
    final String command;
    final String responsePrefix;
    final boolean wantsPrompt;
    final List<String> lines = new ArrayList<>();
    final CompletableFuture<Void> prompt = new CompletableFuture<>();
    final CompletableFuture<AtResponse> result = new CompletableFuture<>();
    boolean answered;
    // a download's raw part: set by the command, then read and written by the reader thread only
    String rawMarker;
    int rawLength;
    boolean rawStarted;
    volatile int rawLeft = -1;
    boolean skipLf;
    final ByteArrayOutputStream raw = new ByteArrayOutputStream();

    Pending(String command, boolean wantsPrompt) {
      this.command = command;
      this.wantsPrompt = wantsPrompt;
      this.responsePrefix = responsePrefix(command);
    }

    void fail(Throwable t) {
      prompt.completeExceptionally(t);
      result.completeExceptionally(t);
    }

    /** {@code AT+CREG?} answers {@code +CREG: ...}: such lines belong to the command. */
    private static String responsePrefix(String command) {
      if (!command.regionMatches(true, 0, "AT+", 0, 3)) {
        return null;
      }
      int end = 3;
      while (end < command.length() && Character.isLetterOrDigit(command.charAt(end))) {
        end++;
      }
      return "+" + command.substring(3, end).toUpperCase(java.util.Locale.ROOT) + ":";
    }
  }
}
