package org.mmskit.eaif;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.IntPredicate;
import javax.net.ssl.SSLContext;
import org.mmskit.core.Address;
import org.mmskit.core.Header;
import org.mmskit.core.MmsClient;
import org.mmskit.core.MmsException;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.core.SubmitResult;
import org.mmskit.core.Transport;
import org.mmskit.core.pdu.MmsVersion;
import org.mmskit.eaif.internal.EaifPdus;
import org.mmskit.http.internal.HttpAnswer;
import org.mmskit.http.internal.HttpClientOptions;
import org.mmskit.http.internal.HttpTransport;
import org.mmskit.http.internal.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends messages to an MMSC over Nokia's External Application Interface (EAIF): one HTTP POST per
 * message whose body is a binary m-send-req PDU, with the {@code X-NOKIA-MMSC-*} headers.
 *
 * <pre>{@code
 * try (EaifClient client = EaifClient.builder()
 *     .endpoint(URI.create("http://mmsc.example:8002/eaif"))
 *     .defaultSender(Address.shortCode("12345"))
 *     .credentials("user", "secret")
 *     .build()) {
 *   SubmitResult r = client.submit(message);   // r.messageId()
 * }
 * }</pre>
 *
 * <p>Answers: any 2xx is success. The message ID comes from an m-send-conf body when the MMSC sends
 * one (its {@code X-Mms-Response-Status} must be {@code Ok}, otherwise {@link
 * MmscRejectedException} of kind {@code STATUS} with the status octet as code), else from the
 * {@code X-NOKIA-MMSC-Message-Id} header; it is empty when the MMSC gave none. Other HTTP statuses
 * raise {@link MmscRejectedException} of kind {@code TRANSPORT}; whether they are retryable is set
 * by {@link Builder#retryableStatus(IntPredicate)}. A connection that could not be made raises
 * {@link MmsTransportException} with {@code requestSent() == false}; a timeout or broken connection
 * after sending raises it with {@code requestSent() == true}.
 *
 * <p>EAIF has no cancel or replace: {@link #cancel} and {@link #replace} throw {@link
 * UnsupportedOperationException}.
 *
 * <p>Wire trace: at DEBUG on the SLF4J logger {@code org.mmskit.wire}, each request and response is
 * logged (request line, headers with {@code Authorization} masked, PDU summary).
 *
 * <p>Thread-safe: share one client per MMSC account. HTTP connections are kept alive in a pool of
 * {@link Builder#maxConnections(int)}; asynchronous submits run on an internal pool of that many
 * threads unless an executor is given.
 */
public final class EaifClient implements MmsClient {
  private static final Logger LOG = LoggerFactory.getLogger(EaifClient.class);

  /** The default rule for retryable HTTP statuses: 5xx, 408 and 429. */
  public static final IntPredicate DEFAULT_RETRYABLE_STATUS =
      status -> status >= 500 || status == 408 || status == 429;

  /** How much of an error body is quoted in the exception message. */
  private static final int ERROR_SNIPPET = 200;

  private final String eaifVersion;
  private final MmsVersion mmsVersion;
  private final String charging;
  private final IntPredicate retryableStatus;
  private final long maxResponseBytes;
  private final HttpTransport http;

  private EaifClient(Builder b) {
    this.eaifVersion = b.eaifVersion;
    this.mmsVersion = b.mmsVersion;
    this.charging = b.charging;
    this.retryableStatus = b.retryableStatus;
    this.maxResponseBytes = b.http.maxResponseBytes();
    this.http = new HttpTransport(b.http, Transport.EAIF, EaifClient::answerSummary);
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The MMSC URL this client posts to. */
  public URI endpoint() {
    return http.endpoint();
  }

  /** The sender used when a message has none, or for every message when overrides are off. */
  public Optional<Address> defaultSender() {
    return Optional.ofNullable(http.defaultSender());
  }

  @Override
  public Transport transport() {
    return Transport.EAIF;
  }

  /**
   * Submits a message and waits for the MMSC's answer.
   *
   * @return the result; {@code statusCode()} is the HTTP status, {@code transactionId()} the PDU
   *     transaction ID: the message's own ({@link MmsMessage.Builder#transactionId(String)}) or one
   *     this client generated
   * @throws IllegalArgumentException when the message has no recipient or no part
   * @throws MmscRejectedException when the MMSC refused (HTTP error or m-send-conf not Ok)
   * @throws MmsTransportException when the MMSC could not be reached or did not answer in time
   * @throws MmsMalformedException when a 2xx answer held an unreadable m-send-conf
   */
  @Override
  public SubmitResult submit(MmsMessage message) {
    Objects.requireNonNull(message, "message");
    message.requireSendable();
    Address sender = http.sender(message);
    String transactionId = message.transactionId().orElseGet(EaifPdus::newTransactionId);
    byte[] pdu = EaifPdus.encodeSendReq(message, sender, transactionId, mmsVersion);

    List<Header> headers = new ArrayList<>();
    for (Address to : message.recipients()) {
      if (!to.displayOnly()) {
        headers.add(new Header(EaifHeaders.TO, headerAddress(to)));
      }
    }
    if (sender != null) {
      headers.add(new Header(EaifHeaders.FROM, headerAddress(sender)));
    }
    headers.add(new Header(EaifHeaders.VERSION, eaifVersion));
    headers.add(new Header(EaifHeaders.MESSAGE_TYPE, EaifHeaders.TYPE_MESSAGE));
    if (charging != null) {
      headers.add(new Header(EaifHeaders.CHARGING, charging));
    }
    HttpAnswer answer =
        http.post(headers, RequestBody.of(EaifHeaders.CONTENT_TYPE, pdu, EaifPdus.summary(pdu)));
    return interpret(answer, transactionId);
  }

  /**
   * Submits a message on the client's executor. The future completes with the result or
   * exceptionally with the exceptions {@link #submit} throws (wrapped in a {@link
   * java.util.concurrent.CompletionException} when joined).
   */
  @Override
  public CompletableFuture<SubmitResult> submitAsync(MmsMessage message) {
    Objects.requireNonNull(message, "message");
    return http.async(() -> submit(message));
  }

  /**
   * Closes the connection pool and the internal executor. Asynchronous submits not finished yet
   * complete exceptionally with {@link MmsTransportException}.
   */
  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return "EaifClient{" + http.endpoint() + ", maxConnections=" + http.maxConnections() + "}";
  }

  /**
   * The form of an address in an EAIF header: the plain number or e-mail address (as NowSMS and
   * Mbuni write it), the PDU form for IP and other typed addresses so the type is not lost.
   */
  static String headerAddress(Address a) {
    switch (a.kind()) {
      case PHONE:
      case SHORT_CODE:
      case EMAIL:
        return a.value();
      default:
        return a.toPduString();
    }
  }

  /** How the wire trace shows an answer body: a PDU as its summary, text as text. */
  private static String answerSummary(String contentType, byte[] body) {
    if (body.length > 0
        && (contentType == null
            || contentType.toLowerCase(Locale.ROOT).contains("mms")
            || EaifPdus.looksLikePdu(body))) {
      return EaifPdus.summary(body);
    }
    return org.mmskit.http.internal.WireTrace.summary(contentType, body);
  }

  private SubmitResult interpret(HttpAnswer answer, String transactionId) {
    int status = answer.status();
    byte[] body = answer.body();
    String headerId = answer.header(EaifHeaders.MESSAGE_ID).orElse(null);
    if (!answer.success()) {
      throw http.rejected(answer, errorDetail(answer), retryableStatus.test(status));
    }
    String contentType = answer.contentType();
    if ((body.length > 0 || answer.truncated())
        && (EaifHeaders.isMmsContentType(contentType) || EaifPdus.looksLikeSendConf(body))) {
      EaifPdus.SendConf conf;
      try {
        if (answer.truncated()) {
          throw new MmsMalformedException(
              "EAIF answer body is larger than " + maxResponseBytes + " bytes", null);
        }
        conf = EaifPdus.readSendConf(body);
      } catch (MmsMalformedException e) {
        if (headerId != null) {
          LOG.warn(
              "EAIF 2xx answer carried an unreadable m-send-conf ({}); using the message ID header",
              e.getMessage());
          return new SubmitResult(headerId, status, answer.reason(), Optional.of(transactionId));
        }
        throw e;
      }
      if (!conf.ok()) {
        throw MmscRejectedException.builder(Transport.EAIF, MmscRejectedException.Kind.STATUS)
            .statusCode(conf.responseStatus())
            .statusText(conf.responseText().orElse(conf.statusName()))
            .explanation("X-Mms-Response-Status " + conf.statusName())
            .retryable(conf.transientFailure())
            .build();
      }
      String id = conf.messageId().orElse(headerId == null ? "" : headerId);
      return new SubmitResult(
          id, status, conf.responseText().orElse(answer.reason()), Optional.of(transactionId));
    }
    if (headerId == null) {
      LOG.warn(
          "EAIF MMSC at {} accepted a message (HTTP {}) without a message ID",
          http.endpoint(),
          status);
    }
    return new SubmitResult(
        headerId == null ? "" : headerId, status, answer.reason(), Optional.of(transactionId));
  }

  private static String errorDetail(HttpAnswer answer) {
    byte[] body = answer.body();
    if (body.length == 0) {
      return null;
    }
    String ct = answer.contentType();
    if (ct != null && ct.toLowerCase(Locale.ROOT).startsWith("text/")) {
      int n = Math.min(body.length, ERROR_SNIPPET);
      StringBuilder sb = new StringBuilder();
      for (char c : new String(body, 0, n, StandardCharsets.UTF_8).toCharArray()) {
        sb.append(c < 0x20 || c == 0x7f ? ' ' : c);
      }
      return sb.toString().trim() + (body.length > ERROR_SNIPPET ? "…" : "");
    }
    return "a body of type " + (ct == null ? "unknown" : ct);
  }

  /**
   * Builds an {@link EaifClient}. Not thread-safe. The HTTP options have the same names and meaning
   * as on {@code Mm7Client.Builder}.
   */
  public static final class Builder {
    private final HttpClientOptions http = new HttpClientOptions(false, 64 * 1024);
    private String eaifVersion = EaifHeaders.DEFAULT_VERSION;
    private MmsVersion mmsVersion = MmsVersion.V1_2;
    private String charging;
    private IntPredicate retryableStatus = DEFAULT_RETRYABLE_STATUS;

    private Builder() {}

    /** The MMSC's EAIF URL, {@code http} or {@code https}. Required. */
    public Builder endpoint(URI endpoint) {
      http.endpoint(endpoint);
      return this;
    }

    /** The MMSC's EAIF URL as text. */
    public Builder endpoint(String endpoint) {
      http.endpoint(endpoint);
      return this;
    }

    /**
     * The sender for messages without one; with {@link #allowSenderOverride(boolean)} off (the
     * default) it is the sender of every message, whatever the message says.
     */
    public Builder defaultSender(Address sender) {
      http.defaultSender(sender);
      return this;
    }

    /**
     * Whether a message's own sender is used instead of the default sender. Default false. Without
     * a default sender, the message's sender is always used, and a message without one goes out
     * asking the MMSC to insert the sender.
     */
    public Builder allowSenderOverride(boolean allow) {
      http.allowSenderOverride(allow);
      return this;
    }

    /** HTTP Basic credentials sent with every request. The user name cannot hold ':'. */
    public Builder credentials(String user, String password) {
      http.credentials(user, password);
      return this;
    }

    /**
     * How long to wait for a TCP (and TLS) connection, and for a free one when all {@link
     * #maxConnections(int)} are busy. Default 10 s.
     */
    public Builder connectTimeout(Duration timeout) {
      http.connectTimeout(timeout);
      return this;
    }

    /**
     * How long to wait for the answer once the request is sent: the longest pause in sending or
     * reading. Default 60 s.
     */
    public Builder responseTimeout(Duration timeout) {
      http.responseTimeout(timeout);
      return this;
    }

    /** A ready TLS context (takes precedence over trust store and client certificate). */
    public Builder sslContext(SSLContext context) {
      http.sslContext(context);
      return this;
    }

    /** Certificates to trust instead of the JVM's default trust store. */
    public Builder trustStore(KeyStore trustStore) {
      http.trustStore(trustStore);
      return this;
    }

    /** A client certificate and key for mutual TLS. */
    public Builder clientCertificate(KeyStore keyStore, char[] keyPassword) {
      http.clientCertificate(keyStore, keyPassword);
      return this;
    }

    /**
     * False skips the check that the MMSC's certificate names the endpoint host (for MMSCs with
     * certificates issued to another name); the chain is still checked. Default true.
     */
    public Builder verifyHostname(boolean verify) {
      http.verifyHostname(verify);
      return this;
    }

    /** An HTTP proxy, e.g. {@code http://proxy:3128}. */
    public Builder proxy(URI proxy) {
      http.proxy(proxy);
      return this;
    }

    /**
     * Pooled keep-alive connections, also the threads of the asynchronous calls unless an {@link
     * #executor(Executor)} is given. Default 10.
     */
    public Builder maxConnections(int max) {
      http.maxConnections(max);
      return this;
    }

    /**
     * The largest answer body read; a larger m-send-conf is refused unread (an m-send-conf is a few
     * hundred bytes). Default 64 KiB.
     */
    public Builder maxResponseBytes(long max) {
      http.maxResponseBytes(max);
      return this;
    }

    /**
     * The executor {@link #submitAsync} runs on. By default the client owns {@link
     * #maxConnections(int)} daemon threads, stopped by {@link #close()}; a given executor is not
     * shut down.
     */
    public Builder executor(Executor executor) {
      http.executor(executor);
      return this;
    }

    /** The {@code X-NOKIA-MMSC-Version} sent, {@code major.minor}. Default {@code 3.0}. */
    public Builder eaifVersion(String version) {
      Objects.requireNonNull(version, "version");
      if (!EaifHeaders.isVersion(version)) {
        throw new IllegalArgumentException("EAIF version must be major.minor: " + version);
      }
      this.eaifVersion = version;
      return this;
    }

    /** The MMS version written in the m-send-req. Default 1.2. */
    public Builder mmsVersion(MmsVersion version) {
      this.mmsVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /** A value for the {@code X-NOKIA-MMSC-Charging} header; none is sent by default. */
    public Builder charging(String charging) {
      if (charging != null && (charging.indexOf('\r') >= 0 || charging.indexOf('\n') >= 0)) {
        throw new IllegalArgumentException("charging value must be one line");
      }
      this.charging = charging;
      return this;
    }

    /**
     * Which HTTP error statuses make a rejection {@linkplain MmsException#isRetryable() retryable}.
     * Gateways disagree; the default ({@link #DEFAULT_RETRYABLE_STATUS}) takes 5xx, 408 and 429 as
     * retryable and every other 4xx as final.
     */
    public Builder retryableStatus(IntPredicate rule) {
      this.retryableStatus = Objects.requireNonNull(rule, "rule");
      return this;
    }

    /**
     * Builds the client.
     *
     * @throws IllegalStateException when no endpoint was set
     */
    public EaifClient build() {
      return new EaifClient(this);
    }
  }
}
