package org.mmskit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mmskit simulate} does from the command line what {@code MockMmsc} does: credentials for
 * the user's listener, scripted answers, and messages, reports and read replies sent to the
 * listener; refusals are printed and logged, and no password is printed.
 */
class SimulatorFeaturesTest {

  @TempDir Path dir;

  @Test
  void sendsAMessageAReportAndAReadReplyToAListenerWithAnAccount() throws Exception {
    Path photo = Files.write(dir.resolve("photo.bin"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1});
    for (String via : List.of("mm7", "eaif")) {
      try (CapturedRun capture = new CapturedRun()) {
        Background listen =
            Background.start("listen", "--" + via, "--account", "app:s3cret", "--count", "3");
        URI uri = EaifCommandsTest.awaitListening(capture);

        int deliver =
            Main.run(
                "simulate",
                "deliver",
                "--listener",
                uri.toString(),
                "--via",
                via,
                "--vasp-credentials",
                "app:s3cret",
                "--from",
                "+15551234567",
                "--to",
                "12345",
                "--text",
                "héllo",
                "--file",
                photo + ";type=image/jpeg");
        int report =
            Main.run(
                "simulate",
                "report",
                "--listener",
                uri.toString().replace("://", "://app:s3cret@"),
                "--via",
                via,
                "--message-id",
                "m-1",
                "--recipient",
                "+15551234567",
                "--sender",
                "12345",
                "--status",
                "Rejected");
        int read =
            Main.run(
                "simulate",
                "read-reply",
                "--listener",
                uri.toString(),
                "--via",
                via,
                "--vasp-credentials",
                "app:s3cret",
                "--message-id",
                "m-1",
                "--reader",
                "+15551234567",
                "--sender",
                "12345");
        assertThat(List.of(deliver, report, read)).as(capture.out()).containsOnly(0);
        assertThat(listen.stop()).isZero();

        List<Map<String, Object>> lines = CapturedRun.jsonLines(capture.out());
        Map<String, Object> delivered = kind(lines, "deliver");
        List<?> parts = (List<?>) delivered.get("parts");
        assertThat(parts)
            .anySatisfy(p -> assertThat(CapturedRun.map(p)).containsEntry("text", "héllo"))
            .anySatisfy(
                p -> assertThat(CapturedRun.map(p)).containsEntry("contentType", "image/jpeg"));
        assertThat(kind(lines, "deliveryReport")).containsEntry("status", "Rejected");
        assertThat(kind(lines, "readReply")).containsEntry("status", "Read");
        assertThat(lines)
            .filteredOn(l -> "vaspAnswer".equals(l.get("kind")))
            .hasSize(3)
            .allSatisfy(l -> assertThat(l).containsEntry("success", true));
        assertThat(capture.out() + capture.err()).doesNotContain("s3cret");
      }
    }
  }

  @Test
  void aRefusalIsPrintedAsJsonAndLoggedAtWarn() throws Exception {
    try (CapturedRun capture = new CapturedRun()) {
      Background listen = Background.start("listen", "--eaif", "--account", "app:s3cret");
      URI uri = EaifCommandsTest.awaitListening(capture);
      int status =
          Main.run(
              "simulate",
              "report",
              "--listener",
              uri.toString().replace("://", "://app:n0tThis@"),
              "--via",
              "eaif",
              "--message-id",
              "m-9",
              "--recipient",
              "+15551234567");
      listen.stop();
      assertThat(status).isEqualTo(SimulateSendCommands.EXIT_REFUSED);
      Map<String, Object> answer = kind(CapturedRun.jsonLines(capture.out()), "vaspAnswer");
      assertThat(answer)
          .containsEntry("success", false)
          .containsEntry("httpStatus", 401L)
          .containsEntry("messageId", "m-9");
      assertThat((String) answer.get("refused")).contains("refused m-delivery-ind");
      assertThat(capture.err())
          .containsPattern(
              "WARN org.mmskit.testkit.MockMmsc - the listener refused m-delivery-ind");
      assertThat(capture.out() + capture.err()).doesNotContain("n0tThis");
    }
  }

