package org.mmskit.eaif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMessage;
import org.mmskit.server.InboundResponse;

/**
 * Real PDUs written by other projects (the shared conformance corpus), posted to the handler as an
 * MMSC would. Their type and part count come from the corpus index (SOURCES.txt), not from our
 * decoder.
 */
class EaifConformanceTest {
  private static final Pattern PARTS = Pattern.compile("\\((\\d+) parts\\)");

  static Path corpus() {
    String shared = System.getProperty("mmskit.shared");
    return shared == null ? null : Paths.get(shared, "conformance", "pdu");
  }

  static Stream<Arguments> corpusEntries() throws IOException {
    Path dir = corpus();
    if (dir == null || !Files.isRegularFile(dir.resolve("SOURCES.txt"))) {
      return Stream.of(
          Arguments.of(
              "(corpus missing"
                  + (dir == null ? "" : " at " + dir.toAbsolutePath().normalize())
                  + ")",
              "",
              -1));
    }
    List<Arguments> out = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("SOURCES.txt"), StandardCharsets.UTF_8)) {
      String[] cols = line.split("\\|");
      if (cols.length < 5 || !cols[2].startsWith("m-")) {
        continue;
      }
      Matcher m = PARTS.matcher(cols[4]);
      out.add(Arguments.of(cols[0], cols[2], m.find() ? Integer.parseInt(m.group(1)) : 0));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("corpusEntries")
  void corpusPduGetsTheRightCallback(String file, String type, int parts) throws IOException {
    Path dir = corpus();
    assumeTrue(
        dir != null && Files.isDirectory(dir),
        "shared conformance corpus not found at "
            + (dir == null
                ? "(system property mmskit.shared not set)"
                : dir.toAbsolutePath().normalize())
            + ": skipped");
    byte[] pdu = Files.readAllBytes(dir.resolve(file));
    EaifHandlerTest.Recorder recorder = new EaifHandlerTest.Recorder();
    EaifHandler handler = EaifHandler.of(recorder);

    InboundResponse r =
        handler.handle(
            EaifHandlerTest.post(
                    pdu,
                    EaifHeaders.FROM,
                    "+15550000000",
                    EaifHeaders.TO,
                    "12345",
                    EaifHeaders.MESSAGE_ID,
                    "corpus-1")
                .build());

    switch (type) {
      case "m-send-req":
      case "m-retrieve-conf":
        assertThat(r.status()).as(EaifHandlerTest.text(r)).isEqualTo(204);
        assertThat(recorder.messages).hasSize(1);
        MmsMessage m = recorder.messages.get(0).message();
        assertThat(m.from()).contains(Address.phone("+15550000000"));
        assertThat(m.to()).containsExactly(Address.shortCode("12345"));
        assertThat(m.messageId()).contains("corpus-1");
        assertThat(m.allParts()).hasSize(parts);
        break;
      default:
        assertThat(r.status()).isEqualTo(400);
        assertThat(EaifHandlerTest.text(r)).contains(type);
        assertThat(recorder.calls()).isZero();
    }
  }
}
