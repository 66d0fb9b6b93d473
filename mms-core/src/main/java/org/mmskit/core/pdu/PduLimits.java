package org.mmskit.core.pdu;

/**
 * Limits the decoder enforces so that hostile input cannot exhaust memory or time; breaking one
 * raises {@link MmsPduException}. Immutable; start from {@link #DEFAULT} and change values with the
 * {@code with...} methods.
 *
 * @param maxPduSize the largest PDU accepted, in bytes
 * @param maxParts the most multipart entries in one body
 * @param maxHeaders the most headers in a PDU, or in one part
 * @param maxValueLength the longest header value (text or length-prefixed), in bytes
 * @param maxNesting how deep multipart bodies may nest: a part whose own body is multipart is kept
 *     as bytes by the decoder, and {@link MmsPduDecoder#decodeMultipart} refuses to read one nested
 *     deeper than this (1 = only the PDU body)
 */
public record PduLimits(
    int maxPduSize, int maxParts, int maxHeaders, int maxValueLength, int maxNesting) {

  /** 32 MiB PDUs, 1000 parts, 1000 headers, 64 KiB values, nesting 4. */
  public static final PduLimits DEFAULT = new PduLimits(32 << 20, 1000, 1000, 64 << 10, 4);

  public PduLimits {
    if (maxPduSize < 1 || maxParts < 0 || maxHeaders < 1 || maxValueLength < 1 || maxNesting < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  public PduLimits withMaxPduSize(int v) {
    return new PduLimits(v, maxParts, maxHeaders, maxValueLength, maxNesting);
  }

  public PduLimits withMaxParts(int v) {
    return new PduLimits(maxPduSize, v, maxHeaders, maxValueLength, maxNesting);
  }

  public PduLimits withMaxHeaders(int v) {
    return new PduLimits(maxPduSize, maxParts, v, maxValueLength, maxNesting);
  }

  public PduLimits withMaxValueLength(int v) {
    return new PduLimits(maxPduSize, maxParts, maxHeaders, v, maxNesting);
  }

  public PduLimits withMaxNesting(int v) {
    return new PduLimits(maxPduSize, maxParts, maxHeaders, maxValueLength, v);
  }
}
