package org.mmskit.gateway;

/** Where a message (or its delivery on one route) stands. */
public enum MessageState {
  /** Stored, waiting for its turn or for a retry. */
  QUEUED,
  /** A request is with the MMSC (or its outcome is being recorded). */
  SENDING,
  /** The MMSC accepted it. Delivery reports may follow in the history. */
  SENT,
  /** Refused for good, out of attempts or expired; the reason says which. */
  FAILED,
  /** Cancelled by the application before it was sent. */
  CANCELLED;

  /** True when nothing more will be tried. */
  public boolean isFinal() {
    return this == SENT || this == FAILED || this == CANCELLED;
  }
}
