package org.mmskit.core;

/**
 * The root of every failure MMSKit reports. Three kinds extend it: {@link MmscRejectedException}
 * (the MMSC answered and said no), {@link MmsTransportException} (no usable answer: connection,
 * timeout, TLS) and {@link MmsMalformedException} (bytes that could not be read).
 */
public abstract class MmsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected MmsException(String message, Throwable cause) {
    super(message, cause);
  }

  /** True when sending the same request again later may succeed. */
  public abstract boolean isRetryable();
}
