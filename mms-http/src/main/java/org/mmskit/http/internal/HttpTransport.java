package org.mmskit.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.mmskit.core.Address;
import org.mmskit.core.Header;
import org.mmskit.core.HttpStatus;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.core.Transport;

/**
 * One MMSC endpoint over HTTP: a pool of keep-alive connections (HttpClient 5 classic) with the
 * options of {@link HttpClientOptions}, POSTs whose bodies stream, answers read up to the response
 * limit, failures mapped onto the SDK's exceptions, the wire trace, and the executor of the
 * asynchronous calls. Thread-safe; close it once.
 *
 * <p>Timeouts are HttpClient's own: the connect timeout for the TCP and TLS connection and for a
 * free pooled connection, the response timeout as the socket timeout while sending and waiting.
 */
public final class HttpTransport implements AutoCloseable {
  private final Transport transport;
  private final String label;
  private final URI endpoint;
  private final String authorization;
  private final Address defaultSender;
  private final boolean allowSenderOverride;
  private final long maxResponseBytes;
  private final int maxConnections;
  private final BiFunction<String, byte[], String> answerSummary;
  private final CloseableHttpClient http;
  private final ExecutorService ownExecutor;
  private final Executor executor;

  /** Unfinished asynchronous calls, each with whether its task has started. */
  private final Map<CompletableFuture<?>, AtomicBoolean> pending = new ConcurrentHashMap<>();

  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @param o the options
   * @throws IllegalStateException when no endpoint was set
   * @param transport the transport, named in messages, the trace and thread names
   * @param answerSummary how the trace shows an answer body, from its Content-Type and bytes
   */
  public HttpTransport(
      HttpClientOptions o, Transport transport, BiFunction<String, byte[], String> answerSummary) {
    String label = transport.name();
    if (o.endpoint == null) {
      throw new IllegalStateException(label + " endpoint not set");
    }
    this.transport = transport;
    this.label = label;
    this.endpoint = o.endpoint;
    this.authorization =
        o.user == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString((o.user + ":" + o.password).getBytes(StandardCharsets.UTF_8));
    this.defaultSender = o.defaultSender;
    this.allowSenderOverride = o.allowSenderOverride;
    this.maxResponseBytes = o.maxResponseBytes;
    this.maxConnections = o.maxConnections;
    this.answerSummary = answerSummary;
    this.http = client(o, "MMSKit-" + label + "/0.1");
    if (o.executor != null) {
      this.ownExecutor = null;
      this.executor = o.executor;
    } else {
      String prefix = "mmskit-" + label.toLowerCase(java.util.Locale.ROOT) + "-client-";
      AtomicInteger n = new AtomicInteger();
      this.ownExecutor =
          Executors.newFixedThreadPool(
              o.maxConnections,
              r -> {
                Thread t = new Thread(r, prefix + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      this.executor = ownExecutor;
    }
  }

  private static CloseableHttpClient client(HttpClientOptions o, String userAgent) {
    Timeout connect = Timeout.of(o.connectTimeout);
    Timeout response = Timeout.of(o.responseTimeout);
    PoolingHttpClientConnectionManagerBuilder cm =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(o.maxConnections)
            .setMaxConnPerRoute(o.maxConnections)
            .setDefaultSocketConfig(
                SocketConfig.custom().setTcpNoDelay(true).setSoTimeout(response).build())
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(connect)
                    .setSocketTimeout(response)
                    // an MMSC may drop idle connections silently
                    .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                    .build());
    SSLContext ssl = o.sslContext;
    if (ssl == null && (o.trustStore != null || o.keyStore != null)) {
      ssl = sslContext(o.trustStore, o.keyStore, o.keyPassword);
    }
    if (!o.verifyHostname) {
      cm.setTlsSocketStrategy(
          new DefaultClientTlsStrategy(
              ssl != null ? ssl : defaultSslContext(),
              HostnameVerificationPolicy.CLIENT,
              NoopHostnameVerifier.INSTANCE));
    } else if (ssl != null) {
      cm.setTlsSocketStrategy(new DefaultClientTlsStrategy(ssl));
    }
    HttpClientBuilder hb =
        HttpClients.custom()
            .setConnectionManager(cm.build())
            .setUserAgent(userAgent)
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setResponseTimeout(response)
                    .setConnectionRequestTimeout(connect)
                    .build())
            // A POST is never sent twice behind the caller's back, and an MMSC's answer is final.
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .disableContentCompression()
            .disableAuthCaching();
    if (o.proxy != null) {
      String scheme = o.proxy.getScheme() == null ? "http" : o.proxy.getScheme();
      hb.setProxy(new HttpHost(scheme, o.proxy.getHost(), o.proxy.getPort()));
    }
    return hb.build();
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

  /** The MMSC's URL. */
  public URI endpoint() {
    return endpoint;
  }

  /** The pool size. */
  public int maxConnections() {
    return maxConnections;
  }

  /** The sender used when a message has none, or null. */
  public Address defaultSender() {
    return defaultSender;
  }

  /**
   * The sender a message goes out with: the default sender when overrides are off or the message
   * names none, else the message's own; null when there is neither.
   */
  public Address sender(MmsMessage message) {
    if (defaultSender != null && (!allowSenderOverride || message.from().isEmpty())) {
      return defaultSender;
    }
    return message.from().orElse(null);
  }

  /** The request headers the layer adds (Authorization), for a caller that shows a request. */
  public List<Header> addedHeaders() {
    return authorization == null ? List.of() : List.of(new Header("Authorization", authorization));
  }

  /**
   * POSTs {@code body} with {@code headers} (and the Authorization header) to the endpoint and
   * reads the answer, whatever its status. A body over the response limit comes cut at the limit,
   * marked {@link HttpAnswer#truncated()}: the caller refuses it or reads what it can.
   *
   * @throws MmsTransportException when the MMSC could not be reached or did not answer in time;
   *     {@code requestSent()} is false when no connection was made
   */
  public HttpAnswer post(List<Header> headers, RequestBody body) {
    checkOpen();
    HttpPost post = new HttpPost(endpoint);
    List<Header> sent = withAdded(headers);
    for (Header h : sent) {
      post.addHeader(h.name(), h.value());
    }
    post.setEntity(new BodyEntity(body));
    if (WireTrace.enabled()) {
      List<Header> shown = new ArrayList<>(sent);
      shown.add(new Header("Content-Type", body.contentType()));
      shown.add(
          new Header(
              "Content-Length", body.length() < 0 ? "(chunked)" : Long.toString(body.length())));
      WireTrace.request(label, "POST", endpoint, shown, body.describe());
    }
    return execute(post, endpoint);
  }

  /**
   * GETs {@code url}, which need not be the endpoint (MM1 fetches a message from the location its
   * notification names), with {@code headers} and the Authorization header; the answer and the
   * failures as for {@link #post}.
   */
  public HttpAnswer get(URI url, List<Header> headers) {
    checkOpen();
    HttpGet get = new HttpGet(url);
    List<Header> sent = withAdded(headers);
    for (Header h : sent) {
      get.addHeader(h.name(), h.value());
    }
    if (WireTrace.enabled()) {
      WireTrace.request(label, "GET", url, sent, "(no body)");
    }
    return execute(get, url);
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new MmsTransportException(label + " client is closed", null, false, false);
    }
  }

  private List<Header> withAdded(List<Header> headers) {
    List<Header> sent = new ArrayList<>(headers.size() + 1);
    sent.addAll(headers);
    sent.addAll(addedHeaders());
    return sent;
  }

  private HttpAnswer execute(HttpUriRequestBase request, URI target) {
    try {
      return http.execute(request, r -> read(request, r));
    } catch (Cut e) {
      return e.answer;
    } catch (IOException e) {
      WireTrace.failure(label, target, e);
      throw transportFailure(e, target);
    } catch (IllegalStateException e) {
      // the pool refuses work once closed
      if (closed.get()) {
        throw new MmsTransportException(label + " client closed", e, true, true);
      }
      throw e;
    }
  }

  /**
   * Reads an answer. A body over the limit is not read further: the answer is marked truncated and
   * the connection dropped, so an MMSC streaming without end cannot hold the caller.
   */
  private HttpAnswer read(HttpUriRequestBase request, ClassicHttpResponse r) throws IOException {
    byte[] body = new byte[0];
    boolean truncated = false;
    String contentType = null;
    HttpEntity e = r.getEntity();
    if (e != null) {
      contentType = e.getContentType();
      if (e.getContentLength() > maxResponseBytes) {
        truncated = true;
      } else {
        // Not closed here: closing would read the rest of a body that is over the limit.
        InputStream in = e.getContent();
        if (in != null) {
          body = in.readNBytes((int) Math.min(maxResponseBytes, Integer.MAX_VALUE - 16) + 1);
        }
        if (body.length > maxResponseBytes) {
          body = Arrays.copyOf(body, (int) maxResponseBytes);
          truncated = true;
        }
      }
    }
    List<Header> headers = new ArrayList<>();
    for (org.apache.hc.core5.http.Header h : r.getHeaders()) {
      headers.add(new Header(h.getName(), h.getValue() == null ? "" : h.getValue()));
    }
    HttpAnswer answer =
        new HttpAnswer(r.getCode(), r.getReasonPhrase(), headers, contentType, body, truncated);
    if (WireTrace.enabled()) {
      WireTrace.response(
          label,
          answer.status(),
          answer.reason(),
          headers,
          answerSummary.apply(contentType, body) + (truncated ? " [cut at the limit]" : ""));
    }
    if (truncated) {
      request.cancel();
      throw new Cut(answer);
    }
    return answer;
  }

  /**
   * The refusal an HTTP error status stands for, when the body holds no protocol answer.
   *
   * @param detail what to say beyond the status, or null
   */
  public MmscRejectedException rejected(HttpAnswer a, String detail, boolean retryable) {
    return MmscRejectedException.builder(transport, MmscRejectedException.Kind.TRANSPORT)
        .detail(new HttpStatus(a.status(), a.reason()))
        .explanation(detail)
        .retryable(retryable)
        .build();
  }

  private MmsTransportException transportFailure(IOException e, URI target) {
    if (e instanceof ConnectTimeoutException) {
      return new MmsTransportException("connect to " + target + " timed out", e, false, true);
    }
    if (e instanceof HttpHostConnectException
        || e instanceof ConnectException
        || e instanceof NoRouteToHostException
        || e instanceof UnknownHostException) {
      return new MmsTransportException(
          "cannot connect to " + target + ": " + e.getMessage(), e, false, true);
    }
    if (e instanceof ConnectionRequestTimeoutException) {
      return new MmsTransportException(
          "all " + maxConnections + " connections to " + target + " stayed busy", e, false, true);
    }
    if (e instanceof SSLException && !(e.getCause() instanceof SocketTimeoutException)) {
      return new MmsTransportException(
          "TLS failure with " + target + ": " + e.getMessage(), e, false, false);
    }
    if (closed.get()) {
      return new MmsTransportException(label + " client closed", e, true, true);
    }
    if (e instanceof SocketTimeoutException) {
      return new MmsTransportException("no response from " + target + " in time", e, true, true);
    }
    return new MmsTransportException("I/O error talking to " + target + ": " + e, e, true, true);
  }

  /**
   * Runs {@code call} on the executor. The future completes with its result or exception; when the
   * transport closes first, with {@link MmsTransportException}.
   */
  public <T> CompletableFuture<T> async(Supplier<T> call) {
    CompletableFuture<T> future = new CompletableFuture<>();
    if (closed.get()) {
      future.completeExceptionally(
          new MmsTransportException(label + " client is closed", null, false, false));
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
              future.complete(call.get());
            } catch (RuntimeException e) {
              future.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      future.completeExceptionally(
          new MmsTransportException(label + " client executor refused the task", e, false));
    }
    return future;
  }

  /**
   * Closes the connection pool and the executor this transport owns (a given one is left alone).
   * Unfinished asynchronous calls complete with {@link MmsTransportException}.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (Map.Entry<CompletableFuture<?>, AtomicBoolean> e : pending.entrySet()) {
      boolean sent = e.getValue().get();
      e.getKey()
          .completeExceptionally(
              new MmsTransportException(
                  label
                      + (sent
                          ? " client closed before the answer"
                          : " client closed before sending"),
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

  /** Carries an answer cut at the limit past HttpClient, which would read the rest. */
  private static final class Cut extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient HttpAnswer answer;

    Cut(HttpAnswer answer) {
      super("answer cut at the limit");
      this.answer = answer;
    }
  }

  /** Streams a {@link RequestBody}: Content-Length when known, chunked otherwise. */
  private static final class BodyEntity extends AbstractHttpEntity {
    private final RequestBody body;

    BodyEntity(RequestBody body) {
      super(body.contentType(), null, body.length() < 0);
      this.body = body;
    }

    @Override
    public boolean isRepeatable() {
      return false;
    }

    @Override
    public long getContentLength() {
      return body.length();
    }

    @Override
    public InputStream getContent() {
      throw new UnsupportedOperationException("a streamed body is written, not read");
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      body.writeTo(out);
    }

    @Override
    public boolean isStreaming() {
      return false;
    }

    @Override
    public void close() {}
  }
}
