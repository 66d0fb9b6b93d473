package org.mmskit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7Body;
import org.mmskit.mm7.internal.Mm7Body.DeliverReq;
import org.mmskit.mm7.internal.Mm7Body.DeliveryReportReq;
import org.mmskit.mm7.internal.Mm7Body.ReadReplyReq;
import org.mmskit.mm7.internal.Mm7Codec;
import org.mmskit.mm7.internal.Mm7Envelope;
import org.mmskit.mm7.internal.Mm7Limits;
import org.mmskit.mm7.internal.Mm7WriteOptions;

/**
 * {@code mmskit listen --mm7} in-process: a test thread plays the MMSC and posts a DeliverReq, a
 * DeliveryReportReq and a ReadReplyReq; the command prints one JSON line each and saves parts.
 */
class ListenCommandTest {
  private static final Instant WHEN = Instant.parse("2026-11-25T04:00:00Z");
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir Path dir;

  private HttpResponse<byte[]> post(URI uri, String tx, Mm7Version v, Mm7Body body, String auth)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String ct = Mm7Codec.write(Mm7Envelope.of(tx, v, body), Mm7WriteOptions.standard(), out);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", ct)
            .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()));
    if (auth != null) {
      b.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void printsOneLinePerRequestAndSavesParts() throws Exception {
    byte[] image = new byte[2048];
    new Random(3).nextBytes(image);
    Path save = dir.resolve("parts");
    MmsMessage mo =
        MmsMessage.builder()
            .from(Address.phone("+15551234567"))
            .to(Address.shortCode("12345"))
            .subject("Photo")
            .date(WHEN)
            .addPart(MmsPart.text("look at this"))
            .addPart(
                MmsPart.builder()
                    .contentType("image/jpeg")
                    .contentLocation("../../evil name.jpg")
                    .body(image)
                    .build())
            .build();

    try (CapturedRun capture = new CapturedRun()) {
      CompletableFuture<Integer> run =
          CompletableFuture.supplyAsync(
              () ->
                  Main.run(
                      "listen",
                      "--mm7",
                      "--port",
                      "0",
                      "--count",
                      "3",
                      "--account",
                      "mmsc:pw:with:colons",
                      "--allow-ip",
                      "127.0.0.0/8",
                      "--save-dir",
                      save.toString()));
      URI uri = awaitListening(capture);

      HttpResponse<byte[]> noAuth = post(uri, "tx-0", Mm7Version.DEFAULT, DeliverReq.of(mo), null);
      assertThat(noAuth.statusCode()).isEqualTo(401);

      String auth = "mmsc:pw:with:colons";
      assertThat(
              post(
                      uri,
                      "tx-1",
                      Mm7Version.REL_6_MM7_1_4,
                      new DeliverReq(
                          Optional.of("relay-1"),
                          Optional.empty(),
                          Optional.empty(),
                          Optional.empty(),
                          Optional.empty(),
                          mo),
                      auth)
                  .statusCode())
          .isEqualTo(200);
      assertThat(
              post(
                      uri,
                      "tx-2",
                      Mm7Version.REL_5_MM7_1_2,
                      DeliveryReportReq.of(
                          "msg-9",
                          Address.phone("+15551234567"),
                          Address.shortCode("12345"),
                          WHEN,
                          "Expired"),
                      auth)
                  .statusCode())
          .isEqualTo(200);
      assertThat(
              post(
                      uri,
                      "tx-3",
                      Mm7Version.REL_6_MM7_1_0,
                      ReadReplyReq.of(
                          "msg-8",
                          Address.phone("+15551234567"),
                          Address.shortCode("12345"),
                          WHEN,
                          "Deleted"),
                      auth)
                  .statusCode())
          .isEqualTo(200);

      assertThat(run.get(20, TimeUnit.SECONDS)).isZero();
      List<Map<String, Object>> lines = CapturedRun.jsonLines(capture.out());
      assertThat(lines).hasSize(3);

      Map<String, Object> deliver = lines.get(0);
      assertThat(deliver)
          .containsEntry("kind", "deliver")
          .containsEntry("transactionId", "tx-1")
          .containsEntry("mm7Version", "6.8.0")
          .containsEntry("namespace", Mm7Version.REL_6_MM7_1_4.namespace())
          .containsEntry("relayServerId", "relay-1")
          .containsEntry("account", "mmsc")
          .containsEntry("subject", "Photo")
          .containsEntry("to", List.of("12345"));
      assertThat(deliver.get("from")).asString().contains("15551234567");
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> parts = (List<Map<String, Object>>) deliver.get("parts");
      assertThat(parts).hasSize(2);
      Map<String, Object> jpeg = parts.get(1);
      assertThat(jpeg)
          .containsEntry("contentType", "image/jpeg")
          .containsEntry("size", 2048L)
          .containsEntry("sha256", PartJson.sha256Hex(image));
      Path saved = Path.of((String) jpeg.get("file"));
      assertThat(saved.getParent()).isEqualTo(save);
      assertThat(saved.getFileName().toString()).doesNotContain("..").endsWith("evil_name.jpg");
      assertThat(Files.readAllBytes(saved)).isEqualTo(image);
      assertThat(Files.readString(Path.of((String) parts.get(0).get("file"))))
          .isEqualTo("look at this");

      assertThat(lines.get(1))
          .containsEntry("kind", "deliveryReport")
          .containsEntry("transactionId", "tx-2")
          .containsEntry("messageId", "msg-9")
          .containsEntry("status", "Expired")
          .containsEntry("mm7Version", "5.3.0")
          .containsEntry("namespace", Mm7Version.REL_5_MM7_1_2.namespace());
      assertThat(lines.get(2))
          .containsEntry("kind", "readReply")
          .containsEntry("transactionId", "tx-3")
          .containsEntry("messageId", "msg-8")
          .containsEntry("status", "Deleted");
    }
  }

  @Test
  void answersSuccessInTheRequestVersion() throws Exception {
    try (CapturedRun capture = new CapturedRun()) {
      CompletableFuture<Integer> run =
          CompletableFuture.supplyAsync(
              () -> Main.run("listen", "--mm7", "--port", "0", "--count", "1", "--path", "/in"));
      URI uri = awaitListening(capture);
      assertThat(uri.getPath()).isEqualTo("/in");
      HttpResponse<byte[]> r =
          post(
              uri,
              "tx-v",
              Mm7Version.REL_5_MM7_1_0,
              DeliveryReportReq.of(
                  "m",
                  Address.phone("+15551234567"),
                  Address.shortCode("12345"),
                  WHEN,
                  "Retrieved"),
              null);
      assertThat(r.statusCode()).isEqualTo(200);
      Mm7Envelope reply =
          Mm7Codec.read(
              r.headers().firstValue("Content-Type").orElse(""), r.body(), Mm7Limits.defaults());
      assertThat(reply.version().namespace()).isEqualTo(Mm7Version.REL_5_MM7_1_0.namespace());
      assertThat(((Mm7Body.DeliveryReportRsp) reply.body()).status().code()).isEqualTo(1000);
      assertThat(run.get(20, TimeUnit.SECONDS)).isZero();
    }
  }

  @Test
  void badAccountOptionIsAUsageError() {
    CapturedRun.Result r = CapturedRun.run("listen", "--mm7", "--account", "nocolon");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("NAME:PASSWORD");
  }

  @Test
  void badAllowIpIsAUsageError() {
    CapturedRun.Result r = CapturedRun.run("listen", "--mm7", "--allow-ip", "300.1.1.1/8");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("error");
  }

  @Test
  void mm7OrEaifIsRequired() {
    CapturedRun.Result r = CapturedRun.run("listen", "--port", "0");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--mm7");
  }

  @Test
  void fileNamesAreSanitised() {
    assertThat(ListenCommand.sanitise("../../etc/passwd")).isEqualTo("passwd");
    assertThat(ListenCommand.sanitise("..\\..\\x.jpg")).isEqualTo("x.jpg");
    assertThat(ListenCommand.sanitise("...hidden")).isEqualTo("hidden");
    assertThat(ListenCommand.sanitise("a b;c.png")).isEqualTo("a_b_c.png");
  }

  private static URI awaitListening(CapturedRun capture) {
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
