package org.mmskit.gateway.daemon.internal.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import org.mmskit.core.MmsPart;

/**
 * Fetches the parts a request names by URL: http and https only (redirects followed only between
 * those), the connection and the whole answer bounded by the configured timeout, the body refused
 * past the configured size without reading on.
 */
final class PartFetcher {
  private final HttpClient http;
  private final long maxBytes;
  private final Duration timeout;

  PartFetcher(long maxBytes, Duration timeout) {
    this.maxBytes = maxBytes;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /** A refusal to say to the API's caller. */
  static final class FetchException extends Exception {
    private static final long serialVersionUID = 1L;

    FetchException(String message) {
      super(message);
    }
  }

  MmsPart fetch(URI url, String contentType, String fileName)
      throws FetchException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new FetchException("no answer within " + timeout.toSeconds() + "s");
    } catch (IOException e) {
      throw new FetchException("cannot fetch: " + e);
    }
    try (InputStream in = response.body()) {
      if (response.statusCode() != 200) {
        throw new FetchException("the server answered HTTP " + response.statusCode());
      }
      long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (declared > maxBytes) {
        throw new FetchException("larger than " + maxBytes + " bytes (" + declared + ")");
      }
      byte[] body = readCapped(in);
      String type = contentType;
      if (type == null) {
        type = response.headers().firstValue("Content-Type").orElse(null);
      }
      if (type == null || type.isBlank()) {
        throw new FetchException("no contentType given and the server sent none");
      }
      MmsPart.Builder b = MmsPart.builder().contentType(type.trim()).body(body);
      String name = fileName != null ? fileName : lastSegment(url);
      if (name != null) {
        b.fileName(name);
      }
      return b.build();
    } catch (IOException e) {
      throw new FetchException("cannot read the answer: " + e);
    } catch (IllegalArgumentException e) {
      throw new FetchException(e.getMessage());
    }
  }

  private byte[] readCapped(InputStream in) throws IOException, FetchException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[16 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      total += n;
      if (total > maxBytes) {
        throw new FetchException("larger than " + maxBytes + " bytes");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static String lastSegment(URI url) {
    String path = url.getPath();
    if (path == null) {
      return null;
    }
    int slash = path.lastIndexOf('/');
    String last = path.substring(slash + 1);
    return last.isEmpty() || last.toLowerCase(Locale.ROOT).contains("..") ? null : last;
  }
}
