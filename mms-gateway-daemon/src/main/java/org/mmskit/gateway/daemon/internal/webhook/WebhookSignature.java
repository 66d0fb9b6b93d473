package org.mmskit.gateway.daemon.internal.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature every webhook POST carries, and its check for receivers.
 *
 * <p>Header {@value #HEADER}: {@code t=<unix seconds>,v1=<hex>}, where {@code <hex>} is the
 * lower-case HMAC-SHA256, under the target's secret (its UTF-8 bytes), of the ASCII decimal
 * timestamp, a dot, and the exact body bytes. The timestamp is the time of the attempt, so a
 * receiver can refuse replays of old requests; signing the timestamp with the body stops an
 * attacker from changing either. A receiver should check the signature over the raw body before
 * parsing it, and may accept several {@code v1} entries (the header holds one today).
 *
 * <p>{@link #verify} is self-contained (JDK only): receivers written in Java can copy it.
 */
public final class WebhookSignature {
  /** The signature header's name. */
  public static final String HEADER = "MMSKit-Signature";

  /** The header holding the event's ID, the same on every attempt: receivers de-duplicate by it. */
  public static final String EVENT_ID_HEADER = "MMSKit-Event-Id";

  private WebhookSignature() {}

  /** The value of the {@value #HEADER} header for this body, signed at {@code epochSeconds}. */
  public static String header(String secret, long epochSeconds, byte[] body) {
    return "t="
        + epochSeconds
        + ",v1="
        + HexFormat.of().formatHex(hmac(secret, epochSeconds, body));
  }

  /**
   * Whether {@code header} is a valid signature of {@code body} under {@code secret}, made no
   * further than {@code tolerance} from {@code now}. Compares in constant time; never throws for a
   * malformed header (it is simply not valid).
   */
  public static boolean verify(
      String secret, String header, byte[] body, Instant now, Duration tolerance) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(body, "body");
    if (header == null) {
      return false;
    }
    long t = -1;
    for (String item : header.split(",")) {
      String s = item.trim();
      if (s.startsWith("t=")) {
        try {
          t = Long.parseLong(s.substring(2));
        } catch (NumberFormatException e) {
          return false;
        }
      }
    }
    if (t < 0 || Math.abs(now.getEpochSecond() - t) > tolerance.toSeconds()) {
      return false;
    }
    byte[] expected = hmac(secret, t, body);
    boolean valid = false;
    for (String item : header.split(",")) {
      String s = item.trim();
      if (s.startsWith("v1=")) {
        byte[] given;
        try {
          given = HexFormat.of().parseHex(s.substring(3));
        } catch (IllegalArgumentException e) {
          continue;
        }
        // isEqual takes the same time whatever the first difference: no timing oracle
        valid |= MessageDigest.isEqual(expected, given);
      }
    }
    return valid;
  }

  private static byte[] hmac(String secret, long epochSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }
}
