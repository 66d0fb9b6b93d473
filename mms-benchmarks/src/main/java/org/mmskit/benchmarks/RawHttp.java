package org.mmskit.benchmarks;

import java.io.IOException;
import java.net.URI;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.mmskit.mm7.internal.Mm7Codec;
import org.mmskit.mm7.internal.Mm7Envelope;
import org.mmskit.mm7.internal.Mm7Limits;

/**
 * The reference client of the MM7 throughput benchmark: a plain HttpClient 5 classic client with a
 * keep-alive pool and TCP_NODELAY, posting fixed request bytes and reading the whole answer.
 * Thread-safe.
 */
final class RawHttp implements AutoCloseable {
  private final CloseableHttpClient client;
  private final URI uri;
  private final byte[] body;
  private final ContentType contentType;
  private final String soapAction;

  RawHttp(URI uri, byte[] body, String contentType, String soapAction, int maxConnections) {
    PoolingHttpClientConnectionManager pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
            .setMaxConnTotal(maxConnections)
            .setMaxConnPerRoute(maxConnections)
            .build();
    this.client =
        HttpClients.custom()
            .setConnectionManager(pool)
            .disableAutomaticRetries()
            .disableCookieManagement()
            .build();
    this.uri = uri;
    this.body = body.clone();
    this.contentType = ContentType.parse(contentType);
    this.soapAction = soapAction;
  }

  /** Posts the request once; returns the size of the answer. */
  int post() throws IOException {
    HttpPost post = new HttpPost(uri);
    if (soapAction != null) {
      post.setHeader("SOAPAction", soapAction);
    }
    post.setEntity(new ByteArrayEntity(body, contentType));
    return client.execute(
        post,
        response -> {
          if (response.getCode() != 200) {
            throw new IOException("stub answered " + response.getCode());
          }
          return EntityUtils.toByteArray(response.getEntity()).length;
        });
  }

  /**
   * Posts the request once and reads the answer with the MM7 codec, as the client does (used to
   * split the client's cost into HTTP and response reading).
   */
  Mm7Envelope postAndRead() throws IOException {
    HttpPost post = new HttpPost(uri);
    if (soapAction != null) {
      post.setHeader("SOAPAction", soapAction);
    }
    post.setEntity(new ByteArrayEntity(body, contentType));
    return client.execute(
        post,
        response -> {
          HttpEntity e = response.getEntity();
          return Mm7Codec.read(e.getContentType(), EntityUtils.toByteArray(e), LIMITS);
        });
  }

  private static final Mm7Limits LIMITS = Mm7Limits.defaults();

  @Override
  public void close() throws IOException {
    client.close();
  }
}
