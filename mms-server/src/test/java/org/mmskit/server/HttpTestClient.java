package org.mmskit.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/** A small client over the JDK's HttpURLConnection (keep-alive capable, TLS capable). */
final class HttpTestClient {
  private final SSLSocketFactory tls;

  HttpTestClient() {
    this(null);
  }

  HttpTestClient(SSLSocketFactory tls) {
    this.tls = tls;
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  Result post(URI uri, Map<String, String> headers, byte[] body) throws IOException {
    return send("POST", uri, headers, body);
  }

  Result get(URI uri, Map<String, String> headers) throws IOException {
    return send("GET", uri, headers, null);
  }

  Result send(String method, URI uri, Map<String, String> headers, byte[] body) throws IOException {
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
    if (tls != null && c instanceof HttpsURLConnection https) {
      https.setSSLSocketFactory(tls);
    }
    c.setRequestMethod(method);
    c.setConnectTimeout(10_000);
    c.setReadTimeout(20_000);
    c.setInstanceFollowRedirects(false);
    headers.forEach(c::setRequestProperty);
    if (body != null) {
      c.setDoOutput(true);
      c.setFixedLengthStreamingMode(body.length);
      try (OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
    }
    Result r = new Result();
    r.status = c.getResponseCode();
    InputStream in = r.status >= 400 ? c.getErrorStream() : c.getInputStream();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    if (in != null) {
      try (in) {
        in.transferTo(buf);
      }
    }
    r.body = buf.toString(StandardCharsets.UTF_8);
    Map<String, String> h = new LinkedHashMap<>();
    c.getHeaderFields()
        .forEach(
            (k, v) -> h.put(k == null ? null : k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
    r.headers = h;
    return r;
  }

  static final class Result {
    int status;
    String body;
    Map<String, String> headers;

    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }
}
