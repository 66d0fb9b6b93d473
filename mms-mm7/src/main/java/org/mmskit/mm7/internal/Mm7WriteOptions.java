package org.mmskit.mm7.internal;

import java.util.Objects;
import org.mmskit.mm7.Mm7Dialect;

/**
 * How the writer shapes a message beyond the schema version: the per-connection switches seen in
 * the field.
 *
 * @param dialect the SOAP style
 * @param prefixElements true writes MM7 elements as {@code mm7:Name} with the namespace bound to
 *     {@code mm7}; false declares the MM7 namespace as default namespace on the body element and
 *     writes plain names
 * @param legacyTextAddresses true writes an address as plain text inside {@code SenderAddress} or
 *     {@code Sender} (no {@code Number}/{@code RFC2822Address} child), as pre-schema peers expect;
 *     such output does not validate against the 3GPP schemas
 * @param binaryParts true writes non-text content parts as raw bytes ({@code
 *     Content-Transfer-Encoding: binary}); false writes them in base64
 */
public record Mm7WriteOptions(
    Mm7Dialect dialect, boolean prefixElements, boolean legacyTextAddresses, boolean binaryParts) {

  private static final Mm7WriteOptions STANDARD =
      new Mm7WriteOptions(Mm7Dialect.STANDARD, true, false, false);

  public Mm7WriteOptions {
    Objects.requireNonNull(dialect, "dialect");
  }

  /** Standard 3GPP: prefixed elements, structured addresses, base64 parts. */
  public static Mm7WriteOptions standard() {
    return STANDARD;
  }

  /** The options a dialect implies before any switch is changed. */
  public static Mm7WriteOptions forDialect(Mm7Dialect dialect) {
    switch (dialect) {
      case LOGICACMG:
        return new Mm7WriteOptions(dialect, false, true, false);
      case ERICSSON:
        return new Mm7WriteOptions(dialect, false, true, false);
      default:
        return STANDARD;
    }
  }

  public Mm7WriteOptions withPrefixElements(boolean value) {
    return new Mm7WriteOptions(dialect, value, legacyTextAddresses, binaryParts);
  }

  public Mm7WriteOptions withLegacyTextAddresses(boolean value) {
    return new Mm7WriteOptions(dialect, prefixElements, value, binaryParts);
  }

  public Mm7WriteOptions withBinaryParts(boolean value) {
    return new Mm7WriteOptions(dialect, prefixElements, legacyTextAddresses, value);
  }
}
