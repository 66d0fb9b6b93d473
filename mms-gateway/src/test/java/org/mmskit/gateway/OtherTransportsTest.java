package org.mmskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.InboundContext;
import org.mmskit.core.MmsListener;
import org.mmskit.core.Transport;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.mm1.Modem;
import org.mmskit.mm1.ModemListener;
import org.mmskit.mm1.ModemMmsClient;
import org.mmskit.mm4.Mm4Client;
import org.mmskit.mm4.Mm4Listener;
import org.mmskit.testkit.MockMmsc;
import org.mmskit.testkit.Submission;
import org.mmskit.testkit.VaspAnswer;
import org.mmskit.testkit.mm1.MockMm1Mmsc;
import org.mmskit.testkit.mm1.ModemSimulator;
import org.mmskit.testkit.mm1.PtyPair;

/**
 * The gateway over MM4 (to MockMmsc's SMTP side, its report back as a mail to an Mm4Listener) and
 * over MM1 (a ModemMmsClient posting to MockMm1Mmsc, its report as WAP push SMS through a modem
 * simulator on a socat pty pair to a ModemListener).
 */
class OtherTransportsTest {
  @TempDir Path dir;
  private final List<AutoCloseable> closeLater = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closeLater.size() - 1; i >= 0; i--) {
      closeLater.get(i).close();
    }
  }

  private <T extends AutoCloseable> T later(T c) {
    closeLater.add(c);
    return c;
  }

  private static ReportListener into(List<String> handed) {
    return new ReportListener() {
      @Override
      public Acknowledgement onDeliveryReport(
          String trackingId, Optional<String> recipient, DeliveryReport r) {
        handed.add(trackingId + " " + recipient.orElse("?") + " " + r.status());
        return Acknowledgement.ok();
      }
    };
  }

  @Test
  void overMm4TheMessageGoesOutUnderItsTransactionIdAndTheReportFindsIt() {
    MockMmsc mmsc = later(MockMmsc.start());
    List<String> handed = new CopyOnWriteArrayList<>();
    Mm4Client mm4 =
        later(
            Mm4Client.builder()
                .smtpHost("127.0.0.1")
                .smtpPort(mmsc.mm4Port())
                .security(Mm4Client.Security.NONE)
                .originatorSystem("mms@mms.vasp.example")
                .mmscDomain("mms.vasp.example")
                .recipientDomain("mms.mock.example")
                .ackRequest(false)
                .build());
    MmsGateway gw =
        later(
            MmsGateway.builder()
                .store(GatewayStore.sqlite(dir.resolve("q.db")))
                .connection("peer", mm4)
                .route(Route.builder("all", "peer").build())
                .retryPolicy(GatewayTest.FAST)
                .pollInterval(Duration.ofMillis(50))
                .reportListener(into(handed))
                .start());
    Mm4Listener in =
        later(
            Mm4Listener.builder().bindAddress("127.0.0.1").port(0).listener(gw.listener()).start());

    String id =
        gw.submit(
            GatewayTest.message("over mm4", "+15550001").toBuilder()
                .from(Address.phone("+15559999"))
                .build());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> gw.status(id).orElseThrow().state().isFinal());
    MessageStatus s = gw.status(id).orElseThrow();
    assertThat(s.state()).isEqualTo(MessageState.SENT);
    Submission sent = mmsc.submissions().get(0);
    assertThat(sent.transport()).isEqualTo(Transport.MM4);
    assertThat(sent.transactionId()).contains(s.deliveries().get(0).transactionId());
    assertThat(s.deliveries().get(0).mmscMessageId()).contains(sent.messageId());

    VaspAnswer answer =
        mmsc.sendDeliveryReport(
            URI.create("smtp://127.0.0.1:" + in.port()),
            sent,
            Address.phone("+15550001"),
            DeliveryStatus.RETRIEVED);
    assertThat(answer.isSuccess()).as(answer.toString()).isTrue();
    assertThat(handed).containsExactly(id + " +15550001 RETRIEVED");
  }

  @Test
  void overMm1TheMessageGoesOutUnderItsTransactionIdAndTheReportComesThroughTheModem()
      throws Exception {
    MockMm1Mmsc mmsc = later(MockMm1Mmsc.start());
    List<String> handed = new CopyOnWriteArrayList<>();
    ModemMmsClient mm1 =
        later(
            ModemMmsClient.builder()
                .mmscUrl(mmsc.mmscUri())
                .userAgent("MMSKit-Test/1.0")
                .responseTimeout(Duration.ofSeconds(10))
                .build());
    MmsGateway gw =
        later(
            MmsGateway.builder()
                .store(GatewayStore.sqlite(dir.resolve("q.db")))
                .connection("modem", mm1)
                .route(Route.builder("all", "modem").build())
                .retryPolicy(GatewayTest.FAST)
                .pollInterval(Duration.ofMillis(50))
                .reportListener(into(handed))
                .listener(new MmsListener() {})
                .start());
    PtyPair pty = later(PtyPair.start(dir));
    ModemSimulator sim = later(ModemSimulator.attach(pty.modemPort()));
    Modem modem =
        later(
            Modem.builder().serialPort(pty.appPort()).commandTimeout(Duration.ofSeconds(5)).open());
    later(
        ModemListener.builder()
            .modem(modem)
            .listener(gw.listener())
            .mmscUrl(mmsc.mmscUri())
            .responseTimeout(Duration.ofSeconds(10))
            .scanInterval(Duration.ofHours(1))
            .start());

    String id = gw.submit(GatewayTest.message("over mm1", "+4915550123"));
    MmsPdu req = mmsc.takeSendReq(Duration.ofSeconds(30));
    assertThat(req).isNotNull();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> gw.status(id).orElseThrow().state().isFinal());
    Delivery d = gw.status(id).orElseThrow().deliveries().get(0);
    assertThat(d.state()).isEqualTo(MessageState.SENT);
    assertThat(req.transactionId()).contains(d.transactionId());

    sim.deliver(
        mmsc.deliveryReport(
            new DeliveryReport(
                d.mmscMessageId().orElseThrow(),
                Optional.of(Address.parse("+4915550123")),
                Optional.empty(),
                Optional.of(Instant.now()),
                DeliveryStatus.RETRIEVED,
                "0x81",
                Optional.empty(),
                new InboundContext(
                    Transport.MM1,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Instant.now(),
                    List.of()))));
    await().atMost(Duration.ofSeconds(30)).until(() -> handed.size() == 1);
    assertThat(handed).containsExactly(id + " +4915550123 RETRIEVED");
  }
}
