package org.mmskit.core;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how an inbound request arrived: transport, account, peer, protocol identifiers, and
 * what only one transport knows (e.g. the MM7 namespace and relay server ID) as {@link
 * TransportDetail}s.
 *
 * @param transport the transport it came over
 * @param account the listener account that authenticated it, empty when the endpoint is open
 * @param remoteAddress the peer's address, empty when not known (e.g. a handler used outside the
 *     embedded server)
 * @param transactionId the protocol transaction ID (MM7 {@code TransactionID}, PDU and MM4 {@code
 *     X-Mms-Transaction-ID}), if any
 * @param protocolVersion the protocol version (MM7 {@code MM7Version} such as {@code 6.8.0}, MMS
 *     version such as {@code 1.2}, MM4 {@code X-Mms-3GPP-MMS-Version}), if any
 * @param receivedAt when the request was received
 * @param details what the transport adds, read with {@link #detail(Class)}
 */
public record InboundContext(
    Transport transport,
    Optional<String> account,
    Optional<InetAddress> remoteAddress,
    Optional<String> transactionId,
    Optional<String> protocolVersion,
    Instant receivedAt,
    List<TransportDetail> details) {
  public InboundContext {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(remoteAddress, "remoteAddress");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(protocolVersion, "protocolVersion");
    Objects.requireNonNull(receivedAt, "receivedAt");
    details = List.copyOf(details);
  }

  /** The first detail of the given type, e.g. the MM7 namespace and relay server ID. */
  public <T extends TransportDetail> Optional<T> detail(Class<T> type) {
    Objects.requireNonNull(type, "type");
    return details.stream().filter(type::isInstance).map(type::cast).findFirst();
  }
}
