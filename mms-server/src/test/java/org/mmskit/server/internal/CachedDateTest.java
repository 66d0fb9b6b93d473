package org.mmskit.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.junit.jupiter.api.Test;

class CachedDateTest {

  @Test
  void formatsImfFixdateWithTwoDigitDays() {
    // RFC 9110 §5.6.7 example form: "Sun, 06 Nov 1994 08:49:37 GMT"
    assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", new CachedDate().now(784111777_000L));
    assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", new CachedDate().now(784111777_999L));
  }

  @Test
  void reusesTheValueWithinASecondAndMovesOnAfter() {
    CachedDate d = new CachedDate();
    String first = d.now(784111777_100L);
    assertSame(first, d.now(784111777_900L));
    String next = d.now(784111778_000L);
    assertNotEquals(first, next);
    assertEquals(
        ZonedDateTime.parse(first, DateTimeFormatter.RFC_1123_DATE_TIME).plusSeconds(1),
        ZonedDateTime.parse(next, DateTimeFormatter.RFC_1123_DATE_TIME));
  }

  @Test
  void keepsADateTheHandlerSet() {
    BasicClassicHttpResponse r = new BasicClassicHttpResponse(200);
    r.setHeader("Date", "Sun, 06 Nov 1994 08:49:37 GMT");
    new CachedDate().process(r, null, null);
    assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", r.getFirstHeader("Date").getValue());
    BasicClassicHttpResponse fresh = new BasicClassicHttpResponse(200);
    new CachedDate().process(fresh, null, null);
    ZonedDateTime parsed =
        ZonedDateTime.parse(
            fresh.getFirstHeader("Date").getValue(), DateTimeFormatter.RFC_1123_DATE_TIME);
    assertEquals(0, parsed.getOffset().getTotalSeconds());
  }
}
