package org.mmskit.core.pdu;

import org.mmskit.core.MmsMalformedException;

/**
 * Bytes that are not a well-formed MMS PDU, or break a {@link PduLimits} limit. The only exception
 * {@link MmsPduDecoder} throws; it tells the byte offset (from the start of the PDU) and the field
 * being read.
 */
public final class MmsPduException extends MmsMalformedException {
  private static final long serialVersionUID = 1L;

  /**
   * @param reason what is wrong
   * @param offset the byte offset in the PDU, or -1
   * @param field the field being read (e.g. {@code Subject}, {@code part 2 Content-Type}), or null
   */
  public MmsPduException(String reason, long offset, String field) {
    super(reason, offset, field, null);
  }
}
