package org.mmskit.testkit.mm1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsListener;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.TimeSpec;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.PduStatus;
import org.mmskit.core.pdu.PduType;
import org.mmskit.mm1.FetchFailure;
import org.mmskit.mm1.Modem;
import org.mmskit.mm1.ModemListener;
import org.mmskit.mm1.ModemMmsClient;

/**
 * What the listener does with messages it cannot have at once, or cannot have at all, and what it
 * remembers across restarts; over real serial I/O (modem simulator on a socat pty pair) and the
 * mock MMSC's MM1 side on loopback HTTP.
 */
class Mm1RetrievalTest {
  private static final Duration T = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final MockMm1Mmsc mmsc = MockMm1Mmsc.start();
  private final List<IncomingMessage> received = new CopyOnWriteArrayList<>();
  private final List<FetchFailure> failures = new CopyOnWriteArrayList<>();
  private PtyPair pty;
  private ModemSimulator sim;
  private Modem modem;
  private ModemListener listener;

  @BeforeEach
  void plugIn() throws Exception {
    pty = PtyPair.start(dir);
    sim = ModemSimulator.attach(pty.modemPort());
    modem =
        Modem.builder()
            .serialPort(pty.appPort())
            .commandTimeout(Duration.ofSeconds(5))
            .reopenInterval(Duration.ofMillis(200))
            .open();
  }

  @AfterEach
  void stop() {
    if (listener != null) {
      listener.close();
    }
    modem.close();
    sim.close();
    pty.close();
    mmsc.close();
  }

  private ModemListener.Builder listen() {
    return ModemListener.builder()
        .modem(modem)
        .listener(
            new MmsListener() {
              @Override
              public Acknowledgement onMessage(IncomingMessage m) {
                received.add(m);
                return Acknowledgement.ok();
              }
            })
        .onFetchFailed(failures::add)
        .mmscUrl(mmsc.mmscUri())
        .responseTimeout(Duration.ofSeconds(10))
        .retryDelay(Duration.ofMillis(200), Duration.ofSeconds(1))
        .scanInterval(Duration.ofHours(1));
  }

  private static MmsMessage message(String subject) {
    return Mm1ReceiveTest.message(subject);
  }

  private MmsPdu onlyAnswer() {
    assertThat(mmsc.notifications()).hasSize(1);
    return mmsc.notifications().get(0);
  }

