package org.mmskit.mm7.large;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.mm7.Mm7Client;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.server.InboundResponse;
import org.mmskit.server.MmsServer;
import org.mmskit.server.Route;

/**
 * A 10 MB file part is streamed, never held whole: the submit succeeds in a child JVM whose heap is
 * 48 MB, against an MMSC on loopback that counts what it receives.
 */
class Mm7LargePartTest {
  private static final int SIZE = 10 * 1024 * 1024;
  private static final Pattern TX = Pattern.compile("TransactionID[^>]*>([^<]+)<");

  @Test
  void aTenMegabyteFilePartIsSentWithA48MegabyteHeap(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("big.jpg");
    byte[] chunk = new byte[64 * 1024];
    Random random = new Random(16);
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int written = 0; written < SIZE; written += chunk.length) {
        random.nextBytes(chunk);
        out.write(chunk);
      }
    }
    AtomicLong received = new AtomicLong();
    Route route =
        Route.open(
            "/mm7",
            request -> {
              String tx = "missing";
              byte[] buf = new byte[64 * 1024];
              long total = 0;
              try (InputStream in = request.body()) {
                for (int n; (n = in.read(buf)) > 0; ) {
                  if (total == 0) {
                    Matcher m = TX.matcher(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    tx = m.find() ? m.group(1) : tx;
                  }
                  total += n;
                }
              }
              received.set(total);
              return InboundResponse.ok("text/xml; charset=utf-8", submitRsp(tx));
            });
    try (MmsServer server =
        MmsServer.builder()
            .bindAddress("127.0.0.1")
            .port(0)
            .maxRequestSize(64L * 1024 * 1024)
            .route(route)
            .build()
            .start()) {
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx48m",
                  "-cp",
                  classPath(),
                  LargePartSubmit.class.getName(),
                  server.uri().resolve("/mm7").toString(),
                  file.toString())
              .redirectErrorStream(true)
              .start();
      String output;
      try (InputStream in = child.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).as(output).isZero();
      assertThat(output).contains("messageId=big-1").contains("maxMemory=");
      long heap = Long.parseLong(output.replaceAll("(?s).*maxMemory=(\\d+).*", "$1"));
      assertThat(heap).isLessThanOrEqualTo(48L * 1024 * 1024);
      // base64 of 10 MB in 76-character lines, plus the envelope
      assertThat(received.get()).isGreaterThan(SIZE * 4L / 3);
    }
  }

  private static byte[] submitRsp(String tx) {
    String ns = Mm7Version.DEFAULT.namespace();
    return ("<?xml version='1.0' encoding='UTF-8'?>"
            + "<env:Envelope xmlns:env='http://schemas.xmlsoap.org/soap/envelope/'><env:Header>"
            + "<mm7:TransactionID xmlns:mm7='"
            + ns
            + "'>"
            + tx
            + "</mm7:TransactionID></env:Header><env:Body><SubmitRsp xmlns='"
            + ns
            + "'><MM7Version>6.8.0</MM7Version><Status><StatusCode>1000</StatusCode>"
            + "<StatusText>Success</StatusText></Status><MessageID>big-1</MessageID></SubmitRsp>"
            + "</env:Body></env:Envelope>")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The test JVM's class and module paths plus this module's classes, as one class path. */
  private static String classPath() throws IOException {
    Set<String> entries = new LinkedHashSet<>();
    for (String property : new String[] {"java.class.path", "jdk.module.path"}) {
      String value = System.getProperty(property, "");
      for (String e : value.split(File.pathSeparator)) {
        if (!e.isBlank()) {
          entries.add(e);
        }
      }
    }
    for (Class<?> c : new Class<?>[] {LargePartSubmit.class, Mm7Client.class}) {
      try {
        entries.add(
            Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
      } catch (java.net.URISyntaxException e) {
        throw new IOException(e);
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
