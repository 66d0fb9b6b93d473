package org.mmskit.gateway.internal;

/** The store failed (database unreachable, disk full); the operation did not take effect. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(Exception cause) {
    super("gateway store failed: " + cause.getMessage(), cause);
  }
}
