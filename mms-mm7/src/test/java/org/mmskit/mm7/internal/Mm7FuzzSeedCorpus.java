package org.mmskit.mm7.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.mmskit.mm7.Mm7Dialect;
import org.mmskit.mm7.Mm7Version;

/**
 * Writes the seed corpus of {@link Mm7ReaderFuzzTest}: every conformance sample, and the writer's
 * output of each kind of body in every profile and write option. Run from the module directory with
 * the shared folder: {@code java ... Mm7FuzzSeedCorpus ../../shared
 * src/test/resources/org/mmskit/mm7/internal/Mm7ReaderFuzzTestInputs/read}.
 */
public final class Mm7FuzzSeedCorpus {
  private Mm7FuzzSeedCorpus() {}

  public static void main(String[] args) throws IOException {
    System.setProperty("mmskit.shared", args[0]);
    Path dir = Path.of(args[1]);
    Files.createDirectories(dir);
    try (Stream<Path> samples = Files.list(Conformance.mm7Dir())) {
      for (Path p : samples.sorted().toList()) {
        String name = p.getFileName().toString();
        if (name.equals("SOURCES.txt")) {
          continue;
        }
        Conformance.Sample s = Conformance.load(name);
        if (s.body().length > 64 * 1024) {
          continue; // large inputs slow fuzzing down and find nothing small ones do not
        }
        write(dir.resolve("sample-" + name), s.contentType(), s.body());
      }
    }
    Random r = new Random(7);
    List<Mm7WriteOptions> options =
        List.of(
            Mm7WriteOptions.standard(),
            Mm7WriteOptions.standard().withPrefixElements(false).withLegacyTextAddresses(true),
            Mm7WriteOptions.forDialect(Mm7Dialect.ERICSSON).withBinaryParts(true));
    int n = 0;
    for (Mm7Version v : List.of(Mm7Version.REL_5_MM7_1_3, Mm7Version.REL_6_MM7_1_4)) {
      for (Mm7WriteOptions o : options) {
        for (Mm7Body b : Mm7Fixtures.allKinds(r)) {
          Mm7Payload p = Mm7Codec.encode(Mm7Envelope.of("tx-" + n, v, b), o);
          write(dir.resolve("written-" + n++), p.contentType(), p.toByteArray());
        }
      }
    }
  }

  private static void write(Path file, String contentType, byte[] body) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write((contentType == null ? "" : contentType).getBytes(StandardCharsets.ISO_8859_1));
      out.write('\n');
      out.write(body);
    }
  }
}