  @Test
  void reportsToAUrlWithCredentialsAreSentAndTheUrlIsPrintedMasked() throws Exception {
    try (CapturedRun capture = new CapturedRun()) {
      Background listen =
          Background.start("listen", "--mm7", "--account", "app:s3cret", "--count", "1");
      URI listener = EaifCommandsTest.awaitListening(capture);
      Background simulate =
          Background.start(
              "simulate",
              "--report-delay-ms",
              "0",
              "--deliver-reports-to",
              listener.toString().replace("://", "://app:s3cret@"));
      await().atMost(Duration.ofSeconds(15)).until(() -> capture.err().contains("\"mm7\""));
      Map<String, Object> ready = RunsUntilInterruptedTest.readyLine(capture);
      assertThat((String) ready.get("deliverReportsTo")).contains("app:****@");
      int sent =
          Main.run(
              "send",
              "--url",
              (String) ready.get("mm7"),
              "--from",
              "12345",
              "--to",
              "+15550001111",
              "--text",
              "hi",
              "--delivery-report");
      assertThat(sent).isZero();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> capture.out().contains("\"kind\":\"deliveryReport\""));
      await().atMost(Duration.ofSeconds(10)).until(() -> capture.out().contains("vaspAnswer"));
      simulate.stop();
      listen.stop();
      assertThat(kind(CapturedRun.jsonLines(capture.out()), "vaspAnswer"))
          .containsEntry("success", true);
      assertThat(capture.out() + capture.err()).doesNotContain("s3cret");
    }
  }

  @Test
  void scriptedRepliesAnswerTheNextSubmitsInOrder() throws Exception {
    try (CapturedRun capture = new CapturedRun()) {
      Background simulate =
          Background.start(
              "simulate",
              "--reply",
              "4006",
              "--reply",
              "fault:3001",
              "--reply",
              "http:503",
              "--reply",
              "drop");
      await().atMost(Duration.ofSeconds(15)).until(() -> capture.err().contains("\"mm7\""));
      String url = (String) RunsUntilInterruptedTest.readyLine(capture).get("mm7");
      String[] send = {"send", "--url", url, "--from", "1", "--to", "+15550001111", "--text", "x"};
      assertThat(Main.run(send)).isEqualTo(SendCommand.EXIT_REFUSED);
      assertThat(Main.run(send)).isEqualTo(SendCommand.EXIT_REFUSED);
      assertThat(Main.run(send)).isEqualTo(SendCommand.EXIT_REFUSED);
      assertThat(Main.run(send)).isEqualTo(SendCommand.EXIT_TRANSPORT);
      assertThat(Main.run(send)).isZero();
      simulate.stop();
      List<String> errors =
          CapturedRun.jsonLines(capture.out()).stream()
              .filter(l -> l.containsKey("error"))
              .map(l -> (String) l.get("error"))
              .toList();
      assertThat(errors).hasSize(4);
      assertThat(errors.get(0)).isEqualTo("refused by the MMSC: status 4006 Service unavailable");
      assertThat(errors.get(1))
          .startsWith("refused by the MMSC: SOAP fault")
          .contains("status 3001")
          .contains("(HTTP 500)")
          .doesNotContain("<");
      assertThat(errors.get(2)).startsWith("refused by the MMSC: HTTP 503");
      assertThat(String.join("\n", errors)).doesNotContainPattern("[a-z]\\.[A-Za-z]+Exception");
    }
  }

  @Test
  void aBadReplyNamesTheValidForms() {
    CapturedRun.Result r = CapturedRun.run("simulate", "--reply", "sometimes");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--reply sometimes").contains("http:STATUS").contains("drop");
  }

  private static Map<String, Object> kind(List<Map<String, Object>> lines, String kind) {
    return lines.stream()
        .filter(l -> kind.equals(l.get("kind")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " line in " + lines));
  }
}
