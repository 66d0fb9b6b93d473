package org.mmskit.examples;

import java.util.Optional;

/**
 * Reads the values an operator hands out from environment variables (or system properties of the
 * same name in lower case with dots, e.g. {@code -Dmmskit.mm7.url=...}).
 *
 * <pre>
 * MMSKIT_MM7_URL        the MMSC's MM7 URL          MMSKIT_EAIF_URL   the MMSC's EAIF URL
 * MMSKIT_VASP_ID        VASP ID                     MMSKIT_VAS_ID     VAS ID
 * MMSKIT_SERVICE_CODE   service code                MMSKIT_SHORT_CODE your short code
 * MMSKIT_LOGIN          login (user:password)       MMSKIT_TO         the test recipient
 * </pre>
 */
final class OperatorConfig {
  private OperatorConfig() {}

  static Optional<String> get(String envName) {
    String v = System.getenv(envName);
    if (v == null || v.isBlank()) {
      v = System.getProperty(envName.toLowerCase(java.util.Locale.ROOT).replace('_', '.'));
    }
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  static String get(String envName, String fallback) {
    return get(envName).orElse(fallback);
  }

  /** {@code MMSKIT_LOGIN} split at the first colon into user and password, if set. */
  static Optional<String[]> login() {
    return get("MMSKIT_LOGIN")
        .map(
            login -> {
              int colon = login.indexOf(':');
              if (colon <= 0) {
                throw new IllegalArgumentException("MMSKIT_LOGIN wants user:password");
              }
              return new String[] {login.substring(0, colon), login.substring(colon + 1)};
            });
  }
}
