package org.mmskit.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One raw HTTP/1.1 keep-alive connection for load tests: writes a prepared request in one write and
 * reads the response (status line, headers, a {@code Content-Length} body). TCP_NODELAY on. Not
 * thread-safe: one per load thread.
 */
final class KeepAliveConnection implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final byte[] line = new byte[8192];
  private final byte[] sink = new byte[16 * 1024];

  KeepAliveConnection(InetSocketAddress address) throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.setKeepAlive(true);
    socket.connect(address, 5000);
    socket.setSoTimeout(30_000);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
  }

  /**
   * Builds the bytes of a POST (headers and body) for {@link #exchange}.
   *
   * @param extraHeaders header lines without CRLF, e.g. {@code SOAPAction: ""}
   */
  static byte[] post(
      String host, String path, String contentType, byte[] body, String... extraHeaders) {
    StringBuilder h = new StringBuilder(256);
    h.append("POST ").append(path).append(" HTTP/1.1\r\n");
    h.append("Host: ").append(host).append("\r\n");
    h.append("Content-Type: ").append(contentType).append("\r\n");
    h.append("Content-Length: ").append(body.length).append("\r\n");
    for (String x : extraHeaders) {
      h.append(x).append("\r\n");
    }
    h.append("\r\n");
    byte[] head = h.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  /** Sends one request and reads its response; returns the HTTP status. */
  int exchange(byte[] request) throws IOException {
    out.write(request);
    out.flush();
    int n = readLine();
    if (n < 12) {
      throw new IOException("no status line");
    }
    int status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    long length = -1;
    boolean close = false;
    while ((n = readLine()) > 0) {
      if (startsWithIgnoreCase(n, "content-length:")) {
        length = Long.parseLong(new String(line, 15, n - 15, StandardCharsets.US_ASCII).trim());
      } else if (startsWithIgnoreCase(n, "connection:")) {
        close =
            new String(line, 11, n - 11, StandardCharsets.US_ASCII)
                .trim()
                .equalsIgnoreCase("close");
      } else if (startsWithIgnoreCase(n, "transfer-encoding:")) {
        throw new IOException("chunked responses are not expected here");
      }
    }
    if (length < 0) {
      throw new IOException("response without Content-Length");
    }
    while (length > 0) {
      int r = in.read(sink, 0, (int) Math.min(sink.length, length));
      if (r < 0) {
        throw new IOException("connection closed in the body");
      }
      length -= r;
    }
    if (close) {
      throw new IOException("server closed the connection");
    }
    return status;
  }

  private boolean startsWithIgnoreCase(int n, String prefix) {
    if (n < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (Character.toLowerCase((char) line[i]) != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Reads one header line into {@code line} without CRLF; returns its length. */
  private int readLine() throws IOException {
    int n = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed");
      }
      if (b == '\n') {
        return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
      }
      if (n == line.length) {
        throw new IOException("header line too long");
      }
      line[n++] = (byte) b;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
