package org.mmskit.mm7.internal;

import java.util.Objects;
import java.util.Optional;
import org.mmskit.mm7.Mm7Dialect;
import org.mmskit.mm7.Mm7Version;

/**
 * One MM7 SOAP message: transaction ID, schema profile, dialect and body.
 *
 * @param transactionId the SOAP header {@code TransactionID} (trimmed); required for writing a
 *     request, empty when a peer sent none
 * @param version the schema profile: when writing, the namespace and {@code MM7Version} written;
 *     when read, the namespace found and the {@code MM7Version} value the peer wrote
 * @param dialect the SOAP style written or recognised
 * @param body the request, response or fault
 */
public record Mm7Envelope(
    Optional<String> transactionId, Mm7Version version, Mm7Dialect dialect, Mm7Body body) {
  public Mm7Envelope {
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(dialect, "dialect");
    Objects.requireNonNull(body, "body");
  }

  /** A standard-dialect envelope. */
  public static Mm7Envelope of(String transactionId, Mm7Version version, Mm7Body body) {
    return new Mm7Envelope(Optional.ofNullable(transactionId), version, Mm7Dialect.STANDARD, body);
  }
}
