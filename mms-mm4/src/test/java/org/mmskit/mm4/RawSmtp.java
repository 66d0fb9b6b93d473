package org.mmskit.mm4;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** An SMTP client speaking raw lines over a socket, to test what a library client never sends. */
final class RawSmtp implements AutoCloseable {
  private final Socket socket;
  private final BufferedReader in;
  private final OutputStream out;

  RawSmtp(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(10_000);
    socket.setTcpNoDelay(true);
    in =
        new BufferedReader(
            new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
    out = socket.getOutputStream();
  }

  /** Reads one reply (all lines of a multi-line one) and returns it, lines joined by \n. */
  String reply() throws IOException {
    StringBuilder sb = new StringBuilder();
    while (true) {
      String line = in.readLine();
      if (line == null) {
        return sb.length() == 0 ? null : sb.toString();
      }
      sb.append(sb.length() == 0 ? "" : "\n").append(line);
      if (line.length() < 4 || line.charAt(3) != '-') {
        return sb.toString();
      }
    }
  }

  void send(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Sends a command line and returns the reply. */
  String command(String line) throws IOException {
    send(line + "\r\n");
    return reply();
  }

  /** EHLO, MAIL FROM, RCPT TO and DATA; returns the reply to DATA. */
  String begin(String from, String to) throws IOException {
    reply();
    command("EHLO peer.example");
    command("MAIL FROM:<" + from + ">");
    command("RCPT TO:<" + to + ">");
    return command("DATA");
  }

  void abort() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
