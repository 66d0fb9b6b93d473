package org.mmskit.core.pdu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mmskit.core.MmsMessage;

/**
 * Every real PDU of the shared corpus decodes, agrees with what SOURCES.txt says of it (type,
 * version, part count), and re-encodes to bytes that decode to the same model.
 */
class ConformanceCorpusTest {

  private static final Pattern PARTS = Pattern.compile("(related|mixed)\\((\\d+) parts\\)");

  @TestFactory
  Stream<DynamicTest> everyCorpusPduDecodesAndReencodes() throws IOException {
    List<Path> files = Corpus.files();
    Map<String, String[]> facts = new HashMap<>();
    for (String line : Files.readAllLines(Corpus.folder().resolve("SOURCES.txt"))) {
      String[] cols = line.split("\\|");
      if (cols.length >= 5 && cols[0].toLowerCase().endsWith(".mms")) {
        facts.put(cols[0], cols);
      }
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(28);
    return files.stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getFileName().toString(),
                    () -> check(Corpus.read(f), facts.get(f.getFileName().toString()))));
  }

  private static void check(byte[] bytes, String[] facts) {
    MmsPdu pdu = MmsPduDecoder.decode(bytes);
    byte[] again = MmsPduEncoder.encodeUnchecked(pdu);
    assertThat(MmsPduDecoder.decode(again)).isEqualTo(pdu);
    if (pdu.missingMandatoryHeaders().isEmpty()) {
      assertThat(MmsPduEncoder.encode(pdu)).isEqualTo(again);
    }
    assertThat(facts).as("SOURCES.txt line").isNotNull();
    {
      assertThat(pdu.type().specName()).isEqualTo(facts[2]);
      assertThat(pdu.version().toString()).isEqualTo(facts[3]);
      Matcher m = PARTS.matcher(facts[4]);
      if (m.find()) {
        assertThat(pdu.parts()).hasSize(Integer.parseInt(m.group(2)));
        assertThat(pdu.contentType().get().mediaType()).endsWith(m.group(1));
      }
      if (facts[4].contains("from=insert-address-token")) {
        assertThat(pdu.fromInsertAddress()).isTrue();
      }
      if (facts[4].contains("no Transaction-ID")) {
        assertThat(pdu.transactionId()).isEmpty();
      }
      if (facts[4].contains("start=")) {
        int p = PduMessages.presentationIndex(pdu);
        assertThat(p).isGreaterThanOrEqualTo(0);
        assertThat(pdu.parts().get(p).contentType().mediaType()).isEqualTo("application/smil");
      }
    }
    if (pdu.contentType().isPresent()) {
      MmsMessage msg = PduMessages.toMessage(pdu);
      assertThat(msg.allParts()).hasSameSizeAs(pdu.parts());
    }
  }
}
