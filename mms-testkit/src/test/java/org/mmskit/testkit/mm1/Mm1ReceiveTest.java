package org.mmskit.testkit.mm1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.InboundContext;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsListener;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.Transport;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.PduStatus;
import org.mmskit.core.pdu.PduType;
import org.mmskit.mm1.Mm1InboundDetail;
import org.mmskit.mm1.Modem;
import org.mmskit.mm1.ModemListener;
import org.mmskit.mm1.TextSms;
import org.mmskit.mm1.internal.SmsDeliver;
import org.mmskit.mm1.internal.SmsPdus;

/**
 * Receiving over real serial I/O: the modem simulator on one end of a socat pty pair, the SDK's
 * modem on the other, the mock MMSC's MM1 side on loopback HTTP.
 */
class Mm1ReceiveTest {
  private static final Duration T = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final MockMm1Mmsc mmsc = MockMm1Mmsc.start();
  private PtyPair pty;
  private ModemSimulator sim;
  private Modem modem;
  private ModemListener listener;
  private final List<IncomingMessage> received = new CopyOnWriteArrayList<>();

  private void plugIn() throws Exception {
    pty = PtyPair.start(dir);
    sim = ModemSimulator.attach(pty.modemPort());
    modem = Modem.builder().serialPort(pty.appPort()).commandTimeout(Duration.ofSeconds(5)).open();
  }

  private ModemListener.Builder listen(MmsListener app) {
    return ModemListener.builder()
        .modem(modem)
        .listener(app)
        .mmscUrl(mmsc.mmscUri())
        .responseTimeout(Duration.ofSeconds(10))
        .retryDelay(Duration.ofMillis(200), Duration.ofSeconds(1))
        .scanInterval(Duration.ofHours(1)); // looks happen at start, on +CMTI and on scanNow
  }

  private MmsListener taking() {
    return new MmsListener() {
      @Override
      public Acknowledgement onMessage(IncomingMessage m) {
        received.add(m);
        return Acknowledgement.ok();
      }
    };
  }

  /** Stores SMS without +CMTI once the first look is over, and waits for one more look. */
  private void lookAfterStoring(List<byte[]> sms) {
    await().atMost(T).until(() -> listener.lastScan() != null);
    sim.store(sms);
    Instant before = Instant.now();
    listener.scanNow();
    await().atMost(T).until(() -> listener.lastScan().isAfter(before));
  }

  @AfterEach
  void stop() throws Exception {
    if (listener != null) {
      listener.close();
    }
    if (modem != null) {
      modem.close();
    }
    if (sim != null) {
      sim.close();
    }
    if (pty != null) {
      pty.close();
    }
    mmsc.close();
  }

  // long enough that the notification needs more than one SMS
  private static final String SUBJECT =
      "Photo of the harbour at sunset, taken from the old lighthouse on the hill above the town";

  static MmsMessage message(String text) {
    return MmsMessage.builder()
        .from(Address.parse("+4915550777"))
        .to(List.of(Address.parse("+4915550123")))
        .subject(SUBJECT)
        .addPart(MmsPart.text(text + " " + "x".repeat(300), StandardCharsets.UTF_8))
        .build();
  }

  private static byte[] textSms(String from, String text) {
    return SmsPdus.encode(
        "+4915550000",
        from,
        OffsetDateTime.of(2026, 3, 1, 10, 0, 0, 0, ZoneOffset.UTC),
        SmsDeliver.Alphabet.GSM7,
        null,
        null,
        null,
        text);
  }

  @Test
  void openingReadsTheModemAndItsNetwork() throws Exception {
    plugIn();
    assertThat(modem.info().manufacturer()).isEqualTo("MMSKit");
    assertThat(modem.info().registered()).isTrue();
    assertThat(modem.info().operator()).isEqualTo("Simulated");
    assertThat(modem.info().signal()).hasValue(23);
  }

  @Test
  void aSimAskingForAPinNobodyGaveNamesTheStep() throws Exception {
    pty = PtyPair.start(dir);
    sim = ModemSimulator.attach(pty.modemPort()).requirePin("1234");
    assertThatThrownBy(() -> Modem.builder().serialPort(pty.appPort()).open())
        .isInstanceOf(MmsTransportException.class)
        .hasMessageContaining("SIM asks for its PIN");
    modem = Modem.builder().serialPort(pty.appPort()).pin("1234").open();
    assertThat(modem.info().simState()).isEqualTo("READY");
  }

