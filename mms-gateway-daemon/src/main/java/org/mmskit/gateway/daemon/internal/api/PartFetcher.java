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
 * Fetches the parts a request names by URL: http and https only, from hosts the {@link FetchGuard}
 * lets through (redirects are followed here, so that each hop is checked, and never from https to
 * http), each request and its answer's headers bounded by what is left of the configured timeout,
 * the body refused past the configured size without reading on.
 */
final class PartFetcher {
  private static final int MAX_REDIRECTS = 5;

  private final HttpClient http;
  private final FetchGuard guard;
  private final long maxBytes;
  private final Duration timeout;

  PartFetcher(long maxBytes, Duration timeout, FetchGuard guard) {
    this.maxBytes = maxBytes;
    this.timeout = timeout;
    this.guard = guard;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
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
    HttpResponse<InputStream> response = follow(url);
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

  private HttpResponse<InputStream> follow(URI url) throws FetchException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    URI at = url;
    for (int hop = 0; ; hop++) {
      guard.check(at);
      HttpResponse<InputStream> response = send(at, deadline);
      int code = response.statusCode();
      if (code != 301 && code != 302 && code != 303 && code != 307 && code != 308) {
        return response;
      }
      closeQuietly(response);
      if (hop == MAX_REDIRECTS) {
        throw new FetchException("more than " + MAX_REDIRECTS + " redirects");
      }
      String location =
          response
              .headers()
              .firstValue("Location")
              .orElseThrow(() -> new FetchException("HTTP " + code + " without a Location"));
      URI next;
      try {
        next = at.resolve(location.strip());
      } catch (IllegalArgumentException e) {
        throw new FetchException("redirected to an unreadable URL: " + location);
      }
      String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new FetchException("redirected to " + next + ", not an http or https URL");
      }
      if (scheme.equals("http") && at.getScheme().equalsIgnoreCase("https")) {
        throw new FetchException("redirected from https to http (" + next + ")");
      }
      at = next;
    }
  }

  private HttpResponse<InputStream> send(URI url, long deadline)
      throws FetchException, InterruptedException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new FetchException("no answer within " + timeout.toSeconds() + "s");
    }
    HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofNanos(left)).GET().build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new FetchException("no answer within " + timeout.toSeconds() + "s");
    } catch (IOException e) {
      throw new FetchException("cannot fetch: " + e);
    } catch (IllegalArgumentException e) {
      throw new FetchException("cannot fetch " + url + ": " + e.getMessage());
    }
  }

  private static void closeQuietly(HttpResponse<InputStream> response) {
    try {
      response.body().close();
    } catch (IOException e) {
      // the redirect's body is not wanted; a connection that cannot be reused is dropped
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
