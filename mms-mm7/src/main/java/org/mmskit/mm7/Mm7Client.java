package org.mmskit.mm7;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.SchemePortResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionOperator;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.mmskit.core.Address;
import org.mmskit.core.Header;
import org.mmskit.core.HttpStatus;
import org.mmskit.core.MmsException;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.core.OperationResult;
import org.mmskit.core.SubmitResult;
import org.mmskit.core.Transport;
import org.mmskit.mm7.internal.Mm7Body;
import org.mmskit.mm7.internal.Mm7Codec;
import org.mmskit.mm7.internal.Mm7Envelope;
import org.mmskit.mm7.internal.Mm7Limits;
import org.mmskit.mm7.internal.Mm7Payload;
import org.mmskit.mm7.internal.Mm7StatusCodes;
import org.mmskit.mm7.internal.Mm7WriteOptions;
import org.mmskit.mm7.internal.PayloadEntity;
import org.mmskit.mm7.internal.WatchedSockets;
import org.mmskit.mm7.internal.WireLog;

/**
 * Sends MMS to an MMSC over MM7 (3GPP TS 23.140 SOAP over HTTP): submit, cancel and replace,
 * blocking or asynchronous. Thread-safe; create one per MMSC account, share it, and close it.
 *
 * <pre>{@code
 * try (Mm7Client client = Mm7Client.builder()
 *     .endpoint(URI.create("https://mmsc.example/mm7"))
 *     .vaspId("vasp-1").vasId("svc").credentials("user", "secret")
 *     .defaultSender(Address.shortCode("12345"))
 *     .build()) {
 *   SubmitResult r = client.submit(message);
 * }
 * }</pre>
 *
 * <p>Connections are pooled and kept alive ({@link Builder#maxConnections(int)}), with TCP_NODELAY.
 * Attachments are streamed: a file-backed part is read while the request is written. Each request
 * gets a unique {@code TransactionID}; a response carrying another one is refused as malformed. A
 * campaign that submits the same attachment (1-128 KB) again and again has it base64-encoded once:
 * the client keeps the text of a few such parts, about a megabyte at most, and reuses it for bytes
 * that are equal, compared in full each time.
 *
 * <p>Failures: {@link MmscRejectedException} when the MMSC refused (MM7 status 2xxx/3xxx/4xxx as
 * {@code STATUS}, SOAP fault as {@code FAULT} with the {@code RSErrorRsp} status code and a {@link
 * SoapFault} detail, an HTTP error without MM7 answer as {@code TRANSPORT}; an {@link
 * org.mmskit.core.HttpStatus} detail whenever the HTTP status was not 200); {@link
 * MmsTransportException} when it could not be reached or did not answer in time ({@code
 * requestSent()} false when the connection was never made); {@link MmsMalformedException} when its
 * answer could not be read. {@code isRetryable()} is true for 3xxx server errors (except
 * 3003/3004), 4006, HTTP 408/429/502/503/504 and transport failures.
 *
 * <p>The SLF4J logger {@code org.mmskit.wire} at DEBUG shows each exchange with credentials masked.
 */
