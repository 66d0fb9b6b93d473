package org.mmskit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PduDecodeCommandTest {

  static Path corpus() {
    String shared = System.getProperty("mmskit.shared");
    Path dir = shared == null ? null : Paths.get(shared, "conformance", "pdu");
    assumeTrue(
        dir != null && Files.isDirectory(dir),
        "shared PDU corpus not found at "
            + (dir == null
                ? "(system property mmskit.shared not set)"
                : dir.toAbsolutePath().normalize())
            + "; skipped");
    return dir;
  }

  static Path corpusFile(String name) {
    Path p = corpus().resolve(name);
    assumeTrue(Files.isRegularFile(p), name + " is not in the shared corpus; skipped");
    return p;
  }

  /** Every corpus PDU with the message type and version SOURCES.txt gives for it. */
  static Stream<Arguments> corpusFiles() throws IOException {
    String shared = System.getProperty("mmskit.shared");
    Path dir = shared == null ? null : Paths.get(shared, "conformance", "pdu");
    if (dir == null || !Files.isDirectory(dir)) {
      return Stream.of(
          Arguments.of(
              "(corpus absent"
                  + (dir == null ? "" : " at " + dir.toAbsolutePath().normalize())
                  + ")",
              null,
              null));
    }
    Map<String, String[]> expected = new HashMap<>();
    Path sources = dir.resolve("SOURCES.txt");
    if (Files.isRegularFile(sources)) {
      for (String line : Files.readAllLines(sources, StandardCharsets.UTF_8)) {
        String[] f = line.split("\\|");
        if (f.length > 4 && f[0].endsWith(".mms") || f.length > 4 && f[0].endsWith(".MMS")) {
          expected.put(f[0].trim(), new String[] {f[2].trim(), f[3].trim()});
        }
      }
    }
    List<Arguments> args = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(p -> p.getFileName().toString().toLowerCase().endsWith(".mms"))
          .sorted()
          .forEach(
              p -> {
                String[] e = expected.get(p.getFileName().toString());
                args.add(
                    Arguments.of(p.toString(), e == null ? null : e[0], e == null ? null : e[1]));
              });
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpusFiles")
  void everyCorpusPduDecodesToOneJsonLine(String file, String type, String version)
      throws IOException {
    corpus();
    CliRun r = CliRun.run("pdu", "decode", file);
    List<Map<String, Object>> lines = r.jsonLines();
    assertThat(lines).hasSize(1);
    Map<String, Object> json = lines.get(0);
    assertThat(json).doesNotContainKey("error");
    assertThat(r.status).isZero();
    assertThat(json.get("file")).isEqualTo(file);
    if (type != null) {
      assertThat(json.get("messageType")).isEqualTo(type);
      assertThat(json.get("mmsVersion")).isEqualTo(version);
    }
    long fileSize = Files.size(Paths.get(file));
    long partBytes = 0;
    Object parts = json.get("parts");
    if (parts != null) {
      for (Object o : (List<?>) parts) {
        Map<?, ?> part = (Map<?, ?>) o;
        assertThat((String) part.get("contentType")).contains("/").doesNotContain(";");
        assertThat((String) part.get("sha256")).matches("[0-9a-f]{64}");
        partBytes += (Long) part.get("size");
      }
      assertThat(partBytes).isLessThan(fileSize);
      assertThat(json).containsKey("contentType");
    }
  }

  @Test
  void sendConfFieldsAsWrittenByTheBytes() {
    // 8c 81 | 98 "31887" 00 | 8d 90 | 92 80 | 8b "4dc268d71438a" 00
    Path f = corpusFile("ofono-mmsd-testc__mms_m_send_conf_1.mms");
    Map<String, Object> json = CliRun.run("pdu", "decode", f.toString()).jsonLines().get(0);
    assertThat(json)
        .containsEntry("messageType", "m-send-conf")
        .containsEntry("mmsVersion", "1.0")
        .containsEntry("transactionId", "31887")
        .containsEntry("responseStatus", "Ok")
        .containsEntry("messageId", "4dc268d71438a")
        .doesNotContainKeys("headers", "parts", "from", "to", "subject");
  }

  @Test
  void notificationIndPutsUnmodelledHeadersUnderHeaders() {
    // 8c 82 | 98 "OgQKKB" 00 | 8d 90 | 89 08 80 "Erotik" 00 | 96 "Pin-Ups" 00 | 8a 80
    // | 8e 02 40 00 | 88 05 81 03 03 f4 80 | 83 "http://eps3.de/O/Z9IZO" 00
    Path f = corpusFile("ofono-mmsd-testc__mms_m_notify_ind_1.mms");
    Map<String, Object> json = CliRun.run("pdu", "decode", f.toString()).jsonLines().get(0);
    assertThat(json)
        .containsEntry("messageType", "m-notification-ind")
        .containsEntry("transactionId", "OgQKKB")
        .containsEntry("from", "Erotik")
        .containsEntry("subject", "Pin-Ups")
        .containsEntry("contentLocation", "http://eps3.de/O/Z9IZO");
    Map<?, ?> headers = (Map<?, ?>) json.get("headers");
    assertThat(headers.get("X-Mms-Message-Class")).isEqualTo("Personal");
    assertThat(headers.get("X-Mms-Message-Size")).isEqualTo(0x4000L);
    assertThat(headers.get("X-Mms-Expiry")).isEqualTo(Map.of("relative", 0x03f480L));
    assertThat(json).doesNotContainKeys("parts", "contentType");
  }

  @Test
  void retrieveConfRecipientsDateAndPart() throws Exception {
    // ... 85 04 4d 99 92 5e (Date) | 96 "multito" 00 | 89 17 80 "+1234567890/TYPE=PLMN" 00
    // | 97 x3 | ... | 84 a3 (multipart/mixed) | 01 | 26 0e | 83 (text/plain)
    // c0 22 "<Generic_Text.txt>" 00 | 8e "/tmp/php8vlfyB" 00 | ef bb bf "Hello World"
    Path f = corpusFile("ofono-mmsd-testc__mms_m_retrieve_conf_2.mms");
    Map<String, Object> json = CliRun.run("pdu", "decode", f.toString()).jsonLines().get(0);
    assertThat(json)
        .containsEntry("messageType", "m-retrieve-conf")
        .containsEntry("transactionId", "1201657238")
        .containsEntry("date", 0x4d99925eL)
        .containsEntry("subject", "multito")
        .containsEntry("from", "+1234567890/TYPE=PLMN")
        .containsEntry(
            "to",
            List.of("+1111111111/TYPE=PLMN", "+2222222222/TYPE=PLMN", "+3333333333/TYPE=PLMN"))
        .containsEntry("contentType", "application/vnd.wap.multipart.mixed");
    List<?> parts = (List<?>) json.get("parts");
    assertThat(parts).hasSize(1);
    Map<?, ?> part = (Map<?, ?>) parts.get(0);
    byte[] body = "\uFEFFHello World".getBytes(StandardCharsets.UTF_8);
    assertThat(part.get("contentType")).isEqualTo("text/plain");
    assertThat(part.get("contentLocation")).isEqualTo("/tmp/php8vlfyB");
    assertThat((String) part.get("contentId")).contains("Generic_Text.txt");
    assertThat(part.get("size")).isEqualTo((long) body.length);
    assertThat(part.get("sha256")).isEqualTo(PartJson.sha256Hex(body));
  }

  @Test
  void badFilesGiveAnErrorLineEachAndStatusOne(@TempDir Path dir) throws IOException {
    Path good = corpusFile("ofono-mmsd-testc__mms_m_send_conf_1.mms");
    byte[] goodBytes = Files.readAllBytes(good);
    Path truncated = dir.resolve("truncated.mms");
    Files.write(truncated, java.util.Arrays.copyOf(goodBytes, 5));
    Path empty = Files.write(dir.resolve("empty.mms"), new byte[0]);
    Path text = Files.writeString(dir.resolve("text.mms"), "this is not a PDU at all");
    Path missing = dir.resolve("missing.mms");

    CliRun r =
        CliRun.run(
            "pdu",
            "decode",
            good.toString(),
            truncated.toString(),
            empty.toString(),
            text.toString(),
            missing.toString(),
            dir.toString());

    assertThat(r.status).isEqualTo(1);
    assertThat(r.printedStackTrace()).isFalse();
    List<Map<String, Object>> lines = r.jsonLines();
    assertThat(lines).hasSize(6);
    assertThat(lines.get(0)).doesNotContainKey("error").containsEntry("messageType", "m-send-conf");
    for (int i = 1; i < 6; i++) {
      assertThat(lines.get(i)).containsKeys("file", "error").doesNotContainKey("messageType");
      assertThat((String) lines.get(i).get("error")).isNotBlank();
    }
    assertThat(lines.get(1)).containsEntry("file", truncated.toString()).containsKey("offset");
    assertThat((Long) lines.get(1).get("offset")).isBetween(0L, 5L);
    assertThat(lines.get(3)).containsKey("offset");
    assertThat(lines.get(4)).containsEntry("error", "no such file").doesNotContainKey("offset");
  }

  /** Seeded corruption of a real PDU: never a stack trace, always one JSON line. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void corruptedPdusNeverPrintStackTraces(long seed, @TempDir Path dir) throws IOException {
    byte[] original = Files.readAllBytes(corpusFile("ofono-mmsd__rc-mms-1-3-con-212.mms"));
    Random random = new Random(seed);
    List<String> args = new ArrayList<>(List.of("pdu", "decode"));
    for (int i = 0; i < 20; i++) {
      byte[] b = java.util.Arrays.copyOf(original, 1 + random.nextInt(original.length));
      for (int flips = random.nextInt(4); flips > 0; flips--) {
        b[random.nextInt(b.length)] = (byte) random.nextInt(256);
      }
      args.add(Files.write(dir.resolve("c" + i + ".mms"), b).toString());
    }
    CliRun r = CliRun.run(args.toArray(new String[0]));
    assertThat(r.printedStackTrace()).isFalse();
    List<Map<String, Object>> lines = r.jsonLines();
    assertThat(lines).hasSize(20);
    boolean anyError = lines.stream().anyMatch(l -> l.containsKey("error"));
    assertThat(r.status).isEqualTo(anyError ? 1 : 0);
    for (Map<String, Object> l : lines) {
      assertThat(l.containsKey("error") || l.containsKey("messageType")).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"pdu", "pdu decode", "pdu encode"})
  void helpDescribesEachCommand(String command) {
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.add("--help");
    CliRun r = CliRun.run(args.toArray(new String[0]));
    assertThat(r.status).isZero();
    assertThat(r.out).contains("Usage: mmskit " + command);
  }

  @Test
  void decodeWithoutFilesIsAUsageError() {
    CliRun r = CliRun.run("pdu", "decode");
    assertThat(r.status).isEqualTo(2);
    assertThat(r.err).contains("FILE");
    assertThat(r.printedStackTrace()).isFalse();
  }
}
