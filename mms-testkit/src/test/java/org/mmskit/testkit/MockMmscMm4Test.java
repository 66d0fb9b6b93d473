package org.mmskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.core.ReadStatus;
import org.mmskit.core.SubmitResult;
import org.mmskit.core.Transport;
import org.mmskit.mm4.Mm4Client;
import org.mmskit.mm4.Mm4Listener;
import org.mmskit.mm4.Mm4MessageType;
import org.mmskit.mm4.Mm4Response;
import org.mmskit.mm4.SmtpReply;

/**
 * The MM4 side of the mock, driven by the real {@link Mm4Client}, answering and reporting to the
 * real {@link Mm4Listener}.
 */
class MockMmscMm4Test {
  private MockMmsc mmsc;
  private Mm4Client client;
  private Mm4Listener listener;
  private URI listenerUri;
  private final Recorder recorder = new Recorder();
  private final List<Mm4Response> responses = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    mmsc = MockMmsc.start();
    client =
        Mm4Client.builder()
            .smtpHost("127.0.0.1")
            .smtpPort(mmsc.mm4Port())
            .originatorSystem("mms@app.example")
            .mmscDomain("app.example")
            .recipientDomain("mmsc.example")
            .responseTimeout(Duration.ofSeconds(10))
            .build();
    listener = Mm4Listener.builder().listener(recorder).onResponse(responses::add).start();
    listenerUri = URI.create("smtp://127.0.0.1:" + listener.port());
  }

  @AfterEach
  void stop() {
    listener.close();
    client.close();
    mmsc.close();
  }

  @Test
  void submitIsRecordedAndAnsweredWithAForwardResponse() {
    mmsc.mm4AnswersTo(listenerUri);
    SubmitResult r = client.submit(Messages.withImage("over mm4"));

    Submission s = mmsc.takeSubmission();
    assertThat(s.transport()).isEqualTo(Transport.MM4);
    assertThat(s.operation()).isEqualTo(Submission.Operation.SUBMIT);
    assertThat(s.messageId()).isEqualTo(r.messageId());
    assertThat(s.transactionId()).isEqualTo(r.transactionId());
    assertThat(s.header("X-Mms-Message-Type")).contains("MM4_forward.REQ");
    assertThat(s.bodyText()).contains("X-Mms-Originator-System: mms@app.example");
    MmsMessage m = s.message().orElseThrow();
    assertThat(m.subject()).contains("over mm4");
    assertThat(m.recipients())
        .extracting(Address::value)
        .containsExactly("+15551230001", "+15551230002");
    assertThat(m.parts()).anySatisfy(p -> assertThat(p.bytes()).isEqualTo(Messages.IMAGE));

    await().atMost(Duration.ofSeconds(10)).until(() -> responses.size() == 1);
    Mm4Response res = responses.get(0);
    assertThat(res.type()).isEqualTo(Mm4MessageType.FORWARD_RES);
    assertThat(res.transactionId()).isEqualTo(r.transactionId().orElseThrow());
    assertThat(res.messageId()).contains(r.messageId());
    assertThat(res.isOk()).isTrue();
    await().until(() -> mmsc.vaspAnswers().size() == 1);
    assertThat(mmsc.vaspAnswers().get(0).isSuccess()).isTrue();
    assertThat(mmsc.vaspAnswers().get(0).httpStatus()).isEqualTo(250);
  }

  @Test
  void withoutAnAddressToAnswerAtNoResponseIsSent() {
    SubmitResult r = client.submit(Messages.withImage("no answer"));
    assertThat(mmsc.takeSubmission().messageId()).isEqualTo(r.messageId());
    // a second submit after arming the answer is answered: only that one arrives
    mmsc.mm4AnswersTo(listenerUri);
    SubmitResult second = client.submit(Messages.withImage("answered"));
    await().atMost(Duration.ofSeconds(10)).until(() -> !responses.isEmpty());
    assertThat(responses)
        .extracting(Mm4Response::transactionId)
        .containsExactly(second.transactionId().orElseThrow());
  }

  @Test
  void scriptedRefusalsAreSmtpReplies() {
    mmsc.enqueue(
        MmscReply.status(2002, "Address Error"),
        MmscReply.status(3001, "Operation restricted"),
        MmscReply.httpStatus(503),
        MmscReply.soapFault(4006, "Service unavailable"));
    MmsMessage m = Messages.withImage("refused");

    SmtpReply permanent = refusal(m);
    assertThat(permanent.code()).isEqualTo(554);
    assertThat(permanent.text()).contains("2002 Address Error");
    assertThat(permanent.isRetryable()).isFalse();
    SmtpReply transientFailure = refusal(m);
    assertThat(transientFailure.code()).isEqualTo(451);
    assertThat(transientFailure.text()).contains("3001");
    assertThat(refusal(m).code()).isEqualTo(451);
    assertThat(refusal(m).code()).isEqualTo(554);

    // the refusals were recorded, and the next mail is accepted
    assertThat(mmsc.submissions()).hasSize(4);
    assertThat(client.submit(m).statusCode()).isEqualTo(250);
  }

  private SmtpReply refusal(MmsMessage m) {
    MmscRejectedException e =
        (MmscRejectedException)
            org.assertj.core.api.Assertions.catchThrowable(() -> client.submit(m));
    assertThat(e).isNotNull();
    return e.detail(SmtpReply.class).orElseThrow();
  }

  @Test
  void droppedConnectionIsATransportFailure() {
    mmsc.enqueue(MmscReply.dropConnection());
    assertThatThrownBy(() -> client.submit(Messages.withImage("dropped")))
        .isInstanceOf(MmsTransportException.class);
    assertThat(client.submit(Messages.withImage("after")).statusCode()).isEqualTo(250);
  }

  @Test
  void reportsAndDeliveriesReachTheListener() {
    SubmitResult r = client.submit(Messages.withImage("report me"));
    Submission s = mmsc.takeSubmission();
    Address recipient = Address.phone("+15551230001");

    VaspAnswer dr = mmsc.sendDeliveryReport(listenerUri, s, recipient, DeliveryStatus.RETRIEVED);
    assertThat(dr.isSuccess()).as(dr.describe()).isTrue();
    assertThat(dr.request()).isEqualTo("MM4_delivery_report.REQ");
    assertThat(recorder.reports).hasSize(1);
    DeliveryReport report = recorder.reports.get(0);
    assertThat(report.messageId()).isEqualTo(r.messageId());
    assertThat(report.status()).isEqualTo(DeliveryStatus.RETRIEVED);
    assertThat(report.recipient()).contains(recipient);

    VaspAnswer rr = mmsc.sendReadReply(listenerUri, s, recipient, ReadStatus.READ);
    assertThat(rr.isSuccess()).as(rr.describe()).isTrue();
    assertThat(recorder.readReplies).hasSize(1);
    assertThat(recorder.readReplies.get(0).status()).isEqualTo(ReadStatus.READ);

    MmsMessage mo =
        MmsMessage.builder()
            .from(Address.phone("+15551230009"))
            .to(Address.shortCode("12345"))
            .subject("from a subscriber")
            .addPart(org.mmskit.core.MmsPart.text("hi"))
            .build();
    VaspAnswer d = mmsc.deliver(listenerUri, Transport.MM4, mo);
    assertThat(d.isSuccess()).as(d.describe()).isTrue();
    assertThat(recorder.messages).hasSize(1);
    assertThat(recorder.messages.get(0).message().subject()).contains("from a subscriber");
    assertThat(recorder.messages.get(0).message().messageId()).contains(d.messageId());
    assertThat(mmsc.vaspAnswers()).hasSize(3);
  }

  @Test
  void automaticDeliveryReportsGoOverMm4() {
    mmsc.autoDeliveryReports(Transport.MM4, listenerUri, Duration.ZERO);
    SubmitResult r =
        client.submit(Messages.withImage("auto").toBuilder().deliveryReport(true).build());
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.reports.size() == 2);
    assertThat(recorder.reports)
        .allSatisfy(x -> assertThat(x.messageId()).isEqualTo(r.messageId()))
        .extracting(x -> x.recipient().orElseThrow().value())
        .containsExactlyInAnyOrder("+15551230001", "+15551230002");
  }

  @Test
  void aRefusingListenerIsReportedInTheAnswer() {
    try (Mm4Listener refusing =
        Mm4Listener.builder().onDeliveryReport(x -> Acknowledgement.notHandled()).start()) {
      VaspAnswer a =
          mmsc.sendDeliveryReport(
              URI.create("smtp://127.0.0.1:" + refusing.port()),
              Transport.MM4,
              null,
              "mock-1",
              Address.phone("+15551230001"),
              Address.shortCode("12345"),
              DeliveryStatus.EXPIRED);
      assertThat(a.isSuccess()).isFalse();
      assertThat(a.httpStatus()).isEqualTo(451);
      assertThat(a.describe()).contains("SMTP 451");
    }
  }

  @Test
  void anHttpAddressIsRefusedForMm4() {
    assertThatThrownBy(
            () ->
                mmsc.deliver(
                    URI.create("http://127.0.0.1:1/"), Transport.MM4, Messages.withImage("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("smtp://");
  }

  @Test
  void anAccountIsRequiredWithSmtpAuth() {
    try (MockMmsc locked = MockMmsc.builder().account("app", "s3cret").start()) {
      Mm4Client.Builder b =
          Mm4Client.builder()
              .smtpHost("127.0.0.1")
              .smtpPort(locked.mm4Port())
              .originatorSystem("mms@app.example")
              .mmscDomain("app.example")
              .recipientDomain("mmsc.example");
      try (Mm4Client anonymous = b.build()) {
        assertThatThrownBy(() -> anonymous.submit(Messages.withImage("no auth")))
            .isInstanceOf(MmscRejectedException.class);
      }
      try (Mm4Client wrong = b.credentials("app", "guess").build()) {
        MmscRejectedException e =
            (MmscRejectedException)
                org.assertj.core.api.Assertions.catchThrowable(
                    () -> wrong.submit(Messages.withImage("wrong")));
        assertThat(e.detail(SmtpReply.class).orElseThrow().code()).isEqualTo(535);
      }
      assertThat(locked.submissions()).isEmpty();
      try (Mm4Client right = b.credentials("app", "s3cret").build()) {
        right.submit(Messages.withImage("auth"));
      }
      assertThat(locked.takeSubmission().account()).contains("app");
    }
  }
}
