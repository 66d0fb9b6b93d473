package org.mmskit.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A raw HTTP/1.1 client on a plain socket, for the cases ordinary clients refuse to produce. */
final class RawClient implements AutoCloseable {
  final Socket socket;
  final OutputStream out;
  final InputStream in;

  RawClient(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(20_000);
    out = socket.getOutputStream();
    in = socket.getInputStream();
  }

  RawClient write(String ascii) throws IOException {
    out.write(ascii.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return this;
  }

  RawClient write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** Reads one response (status line, headers, Content-Length or chunked body). */
  Response readResponse() throws IOException {
    String status = readLine();
    if (status == null) {
      return null;
    }
    Response r = new Response();
    r.status = Integer.parseInt(status.split(" ")[1]);
    HeaderMap.Builder h = HeaderMap.builder();
    String line;
    while ((line = readLine()) != null && !line.isEmpty()) {
      int c = line.indexOf(':');
      h.add(line.substring(0, c).trim(), line.substring(c + 1).trim());
    }
    r.headers = h.build();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String te = r.headers.first("Transfer-Encoding").orElse("").toLowerCase(Locale.ROOT);
    if (te.contains("chunked")) {
      while (true) {
        int size = Integer.parseInt(readLine().trim(), 16);
        if (size == 0) {
          readLine();
          break;
        }
        body.write(in.readNBytes(size));
        readLine();
      }
    } else {
      long len = Long.parseLong(r.headers.first("Content-Length").orElse("0"));
      body.write(in.readNBytes((int) len));
    }
    r.body = body.toString(StandardCharsets.UTF_8);
    return r;
  }

  /** True when the server closed the connection (EOF or reset) before the read timeout. */
  boolean closedByServer() {
    try {
      return in.read() < 0;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  private String readLine() throws IOException {
    StringBuilder sb = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        int n = sb.length();
        if (n > 0 && sb.charAt(n - 1) == '\r') {
          sb.setLength(n - 1);
        }
        return sb.toString();
      }
      sb.append((char) b);
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  static final class Response {
    int status;
    HeaderMap headers;
    String body;
  }
}
