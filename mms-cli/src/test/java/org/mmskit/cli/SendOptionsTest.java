package org.mmskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.core.MmsMessage;

/** The {@code send} options users asked for, against a real loopback MMSC. */
class SendOptionsTest {
  private StubMmsc mmsc;
  @TempDir Path dir;

  @BeforeEach
  void start() {
    mmsc = new StubMmsc();
  }

  @AfterEach
  void stop() {
    mmsc.close();
  }

  private String[] args(String... extra) {
    String[] base = {
      "send", "--url", mmsc.uri().toString(), "--from", "12345", "--to", "+15551234567"
    };
    String[] all = Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  private static String basic(String userPassword) {
    return "Basic "
        + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theDumpMasksTheAuthorizationUnlessAskedToShowIt() throws Exception {
    Path masked = dir.resolve("masked.http");
    Path shown = dir.resolve("shown.http");
    Path pw = Files.writeString(dir.resolve("pw"), "from-file\n");
    assertThat(
            CapturedRun.run(
                    args(
                        "--text",
                        "x",
                        "--user",
                        "u1",
                        "--password-file",
                        pw.toString(),
                        "--dump-request",
                        masked.toString()))
                .status())
        .isZero();
    assertThat(mmsc.received.poll(5, TimeUnit.SECONDS).authorization())
        .contains(basic("u1:from-file"));
    assertThat(Files.readString(masked, StandardCharsets.ISO_8859_1))
        .contains("\r\nAuthorization: Basic ****\r\n")
        .doesNotContain(basic("u1:from-file"));

    CapturedRun.run(
        args(
            "--text",
            "x",
            "--user",
            "u1",
            "--password",
            "p1",
            "--show-secrets",
            "--dump-request",
            shown.toString()));
    assertThat(Files.readString(shown, StandardCharsets.ISO_8859_1))
        .contains("\r\nAuthorization: " + basic("u1:p1") + "\r\n");
  }

  @Test
  void aFileTypeCanBeGivenAndSmilGenerated() throws Exception {
    Path photo = Files.write(dir.resolve("photo.bin"), new byte[] {(byte) 0xFF, (byte) 0xD8, 7});
    CapturedRun.Result r =
        CapturedRun.run(args("--text", "look", "--file", photo + ";type=image/jpeg", "--smil"));
    assertThat(r.status()).as(r.out()).isZero();
    MmsMessage m = StubMmsc.submit(mmsc.received.poll(5, TimeUnit.SECONDS)).message();
    assertThat(m.parts())
        .extracting(p -> p.contentType().mediaType())
        .containsExactly("text/plain", "image/jpeg");
    assertThat(m.presentation()).isPresent();
    assertThat(m.presentation().get().contentType().mediaType()).isEqualTo("application/smil");
    assertThat(new String(m.presentation().get().bytes(), StandardCharsets.UTF_8))
        .contains("<text ")
        .contains("<img ");
  }

  @Test
  void theTimeoutIsHeldAndTheErrorSaysHowLongItWaited() throws Exception {
    // Accepts connections (the kernel does) but never answers.
    try (ServerSocket silent = new ServerSocket(0)) {
      long start = System.nanoTime();
      CapturedRun.Result r =
          CapturedRun.run(
              "send",
              "--url",
              "http://127.0.0.1:" + silent.getLocalPort() + "/mm7",
              "--from",
              "12345",
              "--to",
              "+15551234567",
              "--text",
              "x",
              "--timeout",
              "500ms");
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(r.status()).isEqualTo(SendCommand.EXIT_TRANSPORT);
      assertThat((String) r.line().get("error")).contains("500ms");
      assertThat(tookMs).isBetween(450L, 10_000L);
    }
  }

  @Test
  void aBadDurationSaysHowToWriteOne() {
    CapturedRun.Result r = CapturedRun.run(args("--text", "x", "--timeout", "soon"));
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("500ms, 10s, 2m").contains("see mmskit send --help");
    assertThat(r.err().lines().count()).isEqualTo(1);
  }

  @Test
  void thePasswordComesFromTheEnvironment() throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(classPath());
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args("--text", "x", "--user", "envuser")));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("MMSKIT_PASSWORD", "from-env");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(mmsc.received.poll(5, TimeUnit.SECONDS).authorization())
        .contains(basic("envuser:from-env"));
  }

  @Test
  void aMissingPasswordFileIsNamed() {
    CapturedRun.Result r =
        CapturedRun.run(
            args("--text", "x", "--user", "u", "--password-file", dir.resolve("none").toString()));
    assertThat(r.status()).isEqualTo(SendCommand.EXIT_USAGE);
    assertThat((String) r.line().get("error")).startsWith("no such file");
  }

  /** This test run's class path, for a child JVM. */
  static String classPath() {
    List<String> entries = new ArrayList<>();
    for (String prop : List.of("jdk.module.path", "java.class.path")) {
      String v = System.getProperty(prop);
      if (v != null && !v.isBlank()) {
        entries.add(v);
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
