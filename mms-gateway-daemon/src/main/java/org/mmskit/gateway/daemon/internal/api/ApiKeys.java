package org.mmskit.gateway.daemon.internal.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mmskit.server.InboundRequest;

/**
 * The API keys, checked in constant time: the presented key and each configured one are compared as
 * SHA-256 digests (equal lengths) with {@link MessageDigest#isEqual}, and every key is compared
 * whatever the result, so timing tells neither a prefix nor which key matched.
 */
final class ApiKeys {
  private record Key(String name, byte[] digest) {}

  private final List<Key> keys = new ArrayList<>();

  /** Keys by name. */
  ApiKeys(Map<String, String> keysByName) {
    keysByName.forEach((name, key) -> keys.add(new Key(name, digest(key))));
  }

  /**
   * The name of the key the request presents ({@code Authorization: Bearer KEY} or {@code
   * X-Api-Key: KEY}), or empty when it presents none or a wrong one.
   */
  Optional<String> check(InboundRequest request) {
    String presented = request.header("X-Api-Key").orElse(null);
    if (presented == null) {
      String auth = request.header("Authorization").orElse("");
      if (auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
        presented = auth.substring(7).trim();
      }
    }
    if (presented == null || presented.isEmpty()) {
      return Optional.empty();
    }
    byte[] d = digest(presented);
    String found = null;
    for (Key k : keys) {
      if (MessageDigest.isEqual(k.digest(), d) && found == null) {
        found = k.name();
      }
    }
    return Optional.ofNullable(found);
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
