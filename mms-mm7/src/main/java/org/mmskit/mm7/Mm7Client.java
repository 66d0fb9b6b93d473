package org.mmskit.mm7;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.mmskit.core.Address;
import org.mmskit.core.Header;
import org.mmskit.core.HttpStatus;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.core.OperationResult;
import org.mmskit.core.SubmitResult;
import org.mmskit.core.Transport;
import org.mmskit.http.internal.HttpAnswer;
import org.mmskit.http.internal.HttpClientOptions;
import org.mmskit.http.internal.HttpTransport;
import org.mmskit.http.internal.RequestBody;
import org.mmskit.http.internal.WireTrace;
import org.mmskit.mm7.internal.Mm7Body;
import org.mmskit.mm7.internal.Mm7Codec;
import org.mmskit.mm7.internal.Mm7Envelope;
import org.mmskit.mm7.internal.Mm7Limits;
import org.mmskit.mm7.internal.Mm7Payload;
import org.mmskit.mm7.internal.Mm7StatusCodes;
import org.mmskit.mm7.internal.Mm7WriteOptions;

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
 * Attachments are streamed: a part is encoded while the request is written, and nothing of it is
 * kept once {@code submit} returns. Each request gets a unique {@code TransactionID}, or the one
 * the message names ({@link MmsMessage.Builder#transactionId(String)}, to send a message again
 * under the same one); a response carrying another one is refused as malformed.
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

  private final String vaspId;
  private final String vasId;
  private final String serviceCode;
  private final Mm7Version version;
  private final Mm7Dialect dialect;
  private final Mm7WriteOptions writeOptions;
  private final String soapAction;
  private final Mm7Limits limits;
  private final Consumer<Mm7HttpRequest> requestObserver;
  private final HttpTransport http;

  private Mm7Client(Builder b) {
    if (b.http.endpoint() == null) {
      throw new IllegalStateException("MM7 endpoint not set");
    }
    if (!b.http.allowSenderOverride() && b.http.defaultSender() == null) {
      throw new IllegalArgumentException("allowSenderOverride(false) needs a defaultSender");
    }
    this.vaspId = b.vaspId;
    this.vasId = b.vasId;
    this.serviceCode = b.serviceCode;
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
    this.limits = Mm7Limits.defaults().withMaxBodyBytes(b.http.maxResponseBytes());
    this.requestObserver = b.requestObserver;
    this.http = new HttpTransport(b.http, Transport.MM7, WireTrace::summary);
  }

  /**
   * A builder with defaults: REL-6-MM7-1-4 / 6.8.0, STANDARD dialect, 10 s connect, 60 s response,
   * 10 connections.
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Transport transport() {
    return Transport.MM7;
  }

  /** The MMSC URL this client posts to. */
  public URI endpoint() {
    return http.endpoint();
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
    Exchange ex = exchange(req, message.transactionId());
    if (!(ex.body instanceof Mm7Body.SubmitRsp rsp)) {
      throw unexpected(ex, "SubmitRsp");
    }
    return new SubmitResult(
        rsp.messageId(), rsp.status().code(), rsp.status().text(), ex.transactionId);
  }

  @Override
  public CompletableFuture<SubmitResult> submitAsync(MmsMessage message) {
    Objects.requireNonNull(message, "message");
    return http.async(() -> submit(message));
  }

  @Override
  public OperationResult cancel(String messageId) {
    Objects.requireNonNull(messageId, "messageId");
    Optional<Address> sender = Optional.ofNullable(http.defaultSender());
    Mm7Body.CancelReq req =
        new Mm7Body.CancelReq(
            Optional.ofNullable(vaspId), Optional.ofNullable(vasId), sender, messageId);
    Exchange ex = exchange(req, Optional.empty());
    if (!(ex.body instanceof Mm7Body.CancelRsp rsp)) {
      throw unexpected(ex, "CancelRsp");
    }
    return new OperationResult(rsp.status().code(), rsp.status().text(), ex.transactionId);
  }

  @Override
  public CompletableFuture<OperationResult> cancelAsync(String messageId) {
    Objects.requireNonNull(messageId, "messageId");
    return http.async(() -> cancel(messageId));
  }

  @Override
  public OperationResult replace(String messageId, MmsMessage replacement) {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(replacement, "replacement");
    MmsMessage m = prepare(replacement);
    Mm7Body.ReplaceReq req =
        new Mm7Body.ReplaceReq(
            Optional.ofNullable(vaspId), Optional.ofNullable(vasId), messageId, m);
    Exchange ex = exchange(req, replacement.transactionId());
    if (!(ex.body instanceof Mm7Body.ReplaceRsp rsp)) {
      throw unexpected(ex, "ReplaceRsp");
    }
    return new OperationResult(rsp.status().code(), rsp.status().text(), ex.transactionId);
  }

  @Override
  public CompletableFuture<OperationResult> replaceAsync(String messageId, MmsMessage replacement) {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(replacement, "replacement");
    return http.async(() -> replace(messageId, replacement));
  }

  /**
   * Closes connections and the client's own threads; pending asynchronous calls complete with
   * {@link MmsTransportException}.
   */
  @Override
  public void close() {
    http.close();
  }

  // ---------------------------------------------------------------- internals

  private MmsMessage prepare(MmsMessage message) {
    Address sender = http.sender(message);
    boolean setSender = sender != null && !Optional.of(sender).equals(message.from());
    boolean code = serviceCode != null && message.serviceCode().isEmpty();
    if (!setSender && !code) {
      return message;
    }
    MmsMessage.Builder b = message.toBuilder();
    if (setSender) {
      b.from(sender);
    }
    if (code) {
      b.serviceCode(serviceCode);
    }
    return b.build();
  }

  private record Exchange(Optional<String> transactionId, Mm7Body body, int httpStatus) {}

  private static String newTransactionId() {
    return TX_PREFIX + "-" + Long.toHexString(TX_COUNTER.incrementAndGet());
  }

  /** One request and its answer, under the caller's transaction ID or a new one. */
  private Exchange exchange(Mm7Body body, Optional<String> chosenTxId) {
    String txId = chosenTxId.orElseGet(Mm7Client::newTransactionId);
    Mm7Envelope env = new Mm7Envelope(Optional.of(txId), version, dialect, body);
    Mm7Payload payload = Mm7Codec.encode(env, writeOptions);
    List<Header> headers = List.of(new Header("SOAPAction", soapAction));
    RequestBody entity = requestBody(payload);
    if (requestObserver != null) {
      byte[] bytes = toBytes(payload);
      entity = RequestBody.of(payload.contentType(), bytes, entity.describe());
      List<Header> all = new ArrayList<>();
      all.add(new Header("Host", hostHeader()));
      all.add(new Header("User-Agent", "MMSKit-MM7/0.1"));
      all.addAll(headers);
      all.addAll(http.addedHeaders());
      all.add(new Header("Content-Type", payload.contentType()));
      all.add(new Header("Content-Length", Integer.toString(bytes.length)));
      requestObserver.accept(new Mm7HttpRequest("POST", http.endpoint(), all, bytes));
    }
    HttpAnswer answer = http.post(headers, entity);
    if (answer.truncated() && answer.success()) {
      throw new MmsMalformedException(
          "MM7 answer larger than " + limits.maxBodyBytes() + " bytes",
          limits.maxBodyBytes(),
          "body",
          null);
    }
    return interpret(answer, txId);
  }

  /** The payload as the HTTP layer streams it; the trace shows the SOAP XML and part summaries. */
  private static RequestBody requestBody(Mm7Payload payload) {
    return new RequestBody() {
      @Override
      public String contentType() {
        return payload.contentType();
      }

      @Override
      public long length() {
        return payload.contentLength();
      }

      @Override
      public void writeTo(OutputStream out) throws IOException {
        payload.writeTo(out);
      }

      @Override
      public String describe() {
        int parts = payload.streamedParts();
        return parts == 0
            ? payload.soapXml()
            : "[" + parts + " content part(s) streamed]\n" + payload.describe();
      }
    };
  }

  private String hostHeader() {
    URI endpoint = http.endpoint();
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

  private Exchange interpret(HttpAnswer raw, String sentTx) {
    Mm7Envelope env;
    try {
      env = Mm7Codec.read(raw.contentType(), raw.body(), limits);
    } catch (MmsMalformedException e) {
      if (raw.status() >= 300) {
        throw http.rejected(raw, "no readable MM7 answer", isRetryableHttp(raw.status()));
      }
      throw new MmsMalformedException(
          "unreadable MM7 response (HTTP " + raw.status() + "): " + e.reason(),
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
    HttpStatus httpStatus = new HttpStatus(raw.status(), raw.reason());
    if (body instanceof Mm7Body.Fault f) {
      MmscRejectedException.Builder b =
          MmscRejectedException.builder(Transport.MM7, MmscRejectedException.Kind.FAULT)
              .detail(new SoapFault(f.faultCode(), f.faultString()))
              .detail(httpStatus);
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
      if (raw.status() != 200) {
        b.detail(httpStatus);
      }
      throw b.build();
    }
    if (mismatch != null) {
      // a success for another request cannot be taken as this one's
      throw new MmsMalformedException(mismatch, 0, "TransactionID", null);
    }
    if (body instanceof Mm7Body.Response r && raw.status() >= 300) {
      throw MmscRejectedException.builder(Transport.MM7, MmscRejectedException.Kind.TRANSPORT)
          .detail(httpStatus)
          .statusCode(r.status().code())
          .statusText(r.status().text())
          .explanation("success status with an HTTP error")
          .retryable(isRetryableHttp(raw.status()))
          .build();
    }
    return new Exchange(Optional.of(sentTx), body, raw.status());
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

  /**
   * Configures an {@link Mm7Client}. Not thread-safe; {@link #build()} copies what it needs. The
   * HTTP options have the same names and meaning as on {@code EaifClient.Builder}.
   */
  public static final class Builder {
    private final HttpClientOptions http = new HttpClientOptions(true, 4L * 1024 * 1024);
    private String vaspId;
    private String vasId;
    private String serviceCode;
    private Mm7Version version = Mm7Version.DEFAULT;
    private Mm7Dialect dialect = Mm7Dialect.STANDARD;
    private Boolean prefixElements;
    private Boolean legacyTextAddresses;
    private Boolean binaryParts;
    private String soapAction = "\"\"";
    private Consumer<Mm7HttpRequest> requestObserver;

    private Builder() {}

    /** The MMSC's MM7 URL (http or https). Required. */
    public Builder endpoint(URI endpoint) {
      http.endpoint(endpoint);
      return this;
    }

    /** The MMSC's MM7 URL as text. */
    public Builder endpoint(String endpoint) {
      http.endpoint(endpoint);
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
      http.defaultSender(sender);
      return this;
    }

    /**
     * Whether a message's own sender is used instead of the default sender. Default true; false
     * needs a default sender.
     */
    public Builder allowSenderOverride(boolean allow) {
      http.allowSenderOverride(allow);
      return this;
    }

    /** HTTP Basic credentials, sent with every request. The user name cannot hold ':'. */
    public Builder credentials(String user, String password) {
      http.credentials(user, password);
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

    /** The largest answer body accepted; a larger one is refused unread. Default 4 MiB. */
    public Builder maxResponseBytes(long max) {
      http.maxResponseBytes(max);
      return this;
    }

    /**
     * The executor the asynchronous calls run on. By default the client owns {@link
     * #maxConnections(int)} daemon threads, stopped by {@link #close()}; a given executor is not
     * shut down.
     */
    public Builder executor(Executor executor) {
      http.executor(executor);
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
     * @throws IllegalStateException when the endpoint is missing
     * @throws IllegalArgumentException when {@code allowSenderOverride(false)} has no default
     *     sender
     */
    public Mm7Client build() {
      return new Mm7Client(this);
    }
  }
}
