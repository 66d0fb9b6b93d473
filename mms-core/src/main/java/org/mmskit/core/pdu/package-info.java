/**
 * The binary MMS PDU (OMA MMS encapsulation 1.0 to 1.3, WSP-encoded) model and codec.
 *
 * <ul>
 *   <li>{@link org.mmskit.core.pdu.MmsPdu}: an immutable PDU (type, version, ordered headers,
 *       content type and parts), built with {@link org.mmskit.core.pdu.MmsPdu#builder}.
 *   <li>{@link org.mmskit.core.pdu.MmsPduDecoder} / {@link org.mmskit.core.pdu.MmsPduEncoder}:
 *       pure, thread-safe functions between bytes and model; the decoder is tolerant and bounded by
 *       {@link org.mmskit.core.pdu.PduLimits}, and throws only {@link
 *       org.mmskit.core.pdu.MmsPduException}; the encoder is strict.
 *   <li>{@link org.mmskit.core.pdu.PduMessages}: mapping to and from {@link
 *       org.mmskit.core.MmsMessage}, {@link org.mmskit.core.DeliveryReport} and {@link
 *       org.mmskit.core.ReadReply}; {@link org.mmskit.core.pdu.PduStatus}: status octets.
 * </ul>
 *
 * <pre>{@code
 * MmsPdu req = PduMessages.toSendReq(message, "tx-1", MmsVersion.V1_2);
 * byte[] wire = MmsPduEncoder.encode(req);
 * MmsPdu conf = MmsPduDecoder.decode(responseBody);
 * if (conf.responseStatus().orElse(PduStatus.PERMANENT_FAILURE) == PduStatus.OK) { ... }
 * }</pre>
 *
 * <p>All values are non-null unless a method returns {@code Optional}.
 */
package org.mmskit.core.pdu;
