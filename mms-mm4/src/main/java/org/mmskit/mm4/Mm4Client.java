package org.mmskit.mm4;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.mmskit.core.Address;
import org.mmskit.core.MmsClient;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.OperationResult;
import org.mmskit.core.SubmitResult;
import org.mmskit.core.Transport;
import org.mmskit.mm4.internal.Mm4WriteOptions;
import org.mmskit.mm4.internal.Mm4Writer;
import org.mmskit.mm4.internal.OutgoingMail;
import org.mmskit.mm4.internal.SmtpSecurityMode;
import org.mmskit.mm4.internal.SmtpSender;
import org.mmskit.mm4.internal.SmtpSettings;

/**
 * Sends messages to a peer MMSC over MM4: each {@link #submit} is an {@code MM4_forward.REQ} mail
 * handed to the peer's SMTP server (or a relay in front of it) on a connection of its own.
 *
 * <pre>{@code
 * try (Mm4Client client = Mm4Client.builder()
 *         .smtpHost("mm4.peer.example").smtpPort(25).security(Mm4Client.Security.STARTTLS)
 *         .originatorSystem("mms@mms.mnc001.mcc001.gprs").mmscDomain("mms.mnc001.mcc001.gprs")
 *         .recipientDomain("mms.mnc002.mcc001.gprs")
 *         .build()) {
 *   SubmitResult r = client.submit(message);   // returns once the peer's server said 250
 * }
 * }</pre>
 *
 * <p>{@code submit} returns when the SMTP server accepted the mail; the result holds the {@code
 * X-Mms-Message-ID} and {@code X-Mms-Transaction-ID} written, status 250 and the server's reply
 * text. A refusal is an {@link org.mmskit.core.MmscRejectedException} of kind {@code TRANSPORT}
 * carrying an {@link SmtpReply} (4xx retryable, 5xx not). The peer's own verdict, the {@code
 * MM4_forward.RES}, comes later as a mail to our {@link Mm4Listener}, which hands it to {@link
 * Mm4Listener.Builder#onResponse}; match it by transaction ID. MM4 has no cancel or replace.
 *
 * <p>Thread-safe; {@link #close()} stops the thread that runs {@link #submitAsync}.
 */
public final class Mm4Client implements MmsClient {
  /** How the SMTP connection is protected. */
  public enum Security {
    /** Plain SMTP. */
    NONE,
    /** STARTTLS when the server offers it, plain otherwise. */
    STARTTLS_OPPORTUNISTIC,
    /** STARTTLS, failing when the server does not offer it. */
    STARTTLS,
    /** TLS from the first byte (SMTPS, usually port 465). */
    SMTPS
  }

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Mm4Writer writer;
  private final SmtpSender sender;
  private final Address defaultSender;
  private final ExecutorService executor;

