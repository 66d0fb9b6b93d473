package org.mmskit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mmskit listen --eaif} and {@code mmskit send --via eaif} against each other, in-process
 * over loopback: what send submits, listen prints.
 */
class EaifCommandsTest {
  @TempDir Path dir;

  @Test
  void sendOverEaifIsPrintedByListen() throws Exception {
    byte[] gif = new byte[700];
    new Random(11).nextBytes(gif);
    Path image = dir.resolve("anim.gif");
    Files.write(image, gif);

    String listenOut;
    Map<String, Object> sent;
    int sendStatus;
    try (CapturedRun capture = new CapturedRun()) {
      CompletableFuture<Integer> listen =
          CompletableFuture.supplyAsync(
              () ->
                  Main.run(
                      "listen", "--eaif", "--port", "0", "--count", "1", "--account", "gw:pw"));
      URI uri = awaitListening(capture);
      assertThat(uri.getPath()).isEqualTo("/eaif");

      int before = capture.out().length();
      sendStatus =
          Main.run(
              "send",
              "--via",
              "eaif",
              "--url",
              uri.toString(),
              "--user",
              "gw",
              "--password",
              "pw",
              "--from",
              "+15551234567",
              "--to",
              "12345",
              "--subject",
              "over eaif",
              "--text",
              "hi",
              "--file",
              image.toString());
      assertThat(listen.get(20, TimeUnit.SECONDS)).isZero();
      String all = capture.out();
      // send prints its line after listen printed the request
      List<Map<String, Object>> lines = CapturedRun.jsonLines(all);
      listenOut = all.substring(before);
      sent = lines.stream().filter(l -> l.containsKey("statusCode")).findFirst().orElse(null);
    }
    assertThat(sendStatus).as(listenOut).isZero();
    assertThat(sent).isNotNull();
    Map<String, Object> got =
        CapturedRun.jsonLines(listenOut).stream()
            .filter(l -> "deliver".equals(l.get("kind")))
            .findFirst()
            .orElseThrow();
    assertThat(got)
        .containsEntry("transport", "EAIF")
        .containsEntry("account", "gw")
        .containsEntry("subject", "over eaif");
    assertThat(got.get("from")).asString().contains("15551234567");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> parts = (List<Map<String, Object>>) got.get("parts");
    assertThat(parts)
        .anySatisfy(
            p ->
                assertThat(p)
                    .containsEntry("contentType", "image/gif")
                    .containsEntry("sha256", PartJson.sha256Hex(gif)));
  }

  @Test
  void mm7OnlyOptionsAreRefusedOverEaif() {
    CapturedRun.Result r =
        CapturedRun.run(
            "send",
            "--via",
            "eaif",
            "--url",
            "http://127.0.0.1:9/eaif",
            "--vasp-id",
            "x",
            "--from",
            "12345",
            "--to",
            "+15551234567",
            "--text",
            "x");
    assertThat(r.status()).isEqualTo(SendCommand.EXIT_USAGE);
    assertThat(r.line().get("error")).asString().contains("MM7 options");
  }

  @Test
  void dumpRequestIsMm7Only() {
    CapturedRun.Result r =
        CapturedRun.run(
            "send",
            "--via",
            "eaif",
            "--url",
            "http://127.0.0.1:9/eaif",
            "--dump-request",
            dir.resolve("d").toString(),
            "--from",
            "12345",
            "--to",
            "+15551234567",
            "--text",
            "x");
    assertThat(r.status()).isEqualTo(SendCommand.EXIT_USAGE);
    assertThat(r.line().get("error")).asString().contains("--via mm7");
  }

  static URI awaitListening(CapturedRun capture) {
    await().atMost(Duration.ofSeconds(15)).until(() -> capture.err().contains("\"listening\""));
    for (String line : capture.err().split("\n")) {
      if (line.contains("\"listening\"")) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) Json.parse(line.trim());
        return URI.create((String) m.get("listening"));
      }
    }
    throw new AssertionError("no listening line");
  }
}
