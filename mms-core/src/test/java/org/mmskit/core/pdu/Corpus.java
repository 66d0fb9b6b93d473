package org.mmskit.core.pdu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** The shared corpus of real PDUs, read from {@code ${mmskit.shared}/conformance/pdu}. */
final class Corpus {
  private Corpus() {}

  static Path shared() {
    String prop = System.getProperty("mmskit.shared");
    return prop == null ? Path.of("..", "..", "shared") : Path.of(prop);
  }

  /** The corpus folder; skips the calling test when it is absent. */
  static Path folder() {
    Path dir = shared().resolve("conformance").resolve("pdu");
    Assumptions.assumeTrue(
        Files.isDirectory(dir),
        "shared PDU corpus not found at " + dir.toAbsolutePath().normalize() + ": skipping");
    return dir;
  }

  /** The PDU files of the corpus (skips the calling test when it is absent). */
  static List<Path> files() {
    Path dir = folder();
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".mms"))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
