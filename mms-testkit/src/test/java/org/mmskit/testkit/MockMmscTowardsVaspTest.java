package org.mmskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsListener;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.ReadReply;
import org.mmskit.core.ReadStatus;
import org.mmskit.core.Transport;
import org.mmskit.eaif.EaifClient;
import org.mmskit.eaif.EaifListener;
import org.mmskit.mm7.Mm7Client;
import org.mmskit.mm7.Mm7InboundDetail;
import org.mmskit.mm7.Mm7Listener;
import org.mmskit.mm7.Mm7Version;

/** The mock playing the MMSC towards the real {@link Mm7Listener} and {@link EaifListener}. */
class MockMmscTowardsVaspTest {
  private final Recorder app = new Recorder();
  private MockMmsc mmsc;
  private Mm7Listener mm7Listener;
  private EaifListener eaifListener;

  @BeforeEach
  void start() {
    mmsc = MockMmsc.start();
    mm7Listener = Mm7Listener.builder().listener(app).start();
    eaifListener = EaifListener.builder(app).open().start();
  }

  @AfterEach
  void stop() {
    mmsc.close();
    mm7Listener.close();
    eaifListener.close();
  }

  private URI vasp(Transport t) {
    return t == Transport.MM7 ? mm7Listener.uri() : eaifListener.uri();
  }

  private Submission submit(Transport t, MmsMessage m) {
    if (t == Transport.MM7) {
      try (Mm7Client c =
          Mm7Client.builder().endpoint(mmsc.mm7Uri()).version(Mm7Version.REL_5_MM7_1_3).build()) {
        c.submit(m);
      }
    } else {
      try (EaifClient c = EaifClient.builder().endpoint(mmsc.eaifUri()).build()) {
        c.submit(m);
      }
    }
    return mmsc.takeSubmission();
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"MM7", "EAIF"})
  void deliverReachesTheListener(Transport t) {
    MmsMessage mo =
        MmsMessage.builder()
            .from(Address.phone("+15559870001"))
            .to(Address.shortCode("12345"))
            .subject("MO " + t)
            .addPart(MmsPart.text("STOP"))
            .build();

    VaspAnswer a = mmsc.deliver(vasp(t), t, mo);

    assertThat(a.isSuccess()).as("%s", a).isTrue();
    assertThat(app.messages).hasSize(1);
    IncomingMessage in = app.messages.get(0);
    assertThat(in.context().transport()).isEqualTo(t);
    assertThat(in.message().subject()).contains("MO " + t);
    assertThat(in.message().from().orElseThrow().value()).isEqualTo("+15559870001");
    assertThat(in.message().parts()).anySatisfy(p -> assertThat(p.text()).isEqualTo("STOP"));
    assertThat(mmsc.vaspAnswers()).containsExactly(a);
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"MM7", "EAIF"})
  void deliveryReportAndReadReplyCarryTheSubmissionsId(Transport t) {
    Submission s = submit(t, Messages.withImage("report me"));
    Address rcpt = Address.phone("+15551230001");

    VaspAnswer report = mmsc.sendDeliveryReport(vasp(t), s, rcpt, DeliveryStatus.REJECTED);
    VaspAnswer read = mmsc.sendReadReply(vasp(t), s, rcpt, ReadStatus.READ);

    assertThat(report.isSuccess()).as("%s", report).isTrue();
    assertThat(read.isSuccess()).as("%s", read).isTrue();
    DeliveryReport r = app.reports.get(0);
    assertThat(r.messageId()).isEqualTo(s.messageId());
    assertThat(r.status()).isEqualTo(DeliveryStatus.REJECTED);
    assertThat(r.recipient().orElseThrow().value()).isEqualTo("+15551230001");
    ReadReply rr = app.readReplies.get(0);
    assertThat(rr.messageId()).isEqualTo(s.messageId());
    assertThat(rr.status()).isEqualTo(ReadStatus.READ);
    if (t == Transport.MM7) {
      assertThat(r.context().detail(Mm7InboundDetail.class).map(Mm7InboundDetail::namespace))
          .contains(Mm7Version.REL_5_MM7_1_3.namespace());
      assertThat(report.statusCode()).hasValue(1000);
    }
  }

  @Test
  void automaticReportsFollowSubmitsThatAskForThem() {
    mmsc.autoDeliveryReports(Transport.MM7, mm7Listener.uri(), Duration.ofMillis(50))
        .autoDeliveryReports(Transport.EAIF, eaifListener.uri(), Duration.ZERO);
    MmsMessage wants = Messages.withImage("dr").toBuilder().deliveryReport(true).build();
    Submission viaMm7 = submit(Transport.MM7, wants);
    Submission viaEaif = submit(Transport.EAIF, wants);
    submit(Transport.MM7, Messages.withImage("no report wanted"));

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(app.reports).hasSize(4));
    assertThat(app.reports)
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(DeliveryStatus.RETRIEVED));
    assertThat(app.reports)
        .filteredOn(r -> r.context().transport() == Transport.MM7)
        .extracting(DeliveryReport::messageId)
        .containsOnly(viaMm7.messageId())
        .hasSize(2);
    assertThat(app.reports)
        .filteredOn(r -> r.context().transport() == Transport.EAIF)
        .extracting(DeliveryReport::messageId)
        .containsOnly(viaEaif.messageId())
        .hasSize(2);
    assertThat(mmsc.vaspAnswers()).hasSize(4).allSatisfy(a -> assertThat(a.isSuccess()).isTrue());
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"MM7", "EAIF"})
  void aListenerRefusalIsReportedInTheAnswer(Transport t) {
    MmsListener busy =
        new MmsListener() {
          @Override
          public Acknowledgement onDeliveryReport(DeliveryReport r) {
            return Acknowledgement.refuse(4006, "Service unavailable");
          }
        };
    Submission s = submit(t, Messages.withImage("refused report"));
    try (Mm7Listener mm7 = Mm7Listener.builder().listener(busy).start();
        EaifListener eaif = EaifListener.builder(busy).open().start()) {
      VaspAnswer a =
          mmsc.sendDeliveryReport(
              t == Transport.MM7 ? mm7.uri() : eaif.uri(),
              s,
              Address.phone("+15551230001"),
              DeliveryStatus.RETRIEVED);
      assertThat(a.isSuccess()).isFalse();
      assertThat(a.error()).isEmpty();
      if (t == Transport.MM7) {
        assertThat(a.statusCode()).hasValue(4006);
        assertThat(a.statusText()).isEqualTo("Service unavailable");
      } else {
        assertThat(a.httpStatus()).isEqualTo(500);
      }
    }
  }

  @Test
  void anUnreachableListenerIsReportedNotThrown() {
    Submission s = submit(Transport.MM7, Messages.withImage("x"));
    mm7Listener.close();
    VaspAnswer a =
        mmsc.sendDeliveryReport(
            mm7Listener.uri(), s, Address.phone("+15551230001"), DeliveryStatus.RETRIEVED);
    assertThat(a.isSuccess()).isFalse();
    assertThat(a.error()).isPresent();
    assertThat(a.httpStatus()).isZero();
  }
}
