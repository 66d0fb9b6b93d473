package org.mmskit.server.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.HttpResponseInterceptor;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Sets the {@code Date} response header (RFC 9110 §6.6.1) from a value formatted at most once a
 * second. Unlike HttpCore's own {@code ResponseDate}, which takes a lock shared by every worker on
 * every response, readers only read a volatile field; a racing refresh at a second boundary merely
 * formats the same value twice.
 */
final class CachedDate implements HttpResponseInterceptor {
  private static final DateTimeFormatter RFC_1123 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  /** The formatted date and the second it stands for. */
  private record Stamp(long second, String text) {}

  private volatile Stamp stamp = new Stamp(Long.MIN_VALUE, "");

  @Override
  public void process(HttpResponse response, EntityDetails entity, HttpContext context) {
    if (response.getFirstHeader("Date") == null) {
      response.setHeader("Date", now(System.currentTimeMillis()));
    }
  }

  /** The header value for the time {@code millis}. */
  String now(long millis) {
    long second = Math.floorDiv(millis, 1000);
    Stamp s = stamp;
    if (s.second != second) {
      s = new Stamp(second, RFC_1123.format(Instant.ofEpochSecond(second)));
      stamp = s;
    }
    return s.text;
  }
}
