package org.mmskit.mm1.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP side of MM1 over a data link: POST of PDUs to the MMSC and GET of messages, through the
 * operator's WAP proxy, with the handset headers MMSCs look at. Kept in one class so it can move
 * onto a shared HTTP layer.
 */
public final class MmscHttp implements AutoCloseable {
  /** The content type of every MMS PDU on MM1 (OMA-TS-MMS_ENC §7). */
  public static final String MMS_MESSAGE = "application/vnd.wap.mms-message";

  private final CloseableHttpClient http;
  private final String userAgent;
  private final String wapProfile;
  private final String authorization;
  private final long maxBody;

  /**
   * An answer.
   *
   * @param status the HTTP status
   * @param reason the reason phrase, empty when none
   * @param body the body, at most the configured size
   */
  public record Reply(int status, String reason, byte[] body) {}

  /** A request that failed before it reached the server, so it cannot have been acted on. */
  public static final class NotSentException extends IOException {
    private static final long serialVersionUID = 1L;

    NotSentException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public MmscHttp(
      Duration connectTimeout,
      Duration responseTimeout,
      URI proxy,
      String userAgent,
      String wapProfile,
      String user,
      String password,
      long maxBody) {
    this.authorization =
        user == null
            ? null
            : "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString(
                        (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    this.userAgent = userAgent;
    this.wapProfile = wapProfile;
    this.maxBody = maxBody;
    var cm =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(4)
            .setMaxConnPerRoute(4)
            .setDefaultSocketConfig(
                SocketConfig.custom()
                    .setTcpNoDelay(true)
                    .setSoTimeout(Timeout.of(responseTimeout))
                    .build())
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.of(connectTimeout))
                    .setSocketTimeout(Timeout.of(responseTimeout))
                    .build())
            .build();
    var b =
        HttpClients.custom()
            .setConnectionManager(cm)
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setResponseTimeout(Timeout.of(responseTimeout))
                    .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                    .build())
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .disableContentCompression();
    if (proxy != null) {
      b.setProxy(
          new HttpHost(
              proxy.getScheme() == null ? "http" : proxy.getScheme(),
              proxy.getHost(),
              proxy.getPort() < 0 ? 80 : proxy.getPort()));
    }
    this.http = b.build();
  }

  /** POSTs a PDU ({@code application/vnd.wap.mms-message}). */
  public Reply post(URI url, byte[] pdu) throws IOException {
    HttpPost post = new HttpPost(url);
    post.setEntity(new ByteArrayEntity(pdu, ContentType.create(MMS_MESSAGE)));
    return exchange(post);
  }

  /** GETs a message from its Content-Location. */
  public Reply get(URI url) throws IOException {
    return exchange(new HttpGet(url));
  }

  private Reply exchange(HttpUriRequestBase request) throws IOException {
    request.setHeader("Accept", "*/*, " + MMS_MESSAGE);
    if (userAgent != null) {
      request.setHeader("User-Agent", userAgent);
    }
    if (wapProfile != null) {
      request.setHeader("x-wap-profile", wapProfile);
    }
    if (authorization != null) {
      request.setHeader("Authorization", authorization);
    }
    try {
      return http.execute(
          request,
          response -> {
            HttpEntity e = response.getEntity();
            byte[] body = new byte[0];
            if (e != null) {
              try (InputStream in = e.getContent()) {
                body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
              }
              if (body.length > maxBody) {
                throw new IOException("answer larger than " + maxBody + " bytes");
              }
            }
            String reason = response.getReasonPhrase();
            return new Reply(response.getCode(), reason == null ? "" : reason, body);
          });
    } catch (ConnectException
        | ConnectTimeoutException
        | UnknownHostException
        | NoRouteToHostException e) {
      throw new NotSentException(
          "cannot reach " + request.getMethod() + " " + request.getRequestUri() + ": " + e, e);
    }
  }

  @Override
  public void close() {
    http.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
  }
}
