package org.mmskit.core.pdu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the seed corpus of {@link PduFuzzTest} with our own encoder: one sample PDU of each type
 * and a few generated ones. Run from the module directory: {@code java ... FuzzSeedCorpus
 * src/test/resources/org/mmskit/core/pdu/PduFuzzTestInputs/decode}.
 */
public final class FuzzSeedCorpus {
  private FuzzSeedCorpus() {}

  public static void main(String[] args) throws IOException {
    Path dir =
        Path.of(
            args.length > 0
                ? args[0]
                : "src/test/resources/org/mmskit/core/pdu/PduFuzzTestInputs/decode");
    Files.createDirectories(dir);
    List<MmsPdu> samples = SamplePdus.all();
    for (MmsPdu p : samples) {
      Files.write(dir.resolve("sample-" + p.type().specName()), MmsPduEncoder.encode(p));
    }
    for (long seed = 0; seed < 16; seed++) {
      MmsPdu p = new PduGenerator(5000 + seed).pdu();
      byte[] b = MmsPduEncoder.encodeUnchecked(p);
      if (b.length <= 4096) {
        Files.write(dir.resolve("generated-" + seed), b);
      }
    }
  }
}
