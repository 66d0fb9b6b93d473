package org.mmskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.core.Address;
import org.mmskit.core.ContentType;
import org.mmskit.core.MmsMessage;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7Body.SubmitReq;

/** {@code mmskit send --via mm7} against a real loopback MMSC. */
class SendCommandTest {
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
      "send",
      "--url",
      mmsc.uri().toString(),
      "--from",
      "12345",
      "--to",
      "+15551234567",
      "--text",
      "Hello"
    };
    String[] all = Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void sendsTheMessageAndPrintsTheAnswer() throws Exception {
    byte[] png = new byte[3000];
    new Random(7).nextBytes(png);
    Path image = dir.resolve("pic.png");
    Files.write(image, png);
    Path dump = dir.resolve("request.http");

    CapturedRun.Result r =
        CapturedRun.run(
            args(
                "--to",
                "+15557654321",
                "--vasp-id",
                "vasp-9",
                "--vas-id",
                "svc-2",
                "--service-code",
                "SC1",
                "--user",
                "u1",
                "--password",
                "p1",
                "--subject",
                "Greetings",
                "--file",
                image.toString(),
                "--delivery-report",
                "--read-reply",
                "--dump-request",
                dump.toString()));

    assertThat(r.status()).as(r.err()).isZero();
    Map<String, Object> line = r.line();
    assertThat(line).containsEntry("messageId", "mid-0001").containsEntry("statusCode", 1000L);
    assertThat(line.get("transactionId")).isInstanceOf(String.class);

    StubMmsc.Received got = mmsc.received.poll(5, TimeUnit.SECONDS);
    assertThat(got.authorization())
        .contains(
            "Basic "
                + Base64.getEncoder().encodeToString("u1:p1".getBytes(StandardCharsets.UTF_8)));
    assertThat(got.envelope().transactionId()).contains((String) line.get("transactionId"));
    assertThat(got.envelope().version()).isEqualTo(Mm7Version.DEFAULT);
    SubmitReq submit = StubMmsc.submit(got);
    assertThat(submit.vaspId()).contains("vasp-9");
    assertThat(submit.vasId()).contains("svc-2");
    MmsMessage m = submit.message();
    assertThat(m.from()).contains(Address.shortCode("12345"));
    assertThat(m.to())
        .containsExactly(Address.phone("+15551234567"), Address.phone("+15557654321"));
    assertThat(m.subject()).contains("Greetings");
    assertThat(m.serviceCode()).contains("SC1");
    assertThat(m.deliveryReport()).isTrue();
    assertThat(m.readReport()).isTrue();
    assertThat(m.parts())
        .extracting(p -> p.contentType().mediaType())
        .containsExactly("text/plain", "image/png");
    assertThat(m.parts().get(1).bytes()).isEqualTo(png);

    byte[] dumped = Files.readAllBytes(dump);
    String head = new String(dumped, StandardCharsets.ISO_8859_1);
    assertThat(head).startsWith("POST /mm7 HTTP/1.1\r\n").contains("\r\nAuthorization: Basic ");
    int bodyAt = head.indexOf("\r\n\r\n") + 4;
    assertThat(Arrays.copyOfRange(dumped, bodyAt, dumped.length)).isEqualTo(got.body());
    // Same type and parameters; HttpClient re-serialises the header (quotes may differ).
    String dumpedType =
        head.lines()
            .filter(l -> l.startsWith("Content-Type: "))
            .findFirst()
            .orElseThrow()
            .substring(14);
    ContentType sent = ContentType.parse(got.contentType());
    assertThat(ContentType.parse(dumpedType).mediaType()).isEqualTo(sent.mediaType());
    assertThat(ContentType.parse(dumpedType).parameters()).isEqualTo(sent.parameters());
  }

  @Test
  void namespaceAndVersionAreThoseAsked() throws Exception {
    CapturedRun.Result r =
        CapturedRun.run(args("--namespace", "REL-5-MM7-1-2", "--mm7-version", "5.3.0"));
    assertThat(r.status()).as(r.out() + r.err()).isZero();
    StubMmsc.Received got = mmsc.received.poll(5, TimeUnit.SECONDS);
    assertThat(got.envelope().version().namespace())
        .isEqualTo(Mm7Version.REL_5_MM7_1_2.namespace());
    assertThat(got.envelope().version().mm7Version()).isEqualTo("5.3.0");
  }

  @Test
  void refusalPrintsTheStatusAndExitsNonZero() {
    mmsc.answer = StubMmsc.Answer.STATUS_2002;
    CapturedRun.Result r = CapturedRun.run(args());
    assertThat(r.status()).isEqualTo(SendCommand.EXIT_REFUSED);
    Map<String, Object> line = r.line();
    assertThat(line).containsEntry("statusCode", 2002L).containsEntry("kind", "STATUS");
    assertThat(line.get("error")).asString().contains("2002");
    assertThat(r.out() + r.err()).doesNotContain("\tat org.");
  }

  @Test
  void soapFaultPrintsFaultCodeAndHttpStatus() {
    mmsc.answer = StubMmsc.Answer.FAULT_4002;
    CapturedRun.Result r = CapturedRun.run(args());
    assertThat(r.status()).isEqualTo(SendCommand.EXIT_REFUSED);
    Map<String, Object> line = r.line();
    assertThat(line).containsEntry("statusCode", 4002L).containsEntry("httpStatus", 500L);
    assertThat(line.get("faultCode")).asString().contains("Client");
  }

  @Test
  void httpErrorPrintsTheHttpStatus() {
    mmsc.answer = StubMmsc.Answer.HTTP_503;
    CapturedRun.Result r = CapturedRun.run(args());
    assertThat(r.status()).isEqualTo(SendCommand.EXIT_REFUSED);
    assertThat(r.line()).containsEntry("httpStatus", 503L).containsEntry("kind", "TRANSPORT");
  }

  @Test
  void connectionRefusedIsATransportError() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CapturedRun.Result r =
        CapturedRun.run(
            "send",
            "--url",
            "http://127.0.0.1:" + port + "/mm7",
            "--from",
            "12345",
            "--to",
            "+15551234567",
            "--text",
            "x");
    assertThat(r.status()).isEqualTo(SendCommand.EXIT_TRANSPORT);
    assertThat(r.line()).containsEntry("requestSent", false).containsKey("error");
  }

  @Test
  void unreadableFileIsAUsageError() {
    CapturedRun.Result r = CapturedRun.run(args("--file", dir.resolve("missing.jpg").toString()));
    assertThat(r.status()).isEqualTo(SendCommand.EXIT_USAGE);
    assertThat(r.line().get("error")).asString().contains("missing.jpg");
    assertThat(mmsc.received).isEmpty();
  }

  @Test
  void badAddressIsAUsageError() {
    CapturedRun.Result r =
        CapturedRun.run(
            "send", "--url", mmsc.uri().toString(), "--from", "12345", "--to", "%%", "--text", "x");
    assertThat(r.status()).isEqualTo(SendCommand.EXIT_USAGE);
    assertThat(r.line()).containsKey("error");
  }

  @Test
  void mediaTypesFollowTheExtension() throws Exception {
    assertThat(SendCommand.mediaType(Path.of("a.JPG"))).isEqualTo("image/jpeg");
    assertThat(SendCommand.mediaType(Path.of("b.smil"))).isEqualTo("application/smil");
    assertThat(SendCommand.mediaType(Path.of("c.3gp"))).isEqualTo("video/3gpp");
  }
}
