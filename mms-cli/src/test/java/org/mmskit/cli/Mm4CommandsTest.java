package org.mmskit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.SubmitResult;
import org.mmskit.mm4.Mm4Client;
import org.mmskit.mm4.Mm4Listener;
import org.mmskit.mm4.Mm4MessageType;
import org.mmskit.mm4.Mm4Response;
import org.mmskit.testkit.MmscReply;
import org.mmskit.testkit.MockMmsc;
import org.mmskit.testkit.Submission;
import org.mmskit.testkit.VaspAnswer;

/**
 * {@code mmskit send --via mm4} against the mock MMSC's SMTP port, and {@code mmskit listen --mm4}
 * fed by the mock and by a peer's {@link Mm4Client}, its answers going through a relay.
 */
class Mm4CommandsTest {
  private MockMmsc mmsc;
  @TempDir Path dir;

  @BeforeEach
  void start() {
    mmsc = MockMmsc.builder().account("peer", "s3cret pass").vaspCredentials("peer", "pw").start();
  }

  @AfterEach
  void stop() {
    mmsc.close();
  }

  private String[] send(String... extra) throws Exception {
    Path pw = dir.resolve("pw");
    Files.writeString(pw, "s3cret pass\n", StandardCharsets.UTF_8);
    String[] base = {
      "send",
      "--via",
      "mm4",
      "--smtp-host",
      "127.0.0.1",
      "--smtp-port",
      Integer.toString(mmsc.mm4Port()),
      "--smtp-user",
      "peer",
      "--password-file",
      pw.toString(),
      "--originator-system",
      "mms@mms.us.example",
      "--recipient-domain",
      "mms.peer.example",
      "--from",
      "+15550001111",
      "--to",
      "+15551234567",
      "--subject",
      "Hi over MM4",
      "--text",
      "Hello"
    };
    String[] all = Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void sendPrintsTheIdsAndTheSmtpReply() throws Exception {
    byte[] png = new byte[3000];
    new Random(11).nextBytes(png);
    Path image = dir.resolve("pic.bin");
    Files.write(image, png);

    CapturedRun.Result r =
        CapturedRun.run(
            send(
                "--file",
                image + ";type=image/png",
                "--mm4-version",
                "6.10.0",
                "--ack-request",
                "--vasp-id",
                "vasp-7"));

    assertThat(r.status()).as(r.out() + r.err()).isZero();
    Map<String, Object> line = r.line();
    assertThat(line).containsOnlyKeys("messageId", "transactionId", "smtpReply");
    assertThat(line.get("smtpReply")).asString().startsWith("250 ");
    Submission s = mmsc.takeSubmission();
    assertThat(s.messageId()).isEqualTo(line.get("messageId")).endsWith("@mms.us.example");
    assertThat(s.transactionId()).contains((String) line.get("transactionId"));
    assertThat(s.account()).contains("peer");
    assertThat(s.header("X-Mms-3GPP-MMS-Version")).contains("6.10.0");
    assertThat(s.header("X-Mms-Ack-Request")).contains("Yes");
    assertThat(s.header("X-Mms-VASP-ID")).contains("vasp-7");
    assertThat(s.header("X-Mms-Originator-System")).contains("mms@mms.us.example");
    MmsMessage m = s.message().orElseThrow();
    assertThat(m.subject()).contains("Hi over MM4");
    assertThat(m.from()).contains(Address.phone("+15550001111"));
    assertThat(m.to()).containsExactly(Address.phone("+15551234567"));
    assertThat(m.parts()).hasSize(2);
    assertThat(m.parts().get(0).text()).isEqualTo("Hello");
    assertThat(m.parts().get(1).contentType().mediaType()).isEqualTo("image/png");
    assertThat(m.parts().get(1).bytes()).isEqualTo(png);
  }

  @Test
  void withoutAckRequestTheMailSaysNo() throws Exception {
    assertThat(CapturedRun.run(send()).status()).isZero();
    Submission s = mmsc.takeSubmission();
    assertThat(s.header("X-Mms-Ack-Request")).contains("No");
    assertThat(s.header("X-Mms-3GPP-MMS-Version")).contains("5.5.0");
  }

  @Test
  void refusalsPrintTheSmtpReply() throws Exception {
    mmsc.enqueue(MmscReply.status(3001, "Operation restricted"), MmscReply.status(2002, "Bad"));

    CapturedRun.Result later = CapturedRun.run(send());
    assertThat(later.status()).isEqualTo(SendCommand.EXIT_REFUSED);
    assertThat(later.line())
        .containsEntry("smtpCode", 451L)
        .containsEntry("retryable", true)
        .containsEntry("kind", "TRANSPORT");
    assertThat(later.line().get("smtpReply")).asString().startsWith("451 4.3.0 3001");
    assertThat(later.line().get("error")).asString().contains("SMTP 451");

    CapturedRun.Result never = CapturedRun.run(send());
    assertThat(never.status()).isEqualTo(SendCommand.EXIT_REFUSED);
    assertThat(never.line()).containsEntry("smtpCode", 554L).containsEntry("retryable", false);
    assertThat(never.out() + never.err()).doesNotContain("\tat org.");
  }

  @Test
  void aWrongPasswordIsARefusal() throws Exception {
    Path wrong = dir.resolve("wrong");
    Files.writeString(wrong, "guess\n");
    String[] args = send();
    args[Arrays.asList(args).indexOf("--password-file") + 1] = wrong.toString();
    CapturedRun.Result r = CapturedRun.run(args);
    assertThat(r.status()).isEqualTo(SendCommand.EXIT_REFUSED);
    assertThat(r.line()).containsEntry("smtpCode", 535L);
    assertThat(mmsc.submissions()).isEmpty();
  }

  @Test
  void anUnreachableServerIsATransportError() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String[] args = send("--timeout", "5s");
    args[Arrays.asList(args).indexOf("--smtp-port") + 1] = Integer.toString(port);
    CapturedRun.Result r = CapturedRun.run(args);
    assertThat(r.status()).isEqualTo(SendCommand.EXIT_TRANSPORT);
    assertThat(r.line()).containsEntry("requestSent", false).containsKey("error");
  }

