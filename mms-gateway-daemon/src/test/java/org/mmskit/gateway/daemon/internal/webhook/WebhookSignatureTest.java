package org.mmskit.gateway.daemon.internal.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignatureTest {
  static final Duration TOLERANCE = Duration.ofMinutes(5);
  static final byte[] BODY = "{\"id\":\"e1\"}".getBytes(StandardCharsets.UTF_8);
  static final Instant SIGNED = Instant.ofEpochSecond(1_700_000_000L);

  @Test
  void theHeaderIsTheTimestampAndTheHmacOfTimestampDotBody() {
    // computed apart, with Python's hmac module
    assertEquals(
        "t=1700000000,v1=6a85cb117c993612a34c72b4cfb5a16baed25a80d26e298ce0e6671320fd07c8",
        WebhookSignature.header("whsec_test", 1_700_000_000L, BODY));
  }

  @Test
  void aSignatureVerifiesWithinTheToleranceOnly() {
    String h = WebhookSignature.header("whsec_test", SIGNED.getEpochSecond(), BODY);
    assertTrue(WebhookSignature.verify("whsec_test", h, BODY, SIGNED.plusSeconds(299), TOLERANCE));
    assertTrue(WebhookSignature.verify("whsec_test", h, BODY, SIGNED.minusSeconds(60), TOLERANCE));
    assertFalse(
        WebhookSignature.verify("whsec_test", h, BODY, SIGNED.plusSeconds(301), TOLERANCE),
        "a replay after the tolerance");
  }

  @Test
  void anotherSecretOrTimestampDoesNotVerify() {
    String h = WebhookSignature.header("whsec_test", SIGNED.getEpochSecond(), BODY);
    assertFalse(WebhookSignature.verify("whsec_other", h, BODY, SIGNED, TOLERANCE));
    String moved = h.replace("t=1700000000", "t=1700000001");
    assertFalse(WebhookSignature.verify("whsec_test", moved, BODY, SIGNED, TOLERANCE));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 20261206})
  void anyChangedByteOfTheBodyFailsTheCheck(long seed) {
    Random random = new Random(seed);
    byte[] body = new byte[1 + random.nextInt(2000)];
    random.nextBytes(body);
    String h = WebhookSignature.header("k", SIGNED.getEpochSecond(), body);
    assertTrue(WebhookSignature.verify("k", h, body, SIGNED, TOLERANCE));
    byte[] changed = body.clone();
    changed[random.nextInt(changed.length)] ^= (byte) (1 + random.nextInt(255));
    assertFalse(WebhookSignature.verify("k", h, changed, SIGNED, TOLERANCE));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "garbage",
        "t=1700000000",
        "v1=6a85cb117c993612a34c72b4cfb5a16baed25a80d26e298ce0e6671320fd07c8",
        "t=abc,v1=00",
        "t=1700000000,v1=zz",
        "t=1700000000,v1=6a85"
      })
  void malformedHeadersAreNotValid(String header) {
    assertFalse(WebhookSignature.verify("whsec_test", header, BODY, SIGNED, TOLERANCE));
  }

  @Test
  void oneMatchingEntryAmongSeveralIsEnough() {
    String h = WebhookSignature.header("whsec_test", SIGNED.getEpochSecond(), BODY);
    String rotated = h.replace(",v1=", ",v1=" + "00".repeat(32) + ",v1=");
    assertTrue(WebhookSignature.verify("whsec_test", rotated, BODY, SIGNED, TOLERANCE));
    assertFalse(WebhookSignature.verify("whsec_test", null, BODY, SIGNED, TOLERANCE));
  }
}
