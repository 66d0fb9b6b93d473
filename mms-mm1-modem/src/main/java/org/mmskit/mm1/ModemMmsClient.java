package org.mmskit.mm1;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.mmskit.core.MmsClient;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.core.OperationResult;
import org.mmskit.core.SubmitResult;
import org.mmskit.core.Transport;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.MmsPduEncoder;
import org.mmskit.core.pdu.MmsVersion;
import org.mmskit.core.pdu.PduLimits;
import org.mmskit.core.pdu.PduMessages;
import org.mmskit.core.pdu.PduStatus;
import org.mmskit.core.pdu.PduType;
import org.mmskit.mm1.internal.DataLink;
import org.mmskit.mm1.internal.LinkControl;

/**
 * Sends MMS the way a phone does (MM1): an m-send-req to the operator's MMSC, whose m-send-conf
 * says whether it took the message. The MMSC stamps the SIM's number as the sender.
 *
 * <p>A send that got no answer after it reached the MMSC (or the modem) has an unknown outcome: it
 * fails with an {@link org.mmskit.core.MmsTransportException} whose {@code requestSent()} is true,
 * and is never resent silently. MM1 has no cancel or replace.
 */
public final class ModemMmsClient implements MmsClient {
  private final ModemWay way;
  private final MmsVersion version;
  private final DataLink dataLink;
  private final SimcomSender simcom;
  private final QuectelSender quectel;
  private final ExecutorService executor;

