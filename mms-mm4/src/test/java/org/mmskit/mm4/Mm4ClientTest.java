package org.mmskit.mm4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.Address;
import org.mmskit.core.ContentClass;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MessageClass;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.core.Priority;
import org.mmskit.core.SenderVisibility;
import org.mmskit.core.SubmitResult;
import org.mmskit.core.TimeSpec;

class Mm4ClientTest {
  private GreenMail greenMail;

  @BeforeEach
  void start() {
    greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    greenMail.start();
  }

  @AfterEach
  void stop() {
    greenMail.stop();
  }

  private Mm4Client.Builder client(int port) {
    return Mm4Client.builder()
        .smtpHost("127.0.0.1")
        .smtpPort(port)
        .originatorSystem("mms@mms.us.example")
        .mmscDomain("mms.us.example")
        .recipientDomain("mms.peer.example")
        .version("6.10.0")
        .vaspId("vasp-1")
        .vasId("vas-2")
        .connectTimeout(Duration.ofSeconds(5))
        .responseTimeout(Duration.ofSeconds(10));
  }

  static MmsMessage fullMessage() {
    return MmsMessage.builder()
        .from("+4915550001")
        .to("+4915550002", "12345")
        .cc(Address.email("carol@example.org"))
        .bcc(Address.phone("+4915550003"))
        .subject("Grüße")
        .date(Instant.parse("2026-12-06T18:00:00Z"))
        .messageClass(MessageClass.ADVERTISEMENT)
        .priority(Priority.HIGH)
        .expiry(TimeSpec.after(Duration.ofSeconds(600)))
        .deliveryReport(true)
        .readReport(true)
        .senderVisibility(SenderVisibility.HIDE)
        .serviceCode("svc-9")
        .chargedPartyId("cp-1")
        .applicId("app.a")
        .replyApplicId("app.b")
        .auxApplicInfo("aux")
        .contentClass(ContentClass.IMAGE_BASIC)
        .adaptationsAllowed(false)
        .drmContent(true)
        .addExtraHeader("X-Mms-Forward-Counter", "1")
        .addPart(MmsPart.text("Hello = world, ünïcödé"))
        .addPart(
            MmsPart.builder()
                .contentType("image/png")
                .contentId("img")
                .contentLocation("pic.png")
                .body(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff})
                .build())
        .generateSmil(true)
        .build();
  }

  @Test
  void aTransactionIdTheMessageNamesIsTheMailsTransactionId() throws Exception {
    SubmitResult result;
    try (Mm4Client client = client(greenMail.getSmtp().getPort()).build()) {
      result = client.submit(fullMessage().toBuilder().transactionId("gw-7f3a").build());
    }
    assertThat(result.transactionId()).contains("gw-7f3a");
    assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
    assertThat(greenMail.getReceivedMessages()[0].getHeader("X-Mms-Transaction-ID", null))
        .isEqualTo("\"gw-7f3a\"");
  }

  @Test
  void writesTheForwardRequestAsPeersExpectIt() throws Exception {
    SubmitResult result;
    try (Mm4Client client = client(greenMail.getSmtp().getPort()).build()) {
      result = client.submit(fullMessage());
    }
    assertThat(result.statusCode()).isEqualTo(250);
    assertThat(result.messageId()).endsWith("@mms.us.example");
    assertThat(result.transactionId()).isPresent();
    assertThat(greenMail.waitForIncomingEmail(5000, 4)).isTrue();
    MimeMessage m = greenMail.getReceivedMessages()[0];
    String raw = GreenMailUtil.getWholeMessage(m);
    assertThat(m.getHeader("X-Mms-3GPP-MMS-Version", null)).isEqualTo("6.10.0");
    assertThat(m.getHeader("X-Mms-Message-Type", null)).isEqualTo("MM4_forward.REQ");
    assertThat(m.getHeader("X-Mms-Transaction-ID", null))
        .isEqualTo("\"" + result.transactionId().get() + "\"");
    assertThat(m.getHeader("X-Mms-Message-ID", null)).isEqualTo("\"" + result.messageId() + "\"");
    assertThat(m.getHeader("Message-ID", null)).isEqualTo("<" + result.messageId() + ">");
    assertThat(m.getHeader("X-Mms-Originator-System", null)).isEqualTo("mms@mms.us.example");
    assertThat(m.getHeader("Sender", null)).isEqualTo("+4915550001/TYPE=PLMN@mms.us.example");
    assertThat(m.getHeader("From", null)).isEqualTo("+4915550001/TYPE=PLMN");
    assertThat(m.getHeader("To", null)).isEqualTo("+4915550002/TYPE=PLMN, 12345/TYPE=PLMN");
    assertThat(m.getHeader("Cc", null)).isEqualTo("carol@example.org");
    assertThat(m.getHeader("Bcc")).isNull();
    assertThat(m.getHeader("Date", null)).isEqualTo("Sun, 6 Dec 2026 18:00:00 +0000 (UTC)");
    assertThat(m.getHeader("X-Mms-Ack-Request", null)).isEqualTo("Yes");
    assertThat(m.getSubject()).isEqualTo("Grüße");
    assertThat(m.getHeader("Subject", null)).startsWith("=?utf-8?");
    assertThat(m.getHeader("X-Mms-Message-Class", null)).isEqualTo("Advertisement");
    assertThat(m.getHeader("X-Mms-Priority", null)).isEqualTo("High");
    assertThat(m.getHeader("X-Mms-Expiry", null)).isEqualTo("600");
    assertThat(m.getHeader("X-Mms-Delivery-Report", null)).isEqualTo("Yes");
    assertThat(m.getHeader("X-Mms-Read-Reply", null)).isEqualTo("Yes");
    assertThat(m.getHeader("X-Mms-Sender-Visibility", null)).isEqualTo("Hide");
    assertThat(m.getHeader("X-Mms-VASP-ID", null)).isEqualTo("vasp-1");
    assertThat(m.getHeader("X-Mms-VAS-ID", null)).isEqualTo("vas-2");
    assertThat(m.getHeader("X-Mms-Service-Code", null)).isEqualTo("svc-9");
    assertThat(m.getHeader("X-Mms-Charged-Party-ID", null)).isEqualTo("cp-1");
    assertThat(m.getHeader("X-Mms-Applic-ID", null)).isEqualTo("app.a");
    assertThat(m.getHeader("X-Mms-Reply-Applic-ID", null)).isEqualTo("app.b");
    assertThat(m.getHeader("X-Mms-Aux-Applic-Info", null)).isEqualTo("aux");
    assertThat(m.getHeader("X-Mms-Content-Class", null)).isEqualTo("image-basic");
    assertThat(m.getHeader("X-Mms-Adaptation-Allowed", null)).isEqualTo("No");
    assertThat(m.getHeader("X-Mms-Drm-Content", null)).isEqualTo("Yes");
    assertThat(m.getHeader("X-Mms-Forward-Counter", null)).isEqualTo("1");
    assertThat(m.getContentType())
        .startsWith("multipart/related")
        .contains("type=\"application/smil\"")
        .contains("start=\"<");
    MimeMultipart body = (MimeMultipart) m.getContent();
    assertThat(body.getCount()).isEqualTo(3);
    assertThat(body.getBodyPart(0).getContentType()).startsWith("application/smil");
    assertThat(raw).contains("Content-Transfer-Encoding: quoted-printable");
    assertThat(raw).contains("Content-Transfer-Encoding: base64");
    assertThat(body.getBodyPart(1).getContent()).isEqualTo("Hello = world, ünïcödé");
    assertThat(body.getBodyPart(2).getInputStream().readAllBytes())
        .containsExactly((byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff);
    // envelope: every recipient but none display-only, with the peer's domain
    List<String> rcpts =
        List.of(greenMail.getReceivedMessages()).stream()
            .map(
                x -> {
                  try {
                    return x.getHeader("Received", null);
                  } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                  }
                })
            .toList();
    assertThat(rcpts).hasSize(4);
    assertThat(m.getHeader("Return-Path", null))
        .isEqualTo("<+4915550001/TYPE=PLMN@mms.us.example>");
  }

  @Test
  void everyFieldSurvivesTheTripToOurListener() throws Exception {
    List<IncomingMessage> got = new CopyOnWriteArrayList<>();
    try (Mm4Listener listener =
            Mm4Listener.builder()
                .onMessage(
                    m -> {
                      got.add(m);
                      return Acknowledgement.ok();
                    })
                .start();
        Mm4Client client = client(listener.port()).domainInHeaders(true).build()) {
      MmsMessage sent = fullMessage();
      SubmitResult r = client.submit(sent);
      IncomingMessage in = got.get(0);
      MmsMessage back = in.message();
      assertThat(back.from()).isEqualTo(sent.from());
      // a short code travels as 12345/TYPE=PLMN, so it comes back as a number of that form
      assertThat(back.to())
          .extracting(Address::toPduString)
          .containsExactly("+4915550002/TYPE=PLMN", "12345/TYPE=PLMN");
      assertThat(back.cc()).isEqualTo(sent.cc());
      assertThat(back.subject()).isEqualTo(sent.subject());
      assertThat(back.date()).isEqualTo(sent.date());
      assertThat(back.messageId()).contains(r.messageId());
      assertThat(back.messageClass()).isEqualTo(sent.messageClass());
      assertThat(back.priority()).isEqualTo(sent.priority());
      assertThat(back.expiry()).isEqualTo(sent.expiry());
      assertThat(back.deliveryReport()).isTrue();
      assertThat(back.readReport()).isTrue();
      assertThat(back.senderVisibility()).isEqualTo(sent.senderVisibility());
      assertThat(back.serviceCode()).isEqualTo(sent.serviceCode());
      assertThat(back.chargedPartyId()).isEqualTo(sent.chargedPartyId());
      assertThat(back.applicId()).isEqualTo(sent.applicId());
      assertThat(back.replyApplicId()).isEqualTo(sent.replyApplicId());
      assertThat(back.auxApplicInfo()).isEqualTo(sent.auxApplicInfo());
      assertThat(back.contentClass()).isEqualTo(sent.contentClass());
      assertThat(back.adaptationsAllowed()).isEqualTo(sent.adaptationsAllowed());
      assertThat(back.drmContent()).isEqualTo(sent.drmContent());
      assertThat(back.extraHeaders())
          .extracting(h -> h.name() + ": " + h.value())
          .contains("X-Mms-Forward-Counter: 1", "X-Mms-VASP-ID: vasp-1", "X-Mms-VAS-ID: vas-2");
      assertThat(back.presentation()).isEqualTo(sent.presentation());
      assertThat(back.parts()).isEqualTo(sent.parts());
      assertThat(in.context().transactionId()).isEqualTo(r.transactionId());
      assertThat(in.context().protocolVersion()).contains("6.10.0");
      assertThat(in.context().detail(Mm4InboundDetail.class).orElseThrow().envelopeRecipients())
          .containsExactly(
              "+4915550002/TYPE=PLMN@mms.peer.example",
              "12345/TYPE=PLMN@mms.peer.example",
              "carol@example.org",
              "+4915550003/TYPE=PLMN@mms.peer.example");
    }
  }

  @Test
  void refusalsCarryTheSmtpReply() {
    try (Mm4Listener listener =
            Mm4Listener.builder()
                .onMessage(m -> Acknowledgement.refuse(3001, "busy"))
                .maxRequestSize(2048)
                .start();
        Mm4Client client = client(listener.port()).build()) {
      MmsMessage small =
          MmsMessage.builder().from("+491").to("+492").addPart(MmsPart.text("x")).build();
      assertThatThrownBy(() -> client.submit(small))
          .isInstanceOfSatisfying(
              MmscRejectedException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(MmscRejectedException.Kind.TRANSPORT);
                assertThat(e.isRetryable()).isTrue();
                SmtpReply reply = e.detail(SmtpReply.class).orElseThrow();
                assertThat(reply.code()).isEqualTo(451);
                assertThat(reply.enhancedCode()).isEqualTo("4.3.0");
                assertThat(reply.text()).contains("3001 busy");
              });
      MmsMessage big = small.toBuilder().addPart(MmsPart.of("image/jpeg", new byte[4096])).build();
      assertThatThrownBy(() -> client.submit(big))
          .isInstanceOfSatisfying(
              MmscRejectedException.class,
              e -> {
                assertThat(e.isRetryable()).isFalse();
                assertThat(e.detail(SmtpReply.class).orElseThrow().code()).isEqualTo(552);
              });
    }
  }

  @Test
  void anUnreachablePeerIsATransportErrorBeforeSending() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (Mm4Client client = client(port).build()) {
      MmsMessage m =
          MmsMessage.builder().from("+491").to("+492").addPart(MmsPart.text("x")).build();
      assertThatThrownBy(() -> client.submit(m))
          .isInstanceOfSatisfying(
              MmsTransportException.class, e -> assertThat(e.requestSent()).isFalse());
      assertThatThrownBy(() -> client.cancel("id"))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("not supported by MM4");
      assertThatThrownBy(() -> client.replace("id", m))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("not supported by MM4");
    }
  }

  @Test
  void anAcceptedRequestIsAnsweredWithItsResponseThroughTheRelay() throws Exception {
    try (Mm4Client relay = client(greenMail.getSmtp().getPort()).build();
        Mm4Listener listener =
            Mm4Listener.builder().onMessage(m -> Acknowledgement.ok()).replyVia(relay).start();
        RawSmtp smtp = new RawSmtp(listener.port())) {
      smtp.begin("a@peer.example", "b@us.example");
      smtp.send(Mails.forwardReq("tx-res") + ".\r\n");
      assertThat(smtp.reply()).startsWith("250");
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> greenMail.getReceivedMessages().length == 1);
    MimeMessage res = greenMail.getReceivedMessages()[0];
    assertThat(res.getHeader("X-Mms-Message-Type", null)).isEqualTo("MM4_forward.RES");
    assertThat(res.getHeader("X-Mms-Transaction-ID", null)).isEqualTo("\"tx-res\"");
    assertThat(res.getHeader("X-Mms-Message-ID", null))
        .isEqualTo("\"msg-tx-res@mms.peer.example\"");
    assertThat(res.getHeader("X-Mms-Request-Status-Code", null)).isEqualTo("Ok");
    assertThat(res.getHeader("To", null)).isEqualTo("PostMaster@mms.peer.example");
    assertThat(res.getHeader("Sender", null)).isEqualTo("mms@mms.us.example");
    assertThat(new String(res.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
        .isEmpty();
  }
}
