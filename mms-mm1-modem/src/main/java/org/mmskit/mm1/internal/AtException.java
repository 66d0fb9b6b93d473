package org.mmskit.mm1.internal;

import java.io.IOException;

/**
 * A command got no final result: its timeout passed, or the port went away. {@link #written()}
 * tells whether the command reached the modem, so an action (a send) may have happened.
 */
public final class AtException extends IOException {
  private static final long serialVersionUID = 1L;

  private final boolean written;

  public AtException(String message, Throwable cause, boolean written) {
    super(message, cause);
    this.written = written;
  }

  public boolean written() {
    return written;
  }
}
