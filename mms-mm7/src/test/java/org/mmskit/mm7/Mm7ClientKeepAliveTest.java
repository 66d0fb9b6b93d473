package org.mmskit.mm7;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Bulk sends reuse pooled keep-alive connections: a small HTTP/1.1 server on loopback counts the
 * connections it accepts.
 */
class Mm7ClientKeepAliveTest {
  private static final Pattern TX = Pattern.compile("TransactionID[^>]*>([^<]+)<");

  @Test
  void sequentialSubmitsShareOneConnection() throws Exception {
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger requests = new AtomicInteger();
    CompletableFuture<Void> loop = new CompletableFuture<>();
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    Socket s = server.accept();
                    s.setTcpNoDelay(true);
                    accepted.incrementAndGet();
                    Thread t = new Thread(() -> serve(s, requests), "keepalive-test-conn");
                    t.setDaemon(true);
                    t.start();
                  } catch (IOException e) {
                    break;
                  }
                }
                loop.complete(null);
              },
              "keepalive-test-accept");
      acceptor.setDaemon(true);
      acceptor.start();
      try (Mm7Client c =
          Mm7Client.builder()
              .endpoint(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/mm7"))
              .responseTimeout(Duration.ofSeconds(30))
              .build()) {
        for (int i = 0; i < 15; i++) {
          assertThat(c.submit(Mm7ClientTest.message()).messageId()).isEqualTo("ka");
        }
      }
      assertThat(requests.get()).isEqualTo(15);
      assertThat(accepted.get()).isEqualTo(1);
    }
    loop.join();
  }

  private static void serve(Socket s, AtomicInteger requests) {
    try (s;
        InputStream in = new BufferedInputStream(s.getInputStream());
        OutputStream out = s.getOutputStream()) {
      while (true) {
        String head = readHead(in);
        if (head == null) {
          return;
        }
        int length = 0;
        for (String line : head.split("\r\n")) {
          if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).trim());
          }
        }
        byte[] body = in.readNBytes(length);
        requests.incrementAndGet();
        Matcher m = TX.matcher(new String(body, StandardCharsets.UTF_8));
        String tx = m.find() ? m.group(1) : "";
        String xml =
            Mm7ClientTest.rsp(
                    Mm7Version.DEFAULT.namespace(),
                    "SubmitRsp",
                    1000,
                    "ok",
                    "<MessageID>ka</MessageID>")
                .replace(
                    "{{regexExtract request.body 'Transaction-?ID[^>]*>([^<]+)<' 'tx'}}{{tx.0}}",
                    tx);
        byte[] rsp = xml.getBytes(StandardCharsets.UTF_8);
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: "
                    + rsp.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(rsp);
        out.flush();
      }
    } catch (IOException e) {
      // client went away
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int state = 0;
    int c;
    while ((c = in.read()) >= 0) {
      b.write(c);
      state =
          (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
              ? state + 1
              : 0;
      if (state == 4) {
        return b.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }
}