  @Test
  void optionsOfTheOtherTransportsAreUsageErrors() throws Exception {
    CapturedRun.Result url = CapturedRun.run(send("--url", "http://127.0.0.1:1/mm7"));
    assertThat(url.status()).isEqualTo(SendCommand.EXIT_USAGE);
    assertThat(url.line().get("error")).asString().contains("--smtp-host");

    List<String> noHost = new java.util.ArrayList<>(Arrays.asList(send()));
    int i = noHost.indexOf("--smtp-host");
    noHost.remove(i + 1);
    noHost.remove(i);
    CapturedRun.Result missing = CapturedRun.run(noHost.toArray(String[]::new));
    assertThat(missing.status()).isEqualTo(SendCommand.EXIT_USAGE);
    assertThat(missing.line().get("error")).asString().contains("needs --smtp-host");

    CapturedRun.Result mm7 =
        CapturedRun.run(
            "send",
            "--url",
            "http://127.0.0.1:1/mm7",
            "--smtp-host",
            "127.0.0.1",
            "--from",
            "1",
            "--to",
            "2",
            "--text",
            "x");
    assertThat(mm7.status()).isEqualTo(SendCommand.EXIT_USAGE);
    assertThat(mm7.line().get("error")).asString().contains("--via mm4");
    assertThat(mmsc.submissions()).isEmpty();
  }

