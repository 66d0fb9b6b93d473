package org.mmskit.core;

/**
 * No usable answer came back: the connection failed or broke, a timeout passed, TLS failed, or the
 * client was closed. Whether the MMSC acted on the request is unknown unless {@link #requestSent()}
 * is false.
 */
public class MmsTransportException extends MmsException {
  private static final long serialVersionUID = 1L;

  private final boolean requestSent;
  private final boolean retryable;

  public MmsTransportException(String message, Throwable cause, boolean requestSent) {
    this(message, cause, requestSent, true);
  }

  public MmsTransportException(
      String message, Throwable cause, boolean requestSent, boolean retryable) {
    super(message, cause);
    this.requestSent = requestSent;
    this.retryable = retryable;
  }

  /**
   * False when the request certainly never reached the MMSC (e.g. connection refused), so a retry
   * cannot send a duplicate.
   */
  public boolean requestSent() {
    return requestSent;
  }

  @Override
  public boolean isRetryable() {
    return retryable;
  }
}
