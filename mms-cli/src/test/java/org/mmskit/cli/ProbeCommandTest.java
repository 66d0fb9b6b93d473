package org.mmskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.testkit.MmscProfile;
import org.mmskit.testkit.MockMmsc;

/** {@code mmskit probe} against picky MockMmsc profiles on loopback. */
class ProbeCommandTest {
  @TempDir Path dir;

  private static MockMmsc picky() {
    return MockMmsc.builder()
        .account("vasp", "s3cret")
        .profile(MmscProfile.builder().onlyVersion(Mm7Version.REL_5_MM7_1_2).build())
        .start();
  }

  @Test
  void findsTheVersionPrintsTheSettingsAndWritesAMaskedTrace() throws Exception {
    Path pw = dir.resolve("pw");
    Files.writeString(pw, "s3cret\n");
    Path traces = dir.resolve("trace");
    try (MockMmsc mmsc = picky()) {
      CliRun run =
          CliRun.run(
              "probe",
              "--url",
              mmsc.mm7Uri().toString(),
              "--vasp-id",
              "vasp-1",
              "--user",
              "vasp",
              "--password-file",
              pw.toString(),
              "--from",
              "12345",
              "--spacing",
              "1ms",
              "--trace-dir",
              traces.toString());
      assertThat(run.status).isZero();
      assertThat(run.printedStackTrace()).isFalse();
      assertThat(run.out)
          .contains("Reachability")
          .contains("UNSUPPORTED_VERSION")
          .contains("Verdict: UNDERSTOOD")
          .contains("--namespace REL-5-MM7-1-2 --mm7-version 5.3.0")
          .contains(".version(Mm7Version.REL_5_MM7_1_2)")
          .doesNotContain("s3cret");
      List<Path> files;
      try (Stream<Path> s = Files.list(traces)) {
        files = s.sorted().toList();
      }
      // http, http-auth, candidate 1 (4002), candidate 2 (2005)
      assertThat(files).hasSize(4);
      assertThat(files.get(3).getFileName().toString()).isEqualTo("04-candidate-2.txt");
      for (Path f : files) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("s3cret").doesNotContain("dmFzcDpzM2NyZXQ");
      }
      assertThat(Files.readString(files.get(3))).contains("Authorization: Basic ****");
      assertThat(Files.readString(files.get(3))).contains("REL-5-MM7-1-2").contains("2005");
    }
  }

  @Test
  void jsonLinesCarryTheSameAndAMissingLoginExitsOne() {
    try (MockMmsc mmsc = picky()) {
      CliRun run =
          CliRun.run("probe", "--url", mmsc.mm7Uri().toString(), "--json", "--spacing", "1ms");
      assertThat(run.status).isEqualTo(ProbeCommand.EXIT_NOT_UNDERSTOOD);
      List<Map<String, Object>> lines = run.jsonLines();
      assertThat(lines.get(0)).containsEntry("step", "dns").containsEntry("ok", true);
      Map<String, Object> last = lines.get(lines.size() - 1);
      assertThat(last)
          .containsEntry("verdict", "NEEDS_CREDENTIALS")
          .containsEntry("requestsSent", 1L);
      assertThat((String) last.get("advice")).contains("login");
      assertThat(mmsc.submissions()).isEmpty();
    }
  }

  @Test
  void anUnreachablePortExitsThree() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CliRun run = CliRun.run("probe", "--url", "http://127.0.0.1:" + port + "/mm7", "--json");
    assertThat(run.status).isEqualTo(ProbeCommand.EXIT_UNREACHABLE);
    Map<String, Object> last = run.jsonLines().get(run.jsonLines().size() - 1);
    assertThat(last).containsEntry("verdict", "UNREACHABLE").containsEntry("requestsSent", 0L);
  }
}
