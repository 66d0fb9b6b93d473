package org.mmskit.core.pdu;

import java.io.IOException;
import java.io.OutputStream;
import org.mmskit.core.internal.wsp.PduComposer;

/**
 * Writes binary MMS PDUs. Pure functions: no state, safe from any thread.
 *
 * <p>Writing is strict: {@link #encode(MmsPdu)} refuses a PDU that lacks a mandatory header of its
 * type, and always writes Message-Type, Transaction-ID (when present) and MMS-Version first and
 * Content-Type last. Sizes are computed first and the PDU is written into one exactly sized array.
 * Values that cannot be written (text with a NUL octet, a charset the JVM cannot encode) raise
 * {@link IllegalArgumentException}.
 */
public final class MmsPduEncoder {
  private MmsPduEncoder() {}

  /**
   * Encodes a PDU after checking its mandatory headers.
   *
   * @throws IllegalArgumentException when a mandatory header is missing or a value cannot be
   *     written
   */
  public static byte[] encode(MmsPdu pdu) {
    checkMandatory(pdu);
    return PduComposer.compose(pdu);
  }

  /** Encodes a PDU without checking mandatory headers, e.g. to pass on a PDU as it was received. */
  public static byte[] encodeUnchecked(MmsPdu pdu) {
    return PduComposer.compose(pdu);
  }

  /** Encodes a PDU (checking mandatory headers) straight to a stream; returns the bytes written. */
  public static long encode(MmsPdu pdu, OutputStream out) throws IOException {
    checkMandatory(pdu);
    return PduComposer.compose(pdu, out);
  }

  /** The number of bytes {@link #encode(MmsPdu)} would write. */
  public static long encodedSize(MmsPdu pdu) {
    return PduComposer.size(pdu);
  }

  private static void checkMandatory(MmsPdu pdu) {
    var missing = pdu.missingMandatoryHeaders();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          pdu.type().specName() + " lacks mandatory header(s) " + String.join(", ", missing));
    }
  }
}
