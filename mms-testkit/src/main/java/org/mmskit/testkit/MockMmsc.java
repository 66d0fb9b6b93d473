package org.mmskit.testkit;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.ReadStatus;
import org.mmskit.core.Transport;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.server.MmsServer;
import org.mmskit.server.RequestListener;
import org.mmskit.server.RequestOutcome;
import org.mmskit.server.Route;
import org.mmskit.testkit.internal.VaspSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MMSC simulator on loopback for tests and demos: it speaks the MMSC side of MM7 (every schema
 * version, answering in the request's namespace and {@code MM7Version}), of EAIF and of MM4,
 * records what the application sends, answers with real responses and unique message IDs, and plays
 * the MMSC towards the application's listener (deliveries, delivery reports, read replies).
 *
 * <pre>{@code
 * try (MockMmsc mmsc = MockMmsc.start();
 *     Mm7Client client = Mm7Client.builder().endpoint(mmsc.mm7Uri()).vaspId("vasp").build()) {
 *   SubmitResult r = client.submit(message);
 *   Submission s = mmsc.takeSubmission();
 *   assertEquals(r.messageId(), s.messageId());
 *
 *   mmsc.enqueue(MmscReply.status(4006, "Service unavailable"));
 *   assertThrows(MmscRejectedException.class, () -> client.submit(message));
 * }
 * }</pre>
 *
 * <p>Requests: MM7 {@code SubmitReq}, {@code CancelReq} and {@code ReplaceReq} on {@link
 * #mm7Uri()}; EAIF m-send-req PDUs on {@link #eaifUri()}; MM4 {@code MM4_forward.REQ} mails on the
 * SMTP port {@link #mm4Port()} (answered with an {@code MM4_forward.RES} to {@link #mm4AnswersTo}
 * when the mail asks for one). Each is recorded as a {@link Submission} (whatever the answer) and
 * answered with the next {@linkplain #enqueue(MmscReply...) scripted reply}, or success when none
 * is queued. A body that is not MM7 (or not an MMS PDU) is refused as the real thing would (SOAP
 * fault 2007, HTTP 400) and not recorded.
 *
 * <p>Threading: thread-safe; requests are served concurrently on the embedded server's threads.
 * Close it to stop the server and the report scheduler.
 */
public final class MockMmsc implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MockMmsc.class);

  /** How long {@link #takeSubmission()} waits. */
  public static final Duration DEFAULT_TAKE_TIMEOUT = Duration.ofSeconds(10);

  private final MmsServer server;
  private final String mm7Path;
  private final String eaifPath;
  private final MessageIds ids;
  private final String relayServerId;
  private final Mm7Version deliverVersion;
  private final Consumer<Submission> onSubmission;
  private final Consumer<VaspAnswer> onVaspAnswer;
  private final LinkedBlockingQueue<Submission> pending = new LinkedBlockingQueue<>();
  private final List<Submission> all = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<MmscReply> script = new ConcurrentLinkedQueue<>();
  private final List<VaspAnswer> answers = new CopyOnWriteArrayList<>();
  private final AutoReports autoReports;
  private final VaspSender sender;
  private final MmscProfile profile;
  private final AtomicInteger requestCount = new AtomicInteger();
  private final Mm4Side mm4;

  private MockMmsc(Builder b) {
    this.mm7Path = b.mm7Path;
    this.eaifPath = b.eaifPath;
    this.ids = new MessageIds(b.messageIdPrefix);
    this.relayServerId = b.relayServerId;
    this.deliverVersion = b.deliverVersion;
    this.onSubmission = b.onSubmission;
    this.onVaspAnswer = b.onVaspAnswer;
    this.profile = b.profile;
    this.sender = new VaspSender(b.vaspUser, b.vaspPassword, b.vaspTimeout);
    this.autoReports =
        new AutoReports((url, s, r) -> sendDeliveryReport(url, s, r, DeliveryStatus.RETRIEVED));
    Mm7Side mm7 = new Mm7Side(this, b.maxRequestSize);
    EaifSide eaif = new EaifSide(this, (int) b.maxRequestSize);
    // The server's cap sits a little above the sides' own, so that they answer in their protocol.
    MmsServer.Builder sb =
        MmsServer.builder()
            .bindAddress(b.bindAddress)
            .port(b.port)
            .maxRequestSize(b.maxRequestSize + 64 * 1024)
            .requestListener(
                new RequestListener() {
                  @Override
                  public void requestAnswered(RequestOutcome outcome) {
                    requestCount.incrementAndGet();
                  }
                });
    sb.route(route(mm7Path, mm7, b));
    sb.route(route(eaifPath, eaif, b));
    this.server = sb.build();
    this.mm4 =
        new Mm4Side(
            this,
            literal(b.bindAddress),
            b.mm4Port,
            b.maxRequestSize,
            b.vaspUser,
            b.vaspPassword,
            b.user,
            b.password,
            b.vaspTimeout);
  }

  private static java.net.InetAddress literal(String address) {
    try {
      // a literal address is parsed, never looked up
      return java.net.InetAddress.getByName(address);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + address, e);
    }
  }

  private static Route route(String path, org.mmskit.server.InboundHandler h, Builder b) {
    if (b.user == null) {
      return Route.open(path, h);
    }
    return Route.builder(path, h).account(b.user, b.password).build();
  }

  /** Starts a mock with default settings on an ephemeral loopback port. */
  public static MockMmsc start() {
    return builder().start();
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The URL to give {@code Mm7Client.Builder.endpoint}, e.g. {@code http://127.0.0.1:41234/mm7}.
   */
  public URI mm7Uri() {
    return URI.create(server.uri() + mm7Path);
  }

  /**
   * The URL to give {@code EaifClient.Builder.endpoint}, e.g. {@code http://127.0.0.1:41234/eaif}.
   */
  public URI eaifUri() {
    return URI.create(server.uri() + eaifPath);
  }

  /** The TCP port the mock listens on. */
  public int port() {
    return server.port();
  }

  /** The SMTP port on which the mock takes MM4 mails ({@code Mm4Client.Builder.smtpPort}). */
  public int mm4Port() {
    return mm4.port();
  }

  /**
   * Where the application's MM4 listener is, e.g. {@code smtp://127.0.0.1:2525}: the mock sends the
   * {@code MM4_forward.RES} answers asked for there (null stops them). Reports and deliveries name
   * their address themselves.
   */
  public MockMmsc mm4AnswersTo(URI smtpUri) {
    mm4.answersTo(smtpUri);
    return this;
  }

  /**
   * The next request not yet taken, waiting up to {@link #DEFAULT_TAKE_TIMEOUT}.
   *
   * @throws AssertionError when none arrives in time
   */
  public Submission takeSubmission() {
    return takeSubmission(DEFAULT_TAKE_TIMEOUT);
  }

  /**
   * The next request not yet taken, waiting up to {@code timeout}.
   *
   * @throws AssertionError when none arrives in time (or the thread is interrupted)
   */
  public Submission takeSubmission(Duration timeout) {
    Submission s;
    try {
      s = pending.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a submission", e);
    }
    if (s == null) {
      throw new AssertionError("MockMmsc received no submission within " + timeout);
    }
    return s;
  }

  /** The next request not yet taken, if one is there; does not wait. */
  public Optional<Submission> pollSubmission() {
    return Optional.ofNullable(pending.poll());
  }

  /**
   * How many HTTP requests the mock has answered (or dropped) on any path, refused ones included:
   * 401, 404, malformed bodies and those its {@link MmscProfile} refused.
   */
  public int requestCount() {
    return requestCount.get();
  }

  /** Every request received so far, oldest first, whether taken or not. */
  public List<Submission> submissions() {
    return List.copyOf(all);
  }

  /**
   * Scripts the answers to the next requests, in order (MM7, EAIF and MM4 share the queue); once
   * the queue is empty, requests get success again.
   */
  public MockMmsc enqueue(MmscReply... replies) {
    for (MmscReply r : replies) {
      script.add(Objects.requireNonNull(r, "reply"));
    }
    return this;
  }

  /**
   * After each accepted submit (MM7 or EAIF) that asked for a delivery report, sends a report with
   * status {@code Retrieved} per recipient to {@code vaspUrl} after {@code delay}, in the
   * submission's transport and MM7 version. The outcomes are in {@link #vaspAnswers()}.
   */
  public MockMmsc autoDeliveryReports(URI vaspUrl, Duration delay) {
    autoDeliveryReports(Transport.MM7, vaspUrl, delay);
    return autoDeliveryReports(Transport.EAIF, vaspUrl, delay);
  }

  /**
   * Like {@link #autoDeliveryReports(URI, Duration)} for one transport only, so that MM7 and EAIF
   * reports can go to different endpoints. For MM4 the URL is the application's MM4 listener,
   * {@code smtp://HOST:PORT}, and the reports are {@code MM4_delivery_report.REQ} mails.
   */
  public MockMmsc autoDeliveryReports(Transport transport, URI vaspUrl, Duration delay) {
    Objects.requireNonNull(vaspUrl, "vaspUrl");
    checkTransport(transport);
    if (delay.isNegative()) {
      throw new IllegalArgumentException("negative delay: " + delay);
    }
    autoReports.send(transport, vaspUrl, delay);
    return this;
  }

  /** Stops sending automatic delivery reports. */
  public MockMmsc stopAutoDeliveryReports() {
    autoReports.stop();
    return this;
  }

  /**
   * Sends a message from a subscriber to the application: an MM7 {@code DeliverReq} (in the
   * builder's {@link Builder#deliverVersion}), an EAIF m-send-req, or an MM4 {@code
   * MM4_forward.REQ} mail to {@code smtp://HOST:PORT}. The message needs a sender and a recipient.
   *
   * @return the application's answer; failures to connect are reported in it, not thrown
   */
  public VaspAnswer deliver(URI vaspUrl, Transport transport, MmsMessage message) {
    Objects.requireNonNull(message, "message");
    if (message.from().isEmpty()) {
      throw new IllegalArgumentException("a delivered message needs a sender (from)");
    }
    String id = ids.next();
    VaspAnswer a =
        switch (transport) {
          case MM7 -> sender.deliverMm7(vaspUrl, deliverVersion, relayServerId, id, message);
          case EAIF -> sender.deliverEaif(vaspUrl, id, message);
          case MM4 -> mm4.deliver(vaspUrl, id, message);
          default -> throw new IllegalArgumentException("the mock speaks MM7, EAIF and MM4 only");
        };
    answered(a);
    return a;
  }

  /**
   * Sends a delivery report about a submission to the application, in the submission's transport
   * (and MM7 version): MM7 {@code DeliveryReportReq}, EAIF m-delivery-ind or MM4 {@code
   * MM4_delivery_report.REQ} (then {@code vaspUrl} is {@code smtp://HOST:PORT}).
   *
   * @param recipient the recipient the report is about
   * @return the application's answer; failures to connect are reported in it, not thrown
   */
  public VaspAnswer sendDeliveryReport(
      URI vaspUrl, Submission submission, Address recipient, DeliveryStatus status) {
    Objects.requireNonNull(submission, "submission");
    return sendDeliveryReport(
        vaspUrl,
        submission.transport(),
        submission.mm7Version().orElse(deliverVersion),
        submission.messageId(),
        recipient,
        submission.message().flatMap(MmsMessage::from).orElse(null),
        status);
  }

  /**
   * Sends a delivery report about any message ID (e.g. one a real MMSC or an earlier run gave): MM7
   * {@code DeliveryReportReq} in {@code version}, or EAIF m-delivery-ind.
   *
   * @param originalSender the original sender, or null
   * @return the application's answer; failures to connect are reported in it, not thrown
   */
  public VaspAnswer sendDeliveryReport(
      URI vaspUrl,
      Transport transport,
      Mm7Version version,
      String messageId,
      Address recipient,
      Address originalSender,
      DeliveryStatus status) {
    Objects.requireNonNull(vaspUrl, "vaspUrl");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(status, "status");
    VaspAnswer a =
        transport == Transport.MM4
            ? mm4.deliveryReport(vaspUrl, messageId, recipient, originalSender, status)
            : sender.deliveryReport(
                vaspUrl,
                checkTransport(transport),
                version == null ? deliverVersion : version,
                relayServerId,
                messageId,
                recipient,
                originalSender,
                status,
                Instant.now());
    answered(a);
    return a;
  }

  /**
   * Sends a read reply about a submission to the application, in the submission's transport (and
   * MM7 version): MM7 {@code ReadReplyReq}, EAIF m-read-orig-ind or MM4 {@code
   * MM4_read_reply_report.REQ} (then {@code vaspUrl} is {@code smtp://HOST:PORT}).
   *
   * @param recipient the recipient who read (or deleted) the message
   */
  public VaspAnswer sendReadReply(
      URI vaspUrl, Submission submission, Address recipient, ReadStatus status) {
    Objects.requireNonNull(submission, "submission");
    return sendReadReply(
        vaspUrl,
        submission.transport(),
        submission.mm7Version().orElse(deliverVersion),
        submission.messageId(),
        recipient,
        submission.message().flatMap(MmsMessage::from).orElse(null),
        status);
  }

  /**
   * Sends a read reply about any message ID: MM7 {@code ReadReplyReq} in {@code version}, or EAIF
   * m-read-orig-ind (which needs {@code originalSender}).
   *
   * @param reader the recipient who read (or deleted) the message
   * @param originalSender who sent the message, or null (MM7 only)
   */
  public VaspAnswer sendReadReply(
      URI vaspUrl,
      Transport transport,
      Mm7Version version,
      String messageId,
      Address reader,
      Address originalSender,
      ReadStatus status) {
    Objects.requireNonNull(vaspUrl, "vaspUrl");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(status, "status");
    VaspAnswer a =
        transport == Transport.MM4
            ? mm4.readReply(vaspUrl, messageId, reader, originalSender, status)
            : sender.readReply(
                vaspUrl,
                checkTransport(transport),
                version == null ? deliverVersion : version,
                relayServerId,
                messageId,
                reader,
                originalSender,
                status,
                Instant.now());
    answered(a);
    return a;
  }

  private static Transport checkTransport(Transport transport) {
    if (transport != Transport.MM7 && transport != Transport.EAIF && transport != Transport.MM4) {
      throw new IllegalArgumentException("the mock speaks MM7, EAIF and MM4, not " + transport);
    }
    return transport;
  }

  private void answered(VaspAnswer a) {
    answers.add(a);
    if (!a.isSuccess()) {
      // A refusal is what a test or a user of the simulator most needs to see.
      LOG.warn("{}", a.describe());
    }
    if (onVaspAnswer != null) {
      try {
        onVaspAnswer.accept(a);
      } catch (RuntimeException e) {
        LOG.warn("answer callback failed", e);
      }
    }
  }

  /** Every answer the application gave to what the mock sent it, oldest first. */
  public List<VaspAnswer> vaspAnswers() {
    return List.copyOf(answers);
  }

  /**
   * Stops the server and the report scheduler (automatic reports not yet due are not sent);
   * idempotent.
   */
  @Override
  public void close() {
    autoReports.close();
    server.close();
    mm4.close();
    sender.close();
  }

  @Override
  public String toString() {
    return "MockMmsc[" + (server.isRunning() ? server.uri() : "stopped") + "]";
  }

  // ---- called by the protocol sides ----

  void mm4Answered(VaspAnswer a) {
    answered(a);
  }

  String relayServerId() {
    return relayServerId;
  }

  MmscProfile profile() {
    return profile;
  }

  /** Whether a submit was answered with this message ID. */
  boolean issued(String messageId) {
    for (Submission s : all) {
      if (s.operation() == Submission.Operation.SUBMIT && s.messageId().equals(messageId)) {
        return true;
      }
    }
    return false;
  }

  String newMessageId() {
    return ids.next();
  }

  /** The next scripted reply, or success. */
  MmscReply nextReply() {
    MmscReply r = script.poll();
    return r == null ? MmscReply.success() : r;
  }

  /** Records a request before it is answered. */
  void record(Submission s) {
    all.add(s);
    pending.add(s);
    if (onSubmission != null) {
      try {
        onSubmission.accept(s);
      } catch (RuntimeException e) {
        LOG.warn("submission callback failed", e);
      }
    }
    autoReports.submitted(s);
  }

  /** Configures a {@link MockMmsc}; not thread-safe. */
  public static final class Builder {
    private String bindAddress = "127.0.0.1";
    private int port;
    private String mm7Path = "/mm7";
    private String eaifPath = "/eaif";
    private String user;
    private String password;
    private String vaspUser;
    private String vaspPassword;
    private Duration vaspTimeout = Duration.ofSeconds(10);
    private String relayServerId = "mock-mmsc";
    private String messageIdPrefix = "mock";
    private Mm7Version deliverVersion = Mm7Version.DEFAULT;
    private Consumer<Submission> onSubmission;
    private Consumer<VaspAnswer> onVaspAnswer;
    private long maxRequestSize = 16L * 1024 * 1024;
    private MmscProfile profile = MmscProfile.lenient();
    private int mm4Port;

    private Builder() {}

    /** The MM4 (SMTP) port; 0 (the default) picks a free one, see {@link MockMmsc#mm4Port()}. */
    public Builder mm4Port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.mm4Port = port;
      return this;
    }

    /**
     * The largest request body accepted (default 16 MiB); larger ones are refused (MM7 fault 2004
     * with HTTP 413, EAIF 413) without being read whole, and not recorded.
     */
    public Builder maxRequestSize(long bytes) {
      if (bytes < 1024 || bytes > Integer.MAX_VALUE - 128 * 1024) {
        throw new IllegalArgumentException("maxRequestSize out of range: " + bytes);
      }
      this.maxRequestSize = bytes;
      return this;
    }

    /** The literal IP address to bind (default {@code 127.0.0.1}). */
    public Builder bindAddress(String literalAddress) {
      this.bindAddress = Objects.requireNonNull(literalAddress, "literalAddress");
      return this;
    }

    /** The TCP port; 0 (the default) picks a free one, see {@link MockMmsc#port()}. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /** The MM7 path (default {@code /mm7}). */
    public Builder mm7Path(String path) {
      this.mm7Path = checkPath(path);
      return this;
    }

    /** The EAIF path (default {@code /eaif}). */
    public Builder eaifPath(String path) {
      this.eaifPath = checkPath(path);
      return this;
    }

    /** Requires HTTP Basic credentials, and SMTP AUTH on MM4, from clients (default: open). */
    public Builder account(String user, String password) {
      this.user = Objects.requireNonNull(user, "user");
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * HTTP Basic credentials, and the SMTP AUTH account on MM4, the mock presents to the
     * application's listener (default: none).
     */
    public Builder vaspCredentials(String user, String password) {
      this.vaspUser = Objects.requireNonNull(user, "user");
      this.vaspPassword = Objects.requireNonNull(password, "password");
      return this;
    }

    /** How long the mock waits for the application's listener to answer (default 10 s). */
    public Builder vaspTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive: " + timeout);
      }
      this.vaspTimeout = timeout;
      return this;
    }

    /** The {@code MMSRelayServerID} the mock writes (default {@code mock-mmsc}). */
    public Builder relayServerId(String id) {
      this.relayServerId = Objects.requireNonNull(id, "id");
      return this;
    }

    /** The start of every message ID the mock assigns (default {@code mock}). */
    public Builder messageIdPrefix(String prefix) {
      if (!prefix.matches("[A-Za-z0-9._-]{1,32}")) {
        throw new IllegalArgumentException("prefix must be 1-32 of [A-Za-z0-9._-]: " + prefix);
      }
      this.messageIdPrefix = prefix;
      return this;
    }

    /**
     * The MM7 profile of {@link MockMmsc#deliver} requests, and of reports about submissions
     * without one (default {@link Mm7Version#DEFAULT}).
     */
    public Builder deliverVersion(Mm7Version version) {
      this.deliverVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Called on a server thread with each request as it is recorded, before it is answered (e.g. to
     * print it); should be quick and must be thread-safe.
     */
    public Builder onSubmission(Consumer<Submission> callback) {
      this.onSubmission = Objects.requireNonNull(callback, "callback");
      return this;
    }

    /**
     * Called with the application's answer to each delivery, report or read reply the mock sent
     * (including automatic reports), on the sending thread; must be thread-safe.
     */
    public Builder onVaspAnswer(Consumer<VaspAnswer> callback) {
      this.onVaspAnswer = Objects.requireNonNull(callback, "callback");
      return this;
    }

    /** How picky the MM7 side is (default {@link MmscProfile#lenient()}). */
    public Builder profile(MmscProfile profile) {
      this.profile = Objects.requireNonNull(profile, "profile");
      return this;
    }

    /** Builds and starts the mock. */
    public MockMmsc start() {
      if (mm7Path.equals(eaifPath)) {
        throw new IllegalArgumentException("MM7 and EAIF need different paths");
      }
      MockMmsc m = new MockMmsc(this);
      try {
        m.server.start();
        m.mm4.start();
      } catch (RuntimeException e) {
        m.close();
        throw e;
      }
      LOG.info(
          "MockMmsc listening: MM7 {}, EAIF {}, MM4 on SMTP port {}",
          m.mm7Uri(),
          m.eaifUri(),
          m.mm4Port());
      return m;
    }

    private static String checkPath(String path) {
      if (path == null || !path.startsWith("/") || path.length() < 2) {
        throw new IllegalArgumentException("path must start with / and not be /: " + path);
      }
      return path;
    }
  }
}
