package org.mmskit.testkit.mm1;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/** The HTTP a simulated modem does on its data bearer, over loopback to the mock MMSC. */
final class SimHttp {
  private static final int TIMEOUT_MS = 30_000;

  /** What the server answered. */
  record Reply(int status, byte[] body) {}

  private SimHttp() {}

  /**
   * Sends a request the program wrote in full (Quectel's {@code requestheader} mode) to the server
   * as it is, and reads the answer.
   */
  static Reply forward(URI server, byte[] request) throws IOException {
    int port = server.getPort() < 0 ? 80 : server.getPort();
    try (Socket socket = new Socket(server.getHost(), port)) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(TIMEOUT_MS);
      DefaultBHttpClientConnection conn = new DefaultBHttpClientConnection(Http1Config.DEFAULT);
      conn.bind(socket);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      try {
        ClassicHttpResponse response = conn.receiveResponseHeader();
        conn.receiveResponseEntity(response);
        HttpEntity e = response.getEntity();
        byte[] body = e == null ? new byte[0] : EntityUtils.toByteArray(e);
        return new Reply(response.getCode(), body);
      } catch (HttpException e) {
        throw new IOException("unreadable answer from " + server + ": " + e.getMessage(), e);
      } finally {
        conn.close();
      }
    }
  }

  /**
   * A request the modem makes itself (SIMCom's MMS and HTTP commands), through the proxy if any.
   */
  static Reply exchange(
      String method, URI url, HttpHost proxy, String contentType, byte[] body, String userAgent)
      throws IOException {
    RequestConfig config =
        RequestConfig.custom()
            .setResponseTimeout(Timeout.ofMilliseconds(TIMEOUT_MS))
            .setConnectionRequestTimeout(Timeout.ofMilliseconds(TIMEOUT_MS))
            .build();
    try (CloseableHttpClient client =
        HttpClients.custom()
            .setProxy(proxy)
            .setDefaultRequestConfig(config)
            .disableAutomaticRetries()
            .build()) {
      HttpUriRequestBase request = method.equals("GET") ? new HttpGet(url) : new HttpPost(url);
      if (body != null) {
        request.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
      }
      if (userAgent != null) {
        request.setHeader("User-Agent", userAgent);
      }
      return client.execute(
          request,
          r ->
              new Reply(
                  r.getCode(),
                  r.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(r.getEntity())));
    }
  }
}