  @Test
  void aPushInSegmentsOutOfOrderAmongTextSmsIsFetchedDeliveredAndOnlyThenAnswered()
      throws Exception {
    plugIn();
    listener = listen(taking()).start();
    MockMm1Mmsc.Push push = mmsc.notify(message("first"));
    assertThat(push.sms()).hasSizeGreaterThan(1);
    List<byte[]> sms = new ArrayList<>(push.sms());
    Collections.shuffle(sms, new Random(7));
    sms.add(1, textSms("+4915550999", "an ordinary text"));
    sim.urcInNextAnswer("AT+CMGL", "+CMTI: \"SM\",29"); // a URC in the middle of the listing
    sim.deliver(sms);

    await().atMost(T).until(() -> received.size() == 1);
    IncomingMessage m = received.get(0);
    assertThat(m.message().subject()).contains(SUBJECT);
    assertThat(m.message().from()).contains(Address.parse("+4915550777"));
    assertThat(m.message().messageId()).contains(push.messageId());
    InboundContext ctx = m.context();
    assertThat(ctx.transport()).isEqualTo(Transport.MM1);
    assertThat(ctx.transactionId()).contains(push.transactionId());
    assertThat(ctx.detail(Mm1InboundDetail.class))
        .map(Mm1InboundDetail::contentLocation)
        .contains(Optional.of(push.contentLocation()));

    await().atMost(T).until(() -> mmsc.notifications().size() == 1);
    MmsPdu resp = mmsc.notifications().get(0);
    assertThat(resp.type()).isEqualTo(PduType.NOTIFYRESP_IND);
    assertThat(resp.transactionId()).contains(push.transactionId());
    assertThat(resp.status()).hasValue(PduStatus.STATUS_RETRIEVED);
    // the push's SMS are gone, the text SMS (no text callback) stays
    await().atMost(T).until(() -> sim.stored().size() == 1);
    SmsDeliver left = SmsPdus.decode(sim.stored().values().iterator().next());
    assertThat(left.text()).contains("an ordinary text");
  }