  private Mm4Client(Builder b) {
    this.writer =
        new Mm4Writer(
            new Mm4WriteOptions(
                b.version,
                b.originatorSystem,
                b.mmscDomain,
                b.recipientDomain,
                b.domainInHeaders,
                b.ackRequest,
                b.vaspId,
                b.vasId));
    this.sender =
        new SmtpSender(
            new SmtpSettings(
                b.smtpHost,
                b.smtpPort,
                mode(b.security),
                b.user,
                b.password,
                b.sslContext,
                b.connectTimeout,
                b.responseTimeout,
                b.mmscDomain));
    this.defaultSender = b.defaultSender;
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "mm4-client-" + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  private static SmtpSecurityMode mode(Security s) {
    switch (s) {
      case STARTTLS_OPPORTUNISTIC:
        return SmtpSecurityMode.STARTTLS_OPPORTUNISTIC;
      case STARTTLS:
        return SmtpSecurityMode.STARTTLS_REQUIRED;
      case SMTPS:
        return SmtpSecurityMode.SMTPS;
      default:
        return SmtpSecurityMode.NONE;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Transport transport() {
    return Transport.MM4;
  }

  /**
   * Sends an {@code MM4_forward.REQ} and waits for the SMTP server's 250.
   *
   * @throws IllegalArgumentException when the message has no recipient, no part, or no sender and
   *     the client no default sender
   */
  @Override
  public SubmitResult submit(MmsMessage message) {
    Address from = message.from().or(() -> Optional.ofNullable(defaultSender)).orElse(null);
    if (from == null) {
      throw new IllegalArgumentException(
          "MM4 needs a sender: set the message's from or the client's defaultSender");
    }
    OutgoingMail mail = writer.forward(message, from);
    SmtpReply reply = sender.send(mail);
    return new SubmitResult(
        mail.messageId(), reply.code(), reply.text(), Optional.of(mail.transactionId()));
  }

  @Override
  public CompletableFuture<SubmitResult> submitAsync(MmsMessage message) {
    try {
      return CompletableFuture.supplyAsync(() -> submit(message), executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(
          new MmsTransportException("the MM4 client is closed", e, false, false));
    }
  }

  /** MM4 has no cancel: always throws. */
  @Override
  public OperationResult cancel(String messageId) {
    throw new UnsupportedOperationException("cancel is not supported by MM4");
  }

  /** MM4 has no cancel: always fails. */
  @Override
  public CompletableFuture<OperationResult> cancelAsync(String messageId) {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException("cancel is not supported by MM4"));
  }

  /** MM4 has no replace: always throws. */
  @Override
  public OperationResult replace(String messageId, MmsMessage replacement) {
    throw new UnsupportedOperationException("replace is not supported by MM4");
  }

  /** MM4 has no replace: always fails. */
  @Override
  public CompletableFuture<OperationResult> replaceAsync(String messageId, MmsMessage replacement) {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException("replace is not supported by MM4"));
  }

  /** Stops accepting asynchronous submits; running ones finish. */
  @Override
  public void close() {
    executor.shutdown();
  }

  Mm4Writer writer() {
    return writer;
  }

  SmtpSender sender() {
    return sender;
  }

  @Override
  public String toString() {
    return "Mm4Client{"
        + sender.settings().host()
        + ":"
        + sender.settings().port()
        + ", "
        + writer.options().originatorSystem()
        + "}";
  }

  /** Configures an {@link Mm4Client}. Not thread-safe. */
  public static final class Builder {
    private String smtpHost;
    private int smtpPort = 25;
    private Security security = Security.NONE;
    private String user;
    private String password;
    private SSLContext sslContext;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration responseTimeout = Duration.ofSeconds(60);
    private String version = "5.5.0";
    private String originatorSystem;
    private String mmscDomain;
    private String recipientDomain;
    private boolean domainInHeaders;
    private boolean ackRequest = true;
    private String vaspId;
    private String vasId;
    private Address defaultSender;

    private Builder() {}

    /** The peer's SMTP server (or the relay in front of it). Required. */
    public Builder smtpHost(String host) {
      this.smtpHost = Objects.requireNonNull(host, "host");
      return this;
    }

    /** Its port, default 25. */
    public Builder smtpPort(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.smtpPort = port;
      return this;
    }

    /** How the connection is protected, default {@link Security#NONE}. */
    public Builder security(Security security) {
      this.security = Objects.requireNonNull(security, "security");
      return this;
    }

    /** SMTP AUTH user and password. */
    public Builder credentials(String user, String password) {
      this.user = Objects.requireNonNull(user, "user");
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** The TLS context for STARTTLS or SMTPS; default the JVM's. */
    public Builder sslContext(SSLContext context) {
      this.sslContext = Objects.requireNonNull(context, "context");
      return this;
    }

    /** How long to wait for the connection (default 10 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** How long to wait for each SMTP reply and each write (default 60 s). */
    public Builder responseTimeout(Duration timeout) {
      this.responseTimeout = positive(timeout, "responseTimeout");
      return this;
    }

    /** The {@code X-Mms-3GPP-MMS-Version} written, default {@code 5.5.0}. */
    public Builder version(String version) {
      if (!Objects.requireNonNull(version, "version").matches("[0-9]+\\.[0-9]+\\.[0-9]+")) {
        throw new IllegalArgumentException("version must look like 6.10.0: " + version);
      }
      this.version = version;
      return this;
    }

    /**
     * Our {@code X-Mms-Originator-System}, the address peers send {@code .RES} mails to, e.g.
     * {@code mms@mms.mnc001.mcc001.gprs}. Required.
     */
    public Builder originatorSystem(String address) {
      this.originatorSystem = Objects.requireNonNull(address, "address");
      return this;
    }

    /**
     * Our MMSC's domain, e.g. {@code mms.mnc001.mcc001.gprs}: appended to the sender in {@code
     * Sender} and {@code MAIL FROM}, used in generated IDs and EHLO. Required.
     */
    public Builder mmscDomain(String domain) {
      this.mmscDomain = Objects.requireNonNull(domain, "domain");
      return this;
    }

    /** The peer's domain, appended to recipients in {@code RCPT TO}. Required. */
    public Builder recipientDomain(String domain) {
      this.recipientDomain = Objects.requireNonNull(domain, "domain");
      return this;
    }

    /**
     * Also write {@code @domain} in {@code From}, {@code To} and {@code Cc}, for peers that want
     * it. Default false ({@code +4915551234/TYPE=PLMN}).
     */
    public Builder domainInHeaders(boolean domainInHeaders) {
      this.domainInHeaders = domainInHeaders;
      return this;
    }

    /** Ask the peer for an {@code MM4_forward.RES} ({@code X-Mms-Ack-Request}). Default true. */
    public Builder ackRequest(boolean ackRequest) {
      this.ackRequest = ackRequest;
      return this;
    }

    /** {@code X-Mms-VASP-ID} written on every mail. */
    public Builder vaspId(String vaspId) {
      this.vaspId = vaspId;
      return this;
    }

    /** {@code X-Mms-VAS-ID} written on every mail. */
    public Builder vasId(String vasId) {
      this.vasId = vasId;
      return this;
    }

    /** The sender used when a message has none. */
    public Builder defaultSender(Address sender) {
      this.defaultSender = Objects.requireNonNull(sender, "sender");
      return this;
    }

    /**
     * @throws IllegalStateException when host, originator system, MMSC domain or recipient domain
     *     is missing
     */
    public Mm4Client build() {
      require(smtpHost, "smtpHost");
      require(originatorSystem, "originatorSystem");
      require(mmscDomain, "mmscDomain");
      require(recipientDomain, "recipientDomain");
      return new Mm4Client(this);
    }

    private static void require(Object value, String name) {
      if (value == null) {
        throw new IllegalStateException(name + "(...) is required");
      }
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }
  }
}
