package org.mmskit.mm1.internal;

import java.io.IOException;

/**
 * A byte pipe to a modem (or, for the simulator, to the program under test). Keeps serial-port
 * library types out of everything else.
 */
public interface SerialLink extends AutoCloseable {

  /**
   * Reads what has arrived, waiting up to the link's read timeout.
   *
   * @return the number of bytes read, 0 when none came in time
   * @throws IOException when the port went away
   */
  int read(byte[] buffer) throws IOException;

  /** Writes all bytes. */
  void write(byte[] data) throws IOException;

  /** The port's name, for messages. */
  String name();

  @Override
  void close();

  /** Opens a link; called again to reopen one that went away. */
  @FunctionalInterface
  interface Opener {
    SerialLink open() throws IOException;
  }
}
