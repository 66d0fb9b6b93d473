package org.mmskit.mm1.internal;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.time.Duration;

/** A serial port through jSerialComm. Ports are opened by path; symbolic links are followed. */
public final class JSerialLink implements SerialLink {
  private final SerialPort port;
  private final String name;

  private JSerialLink(SerialPort port, String name) {
    this.port = port;
    this.name = name;
  }

  /**
   * Opens a port at 8N1 without flow control.
   *
   * @param readTimeout how long one {@link #read} waits for the first byte
   * @throws IOException when the port does not exist or another process holds it
   */
  public static JSerialLink open(String path, int baudRate, Duration readTimeout)
      throws IOException {
    SerialPort p;
    try {
      p = SerialPort.getCommPort(path);
    } catch (RuntimeException e) {
      throw new IOException("no serial port " + path + ": " + e.getMessage(), e);
    }
    p.setComPortParameters(baudRate, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
    p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
    p.setComPortTimeouts(
        SerialPort.TIMEOUT_READ_SEMI_BLOCKING, (int) Math.max(1, readTimeout.toMillis()), 0);
    if (!p.openPort()) {
      // errno 11 (EAGAIN from flock) is the usual cause: another program holds the port
      throw new IOException(
          "cannot open serial port "
              + path
              + " (error "
              + p.getLastErrorCode()
              + (p.getLastErrorCode() == 11 ? ": held by another program" : "")
              + ")");
    }
    return new JSerialLink(p, path);
  }

  /** An opener for {@link #open}, to reopen a port that went away. */
  public static Opener opener(String path, int baudRate, Duration readTimeout) {
    return () -> open(path, baudRate, readTimeout);
  }

  @Override
  public int read(byte[] buffer) throws IOException {
    int n = port.readBytes(buffer, buffer.length);
    if (n < 0 || !port.isOpen()) {
      throw new IOException("serial port " + name + " went away");
    }
    return n;
  }

  @Override
  public void write(byte[] data) throws IOException {
    int off = 0;
    while (off < data.length) {
      int n = port.writeBytes(data, data.length - off, off);
      if (n < 0) {
        throw new IOException("serial port " + name + " went away while writing");
      }
      off += n;
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void close() {
    port.closePort();
  }
}
