package org.mmskit.mm1;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsException;
import org.mmskit.core.MmsListener;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.pdu.MmsVersion;
import org.mmskit.core.pdu.PduLimits;
import org.mmskit.mm1.internal.AtResponse;
import org.mmskit.mm1.internal.DataLink;
import org.mmskit.mm1.internal.DataLinkMmsc;
import org.mmskit.mm1.internal.Inbox;
import org.mmskit.mm1.internal.LinkControl;
import org.mmskit.mm1.internal.Retrieval;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives MMS the way a phone does: the modem stores the WAP Push SMS that carry MMS
 * notifications; each {@code +CMTI} indication, and a look at the whole store every {@code
 * scanInterval} (and at start, for what came while the program was down), reads them. A complete
 * notification's message is fetched and handed to the application; only once it took the message is
 * the MMSC told (m-notifyresp-ind Retrieved) and the SMS deleted. A failure that may pass leaves
 * the SMS and is tried again with growing delays ({@code retryDelay}); the MMSC hears "Deferred"
 * meanwhile and gets m-acknowledge-ind for the retrieval that succeeds. A message the MMSC no
 * longer has, or whose expiry passed, is given up: the MMSC is told Rejected, the application hears
 * of it ({@code onFetchFailed}) and the SMS is deleted. A message seen before (same Message-ID) is
 * not delivered twice, across restarts too with a {@code stateDirectory}. Delivery and read reports
 * go to {@code onDeliveryReport} and {@code onReadReply}. The message is fetched and the MMSC
 * answered over the host's data link, or with the modem's own commands (see {@link Builder#way}).
 */
public final class ModemListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModemListener.class);
  private static final String STATE_FILE = "mm1-listener.state";

  private final Modem modem;
  private final Inbox inbox;
  private final DataLink dataLink;
  private final Duration scanInterval;
  private final Duration responseTimeout;
  private final Semaphore wake = new Semaphore(0);
  private final Consumer<String> urc = this::onUrc;
  private final Runnable reopened = this::onReopened;
  private final Thread thread;
  private volatile boolean closed;
  private volatile boolean setUp;
  private volatile Instant lastScan;

  private ModemListener(Builder b) {
    this.modem = b.modem;
    this.scanInterval = b.scanInterval;
    this.responseTimeout = b.responseTimeout;
    Inbox.Mmsc mmsc;
    if (b.way == ModemWay.DATA_LINK) {
      DataLink.Settings http =
          new DataLink.Settings(
              b.mmscUrl,
              b.proxy,
              b.connectTimeout,
              b.responseTimeout,
              b.user,
              b.password,
              b.userAgent,
              b.wapProfile,
              b.maxResponseBytes);
      Runnable before = null;
      Runnable after = null;
      if (b.linkHoldsSerialPort) {
        before = modem::suspend;
        after = modem::resume;
      }
      LinkControl link = new LinkControl(b.linkUp, b.linkDown, b.linkTimeout, before, after);
      this.dataLink = new DataLink(http, link, PduLimits.DEFAULT);
      mmsc = new DataLinkMmsc(dataLink, link);
    } else {
      // the vendor ways fetch with the modem's own commands: no HTTP client of ours
      this.dataLink = null;
      mmsc = vendorFetch(b);
    }
    Retrieval.Settings settings =
        new Retrieval.Settings(
            b.stateDirectory == null ? null : b.stateDirectory.resolve(STATE_FILE),
            b.retryInitialDelay,
            b.retryMaxDelay,
            b.onFetchFailed);
    this.inbox =
        new Inbox(new AtStore(), mmsc, b.app, b.onText, b.mmsVersion, b.pushExpiry, settings);
    this.thread = new Thread(this::loop, "mm1-listener " + modem.port());
    thread.setDaemon(true);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Fetching and answering with the modem's own commands, for the vendor ways. */
  private static Inbox.Mmsc vendorFetch(Builder b) {
    VendorFetch f =
        new VendorFetch(
            b.modem,
            b.mmscUrl,
            b.proxy,
            b.apn,
            b.userAgent,
            b.wapProfile,
            b.responseTimeout,
            b.maxResponseBytes,
            b.user == null
                ? null
                : "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            (b.user + ":" + b.password).getBytes(StandardCharsets.UTF_8)));
    return b.way == ModemWay.SIMCOM ? new SimcomFetcher(f) : new QuectelFetcher(f);
  }

  private void start() {
    smsSetup();
    modem.onUnsolicited(urc);
    modem.onReopened(reopened);
    thread.start();
  }

  /** PDU mode, and new messages stored with a {@code +CMTI} indication (27.005 §3.4.1). */
  private void smsSetup() {
    Duration t = modem.commandTimeout();
    modem.require("PDU mode (AT+CMGF=0)", "AT+CMGF=0", t);
    AtResponse cnmi = modem.command("new-message indications", "AT+CNMI=2,1,0,0,0", t);
    if (!cnmi.isOk()) {
      log.warn(
          "modem refused +CMTI indications ({}); new messages are found by the periodic look only",
          cnmi.finalResult());
    }
    setUp = true;
  }

  private void onUrc(String line) {
    if (line.startsWith("+CMTI:") || line.startsWith("+CDSI:")) {
      wake.release();
    }
  }

  private void onReopened() {
    setUp = false;
    wake.release();
  }

  private void loop() {
    while (!closed) {
      try {
        if (!setUp) {
          smsSetup();
        }
        inbox.scan(Instant.now());
        lastScan = Instant.now();
      } catch (MmsException e) {
        // the modem may have restarted (text mode, no indications): set it up before the next look,
        // whether or not its restart was already seen
        setUp = false;
        log.warn("reading the modem's SMS failed; trying again: {}", e.getMessage());
      } catch (RuntimeException e) {
        log.error("receiving loop failed; trying again", e);
      }
      long wait = scanInterval.toMillis();
      Optional<Instant> retry = inbox.nextAttempt();
      if (retry.isPresent()) {
        wait = Math.max(0, Math.min(wait, Duration.between(Instant.now(), retry.get()).toMillis()));
      }
      try {
        if (wake.tryAcquire(wait, TimeUnit.MILLISECONDS)) {
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Asks for a look at the SMS store now. */
  public void scanNow() {
    wake.release();
  }

  /** When the last look at the store finished, null before the first. */
  public Instant lastScan() {
    return lastScan;
  }

  /** How many WAP Pushes wait for more segments. */
  public int pendingPushes() {
    return inbox.pendingPushes();
  }

  /**
   * Stops the loop after the look in progress (so a message handed over is also answered to the
   * MMSC and its SMS deleted); the modem stays open (close it yourself).
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    modem.removeUnsolicited(urc);
    modem.removeReopened(reopened);
    wake.release();
    try {
      thread.join(responseTimeout.toMillis() + 30_000);
      if (thread.isAlive()) {
        thread.interrupt();
        thread.join(5_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (dataLink != null) {
      dataLink.close();
    }
  }

  /** The SMS store through AT commands in PDU mode. */
  private final class AtStore implements Inbox.Store {
    @Override
    public Map<Integer, String> list() {
      AtResponse r = modem.command("list SMS", "AT+CMGL=4", Duration.ofSeconds(60));
      if (!r.isOk()) {
        throw new MmsTransportException("AT+CMGL=4: " + r.finalResult(), null, false);
      }
      Map<Integer, String> out = new LinkedHashMap<>();
      List<String> lines = r.lines();
      for (int i = 0; i < lines.size(); i++) {
        String l = lines.get(i);
        if (l.startsWith("+CMGL:") && i + 1 < lines.size()) {
          String idx = l.substring(6).strip().split(",")[0].strip();
          try {
            out.put(Integer.parseInt(idx), lines.get(++i).strip());
          } catch (NumberFormatException e) {
            log.warn("unreadable listing line {}", l);
          }
        }
      }
      return out;
    }

    @Override
    public void delete(int index) {
      AtResponse r = modem.command("delete SMS", "AT+CMGD=" + index, modem.commandTimeout());
      if (!r.isOk()) {
        throw new MmsTransportException("AT+CMGD=" + index + ": " + r.finalResult(), null, false);
      }
    }
  }

  /** Configures a {@link ModemListener}. */
  public static final class Builder {
    private Modem modem;
    private MmsListener app;
    private Consumer<TextSms> onText;
    private ModemWay way = ModemWay.DATA_LINK;
    private String apn;
    private URI mmscUrl;
    private URI proxy;
    private String userAgent;
    private String wapProfile;
    private Duration connectTimeout = Duration.ofSeconds(30);
    private Duration responseTimeout = Duration.ofSeconds(120);
    private Duration scanInterval = Duration.ofSeconds(60);
    private Duration pushExpiry = Duration.ofMinutes(30);
    private MmsVersion mmsVersion = MmsVersion.V1_2;
    private long maxResponseBytes = 4 << 20;
    private String user;
    private String password;
    private List<String> linkUp = List.of();
    private List<String> linkDown = List.of();
    private Duration linkTimeout = Duration.ofSeconds(120);
    private boolean linkHoldsSerialPort;
    private Path stateDirectory;
    private Duration retryInitialDelay = Duration.ofSeconds(30);
    private Duration retryMaxDelay = Duration.ofMinutes(30);
    private Consumer<FetchFailure> onFetchFailed;

    private Builder() {}

    /** The modem whose SMS carry the notifications. */
    public Builder modem(Modem modem) {
      this.modem = Objects.requireNonNull(modem, "modem");
      return this;
    }

    /**
     * How messages are fetched and the MMSC answered: over the host's data link, or with the
     * modem's own commands ({@link ModemWay#SIMCOM}: {@code AT+CMMSRECV}, {@code AT+CMMSREAD} and
     * {@code AT+HTTPACTION}; {@link ModemWay#QUECTEL}: {@code AT+QHTTPGET}, {@code AT+QHTTPREAD}
     * and {@code AT+QHTTPPOST}). Default {@link ModemWay#DATA_LINK}.
     */
    public Builder way(ModemWay way) {
      this.way = Objects.requireNonNull(way, "way");
      return this;
    }

    /** The MMS APN the modem's bearer (SIMCom) or PDP context (Quectel) opens on. */
    public Builder apn(String apn) {
      this.apn = apn;
      return this;
    }

    /** The application: messages, delivery reports and read replies. */
    public Builder listener(MmsListener app) {
      this.app = Objects.requireNonNull(app, "app");
      return this;
    }

    /** Only messages: the function's answer says whether the application took the message. */
    public Builder onMessage(Function<IncomingMessage, Acknowledgement> handler) {
      Objects.requireNonNull(handler, "handler");
      this.app =
          new MmsListener() {
            @Override
            public Acknowledgement onMessage(IncomingMessage message) {
              return handler.apply(message);
            }
          };
      return this;
    }

    /** Ordinary text SMS; without it they are left on the SIM. Deleted once this returned. */
    public Builder onText(Consumer<TextSms> handler) {
      this.onText = handler;
      return this;
    }

    /** The MMSC URL, where m-notifyresp-ind goes. */
    public Builder mmscUrl(URI url) {
      this.mmscUrl = Objects.requireNonNull(url, "url");
      return this;
    }

    /** The operator's WAP proxy, e.g. {@code http://10.0.0.172:80}. */
    public Builder proxy(URI proxy) {
      this.proxy = proxy;
      return this;
    }

    public Builder userAgent(String userAgent) {
      this.userAgent = userAgent;
      return this;
    }

    /** The {@code x-wap-profile} header. */
    public Builder wapProfile(String url) {
      this.wapProfile = url;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    public Builder responseTimeout(Duration timeout) {
      this.responseTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** How often the whole SMS store is read, besides at each {@code +CMTI}. Default 60 s. */
    public Builder scanInterval(Duration interval) {
      this.scanInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /** How long the segments of one push may take to arrive. Default 30 min. */
    public Builder pushExpiry(Duration expiry) {
      this.pushExpiry = Objects.requireNonNull(expiry, "expiry");
      return this;
    }

    /** The MMS version of the PDUs sent to the MMSC. Default 1.2. */
    public Builder mmsVersion(MmsVersion version) {
      this.mmsVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /** The largest answer read (a fetched message). Default 4 MiB. */
    public Builder maxResponseBytes(long max) {
      this.maxResponseBytes = max;
      return this;
    }

    /**
     * HTTP Basic credentials the MMSC asks for (sent as Authorization; over the data link or
     * Quectel's HTTP commands, not SIMCom's MMS commands); the user name cannot hold ':'.
     */
    public Builder credentials(String user, String password) {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      if (user.indexOf(':') >= 0) {
        throw new IllegalArgumentException("a Basic user name cannot contain ':'");
      }
      this.user = user;
      this.password = password;
      return this;
    }

    /**
     * A command that brings the data link up and exits 0 once it carries traffic (e.g. {@code
     * ["pon", "mms"]}), run before a look's first exchange with the MMSC.
     */
    public Builder linkUp(List<String> command) {
      this.linkUp = List.copyOf(command);
      return this;
    }

    /** A command that takes the data link down after a look's exchanges ({@code ["poff"]}). */
    public Builder linkDown(List<String> command) {
      this.linkDown = List.copyOf(command);
      return this;
    }

    /**
     * The link-up command uses the modem's serial port (PPP on the only port): the modem lets go of
     * it before link-up and takes it back after link-down; SMS are read and deleted only while the
     * modem has it. Default off.
     */
    public Builder linkHoldsSerialPort(boolean holds) {
      this.linkHoldsSerialPort = holds;
      return this;
    }

    /** How long the link commands may take. Default 120 s. */
    public Builder linkTimeout(Duration timeout) {
      this.linkTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * A directory where the listener keeps what it must remember across restarts: the Message-IDs
     * it delivered (so a push repeated after a restart is not delivered twice) and the
     * notifications it answered "Deferred". One directory per listener; created if missing. Without
     * it, this is remembered in memory only.
     */
    public Builder stateDirectory(Path directory) {
      this.stateDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * How long a message whose fetch (or hand-over) failed waits before the next attempt: {@code
     * initialDelay} after the first failure, doubled after each further one up to {@code maxDelay}.
     * Default 30 s and 30 min.
     */
    public Builder retryDelay(Duration initialDelay, Duration maxDelay) {
      Objects.requireNonNull(initialDelay, "initialDelay");
      Objects.requireNonNull(maxDelay, "maxDelay");
      if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
        throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay");
      }
      this.retryInitialDelay = initialDelay;
      this.retryMaxDelay = maxDelay;
      return this;
    }

    /**
     * Told about each message given up because it cannot be had any more (the MMSC does not have
     * it, refused it for good, or its expiry passed). It is also logged at WARN.
     */
    public Builder onFetchFailed(Consumer<FetchFailure> handler) {
      this.onFetchFailed = handler;
      return this;
    }

    /** Sets the modem up for PDU-mode SMS and starts the receiving loop. */
    public ModemListener start() {
      Objects.requireNonNull(modem, "modem");
      Objects.requireNonNull(app, "listener or onMessage");
      Objects.requireNonNull(mmscUrl, "mmscUrl");
      if (way != ModemWay.DATA_LINK && !linkUp.isEmpty()) {
        throw new IllegalStateException(
            "linkUp is for the DATA_LINK way: " + way + " fetches with the modem's own bearer");
      }
      if (way == ModemWay.SIMCOM && user != null) {
        throw new IllegalStateException(
            "SIMCom's MMS commands cannot log in to the MMSC: credentials need DATA_LINK or QUECTEL");
      }
      if (linkHoldsSerialPort && linkUp.isEmpty()) {
        throw new IllegalStateException("linkHoldsSerialPort needs linkUp(...)");
      }
      if (stateDirectory != null) {
        try {
          Files.createDirectories(stateDirectory);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot create " + stateDirectory, e);
        }
      }
      ModemListener l = new ModemListener(this);
      l.start();
      return l;
    }
  }
}