  @Test
  void whatTheApplicationRefusesStaysIsDeferredAndIsDeliveredAndAcknowledgedLater()
      throws Exception {
    plugIn();
    AtomicBoolean accept = new AtomicBoolean(false);
    listener =
        ModemListener.builder()
            .modem(modem)
            .onMessage(
                m -> {
                  if (!accept.get()) {
                    return Acknowledgement.notHandled();
                  }
                  received.add(m);
                  return Acknowledgement.ok();
                })
            .mmscUrl(mmsc.mmscUri())
            .retryDelay(Duration.ofMillis(100), Duration.ofMillis(500))
            .scanInterval(Duration.ofHours(1))
            .start();
    MockMm1Mmsc.Push push = mmsc.notify(message("refused first"));
    lookAfterStoring(push.sms());
    // later attempts come by themselves, with growing delays, and are refused again
    await().atMost(T).until(() -> mmsc.retrievals(push.contentLocation()) >= 3);
    // the MMSC heard once that the retrieval is deferred, so it neither resends nor falls back
    assertThat(mmsc.notifications())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.type()).isEqualTo(PduType.NOTIFYRESP_IND);
              assertThat(p.transactionId()).contains(push.transactionId());
              assertThat(p.status()).hasValue(PduStatus.STATUS_DEFERRED);
            });
    assertThat(sim.stored()).hasSize(push.sms().size());

    accept.set(true);
    await().atMost(T).until(() -> received.size() == 1);
    await().atMost(T).until(() -> mmsc.notifications().size() == 2);
    MmsPdu ack = mmsc.notifications().get(1);
    assertThat(ack.type()).isEqualTo(PduType.ACKNOWLEDGE_IND);
    assertThat(ack.transactionId()).contains(MockMm1Mmsc.ACK_PREFIX + push.transactionId());
    await().atMost(T).until(() -> sim.stored().isEmpty());
  }

  @Test
  void pushesStoredWhileTheProgramWasDownAreDeliveredAtStart() throws Exception {
    plugIn();
    MockMm1Mmsc.Push a = mmsc.notify(message("while down 1"));
    MockMm1Mmsc.Push b = mmsc.notify(message("while down 2"));
    sim.store(a.sms());
    sim.store(b.sms());
    listener = listen(taking()).start();
    await().atMost(T).until(() -> received.size() == 2);
    await().atMost(T).until(() -> sim.stored().isEmpty());
    assertThat(mmsc.notifications()).hasSize(2);
  }

  @Test
  void theSameMessageNotifiedTwiceIsDeliveredOnce() throws Exception {
    plugIn();
    listener = listen(taking()).start();
    MmsMessage msg = message("twice");
    MockMm1Mmsc.Push first = mmsc.notify(msg, "same-id");
    sim.deliver(first.sms());
    await().atMost(T).until(() -> mmsc.notifications().size() == 1);
    MockMm1Mmsc.Push again = mmsc.notify(msg, "same-id");
    sim.deliver(again.sms());
    await().atMost(T).until(() -> mmsc.notifications().size() == 2);
    await().atMost(T).until(() -> sim.stored().isEmpty());
    assertThat(received).hasSize(1);
  }

  @Test
  void aPushThatNeverCompletesIsDroppedAfterItsExpiry() throws Exception {
    plugIn();
    listener = listen(taking()).pushExpiry(Duration.ofSeconds(1)).start();
    MockMm1Mmsc.Push push = mmsc.notify(message("incomplete"));
    sim.deliver(push.sms().subList(0, 1));
    sim.deliver(List.of(textSms("+4915550999", "keep me")));
    await().atMost(T).until(() -> listener.pendingPushes() == 1);
    // later looks give it up once it is older than the expiry
    await()
        .atMost(T)
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              listener.scanNow();
              return sim.stored().size() == 1;
            });
    assertThat(listener.pendingPushes()).isZero();
    assertThat(SmsPdus.decode(sim.stored().values().iterator().next()).text()).contains("keep me");
    assertThat(received).isEmpty();
    assertThat(mmsc.notifications()).isEmpty();
  }

  @Test
  void textSmsGoToTheTextCallbackAndAreDeletedAfterIt() throws Exception {
    plugIn();
    List<TextSms> texts = new CopyOnWriteArrayList<>();
    listener = listen(taking()).onText(texts::add).start();
    sim.deliver(List.of(textSms("+4915550999", "hello {world} €")));
    await().atMost(T).until(() -> texts.size() == 1);
    assertThat(texts.get(0).text()).isEqualTo("hello {world} €");
    assertThat(texts.get(0).originator()).isEqualTo("+4915550999");
    await().atMost(T).until(() -> sim.stored().isEmpty());
  }

  @Test
  void aFetchThatFailsLeavesTheNotificationForALaterAttempt() throws Exception {
    plugIn();
    listener = listen(taking()).start();
    mmsc.failNext(503);
    MockMm1Mmsc.Push push = mmsc.notify(message("retry"));
    lookAfterStoring(push.sms());
    assertThat(mmsc.notifications())
        .singleElement()
        .satisfies(p -> assertThat(p.status()).hasValue(PduStatus.STATUS_DEFERRED));
    // the next attempt comes after the retry delay without any new SMS or scanNow
    await().atMost(T).until(() -> received.size() == 1);
    await().atMost(T).until(() -> sim.stored().isEmpty());
    assertThat(mmsc.notifications()).hasSize(2);
    assertThat(mmsc.notifications().get(1).type()).isEqualTo(PduType.ACKNOWLEDGE_IND);
  }

  @Test
  void aDeliveryReportPushGoesToOnDeliveryReport() throws Exception {
    plugIn();
    List<DeliveryReport> reports = new CopyOnWriteArrayList<>();
    listener =
        listen(
                new MmsListener() {
                  @Override
                  public Acknowledgement onDeliveryReport(DeliveryReport r) {
                    reports.add(r);
                    return Acknowledgement.ok();
                  }
                })
            .start();
    DeliveryReport sent =
        new DeliveryReport(
            "msg-42",
            Optional.of(Address.parse("+4915550123")),
            Optional.empty(),
            Optional.of(Instant.parse("2026-03-01T10:00:00Z")),
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
                List.of()));
    sim.deliver(mmsc.deliveryReport(sent));
    await().atMost(T).until(() -> reports.size() == 1);
    assertThat(reports.get(0).messageId()).isEqualTo("msg-42");
    assertThat(reports.get(0).status()).isEqualTo(DeliveryStatus.RETRIEVED);
    await().atMost(T).until(() -> sim.stored().isEmpty());
  }

  @Test
  void aModemThatResetsInTheMiddleOfAListingIsSetUpAgainAndKeepsReceiving() throws Exception {
    plugIn();
    listener = listen(taking()).start();
    await().atMost(T).until(() -> listener.lastScan() != null);
    MockMm1Mmsc.Push push = mmsc.notify(message("after a reset"));
    sim.resetOnNext("AT+CMGL");
    sim.deliver(push.sms());
    await().atMost(T).until(() -> received.size() == 1);
    // PDU mode and the indications were set again after the reset, before the look that found it
    assertThat(sim.commands().stream().filter(c -> c.equals("AT+CMGF=0")).count())
        .isGreaterThanOrEqualTo(2);
    assertThat(sim.commands().stream().filter(c -> c.startsWith("AT+CNMI=")).count())
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void aModemThatIsUnpluggedAndPluggedInAgainKeepsReceiving() throws Exception {
    plugIn();
    listener = listen(taking()).start();
    sim.close();
    pty.unplug();
    pty.plugIn();
    sim = ModemSimulator.attach(pty.modemPort());
    MockMm1Mmsc.Push push = mmsc.notify(message("after replug"));
    sim.store(push.sms());
    // the listener sets the modem up again and looks at the store once the port is back
    await().atMost(T).until(() -> received.size() == 1);
    assertThat(sim.commands()).contains("AT+CMGF=0", "AT+CMGL=4");
  }
}
