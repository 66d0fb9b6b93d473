package org.mmskit.mm7.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.mm7.Mm7Version;

/**
 * A SubmitReq whose part is a 10 MB file is written in a JVM of 48 MB heap: the part is streamed
 * from the file through the base64 encoder, never held whole (held whole, the file and its base64
 * text alone would take 24 MB of a heap that also holds the JVM's own).
 */
class Mm7PayloadLowMemoryTest {
  private static final int SIZE = 10 * 1024 * 1024;

  @Test
  void tenMegabyteFilePartStreamsUnder48MegabytesOfHeap(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("video.mp4");
    byte[] block = new byte[64 * 1024];
    new Random(48).nextBytes(block);
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < SIZE / block.length; i++) {
        out.write(block);
      }
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-Xmx48m",
                "-cp",
                classPath(),
                Child.class.getName(),
                file.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    long base64 = Mm7Payload.base64Length(SIZE);
    assertThat(output).contains("written=").contains("announced=");
    long written = Long.parseLong(output.replaceAll("(?s).*written=(\\d+).*", "$1"));
    long announced = Long.parseLong(output.replaceAll("(?s).*announced=(\\d+).*", "$1"));
    assertThat(written).isEqualTo(announced).isGreaterThan(base64);
  }

  /** This JVM's class path and module path, as one class path for the child. */
  private static String classPath() {
    String modules = System.getProperty("jdk.module.path", "");
    String classes = System.getProperty("java.class.path", "");
    return modules.isEmpty() ? classes : modules + java.io.File.pathSeparator + classes;
  }

  /** Runs in the small JVM: encodes the message and writes it to a stream that keeps nothing. */
  public static final class Child {
    public static void main(String[] args) throws IOException {
      MmsMessage m =
          MmsMessage.builder()
              .from(Address.shortCode("12345"))
              .to(Address.phone("+15551234567"))
              .addPart(MmsPart.ofFile("video/mp4", Path.of(args[0])))
              .build();
      Mm7Payload payload =
          Mm7Codec.encode(
              Mm7Envelope.of(
                  "tx-big",
                  Mm7Version.DEFAULT,
                  new Mm7Body.SubmitReq(Optional.of("vasp"), Optional.empty(), m)),
              Mm7WriteOptions.standard());
      long[] count = {0};
      payload.writeTo(
          new OutputStream() {
            @Override
            public void write(int b) {
              count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
              count[0] += len;
            }
          });
      System.out.println("written=" + count[0] + " announced=" + payload.contentLength());
    }
  }
}
