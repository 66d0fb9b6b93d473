package org.mmskit.core.pdu;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import org.mmskit.core.ContentType;
import org.mmskit.core.MmsPart;
import org.mmskit.core.internal.wsp.PduParser;

/**
 * Reads binary MMS PDUs. Pure functions: no I/O, no state, safe from any thread.
 *
 * <p>Reading is tolerant: headers in an unusual order, missing mandatory headers (see {@link
 * MmsPdu#missingMandatoryHeaders()}), unknown fields and unexpected value forms are accepted and
 * kept. Malformed input and broken {@link PduLimits} raise {@link MmsPduException}, and nothing
 * else. Each part body is copied once into its own array; the input is not kept.
 */
public final class MmsPduDecoder {
  private MmsPduDecoder() {}

  /** Decodes a whole PDU with the default limits. */
  public static MmsPdu decode(byte[] pdu) {
    return decode(pdu, 0, pdu.length, PduLimits.DEFAULT);
  }

  /** Decodes a whole PDU. */
  public static MmsPdu decode(byte[] pdu, PduLimits limits) {
    return decode(pdu, 0, pdu.length, limits);
  }

  /** Decodes the PDU in {@code pdu[offset, offset+length)}; offsets in errors count from offset. */
  public static MmsPdu decode(byte[] pdu, int offset, int length, PduLimits limits) {
    Objects.requireNonNull(pdu, "pdu");
    Objects.requireNonNull(limits, "limits");
    Objects.checkFromIndexSize(offset, length, pdu.length);
    return PduParser.parse(pdu, offset, length, limits);
  }

  /** Decodes the remaining bytes of the buffer (its position is not moved). */
  public static MmsPdu decode(ByteBuffer pdu, PduLimits limits) {
    if (pdu.hasArray()) {
      return decode(pdu.array(), pdu.arrayOffset() + pdu.position(), pdu.remaining(), limits);
    }
    if (pdu.remaining() > limits.maxPduSize()) {
      throw new MmsPduException("PDU larger than " + limits.maxPduSize() + " bytes", 0, null);
    }
    byte[] copy = new byte[pdu.remaining()];
    pdu.duplicate().get(copy);
    return decode(copy, 0, copy.length, limits);
  }

  /**
   * Decodes a WSP multipart body (entry count, then entries), as found in a PDU after a multipart
   * Content-Type or in the body of a part whose type is multipart (the decoder keeps such bodies as
   * they are).
   *
   * @param depth how deep this body is nested: 1 for a PDU body, 2 for the body of one of its
   *     parts, and so on; a depth beyond {@link PduLimits#maxNesting()} is refused
   */
  public static List<MmsPart> decodeMultipart(byte[] body, int depth, PduLimits limits) {
    if (depth < 1) {
      throw new IllegalArgumentException("depth starts at 1");
    }
    return PduParser.parseMultipart(body, 0, body.length, limits, depth);
  }

  /** Decodes a WSP Content-type-value (the bytes after the 0x84 header octet). */
  public static ContentType decodeContentType(byte[] value, PduLimits limits) {
    return PduParser.parseContentTypeValue(value, 0, value.length, limits);
  }
}
