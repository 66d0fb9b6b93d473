package org.mmskit.testkit.mm1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.Address;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.PduStatus;
import org.mmskit.core.pdu.PduType;
import org.mmskit.mm1.ModemListener;
import org.mmskit.mm1.ModemWay;

/**
 * Receiving with the modem's own commands (SIMCom's {@code AT+CMMSRECV}, Quectel's {@code
 * AT+QHTTPGET}), over real serial I/O to the modem simulator, which fetches from the mock MMSC over
 * loopback HTTP through the mock as WAP proxy.
 */
class Mm1VendorReceiveTest {
  private static final Duration T = Duration.ofSeconds(30);
  private static final String OPERATOR_MMSC = "http://mms.operator.example/mms";

  @TempDir Path dir;
  private final MockMm1Mmsc mmsc = MockMm1Mmsc.start();
  private VendorModem rig;
  private ModemListener listener;
  private final List<IncomingMessage> received = new CopyOnWriteArrayList<>();

  /** How many answers the MMSC had when the application got each message. */
  private final List<Integer> toldBeforeTaking = new CopyOnWriteArrayList<>();

  /** How many SMS the modem stored when the application got each message. */
  private final List<Integer> storedWhenTaking = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (listener != null) {
      listener.close();
    }
    if (rig != null) {
      rig.close();
    }
    mmsc.close();
  }

  private ModemListener start(ModemWay way, AtomicBoolean accept) throws Exception {
    rig = VendorModem.plugIn(dir, way);
    return ModemListener.builder()
        .modem(rig.modem)
        .way(way)
        .apn("mms.example")
        .mmscUrl(URI.create(OPERATOR_MMSC))
        .proxy(mmsc.proxyUri())
        .userAgent("MMSKit-test/1.0")
        .responseTimeout(Duration.ofSeconds(10))
        .retryDelay(Duration.ofMillis(200), Duration.ofSeconds(1))
        .scanInterval(Duration.ofHours(1)) // looks happen at start, on +CMTI and on scanNow
        .onMessage(
            m -> {
              if (!accept.get()) {
                return Acknowledgement.notHandled();
              }
              toldBeforeTaking.add(mmsc.notifications().size());
              storedWhenTaking.add(rig.sim.stored().size());
              received.add(m);
              return Acknowledgement.ok();
            })
        .start();
  }

  /** Stores SMS without +CMTI once the first look is over, and waits for one more look. */
  private void lookAfterStoring(List<byte[]> sms) {
    await().atMost(T).until(() -> listener.lastScan() != null);
    rig.sim.store(sms);
    Instant before = Instant.now();
    listener.scanNow();
    await().atMost(T).until(() -> listener.lastScan().isAfter(before));
  }

  private static MmsMessage message(String text) {
    byte[] picture = new byte[600];
    new Random(11).nextBytes(picture);
    return MmsMessage.builder()
        .from(Address.parse("+4915550777"))
        .to(List.of(Address.parse("+4915550123")))
        .subject("Harbour at sunset, from the old lighthouse on the hill above the town")
        .addPart(MmsPart.text(text, StandardCharsets.UTF_8))
        .addPart(
            MmsPart.builder()
                .contentType("image/jpeg")
                .contentLocation("sunset.jpg")
                .body(picture)
                .build())
        .build();
  }

  private static String textOf(IncomingMessage m) {
    return m.message().parts().stream()
        .filter(p -> p.contentType().mediaType().equals("text/plain"))
        .findFirst()
        .orElseThrow()
        .text();
  }

  @ParameterizedTest
  @EnumSource(names = {"SIMCOM", "QUECTEL"})
  void aPushIsFetchedWithTheModemsCommandsDeliveredAndOnlyThenAnswered(ModemWay way)
      throws Exception {
    listener = start(way, new AtomicBoolean(true));
    MmsMessage sent = message("fetched by the modem");
    MockMm1Mmsc.Push push = mmsc.notify(sent);
    List<byte[]> sms = new ArrayList<>(push.sms());
    Collections.shuffle(sms, new Random(3));
    rig.sim.deliver(sms);

    await().atMost(T).until(() -> received.size() == 1);
    IncomingMessage m = received.get(0);
    assertThat(m.message().subject()).contains(sent.subject().orElseThrow());
    assertThat(m.message().from()).contains(Address.parse("+4915550777"));
    assertThat(textOf(m)).isEqualTo("fetched by the modem");
    assertThat(m.message().parts())
        .filteredOn(p -> p.contentType().mediaType().equals("image/jpeg"))
        .singleElement()
        .satisfies(p -> assertThat(p.bytes()).isEqualTo(sent.parts().get(1).bytes()));
    assertThat(m.context().transactionId()).contains(push.transactionId());
    if (way == ModemWay.QUECTEL) {
      // the m-retrieve-conf itself came through: nothing is lost
      assertThat(m.message().messageId()).contains(push.messageId());
      assertThat(m.message().to()).containsExactly(Address.parse("+4915550123"));
    } else {
      // SIMCom hands out parsed fields only: the Message-ID and recipients stay in the modem
      assertThat(m.message().messageId()).isEmpty();
      assertThat(rig.sim.commands()).anyMatch(c -> c.startsWith("AT+CMMSRECV="));
    }

    await().atMost(T).until(() -> mmsc.notifications().size() == 1);
    assertThat(toldBeforeTaking).containsExactly(0);
    MmsPdu resp = mmsc.notifications().get(0);
    assertThat(resp.type()).isEqualTo(PduType.NOTIFYRESP_IND);
    assertThat(resp.transactionId()).contains(push.transactionId());
    assertThat(resp.status()).hasValue(PduStatus.STATUS_RETRIEVED);
    // fetch and answer went through the WAP proxy; the answer to the operator's MMSC URL
    List<MockMm1Mmsc.Request> posts =
        mmsc.requests().stream().filter(r -> r.method().equals("POST")).toList();
    assertThat(posts)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.host()).contains("mms.operator.example");
              assertThat(r.userAgent()).contains("MMSKit-test/1.0");
              assertThat(r.contentType())
                  .hasValueSatisfying(
                      ct -> assertThat(ct).startsWith("application/vnd.wap.mms-message"));
            });
    assertThat(mmsc.retrievals(push.contentLocation())).isEqualTo(1);
    await().atMost(T).until(() -> rig.sim.stored().isEmpty());
  }

  @ParameterizedTest
  @EnumSource(names = {"SIMCOM", "QUECTEL"})
  void aFetchTheMmscFailsLeavesTheSmsAndALaterLookDeliversIt(ModemWay way) throws Exception {
    listener = start(way, new AtomicBoolean(true));
    mmsc.failNext(503);
    stayThenDeliveredLater(way, "after a failed fetch");
  }

  /**
   * A notification whose first fetch fails: the MMSC hears "Deferred" at once; a later attempt,
   * after the retry delay, delivers the message (its SMS still stored) and then deletes the SMS.
   */
  private void stayThenDeliveredLater(ModemWay way, String text) {
    MockMm1Mmsc.Push push = mmsc.notify(message(text));
    lookAfterStoring(push.sms());
    assertThat(mmsc.notifications().get(0).status()).hasValue(PduStatus.STATUS_DEFERRED);

    await().atMost(T).until(() -> received.size() == 1);
    assertThat(textOf(received.get(0))).isEqualTo(text);
    // the message came with a later attempt: after "Deferred", with its SMS still stored
    assertThat(toldBeforeTaking).containsExactly(1);
    assertThat(storedWhenTaking).containsExactly(push.sms().size());
    await().atMost(T).until(() -> rig.sim.stored().isEmpty());
    assertRetrievalAcknowledged(way);
  }

  /**
   * After "Deferred" the retrieval that succeeds is acknowledged with the m-retrieve-conf's
   * Transaction-ID, which only the Quectel way has: SIMCom keeps the m-retrieve-conf to itself.
   */
  private void assertRetrievalAcknowledged(ModemWay way) {
    List<MmsPdu> told = mmsc.notifications();
    if (way == ModemWay.QUECTEL) {
      assertThat(told).hasSize(2);
      assertThat(told.get(1).type()).isEqualTo(PduType.ACKNOWLEDGE_IND);
    } else {
      assertThat(told).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"SIMCOM", "QUECTEL"})
  void aMessageTheApplicationRefusesStaysAndTheMmscHearsOnlyDeferred(ModemWay way)
      throws Exception {
    AtomicBoolean accept = new AtomicBoolean(false);
    listener = start(way, accept);
    MockMm1Mmsc.Push push = mmsc.notify(message("refused first"));
    lookAfterStoring(push.sms());
    // fetched, refused, and fetched again after the retry delay, the MMSC hearing "Deferred" once
    await().atMost(T).until(() -> mmsc.retrievals(push.contentLocation()) >= 2);
    assertThat(received).isEmpty();
    assertThat(mmsc.notifications())
        .singleElement()
        .satisfies(p -> assertThat(p.status()).hasValue(PduStatus.STATUS_DEFERRED));
    assertThat(rig.sim.stored()).hasSize(push.sms().size());

    accept.set(true);
    await().atMost(T).until(() -> received.size() == 1);
    await().atMost(T).until(() -> rig.sim.stored().isEmpty());
    assertRetrievalAcknowledged(way);
  }

  @ParameterizedTest
  @EnumSource(names = {"SIMCOM", "QUECTEL"})
  void aModemErrorInTheMiddleOfTheFetchLeavesTheSmsForTheNextLook(ModemWay way) throws Exception {
    listener = start(way, new AtomicBoolean(true));
    // the body read fails after the MMSC was reached
    rig.sim.answerNext(way == ModemWay.SIMCOM ? "AT+CMMSREAD" : "AT+QHTTPREAD", "+CME ERROR: 3");
    stayThenDeliveredLater(way, "after a modem error");
  }

  @Test
  void aQuectelAnswerWithoutLengthIsReadThroughARamFile() throws Exception {
    listener = start(ModemWay.QUECTEL, new AtomicBoolean(true));
    rig.sim.quectelWithoutLength(true);
    MockMm1Mmsc.Push push = mmsc.notify(message("without a length"));
    rig.sim.deliver(push.sms());
    await().atMost(T).until(() -> received.size() == 1);
    assertThat(received.get(0).message().messageId()).contains(push.messageId());
    assertThat(textOf(received.get(0))).isEqualTo("without a length");
    assertThat(rig.sim.commands())
        .anyMatch(c -> c.startsWith("AT+QHTTPREADFILE="))
        .anyMatch(c -> c.startsWith("AT+QFDWL="))
        .noneMatch(c -> c.startsWith("AT+QHTTPREAD="));
    await().atMost(T).until(() -> mmsc.notifications().size() == 1);
    // the stored body does not stay in the modem's RAM
    assertThat(rig.sim.commands()).anyMatch(c -> c.startsWith("AT+QFDEL="));
  }

  @Test
  void quectelLogsInToTheMmscWhereSimcomCannotAndLinkCommandsAreRefused() throws Exception {
    rig = VendorModem.plugIn(dir, ModemWay.QUECTEL);
    listener =
        ModemListener.builder()
            .modem(rig.modem)
            .way(ModemWay.QUECTEL)
            .mmscUrl(mmsc.mmscUri())
            .credentials("subscriber", "s3cret")
            .scanInterval(Duration.ofHours(1))
            .onMessage(
                m -> {
                  received.add(m);
                  return Acknowledgement.ok();
                })
            .start();
    MockMm1Mmsc.Push push = mmsc.notify(message("with a login"));
    rig.sim.deliver(push.sms());
    await().atMost(T).until(() -> mmsc.notifications().size() == 1);
    String basic =
        "Basic "
            + java.util.Base64.getEncoder()
                .encodeToString("subscriber:s3cret".getBytes(StandardCharsets.UTF_8));
    assertThat(mmsc.requests())
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.authorization()).contains(basic));

    ModemListener.Builder simcom =
        ModemListener.builder()
            .modem(rig.modem)
            .way(ModemWay.SIMCOM)
            .mmscUrl(mmsc.mmscUri())
            .credentials("subscriber", "s3cret")
            .onMessage(m -> Acknowledgement.ok());
    assertThatThrownBy(simcom::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot log in");
    // the vendor ways use the modem's own bearer: link commands would never run
    ModemListener.Builder withLink =
        ModemListener.builder()
            .modem(rig.modem)
            .way(ModemWay.QUECTEL)
            .mmscUrl(mmsc.mmscUri())
            .linkUp(List.of("pon", "mms"))
            .onMessage(m -> Acknowledgement.ok());
    assertThatThrownBy(withLink::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("linkUp is for the DATA_LINK way");
  }
}