public final class Mm7Client implements org.mmskit.core.MmsClient {
  private static final AtomicLong TX_COUNTER = new AtomicLong();
  private static final String TX_PREFIX =
      "mk" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL);

  private final URI endpoint;
  private final String vaspId;
  private final String vasId;
  private final String serviceCode;
  private final Address defaultSender;
  private final boolean allowSenderOverride;
  private final String authorization;
  private final Mm7Version version;
  private final Mm7Dialect dialect;
  private final Mm7WriteOptions writeOptions;
  private final String soapAction;
  private final Mm7Limits limits;
  private final Consumer<Mm7HttpRequest> requestObserver;
  private final CloseableHttpClient http;
  private final ExecutorService executor;
  private final WatchedSockets sockets;
  private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  private Mm7Client(Builder b) {
    this.endpoint = Objects.requireNonNull(b.endpoint, "endpoint");
    String scheme = endpoint.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      throw new IllegalArgumentException("endpoint must be an http or https URI: " + endpoint);
    }
    this.vaspId = b.vaspId;
    this.vasId = b.vasId;
    this.serviceCode = b.serviceCode;
    this.defaultSender = b.defaultSender;
    this.allowSenderOverride = b.allowSenderOverride;
    if (!allowSenderOverride && defaultSender == null) {
      throw new IllegalArgumentException("allowSenderOverride(false) needs a defaultSender");
    }
    this.authorization =
        b.user == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString((b.user + ":" + b.password).getBytes(StandardCharsets.UTF_8));
    this.version = b.version;
    this.dialect = b.dialect;
    Mm7WriteOptions o = Mm7WriteOptions.forDialect(dialect);
    if (b.prefixElements != null) {
      o = o.withPrefixElements(b.prefixElements);
    }
    if (b.legacyTextAddresses != null) {
      o = o.withLegacyTextAddresses(b.legacyTextAddresses);
    }
    if (b.binaryParts != null) {
      o = o.withBinaryParts(b.binaryParts);
    }
    this.writeOptions = o;
    this.soapAction = b.soapAction;
    this.limits = Mm7Limits.defaults().withMaxBodyBytes(b.maxResponseBytes);
    this.requestObserver = b.requestObserver;

    SSLContext ssl = b.sslContext;
    if (ssl == null && (b.trustStore != null || b.keyStore != null)) {
      ssl = sslContext(b.trustStore, b.keyStore, b.keyPassword);
    }
    // Sockets without SO_TIMEOUT: a watchdog enforces the connect and response timeouts, so that
    // each answer is waited for with one blocking read (see WatchedSockets).
    this.sockets = new WatchedSockets("mm7-client-watchdog");
    PoolingHttpClientConnectionManagerBuilder cm =
        new PoolingHttpClientConnectionManagerBuilder() {
          @Override
          protected HttpClientConnectionOperator createConnectionOperator(
              SchemePortResolver ports, DnsResolver dns, TlsSocketStrategy tls) {
            return new DefaultHttpClientConnectionOperator(
                sockets::newSocket,
                ports,
                dns,
                RegistryBuilder.<TlsSocketStrategy>create()
                    .register(URIScheme.HTTPS.id, tls)
                    .build());
          }
        }.setMaxConnTotal(b.maxConnections)
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
                    .build());
    if (!b.verifyHostname) {
      cm.setTlsSocketStrategy(
          new DefaultClientTlsStrategy(
              ssl != null ? ssl : defaultSslContext(),
              HostnameVerificationPolicy.CLIENT,
              NoopHostnameVerifier.INSTANCE));
    } else if (ssl != null) {
      cm.setTlsSocketStrategy(new DefaultClientTlsStrategy(ssl));
    }
    PoolingHttpClientConnectionManager manager = cm.build();
    var hb =
        HttpClients.custom()
            .setConnectionManager(manager)
            .disableAutomaticRetries()
            .disableContentCompression()
            .disableRedirectHandling()
            .disableCookieManagement()
            .setUserAgent("MMSKit-MM7/0.1")
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setResponseTimeout(Timeout.of(b.responseTimeout))
                    .setConnectionRequestTimeout(Timeout.of(b.responseTimeout))
                    .build());
    if (b.proxy != null) {
      hb.setProxy(
          new HttpHost(
              b.proxy.getScheme() == null ? "http" : b.proxy.getScheme(),
              b.proxy.getHost(),
              b.proxy.getPort()));
    }
    this.http = hb.build();
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            b.maxConnections,
            r -> {
              Thread t = new Thread(r, "mm7-client-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * A builder with defaults: REL-6-MM7-1-4 / 6.8.0, STANDARD dialect, 10 s connect, 60 s response,
   * 10 connections.
   */
  public static Builder builder() {
    return new Builder();
  }

  private static SSLContext sslContext(KeyStore trust, KeyStore keys, char[] keyPassword) {
    try {
      TrustManagerFactory tmf = null;
      if (trust != null) {
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
      }
      KeyManagerFactory kmf = null;
      if (keys != null) {
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, keyPassword);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(
          kmf == null ? null : kmf.getKeyManagers(),
          tmf == null ? null : tmf.getTrustManagers(),
          null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static SSLContext defaultSslContext() {
    try {
      return SSLContext.getDefault();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no default TLS context", e);
    }
  }

  @Override
  public Transport transport() {
    return Transport.MM7;
  }

  /** The schema profile this client writes. */
  public Mm7Version version() {
    return version;
  }

  /** The dialect this client writes. */
  public Mm7Dialect dialect() {
    return dialect;
  }

  // ---------------------------------------------------------------- operations

  @Override
  public SubmitResult submit(MmsMessage message) {
    Objects.requireNonNull(message, "message");
    MmsMessage m = prepare(message).requireSendable();
    Mm7Body.SubmitReq req =
        new Mm7Body.SubmitReq(Optional.ofNullable(vaspId), Optional.ofNullable(vasId), m);
    Exchange ex = exchange(req);
    if (!(ex.body instanceof Mm7Body.SubmitRsp rsp)) {
      throw unexpected(ex, "SubmitRsp");
    }
    return new SubmitResult(
        rsp.messageId(), rsp.status().code(), rsp.status().text(), ex.transactionId);
  }

  @Override
  public CompletableFuture<SubmitResult> submitAsync(MmsMessage message) {
    Objects.requireNonNull(message, "message");
    return async(() -> submit(message));
  }

  @Override
  public OperationResult cancel(String messageId) {
    Objects.requireNonNull(messageId, "messageId");
    Optional<Address> sender = Optional.ofNullable(defaultSender);
    Mm7Body.CancelReq req =
        new Mm7Body.CancelReq(
            Optional.ofNullable(vaspId), Optional.ofNullable(vasId), sender, messageId);
    Exchange ex = exchange(req);
    if (!(ex.body instanceof Mm7Body.CancelRsp rsp)) {
      throw unexpected(ex, "CancelRsp");
    }
    return new OperationResult(rsp.status().code(), rsp.status().text(), ex.transactionId);
  }

  @Override
  public CompletableFuture<OperationResult> cancelAsync(String messageId) {
    Objects.requireNonNull(messageId, "messageId");
    return async(() -> cancel(messageId));
  }

  @Override
  public OperationResult replace(String messageId, MmsMessage replacement) {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(replacement, "replacement");
    MmsMessage m = prepare(replacement);
    Mm7Body.ReplaceReq req =
        new Mm7Body.ReplaceReq(
            Optional.ofNullable(vaspId), Optional.ofNullable(vasId), messageId, m);
    Exchange ex = exchange(req);
    if (!(ex.body instanceof Mm7Body.ReplaceRsp rsp)) {
      throw unexpected(ex, "ReplaceRsp");
    }
    return new OperationResult(rsp.status().code(), rsp.status().text(), ex.transactionId);
  }

  @Override
  public CompletableFuture<OperationResult> replaceAsync(String messageId, MmsMessage replacement) {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(replacement, "replacement");
    return async(() -> replace(messageId, replacement));
  }

  /** Closes connections and threads; pending asynchronous calls complete exceptionally. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    executor.shutdownNow();
    http.close(CloseMode.IMMEDIATE);
    sockets.close();
    MmsTransportException closedEx =
        new MmsTransportException("MM7 client closed", null, true, true);
    for (CompletableFuture<?> f : pending) {
      f.completeExceptionally(closedEx);
    }
    pending.clear();
  }

  // ---------------------------------------------------------------- internals

  private MmsMessage prepare(MmsMessage message) {
    boolean sender = defaultSender != null && (!allowSenderOverride || message.from().isEmpty());
    boolean code = serviceCode != null && message.serviceCode().isEmpty();
    if (!sender && !code) {
      return message;
    }
    MmsMessage.Builder b = message.toBuilder();
    if (sender) {
      b.from(defaultSender);
    }
    if (code) {
      b.serviceCode(serviceCode);
    }
    return b.build();
  }

  private <T> CompletableFuture<T> async(Supplier<T> call) {
    CompletableFuture<T> f = new CompletableFuture<>();
    if (closed.get()) {
      f.completeExceptionally(new MmsTransportException("MM7 client closed", null, false, false));
      return f;
    }
    pending.add(f);
    f.whenComplete((r, e) -> pending.remove(f));
    try {
      executor.execute(
          () -> {
            try {
              f.complete(call.get());
            } catch (Throwable t) {
              f.completeExceptionally(t);
            }
          });
    } catch (RejectedExecutionException e) {
      f.completeExceptionally(new MmsTransportException("MM7 client closed", e, false, false));
    }
    return f;
  }

  private record Exchange(Optional<String> transactionId, Mm7Body body, int httpStatus) {}

  private static String newTransactionId() {
    return TX_PREFIX + "-" + Long.toHexString(TX_COUNTER.incrementAndGet());
  }

  private Exchange exchange(Mm7Body body) {
    if (closed.get()) {
      throw new MmsTransportException("MM7 client closed", null, false, false);
    }
    String txId = newTransactionId();
    Mm7Envelope env = new Mm7Envelope(Optional.of(txId), version, dialect, body);
    HttpPost post = new HttpPost(endpoint);
    List<Header> headers = new ArrayList<>(4);
    headers.add(new Header("SOAPAction", soapAction));
    if (authorization != null) {
      headers.add(new Header("Authorization", authorization));
    }
    for (Header h : headers) {
      post.addHeader(h.name(), h.value());
    }
    Mm7Payload payload = Mm7Codec.encode(env, writeOptions);
    HttpEntity entity;
    if (requestObserver != null) {
      byte[] bytes = toBytes(payload);
      entity = new PayloadEntity(payload.contentType(), bytes);
      List<Header> all = new ArrayList<>();
      all.add(new Header("Host", hostHeader()));
      all.add(new Header("User-Agent", "MMSKit-MM7/0.1"));
      all.addAll(headers);
      all.add(new Header("Content-Type", payload.contentType()));
      all.add(new Header("Content-Length", Integer.toString(bytes.length)));
      requestObserver.accept(new Mm7HttpRequest("POST", endpoint, all, bytes));
    } else {
      // streamed: part bodies are read from their sources as the request is written
      entity = new PayloadEntity(payload);
    }
    post.setEntity(entity);
    WireLog.request("POST", endpoint, headers, payload);
    RawResponse raw;
    try {
      raw = http.execute(post, this::readResponse);
    } catch (IOException e) {
      WireLog.failure(endpoint, e);
      throw transportFailure(e);
    } catch (UncheckedIOException e) {
      WireLog.failure(endpoint, e);
      throw transportFailure(e.getCause());
    } catch (IllegalStateException e) {
      if (closed.get()) {
        throw new MmsTransportException("MM7 client closed", e, true, true);
      }
      throw e;
    }
    return interpret(raw, txId);
  }

  private String hostHeader() {
    int port = endpoint.getPort();
    return port < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + port;
  }

  private static byte[] toBytes(Mm7Payload payload) {
    try {
      return payload.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a message part", e);
    }
  }

  /** An answer as read: its body is the first {@code length} bytes of {@code body}. */
  private record RawResponse(
      int status, String reason, String contentType, byte[] body, int length) {}

  private RawResponse readResponse(ClassicHttpResponse r) throws IOException {
    byte[] body = NO_BODY;
    int length = 0;
    String ct = null;
    HttpEntity e = r.getEntity();
    if (e != null) {
      ct = e.getContentType();
      long len = e.getContentLength();
      if (len > limits.maxBodyBytes()) {
        throw new TooLarge(len);
      }
      try (InputStream in = e.getContent()) {
        body =
            len >= 0 && len <= EXACT_READ_MAX
                ? readExactly(in, (int) len)
                : readLimited(in, limits.maxBodyBytes());
        length = body.length;
      }
    }
    if (WireLog.enabled()) {
      List<Header> headers = new ArrayList<>();
      for (org.apache.hc.core5.http.Header h : r.getHeaders()) {
        headers.add(new Header(h.getName(), h.getValue()));
      }
      WireLog.response(
          r.getCode(), r.getReasonPhrase(), headers, java.util.Arrays.copyOf(body, length));
    }
    return new RawResponse(r.getCode(), r.getReasonPhrase(), ct, body, length);
  }

  private static final byte[] NO_BODY = {};

  /** Thrown out of the response handler when the body exceeds the limit. */
  private static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long size) {
      super("response body larger than the limit: " + size + " bytes");
    }
  }

  /** Bodies up to this declared length are read straight into an array of that size. */
  private static final long EXACT_READ_MAX = 1 << 16;

  /** Reads a body of known length straight into its array (a shorter stream is truncated). */
  private static byte[] readExactly(InputStream in, int len) throws IOException {
    byte[] body = new byte[len];
    int n = in.readNBytes(body, 0, len);
    return n == len ? body : java.util.Arrays.copyOf(body, n);
  }

  private static byte[] readLimited(InputStream in, long max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    byte[] buf = new byte[8192];
    long total = 0;
    int r;
    while ((r = in.read(buf)) > 0) {
      total += r;
      if (total > max) {
        throw new TooLarge(total);
      }
      out.write(buf, 0, r);
    }
    return out.toByteArray();
  }

  private MmsException transportFailure(Throwable e) {
    if (e instanceof TooLarge) {
      return new MmsMalformedException(e.getMessage(), e);
    }
    if (e instanceof ConnectTimeoutException) {
      return new MmsTransportException("connect to " + endpoint + " timed out", e, false, true);
    }
    if (e instanceof HttpHostConnectException
        || e instanceof ConnectException
        || e instanceof NoRouteToHostException) {
      return new MmsTransportException(
          "cannot connect to " + endpoint + ": " + e.getMessage(), e, false, true);
    }
    if (e instanceof UnknownHostException) {
      return new MmsTransportException("unknown host in " + endpoint, e, false, true);
    }
    if (e instanceof SocketTimeoutException) {
      return new MmsTransportException("no response from " + endpoint + " in time", e, true, true);
    }
    if (e instanceof SSLException) {
      return new MmsTransportException(
          "TLS failure with " + endpoint + ": " + e.getMessage(), e, false, false);
    }
    if (e instanceof InterruptedIOException && closed.get()) {
      return new MmsTransportException("MM7 client closed", e, true, true);
    }
    if (closed.get()) {
      return new MmsTransportException("MM7 client closed", e, true, true);
    }
    return new MmsTransportException("I/O error talking to " + endpoint + ": " + e, e, true, true);
  }

  private Exchange interpret(RawResponse raw, String sentTx) {
    Mm7Envelope env;
    try {
      env = Mm7Codec.read(raw.contentType, raw.body, raw.length, limits);
    } catch (MmsMalformedException e) {
      if (raw.status >= 300) {
        throw MmscRejectedException.builder(Transport.MM7, MmscRejectedException.Kind.TRANSPORT)
            .detail(new HttpStatus(raw.status, raw.reason == null ? "" : raw.reason))
            .explanation("no readable MM7 answer")
            .retryable(isRetryableHttp(raw.status))
            .build();
      }
      throw new MmsMalformedException(
          "unreadable MM7 response (HTTP " + raw.status + "): " + e.reason(),
          e.offset(),
          e.field().orElse(null),
          e);
    }
    Optional<String> gotTx = env.transactionId();
    String mismatch =
        gotTx.isPresent() && !gotTx.get().equals(sentTx)
            ? "TransactionID mismatch: sent " + sentTx + ", the answer has " + gotTx.get()
            : null;
    Mm7Body body = env.body();
    HttpStatus http = new HttpStatus(raw.status, raw.reason == null ? "" : raw.reason);
    if (body instanceof Mm7Body.Fault f) {
      MmscRejectedException.Builder b =
          MmscRejectedException.builder(Transport.MM7, MmscRejectedException.Kind.FAULT)
              .detail(new SoapFault(f.faultCode(), f.faultString()))
              .detail(http);
      if (f.detail().isPresent()) {
        Mm7Body.Status s = f.detail().get().status();
        b.statusCode(s.code())
            .statusText(s.text())
            .explanation(explain(s, mismatch))
            .retryable(Mm7StatusCodes.isRetryable(s.code()));
      } else {
        b.explanation(mismatch)
            .retryable(f.faultCode().toLowerCase(java.util.Locale.ROOT).endsWith("server"));
      }
      throw b.build();
    }
    if (body instanceof Mm7Body.Response r && !r.status().isSuccess()) {
      Mm7Body.Status s = r.status();
      MmscRejectedException.Builder b =
          MmscRejectedException.builder(Transport.MM7, MmscRejectedException.Kind.STATUS)
              .statusCode(s.code())
              .statusText(s.text())
              .explanation(explain(s, mismatch))
              .retryable(Mm7StatusCodes.isRetryable(s.code()));
      if (raw.status != 200) {
        b.detail(http);
      }
      throw b.build();
    }
    if (mismatch != null) {
      // a success for another request cannot be taken as this one's
      throw new MmsMalformedException(mismatch, 0, "TransactionID", null);
    }
    if (body instanceof Mm7Body.Response r && raw.status >= 300) {
      throw MmscRejectedException.builder(Transport.MM7, MmscRejectedException.Kind.TRANSPORT)
          .detail(http)
          .statusCode(r.status().code())
          .statusText(r.status().text())
          .explanation("success status with an HTTP error")
          .retryable(isRetryableHttp(raw.status))
          .build();
    }
    return new Exchange(Optional.of(sentTx), body, raw.status);
  }

  /** The status code's meaning, the MMSC's details, and a TransactionID mismatch if any. */
  private static String explain(Mm7Body.Status s, String mismatch) {
    return Mm7StatusCodes.meaning(s.code())
        + s.details().map(d -> " [" + d + "]").orElse("")
        + (mismatch == null ? "" : " (" + mismatch + ")");
  }

  private static boolean isRetryableHttp(int status) {
    return status == 408 || status == 429 || status == 502 || status == 503 || status == 504;
  }

  private static MmsMalformedException unexpected(Exchange ex, String expected) {
    return new MmsMalformedException(
        "expected " + expected + " but the MMSC answered " + ex.body.elementName(),
        0,
        ex.body.elementName(),
        null);
  }

  /** Configures an {@link Mm7Client}. Not thread-safe; {@link #build()} copies what it needs. */
  public static final class Builder {
    private URI endpoint;
    private String vaspId;
    private String vasId;
    private String serviceCode;
    private Address defaultSender;
    private boolean allowSenderOverride = true;
    private String user;
    private String password;
    private Mm7Version version = Mm7Version.DEFAULT;
    private Mm7Dialect dialect = Mm7Dialect.STANDARD;
    private Boolean prefixElements;
    private Boolean legacyTextAddresses;
    private Boolean binaryParts;
    private String soapAction = "\"\"";
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration responseTimeout = Duration.ofSeconds(60);
    private SSLContext sslContext;
    private KeyStore trustStore;
    private KeyStore keyStore;
    private char[] keyPassword;
    private boolean verifyHostname = true;
    private int maxConnections = 10;
    private URI proxy;
    private long maxResponseBytes = 4L * 1024 * 1024;
    private Consumer<Mm7HttpRequest> requestObserver;

    private Builder() {}

    /** The MMSC's MM7 URL (http or https). Required. */
    public Builder endpoint(URI endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
      return this;
    }

    /** {@code VASPID} in SenderIdentification. */
    public Builder vaspId(String vaspId) {
      this.vaspId = vaspId;
      return this;
    }

    /** {@code VASID} in SenderIdentification. */
    public Builder vasId(String vasId) {
      this.vasId = vasId;
      return this;
    }

    /** The {@code ServiceCode} used when a message has none. */
    public Builder serviceCode(String serviceCode) {
      this.serviceCode = serviceCode;
      return this;
    }

    /** The sender used when a message has none (and for every message without override). */
    public Builder defaultSender(Address sender) {
      this.defaultSender = sender;
      return this;
    }

    /** When false every message goes out with the default sender. Default true. */
    public Builder allowSenderOverride(boolean allow) {
      this.allowSenderOverride = allow;
      return this;
    }

    /** HTTP Basic credentials, sent with every request. */
    public Builder credentials(String user, String password) {
      this.user = Objects.requireNonNull(user, "user");
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** The schema profile (namespace and MM7Version). Default REL-6-MM7-1-4 / 6.8.0. */
    public Builder version(Mm7Version version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /** The SOAP dialect. Default STANDARD. */
    public Builder dialect(Mm7Dialect dialect) {
      this.dialect = Objects.requireNonNull(dialect, "dialect");
      return this;
    }

    /**
     * True writes {@code mm7:}-prefixed elements (the STANDARD default); false declares the MM7
     * namespace as default namespace on the body element.
     */
    public Builder prefixElements(boolean prefix) {
      this.prefixElements = prefix;
      return this;
    }

    /** True writes the sender as plain text ({@code <SenderAddress>12345</SenderAddress>}). */
    public Builder legacyTextAddresses(boolean legacy) {
      this.legacyTextAddresses = legacy;
      return this;
    }

    /** True sends non-text parts as raw binary instead of base64. Default false. */
    public Builder binaryParts(boolean binary) {
      this.binaryParts = binary;
      return this;
    }

    /** The SOAPAction header value as sent, default {@code ""} (two quote characters). */
    public Builder soapAction(String soapAction) {
      this.soapAction = Objects.requireNonNull(soapAction, "soapAction");
      return this;
    }

    /**
     * How long to wait for a connection to the MMSC (default 10 s). Enforced by the client's
     * watchdog, so it may fire up to 25 ms late.
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * How long to wait for the response once the request is sent (default 60 s): the longest pause
     * in reading it. Enforced by the client's watchdog, so it may fire up to 25 ms late.
     */
    public Builder responseTimeout(Duration timeout) {
      this.responseTimeout = positive(timeout, "responseTimeout");
      return this;
    }

    /** A ready TLS context (takes precedence over trust store and client certificate). */
    public Builder sslContext(SSLContext context) {
      this.sslContext = context;
      return this;
    }

    /**
     * False skips the check that the MMSC's certificate names the endpoint host (for MMSCs with
     * self-signed certificates issued to another name). The certificate chain is still checked
     * against the trust store. Default true.
     */
    public Builder verifyHostname(boolean verify) {
      this.verifyHostname = verify;
      return this;
    }

    /** Certificates to trust instead of the JVM's default trust store. */
    public Builder trustStore(KeyStore trustStore) {
      this.trustStore = trustStore;
      return this;
    }

    /** A client certificate and key for mutual TLS. */
    public Builder clientCertificate(KeyStore keyStore, char[] keyPassword) {
      this.keyStore = keyStore;
      this.keyPassword = keyPassword == null ? null : keyPassword.clone();
      return this;
    }

    /**
     * Pooled keep-alive connections, also the number of concurrent asynchronous calls. Default 10.
     */
    public Builder maxConnections(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxConnections must be at least 1");
      }
      this.maxConnections = max;
      return this;
    }

    /** An HTTP proxy, e.g. {@code http://proxy:3128}. */
    public Builder proxy(URI proxy) {
      this.proxy = proxy;
      return this;
    }

    /** The largest response body accepted. Default 4 MiB. */
    public Builder maxResponseBytes(long max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxResponseBytes must be positive");
      }
      this.maxResponseBytes = max;
      return this;
    }

    /**
     * Receives every request exactly as sent, before it is sent (the body is then built in memory).
     * Called on the sending thread.
     */
    public Builder requestObserver(Consumer<Mm7HttpRequest> observer) {
      this.requestObserver = observer;
      return this;
    }

    /**
     * @throws IllegalArgumentException when the endpoint is missing or not http(s), or {@code
     *     allowSenderOverride(false)} has no default sender
     */
    public Mm7Client build() {
      if (endpoint == null) {
        throw new IllegalArgumentException("endpoint is required");
      }
      return new Mm7Client(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}