  @Test
  void aMessageTheMmscNoLongerHasIsGivenUpRejectedAndReportedOnce() throws Exception {
    MockMm1Mmsc.Push push = mmsc.notify(message("gone"));
    mmsc.forget(push.contentLocation());
    listener = listen().start();
    sim.deliver(push.sms());

    await().atMost(T).until(() -> sim.stored().isEmpty());
    assertThat(received).isEmpty();
    assertThat(failures)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.reason()).isEqualTo(FetchFailure.Reason.NOT_FOUND);
              assertThat(f.contentLocation()).contains(push.contentLocation());
              assertThat(f.transactionId()).isEqualTo(push.transactionId());
              assertThat(f.detail()).contains("404");
            });
    MmsPdu answer = onlyAnswer();
    assertThat(answer.type()).isEqualTo(PduType.NOTIFYRESP_IND);
    assertThat(answer.transactionId()).contains(push.transactionId());
    assertThat(answer.status()).hasValue(PduStatus.STATUS_REJECTED);
  }

  @Test
  void aPermanentRetrieveStatusIsGivenUpAndATransientOneRetried() throws Exception {
    listener = listen().start();
    MockMm1Mmsc.Push transientFirst = mmsc.notify(message("try again"));
    mmsc.refuseRetrieveNext(0xC1); // Error-transient-message-not-found
    sim.deliver(transientFirst.sms());
    await().atMost(T).until(() -> received.size() == 1);
    assertThat(mmsc.retrievals(transientFirst.contentLocation())).isEqualTo(2);
    assertThat(failures).isEmpty();

    MockMm1Mmsc.Push refused = mmsc.notify(message("never"));
    mmsc.refuseRetrieveNext(0xE1); // Error-permanent-service-denied
    sim.deliver(refused.sms());
    await().atMost(T).until(() -> failures.size() == 1);
    assertThat(failures.get(0).reason()).isEqualTo(FetchFailure.Reason.REFUSED);
    assertThat(failures.get(0).detail()).contains("Error-permanent");
    await().atMost(T).until(() -> sim.stored().isEmpty());
    assertThat(received).hasSize(1);
    MmsPdu last = mmsc.notifications().get(mmsc.notifications().size() - 1);
    assertThat(last.transactionId()).contains(refused.transactionId());
    assertThat(last.status()).hasValue(PduStatus.STATUS_REJECTED);
  }

  @Test
  void aNotificationWhoseExpiryPassedIsNotFetched() throws Exception {
    MockMm1Mmsc.Push push =
        mmsc.notify(
            message("too late"), "late-1", TimeSpec.at(Instant.now().minus(Duration.ofHours(1))));
    listener = listen().start();
    sim.deliver(push.sms());

    await().atMost(T).until(() -> failures.size() == 1);
    assertThat(failures.get(0).reason()).isEqualTo(FetchFailure.Reason.EXPIRED);
    await().atMost(T).until(() -> sim.stored().isEmpty());
    assertThat(mmsc.retrievals(push.contentLocation())).isZero();
    assertThat(onlyAnswer().status()).hasValue(PduStatus.STATUS_REJECTED);
  }

  @Test
  void aMessageDeliveredBeforeARestartIsNotDeliveredAgainAfterIt() throws Exception {
    Path state = dir.resolve("state");
    listener = listen().stateDirectory(state).start();
    MmsMessage msg = message("once");
    sim.deliver(mmsc.notify(msg, "same-id").sms());
    await().atMost(T).until(() -> received.size() == 1);
    await().atMost(T).until(() -> sim.stored().isEmpty());
    listener.close();

    listener = listen().stateDirectory(state).start();
    sim.deliver(mmsc.notify(msg, "same-id").sms());
    await().atMost(T).until(() -> mmsc.notifications().size() == 2);
    await().atMost(T).until(() -> sim.stored().isEmpty());
    assertThat(received).hasSize(1);
    assertThat(mmsc.notifications().get(1).status()).hasValue(PduStatus.STATUS_RETRIEVED);
    assertThat(state).isDirectoryContaining(p -> p.getFileName().toString().endsWith(".state"));
    assertThat(state).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".tmp"));
  }

  @Test
  void withoutAStateDirectoryARestartForgets() throws Exception {
    // the counterpart of the test above: memory alone does not outlive the listener
    listener = listen().start();
    MmsMessage msg = message("twice");
    sim.deliver(mmsc.notify(msg, "same-id").sms());
    await().atMost(T).until(() -> received.size() == 1);
    listener.close();

    listener = listen().start();
    sim.deliver(mmsc.notify(msg, "same-id").sms());
    await().atMost(T).until(() -> received.size() == 2);
  }

  @Test
  void aDeferralAnsweredBeforeARestartIsAcknowledgedAfterIt() throws Exception {
    Path state = dir.resolve("state");
    mmsc.failNext(503);
    MockMm1Mmsc.Push push = mmsc.notify(message("deferred across a restart"));
    listener =
        listen().stateDirectory(state).retryDelay(Duration.ofHours(1), Duration.ofHours(1)).start();
    sim.deliver(push.sms());
    await().atMost(T).until(() -> mmsc.notifications().size() == 1);
    assertThat(mmsc.notifications().get(0).status()).hasValue(PduStatus.STATUS_DEFERRED);
    listener.close();

    listener = listen().stateDirectory(state).start();
    await().atMost(T).until(() -> received.size() == 1);
    await().atMost(T).until(() -> mmsc.notifications().size() == 2);
    MmsPdu ack = mmsc.notifications().get(1);
    assertThat(ack.type()).isEqualTo(PduType.ACKNOWLEDGE_IND);
    assertThat(ack.transactionId()).contains(MockMm1Mmsc.ACK_PREFIX + push.transactionId());
  }

  @Test
  void oneLinkServesALookAndTheModemHasItsPortBackToDeleteTheSms() throws Exception {
    Path log = dir.resolve("link.log");
    // link-up succeeds only while no one holds the port's lock (jSerialComm takes one)
    String up = "flock -n " + pty.appPort() + " true && echo up >> " + log;
    String down = "echo down >> " + log;
    MockMm1Mmsc.Push a = mmsc.notify(message("first of two"));
    MockMm1Mmsc.Push b = mmsc.notify(message("second of two"));
    List<byte[]> both = new ArrayList<>(a.sms());
    both.addAll(b.sms());
    sim.store(both);
    listener =
        listen()
            .linkUp(List.of("sh", "-c", up))
            .linkDown(List.of("sh", "-c", down))
            .linkHoldsSerialPort(true)
            .start();
    await().atMost(T).until(() -> received.size() == 2);
    await().atMost(T).until(() -> sim.stored().isEmpty());
    assertThat(Files.readAllLines(log)).containsExactly("up", "down");
    assertThat(mmsc.notifications()).hasSize(2);
  }

  @Test
  void credentialsGoWithTheFetchTheAnswerAndTheSend() throws Exception {
    String basic =
        "Basic "
            + Base64.getEncoder().encodeToString("mms:s3cret".getBytes(StandardCharsets.UTF_8));
    listener = listen().credentials("mms", "s3cret").start();
    sim.deliver(mmsc.notify(message("with a login")).sms());
    await().atMost(T).until(() -> mmsc.notifications().size() == 1);
    try (ModemMmsClient client =
        ModemMmsClient.builder().mmscUrl(mmsc.mmscUri()).credentials("mms", "s3cret").build()) {
      client.submit(message("sent with a login"));
    }
    assertThat(mmsc.requests()).hasSize(3);
    assertThat(mmsc.requests()).allSatisfy(r -> assertThat(r.authorization()).contains(basic));
  }
}
