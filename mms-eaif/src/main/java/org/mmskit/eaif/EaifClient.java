package org.mmskit.eaif;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.mmskit.core.Address;
import org.mmskit.core.HttpStatus;
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
import org.mmskit.eaif.internal.WireLog;
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

  /** Largest response body read; an m-send-conf is a few hundred bytes. */
  private static final int MAX_RESPONSE_BODY = 64 * 1024;

  /** How much of an error body is quoted in the exception message. */
  private static final int ERROR_SNIPPET = 200;

  private static final AtomicInteger CLIENT_COUNT = new AtomicInteger();

  private final URI endpoint;
  private final Address defaultSender;
  private final boolean allowSenderOverride;
  private final String authorization;
  private final String eaifVersion;
  private final MmsVersion mmsVersion;
  private final String charging;
  private final IntPredicate retryableStatus;
  private final int maxConnections;
  private final CloseableHttpClient http;
  private final ExecutorService ownExecutor;
  private final java.util.concurrent.Executor executor;

  /** Unfinished asynchronous submits, each with whether its task has started. */
  private final Map<CompletableFuture<SubmitResult>, AtomicBoolean> pending =
      new ConcurrentHashMap<>();

  private final AtomicBoolean closed = new AtomicBoolean();

  private EaifClient(Builder b) {
    this.endpoint = b.endpoint;
    this.defaultSender = b.defaultSender;
    this.allowSenderOverride = b.allowSenderOverride;
    this.authorization =
        b.username == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (b.username + ":" + b.password).getBytes(StandardCharsets.UTF_8));
    this.eaifVersion = b.eaifVersion;
    this.mmsVersion = b.mmsVersion;
    this.charging = b.charging;
    this.retryableStatus = b.retryableStatus;
    this.maxConnections = b.maxConnections;

    PoolingHttpClientConnectionManagerBuilder cm =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(b.maxConnections)
            .setMaxConnPerRoute(b.maxConnections)
            .setDefaultSocketConfig(
                SocketConfig.custom()
                    .setTcpNoDelay(true)
                    .setSoTimeout(Timeout.of(b.responseTimeout))
                    .build())
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.of(b.connectTimeout))
                    .setSocketTimeout(Timeout.of(b.responseTimeout))
                    .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                    .build());
    if (b.sslContext != null) {
      cm.setTlsSocketStrategy(new DefaultClientTlsStrategy(b.sslContext));
    }
    PoolingHttpClientConnectionManager manager = cm.build();
    this.http =
        HttpClients.custom()
            .setConnectionManager(manager)
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setResponseTimeout(Timeout.of(b.responseTimeout))
                    .setConnectionRequestTimeout(Timeout.of(b.connectTimeout))
                    .build())
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .disableContentCompression()
            .disableAuthCaching()
            .build();
    if (b.executor != null) {
      this.ownExecutor = null;
      this.executor = b.executor;
    } else {
      this.ownExecutor = Executors.newFixedThreadPool(b.maxConnections, threadFactory());
      this.executor = ownExecutor;
    }
  }

  private static ThreadFactory threadFactory() {
    int id = CLIENT_COUNT.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "mmskit-eaif-" + id + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The MMSC URL this client posts to. */
  public URI endpoint() {
    return endpoint;
  }

  /** The sender used when a message has none, or for every message when overrides are off. */
  public Optional<Address> defaultSender() {
    return Optional.ofNullable(defaultSender);
  }

  @Override
  public Transport transport() {
    return Transport.EAIF;
  }

  /**
   * Submits a message and waits for the MMSC's answer.
   *
   * @return the result; {@code statusCode()} is the HTTP status, {@code transactionId()} the PDU
   *     transaction ID this client generated
   * @throws IllegalArgumentException when the message has no recipient or no part
   * @throws MmscRejectedException when the MMSC refused (HTTP error or m-send-conf not Ok)
   * @throws MmsTransportException when the MMSC could not be reached or did not answer in time
   * @throws MmsMalformedException when a 2xx answer held an unreadable m-send-conf
   */
  @Override
  public SubmitResult submit(MmsMessage message) {
    Objects.requireNonNull(message, "message");
    if (closed.get()) {
      throw new MmsTransportException("EAIF client is closed", null, false, false);
    }
    message.requireSendable();
    Address sender = effectiveSender(message);
    String transactionId = EaifPdus.newTransactionId();
    byte[] body = EaifPdus.encodeSendReq(message, sender, transactionId, mmsVersion);

    HttpPost post = new HttpPost(endpoint);
    post.addHeader("Content-Type", EaifHeaders.CONTENT_TYPE);
    for (Address to : sendableRecipients(message)) {
      post.addHeader(EaifHeaders.TO, headerAddress(to));
    }
    if (sender != null) {
      post.addHeader(EaifHeaders.FROM, headerAddress(sender));
    }
    post.addHeader(EaifHeaders.VERSION, eaifVersion);
    post.addHeader(EaifHeaders.MESSAGE_TYPE, EaifHeaders.TYPE_MESSAGE);
    if (charging != null) {
      post.addHeader(EaifHeaders.CHARGING, charging);
    }
    if (authorization != null) {
      post.addHeader("Authorization", authorization);
    }
    post.setEntity(new ByteArrayEntity(body, ContentType.create(EaifHeaders.CONTENT_TYPE)));
    WireLog.request(post, body);

    try {
      return http.execute(post, response -> handleResponse(response, transactionId));
    } catch (MmsException e) {
      throw e;
    } catch (IOException e) {
      throw transportFailure(e);
    } catch (RuntimeException e) {
      if (e.getCause() instanceof IOException) {
        throw transportFailure((IOException) e.getCause());
      }
      throw e;
    }
  }

  /**
   * Submits a message on the client's executor. The future completes with the result or
   * exceptionally with the exceptions {@link #submit} throws (wrapped in a {@link
   * java.util.concurrent.CompletionException} when joined).
   */
  @Override
  public CompletableFuture<SubmitResult> submitAsync(MmsMessage message) {
    Objects.requireNonNull(message, "message");
    CompletableFuture<SubmitResult> future = new CompletableFuture<>();
    if (closed.get()) {
      future.completeExceptionally(
          new MmsTransportException("EAIF client is closed", null, false, false));
      return future;
    }
    AtomicBoolean started = new AtomicBoolean();
    pending.put(future, started);
    future.whenComplete((r, e) -> pending.remove(future));
    try {
      executor.execute(
          () -> {
            started.set(true);
            if (future.isDone()) {
              return;
            }
            try {
              future.complete(submit(message));
            } catch (RuntimeException e) {
              future.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      future.completeExceptionally(
          new MmsTransportException("EAIF client executor refused the task", e, false));
    }
    return future;
  }

  /**
   * Closes the connection pool and the internal executor. Asynchronous submits not finished yet
   * complete exceptionally with {@link MmsTransportException}.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (Map.Entry<CompletableFuture<SubmitResult>, AtomicBoolean> e : pending.entrySet()) {
      boolean sent = e.getValue().get();
      e.getKey()
          .completeExceptionally(
              new MmsTransportException(
                  sent
                      ? "EAIF client closed before the answer"
                      : "EAIF client closed before sending",
                  null,
                  sent));
    }
    if (ownExecutor != null) {
      ownExecutor.shutdownNow();
    }
    http.close(CloseMode.IMMEDIATE);
    if (ownExecutor != null) {
      try {
        ownExecutor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "EaifClient{" + endpoint + ", maxConnections=" + maxConnections + "}";
  }

  private Address effectiveSender(MmsMessage message) {
    if (defaultSender == null) {
      return message.from().orElse(null);
    }
    if (allowSenderOverride) {
      return message.from().orElse(defaultSender);
    }
    return defaultSender;
  }

  private static List<Address> sendableRecipients(MmsMessage message) {
    List<Address> out = new ArrayList<>();
    for (Address a : message.recipients()) {
      if (!a.displayOnly()) {
        out.add(a);
      }
    }
    return out;
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

  private SubmitResult handleResponse(ClassicHttpResponse response, String transactionId)
      throws IOException {
    int status = response.getCode();
    HttpEntity entity = response.getEntity();
    boolean success = status >= 200 && status < 300;
    byte[] body = readCapped(entity, success ? MAX_RESPONSE_BODY : ERROR_SNIPPET);
    boolean truncated = success && body.length > MAX_RESPONSE_BODY;
    WireLog.response(response, body);
    String headerId = firstHeader(response, EaifHeaders.MESSAGE_ID);
    if (!success) {
      boolean retryable = retryableStatus.test(status);
      String phrase = response.getReasonPhrase();
      throw MmscRejectedException.builder(Transport.EAIF, MmscRejectedException.Kind.TRANSPORT)
          .detail(new HttpStatus(status, phrase == null ? "" : phrase))
          .explanation(errorDetail(entity, body))
          .retryable(retryable)
          .build();
    }
    String contentType = entity == null ? null : entity.getContentType();
    if (body.length > 0
        && (EaifHeaders.isMmsContentType(contentType) || EaifPdus.looksLikeSendConf(body))) {
      EaifPdus.SendConf conf;
      try {
        if (truncated) {
          throw new MmsMalformedException(
              "EAIF answer body is larger than " + MAX_RESPONSE_BODY + " bytes", null);
        }
        conf = EaifPdus.readSendConf(body);
      } catch (MmsMalformedException e) {
        if (headerId != null) {
          LOG.warn(
              "EAIF 2xx answer carried an unreadable m-send-conf ({}); using the message ID header",
              e.getMessage());
          return new SubmitResult(headerId, status, reason(response), Optional.of(transactionId));
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
          id, status, conf.responseText().orElse(reason(response)), Optional.of(transactionId));
    }
    if (headerId == null) {
      LOG.warn(
          "EAIF MMSC at {} accepted a message (HTTP {}) without a message ID", endpoint, status);
    }
    return new SubmitResult(
        headerId == null ? "" : headerId, status, reason(response), Optional.of(transactionId));
  }

  private static String reason(ClassicHttpResponse response) {
    String r = response.getReasonPhrase();
    return r == null ? "" : r;
  }

  private static String firstHeader(ClassicHttpResponse response, String name) {
    Header h = response.getFirstHeader(name);
    if (h == null || h.getValue() == null) {
      return null;
    }
    String v = h.getValue().trim();
    return v.isEmpty() ? null : v;
  }

  private static String errorDetail(HttpEntity entity, byte[] body) {
    if (body.length == 0) {
      return null;
    }
    String ct = entity == null ? null : entity.getContentType();
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
   * Reads at most {@code cap + 1} bytes of the body, so that a longer array tells the body was
   * longer than the cap; the rest is discarded when the entity closes.
   */
  private static byte[] readCapped(HttpEntity entity, int cap) throws IOException {
    if (entity == null) {
      return new byte[0];
    }
    try (InputStream in = entity.getContent()) {
      return in == null ? new byte[0] : in.readNBytes(cap + 1);
    }
  }

  private MmsTransportException transportFailure(IOException e) {
    String where = endpoint.toString();
    if (e instanceof HttpHostConnectException
        || e instanceof ConnectException
        || e instanceof ConnectTimeoutException
        || e instanceof UnknownHostException
        || e instanceof NoRouteToHostException) {
      return new MmsTransportException("cannot connect to " + where + ": " + e, e, false);
    }
    if (e instanceof ConnectionRequestTimeoutException) {
      return new MmsTransportException(
          "all " + maxConnections + " connections to " + where + " stayed busy: " + e, e, false);
    }
    if (e instanceof SSLHandshakeException) {
      return new MmsTransportException("TLS handshake with " + where + " failed: " + e, e, false);
    }
    if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
      return new MmsTransportException("no answer from " + where + " in time: " + e, e, true);
    }
    return new MmsTransportException("I/O error talking to " + where + ": " + e, e, true);
  }

  /** Builds an {@link EaifClient}. Not thread-safe. */
  public static final class Builder {
    private URI endpoint;
    private Address defaultSender;
    private boolean allowSenderOverride;
    private String username;
    private String password;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration responseTimeout = Duration.ofSeconds(60);
    private SSLContext sslContext;
    private int maxConnections = 8;
    private String eaifVersion = EaifHeaders.DEFAULT_VERSION;
    private MmsVersion mmsVersion = MmsVersion.V1_2;
    private String charging;
    private IntPredicate retryableStatus = DEFAULT_RETRYABLE_STATUS;
    private java.util.concurrent.Executor executor;

    private Builder() {}

    /** The MMSC's EAIF URL, {@code http} or {@code https}. Required. */
    public Builder endpoint(URI endpoint) {
      Objects.requireNonNull(endpoint, "endpoint");
      String scheme = endpoint.getScheme();
      if (scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || endpoint.getHost() == null) {
        throw new IllegalArgumentException("EAIF endpoint must be an http(s) URL: " + endpoint);
      }
      this.endpoint = endpoint;
      return this;
    }

    /** The MMSC's EAIF URL as text. */
    public Builder endpoint(String endpoint) {
      return endpoint(URI.create(Objects.requireNonNull(endpoint, "endpoint")));
    }

    /**
     * The sender for messages without one; with {@link #allowSenderOverride(boolean)} off (the
     * default) it is the sender of every message, whatever the message says.
     */
    public Builder defaultSender(Address sender) {
      this.defaultSender = sender;
      return this;
    }

    /**
     * Whether a message's own sender is used instead of the default sender. Default false. Without
     * a default sender, the message's sender is always used, and a message without one goes out
     * asking the MMSC to insert the sender.
     */
    public Builder allowSenderOverride(boolean allow) {
      this.allowSenderOverride = allow;
      return this;
    }

    /** HTTP Basic credentials sent with every request. */
    public Builder credentials(String username, String password) {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      if (username.indexOf(':') >= 0) {
        throw new IllegalArgumentException("a Basic user name cannot contain ':'");
      }
      this.username = username;
      this.password = password;
      return this;
    }

    /**
     * How long to wait for a TCP (and TLS) connection, and for a free connection when all {@link
     * #maxConnections(int)} are busy. Default 10 s.
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** How long to wait for the MMSC's answer once the request is sent. Default 60 s. */
    public Builder responseTimeout(Duration timeout) {
      this.responseTimeout = positive(timeout, "responseTimeout");
      return this;
    }

    /** The TLS context for {@code https} endpoints; default the JVM's. */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = sslContext;
      return this;
    }

    /** Most connections kept open to the MMSC at once (keep-alive pool). Default 8. */
    public Builder maxConnections(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxConnections must be at least 1: " + max);
      }
      this.maxConnections = max;
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
     * The executor {@link #submitAsync} runs on. By default the client owns a pool of {@link
     * #maxConnections(int)} daemon threads, shut down by {@link #close()}; a given executor is not
     * shut down.
     */
    public Builder executor(java.util.concurrent.Executor executor) {
      this.executor = executor;
      return this;
    }

    /**
     * Builds the client.
     *
     * @throws IllegalStateException when no endpoint was set
     */
    public EaifClient build() {
      if (endpoint == null) {
        throw new IllegalStateException("EAIF endpoint not set");
      }
      return new EaifClient(this);
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