  @Test
  void listenPrintsMailsAndAnswersThroughTheRelay() throws Exception {
    List<Mm4Response> atPeer = new CopyOnWriteArrayList<>();
    Path save = dir.resolve("parts");
    try (Mm4Listener relay = Mm4Listener.builder().onResponse(atPeer::add).start();
        CapturedRun capture = new CapturedRun()) {
      CompletableFuture<Integer> run =
          CompletableFuture.supplyAsync(
              () ->
                  Main.run(
                      "listen",
                      "--mm4",
                      "--port",
                      "0",
                      "--count",
                      "3",
                      "--smtp-user",
                      "peer:pw",
                      "--allow-ip",
                      "127.0.0.0/8",
                      "--relay-host",
                      "127.0.0.1",
                      "--relay-port",
                      Integer.toString(relay.port()),
                      "--originator-system",
                      "mms@vasp.example",
                      "--save-dir",
                      save.toString()));
      URI uri = EaifCommandsTest.awaitListening(capture);
      assertThat(uri.getScheme()).isEqualTo("smtp");

      // a peer MMSC forwards a message and asks for the answer
      SubmitResult forwarded;
      try (Mm4Client peer =
          Mm4Client.builder()
              .smtpHost("127.0.0.1")
              .smtpPort(uri.getPort())
              .credentials("peer", "pw")
              .originatorSystem("mms@mms.peer.example")
              .mmscDomain("mms.peer.example")
              .recipientDomain("vasp.example")
              .ackRequest(true)
              .build()) {
        forwarded =
            peer.submit(
                MmsMessage.builder()
                    .from("+15550002222")
                    .to("12345")
                    .subject("To the VASP")
                    .addPart(MmsPart.text("over MM4"))
                    .build());
      }

      // the mock MMSC reports on a submission and answers one with its .RES
      mmsc.mm4AnswersTo(uri);
      SubmitResult submitted;
      try (Mm4Client app =
          Mm4Client.builder()
              .smtpHost("127.0.0.1")
              .smtpPort(mmsc.mm4Port())
              .credentials("peer", "s3cret pass")
              .originatorSystem("mms@vasp.example")
              .mmscDomain("vasp.example")
              .recipientDomain("mmsc.example")
              .build()) {
        submitted =
            app.submit(
                MmsMessage.builder()
                    .from("12345")
                    .to("+15550002222")
                    .addPart(MmsPart.text("hi"))
                    .build());
      }
      Submission s = mmsc.takeSubmission();
      VaspAnswer dr =
          mmsc.sendDeliveryReport(uri, s, Address.phone("+15550002222"), DeliveryStatus.RETRIEVED);
      assertThat(dr.isSuccess()).as(dr.describe()).isTrue();

      assertThat(run.get(20, TimeUnit.SECONDS)).isZero();
      List<Map<String, Object>> lines = CapturedRun.jsonLines(capture.out());
      assertThat(lines).hasSize(3);
      Map<String, Object> deliver =
          lines.stream().filter(l -> "deliver".equals(l.get("kind"))).findFirst().orElseThrow();
      assertThat(deliver)
          .containsEntry("transport", "MM4")
          .containsEntry("transactionId", forwarded.transactionId().orElseThrow())
          .containsEntry("messageId", forwarded.messageId())
          .containsEntry("subject", "To the VASP")
          .containsEntry("account", "peer")
          .containsEntry("to", List.of("12345"));
      assertThat(deliver.get("from")).asString().contains("15550002222");
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> parts = (List<Map<String, Object>>) deliver.get("parts");
      assertThat(Files.readString(Path.of((String) parts.get(0).get("file"))))
          .isEqualTo("over MM4");

      Map<String, Object> report =
          lines.stream()
              .filter(l -> "deliveryReport".equals(l.get("kind")))
              .findFirst()
              .orElseThrow();
      assertThat(report)
          .containsEntry("transport", "MM4")
          .containsEntry("messageId", submitted.messageId())
          .containsEntry("status", "Retrieved");
      Map<String, Object> res =
          lines.stream()
              .filter(l -> "forwardResponse".equals(l.get("kind")))
              .findFirst()
              .orElseThrow();
      assertThat(res)
          .containsEntry("transport", "MM4")
          .containsEntry("transactionId", submitted.transactionId().orElseThrow())
          .containsEntry("messageId", submitted.messageId())
          .containsEntry("status", "Ok");

      // the listener answered the peer's forward through the relay
      await().atMost(Duration.ofSeconds(15)).until(() -> !atPeer.isEmpty());
      assertThat(atPeer.get(0).type()).isEqualTo(Mm4MessageType.FORWARD_RES);
      assertThat(atPeer.get(0).transactionId()).isEqualTo(forwarded.transactionId().get());
      assertThat(atPeer.get(0).context().detail(org.mmskit.mm4.Mm4InboundDetail.class))
          .hasValueSatisfying(
              d -> assertThat(d.envelopeRecipients()).containsExactly("mms@mms.peer.example"));
    }
  }

  @Test
  void listenRefusesMm4OptionsWithoutMm4() {
    CapturedRun.Result r = CapturedRun.run("listen", "--mm7", "--relay-host", "127.0.0.1");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--mm4");
  }
}
