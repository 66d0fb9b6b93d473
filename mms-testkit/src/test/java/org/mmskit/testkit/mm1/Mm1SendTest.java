package org.mmskit.testkit.mm1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mmskit.core.Address;
import org.mmskit.core.HttpStatus;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.core.SubmitResult;
import org.mmskit.core.Transport;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.PduStatus;
import org.mmskit.mm1.ModemMmsClient;

/** Sending over a data link: m-send-req to the mock MMSC over real HTTP on loopback. */
class Mm1SendTest {
  private final MockMm1Mmsc mmsc = MockMm1Mmsc.start();

  @AfterEach
  void stop() {
    mmsc.close();
  }

  static MmsMessage message() {
    return MmsMessage.builder()
        .to(java.util.List.of(Address.parse("+4915550123")))
        .subject("Hello over MM1")
        .addPart(MmsPart.text("Hi from a modem", StandardCharsets.UTF_8))
        .build();
  }

  private ModemMmsClient client(URI mmsc, Duration responseTimeout) {
    return ModemMmsClient.builder()
        .mmscUrl(mmsc)
        .userAgent("MMSKit-Test/1.0")
        .wapProfile("http://example.com/uaprof.xml")
        .connectTimeout(Duration.ofSeconds(5))
        .responseTimeout(responseTimeout)
        .build();
  }

  @Test
  void anAcceptedSendGivesTheMmscsMessageId() throws Exception {
    try (ModemMmsClient c = client(mmsc.mmscUri(), Duration.ofSeconds(20))) {
      SubmitResult r = c.submit(message());
      MmsPdu req = mmsc.takeSendReq(Duration.ofSeconds(10));
      assertThat(req).isNotNull();
      assertThat(req.to()).containsExactly("+4915550123/TYPE=PLMN");
      assertThat(req.fromInsertAddress()).isTrue();
      assertThat(r.messageId()).startsWith("mock-mm1-sent-");
      assertThat(r.transactionId()).isEqualTo(req.transactionId());
      assertThat(c.transport()).isEqualTo(Transport.MM1);
    }
  }

  @Test
  void theSendGoesThroughTheWapProxyWithTheHandsetHeaders() throws Exception {
    // the MMSC's host name does not resolve: only the proxy can take the request
    URI behindProxy = URI.create("http://mmsc.operator.invalid/mms");
    try (ModemMmsClient c =
        ModemMmsClient.builder()
            .mmscUrl(behindProxy)
            .proxy(mmsc.proxyUri())
            .userAgent("MMSKit-Test/1.0")
            .wapProfile("http://example.com/uaprof.xml")
            .build()) {
      SubmitResult r = c.submit(message());
      assertThat(r.messageId()).startsWith("mock-mm1-sent-");
      assertThat(mmsc.takeSendReq(Duration.ofSeconds(10))).isNotNull();
      MockMm1Mmsc.Request seen = mmsc.requests().get(0);
      assertThat(seen.host()).contains("mmsc.operator.invalid");
      assertThat(seen.target()).isEqualTo("/mms");
      assertThat(seen.userAgent()).contains("MMSKit-Test/1.0");
      assertThat(seen.wapProfile()).contains("http://example.com/uaprof.xml");
      assertThat(seen.contentType()).contains("application/vnd.wap.mms-message");
    }
  }

  @Test
  void theLinkIsBroughtUpBeforeTheSendAndDownAfterIt(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path log = dir.resolve("link.log");
    try (ModemMmsClient c =
        ModemMmsClient.builder()
            .mmscUrl(mmsc.mmscUri())
            .linkUp(java.util.List.of("sh", "-c", "echo up >> " + log))
            .linkDown(java.util.List.of("sh", "-c", "echo down >> " + log))
            .build()) {
      c.submit(message());
      c.submit(message());
    }
    assertThat(java.nio.file.Files.readAllLines(log)).containsExactly("up", "down", "up", "down");
  }

  @Test
  void aLinkThatDoesNotComeUpMeansNothingWasSent() {
    try (ModemMmsClient c =
        ModemMmsClient.builder()
            .mmscUrl(mmsc.mmscUri())
            .linkUp(java.util.List.of("sh", "-c", "exit 3"))
            .build()) {
      assertThatThrownBy(() -> c.submit(message()))
          .isInstanceOfSatisfying(
              MmsTransportException.class, e -> assertThat(e.requestSent()).isFalse())
          .hasMessageContaining("exited with 3");
    }
  }

  @Test
  void aRefusingSendConfIsAStatusRefusal() {
    mmsc.refuseNext(PduStatus.PERMANENT_SERVICE_DENIED);
    try (ModemMmsClient c = client(mmsc.mmscUri(), Duration.ofSeconds(20))) {
      assertThatThrownBy(() -> c.submit(message()))
          .isInstanceOfSatisfying(
              MmscRejectedException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(MmscRejectedException.Kind.STATUS);
                assertThat(e.statusCode()).hasValue(0xE1);
                assertThat(e.isRetryable()).isFalse();
              });
    }
  }

  @Test
  void anHttpErrorIsATransportRefusalWithItsStatus() {
    mmsc.failNext(503);
    try (ModemMmsClient c = client(mmsc.mmscUri(), Duration.ofSeconds(20))) {
      assertThatThrownBy(() -> c.submit(message()))
          .isInstanceOfSatisfying(
              MmscRejectedException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(MmscRejectedException.Kind.TRANSPORT);
                assertThat(e.detail(HttpStatus.class)).map(HttpStatus::code).contains(503);
                assertThat(e.isRetryable()).isTrue();
              });
    }
  }

  @Test
  void anMmscThatDoesNotAnswerLeavesTheOutcomeUnknown() {
    mmsc.stallNext();
    try (ModemMmsClient c = client(mmsc.mmscUri(), Duration.ofMillis(800))) {
      assertThatThrownBy(() -> c.submit(message()))
          .isInstanceOfSatisfying(
              MmsTransportException.class, e -> assertThat(e.requestSent()).isTrue());
    }
  }

  @Test
  void anMmscThatCannotBeReachedCertainlyGotNothing() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (ModemMmsClient c =
        client(URI.create("http://127.0.0.1:" + port + "/mms"), Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> c.submit(message()))
          .isInstanceOfSatisfying(
              MmsTransportException.class, e -> assertThat(e.requestSent()).isFalse());
    }
  }

  @Test
  void cancelAndReplaceAreNotPartOfMm1() {
    try (ModemMmsClient c = client(mmsc.mmscUri(), Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> c.cancel("x"))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("not supported over MM1");
      assertThatThrownBy(() -> c.replace("x", message()))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("not supported over MM1");
    }
  }
}
