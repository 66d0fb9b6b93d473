package org.mmskit.server.internal;

import java.io.IOException;

/** Raised by a {@link CappedInputStream} when a request body goes past the configured maximum. */
public final class BodyTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long limit;

  /** Creates the exception for a body above {@code limit} bytes. */
  public BodyTooLargeException(long limit) {
    super("request body larger than " + limit + " bytes");
    this.limit = limit;
  }

  /** The configured maximum, in bytes. */
  public long limit() {
    return limit;
  }
}
