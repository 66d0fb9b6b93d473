package org.mmskit.core;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how an inbound request arrived: transport, account, peer, protocol identifiers.
 *
 * @param transport the transport it came over
 * @param account the listener account that authenticated it, empty when the endpoint is open
 * @param remoteAddress the peer's address, empty when not known (e.g. a handler used outside the
 *     embedded server)
 * @param transactionId the protocol transaction ID (MM7 {@code TransactionID}, PDU {@code
 *     X-Mms-Transaction-ID}), if any
 * @param protocolVersion the protocol version (MM7 {@code MM7Version} such as {@code 6.8.0}, MMS
 *     version such as {@code 1.2}), if any
 * @param namespace the MM7 namespace URI the request used, if any
 * @param relayServerId the MMSC's own identifier (MM7 {@code MMSRelayServerID}), if any
 * @param receivedAt when the request was received
 */
public record InboundContext(
    Transport transport,
    Optional<String> account,
    Optional<InetAddress> remoteAddress,
    Optional<String> transactionId,
    Optional<String> protocolVersion,
    Optional<String> namespace,
    Optional<String> relayServerId,
    Instant receivedAt) {
  public InboundContext {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(remoteAddress, "remoteAddress");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(protocolVersion, "protocolVersion");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(relayServerId, "relayServerId");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}
