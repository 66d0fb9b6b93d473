package org.mmskit.mm7;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.mmskit.core.Header;

/**
 * An HTTP request exactly as {@link Mm7Client} sends it, handed to the builder's request observer
 * (e.g. for a {@code --dump-request} option). The headers include {@code Authorization} unmasked:
 * treat a dump as secret.
 *
 * @param method the HTTP method ({@code POST})
 * @param uri the endpoint
 * @param headers the headers in sending order, including {@code Host} and {@code Content-Length}
 *     (or {@code Transfer-Encoding})
 * @param body the body bytes
 */
public record Mm7HttpRequest(String method, URI uri, List<Header> headers, byte[] body) {
  public Mm7HttpRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    headers = List.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }

  /** Writes the request in HTTP/1.1 form: request line, headers, blank line, body. */
  public void writeTo(OutputStream out) throws IOException {
    StringBuilder sb = new StringBuilder(512);
    String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      target += "?" + uri.getRawQuery();
    }
    sb.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    for (Header h : headers) {
      sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
    }
    sb.append("\r\n");
    out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
  }
}
