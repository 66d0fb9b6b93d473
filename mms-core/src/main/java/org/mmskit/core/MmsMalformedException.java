package org.mmskit.core;

import java.util.Optional;

/**
 * Bytes that could not be read as what they should be: a PDU, a SOAP envelope, a MIME body. Says
 * where (a byte offset when known) and in which field.
 */
public class MmsMalformedException extends MmsException {
  private static final long serialVersionUID = 1L;

  private final long offset;
  private final String field;
  private final String reason;

  /**
   * @param reason what was wrong
   * @param offset the byte offset the problem was found at, or -1 if unknown
   * @param field the field being read, or null
   */
  public MmsMalformedException(String reason, long offset, String field, Throwable cause) {
    super(describe(reason, offset, field), cause);
    this.reason = reason;
    this.offset = offset;
    this.field = field;
  }

  public MmsMalformedException(String reason, Throwable cause) {
    this(reason, -1, null, cause);
  }

  private static String describe(String reason, long offset, String field) {
    StringBuilder sb = new StringBuilder(reason);
    if (field != null) {
      sb.append(" in ").append(field);
    }
    if (offset >= 0) {
      sb.append(" at offset ").append(offset);
    }
    return sb.toString();
  }

  /** The byte offset of the problem, or -1 when unknown. */
  public long offset() {
    return offset;
  }

  /** The field being read when the problem was found. */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  /** What was wrong, without the position. */
  public String reason() {
    return reason;
  }

  /** Malformed answers do not get better by asking again. */
  @Override
  public boolean isRetryable() {
    return false;
  }
}
