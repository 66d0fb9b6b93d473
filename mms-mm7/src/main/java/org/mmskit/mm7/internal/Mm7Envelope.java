package org.mmskit.mm7.internal;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mmskit.core.InboundContext;
import org.mmskit.core.Transport;
import org.mmskit.mm7.Mm7Dialect;
import org.mmskit.mm7.Mm7InboundDetail;
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

  /**
   * The {@link InboundContext} for this received request: transaction ID, {@code MM7Version},
   * namespace and {@code MMSRelayServerID} (when the body has one) filled in.
   */
  public InboundContext inboundContext(
      Optional<String> account, Optional<InetAddress> remoteAddress, Instant receivedAt) {
    Optional<String> relay = Optional.empty();
    if (body instanceof Mm7Body.DeliverReq d) {
      relay = d.relayServerId();
    } else if (body instanceof Mm7Body.DeliveryReportReq d) {
      relay = d.relayServerId();
    } else if (body instanceof Mm7Body.ReadReplyReq d) {
      relay = d.relayServerId();
    }
    return new InboundContext(
        Transport.MM7,
        account,
        remoteAddress,
        transactionId,
        Optional.of(version.mm7Version()),
        receivedAt,
        List.of(new Mm7InboundDetail(version.namespace(), relay)));
  }

  /** A standard-dialect envelope. */
  public static Mm7Envelope of(String transactionId, Mm7Version version, Mm7Body body) {
    return new Mm7Envelope(Optional.ofNullable(transactionId), version, Mm7Dialect.STANDARD, body);
  }
}