  private ModemMmsClient(Builder b) {
    this.way = b.way;
    this.version = b.mmsVersion;
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
      before = b.modem::suspend;
      after = b.modem::resume;
    }
    this.dataLink =
        new DataLink(
            http,
            new LinkControl(b.linkUp, b.linkDown, b.linkTimeout, before, after),
            PduLimits.DEFAULT);
    this.simcom =
        b.way == ModemWay.SIMCOM
            ? new SimcomSender(b.modem, b.mmscUrl, b.proxy, b.apn, b.responseTimeout)
            : null;
    this.quectel =
        b.way == ModemWay.QUECTEL
            ? new QuectelSender(b.modem, b.mmscUrl, b.proxy, b.apn, b.responseTimeout)
            : null;
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "mm1-send");
              t.setDaemon(true);
              return t;
            });
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public SubmitResult submit(MmsMessage message) {
    Objects.requireNonNull(message, "message");
    if (simcom != null) {
      return simcom.send(message);
    }
    if (quectel != null) {
      return quectel.send(message);
    }
    String tid =
        message
            .transactionId()
            .orElseGet(() -> UUID.randomUUID().toString().replace("-", "").substring(0, 16));
    MmsPdu req = PduMessages.toSendReq(message, tid, version);
    byte[] bytes = MmsPduEncoder.encode(req);
    MmsPdu conf = DataLink.expect(dataLink.post(bytes, "m-send-req"), PduType.SEND_CONF, "send");
    int status = conf.responseStatus().orElse(PduStatus.OK);
    if (!PduStatus.isOk(status)) {
      throw MmscRejectedException.builder(Transport.MM1, MmscRejectedException.Kind.STATUS)
          .statusCode(status)
          .statusText(conf.responseText().orElse(PduStatus.responseStatusName(status)))
          .explanation("X-Mms-Response-Status " + PduStatus.responseStatusName(status))
          .retryable(PduStatus.isTransient(status))
          .build();
    }
    return new SubmitResult(
        conf.messageId().orElse(""),
        200,
        conf.responseText().orElse("Ok"),
        Optional.of(conf.transactionId().orElse(tid)));
  }

  @Override
  public CompletableFuture<SubmitResult> submitAsync(MmsMessage message) {
    return CompletableFuture.supplyAsync(() -> submit(message), executor);
  }

  /** MM1 has no cancel: a handset cannot withdraw a message it sent. */
  @Override
  public OperationResult cancel(String messageId) {
    throw new UnsupportedOperationException("cancel is not supported over MM1");
  }

  /** MM1 has no replace. */
  @Override
  public OperationResult replace(String messageId, MmsMessage replacement) {
    throw new UnsupportedOperationException("replace is not supported over MM1");
  }

  @Override
  public Transport transport() {
    return Transport.MM1;
  }

  /** The way this client reaches the MMSC. */
  public ModemWay way() {
    return way;
  }

  @Override
  public void close() {
    executor.shutdownNow();
    dataLink.close();
  }

  /** Configures a {@link ModemMmsClient}. */
  public static final class Builder {
    private ModemWay way = ModemWay.DATA_LINK;
    private Modem modem;
    private String apn;
    private URI mmscUrl;
    private URI proxy;
    private String userAgent;
    private String wapProfile;
    private Duration connectTimeout = Duration.ofSeconds(30);
    private Duration responseTimeout = Duration.ofSeconds(120);
    private List<String> linkUp = List.of();
    private List<String> linkDown = List.of();
    private Duration linkTimeout = Duration.ofSeconds(120);
    private boolean linkHoldsSerialPort;
    private MmsVersion mmsVersion = MmsVersion.V1_2;
    private long maxResponseBytes = 1 << 20;
    private String user;
    private String password;

    private Builder() {}

    /** How to reach the MMSC. Default {@link ModemWay#DATA_LINK}. */
    public Builder way(ModemWay way) {
      this.way = Objects.requireNonNull(way, "way");
      return this;
    }

    /** The modem, for the SIMCom and Quectel ways (the data-link way does not need it). */
    public Builder modem(Modem modem) {
      this.modem = Objects.requireNonNull(modem, "modem");
      return this;
    }

    /** The operator's MMS APN, for the ways where the modem opens the bearer. */
    public Builder apn(String apn) {
      this.apn = apn;
      return this;
    }

    /** The operator's MMSC URL, e.g. {@code http://mms.operator.example/mms/wapenc}. */
    public Builder mmscUrl(URI url) {
      this.mmscUrl = Objects.requireNonNull(url, "url");
      return this;
    }

    /** The operator's WAP proxy, e.g. {@code http://10.0.0.172:80}; none by default. */
    public Builder proxy(URI proxy) {
      this.proxy = proxy;
      return this;
    }

    /** The User-Agent header; some MMSCs accept only handsets they know. */
    public Builder userAgent(String userAgent) {
      this.userAgent = userAgent;
      return this;
    }

    /** The {@code x-wap-profile} header: the URL of a UAProf document. */
    public Builder wapProfile(String url) {
      this.wapProfile = url;
      return this;
    }

    /**
     * HTTP Basic credentials the MMSC asks for (data-link way, sent as Authorization); the user
     * name cannot hold ':'.
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

    /** How long to wait for a TCP connection. Default 30 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * How long to wait for the MMSC's answer (for the SIMCom way: for the modem's send result).
     * Default 120 s (mobile links are slow).
     */
    public Builder responseTimeout(Duration timeout) {
      this.responseTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * A command that brings the data link up and exits 0 once it carries traffic (e.g. {@code
     * ["pon", "mms"]} with a script that waits for the interface), run before a send.
     */
    public Builder linkUp(List<String> command) {
      this.linkUp = List.copyOf(command);
      return this;
    }

    /** A command that takes the data link down after a send (e.g. {@code ["poff", "mms"]}). */
    public Builder linkDown(List<String> command) {
      this.linkDown = List.copyOf(command);
      return this;
    }

    /**
     * The link-up command uses the modem's serial port (PPP on the only port): the {@link
     * #modem(Modem)} lets go of it before link-up and takes it back after link-down, and SMS are
     * not read in between. Default off.
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

    /** The MMS version of the PDUs sent. Default 1.2. */
    public Builder mmsVersion(MmsVersion version) {
      this.mmsVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /** The largest answer read. Default 1 MiB. */
    public Builder maxResponseBytes(long max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxResponseBytes must be positive");
      }
      this.maxResponseBytes = max;
      return this;
    }

    public ModemMmsClient build() {
      Objects.requireNonNull(mmscUrl, "mmscUrl");
      if (linkHoldsSerialPort && (modem == null || linkUp.isEmpty())) {
        throw new IllegalStateException("linkHoldsSerialPort needs modem(...) and linkUp(...)");
      }
      if (way != ModemWay.DATA_LINK && modem == null) {
        throw new IllegalStateException("the " + way + " way needs modem(...)");
      }
      return new ModemMmsClient(this);
    }
  }
}
