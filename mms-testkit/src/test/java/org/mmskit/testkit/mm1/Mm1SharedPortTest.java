package org.mmskit.testkit.mm1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.Address;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.MmsTransportException;
import org.mmskit.mm1.Modem;
import org.mmskit.mm1.ModemListener;
import org.mmskit.mm1.ModemMmsClient;

/**
 * A data link that needs the modem's only serial port (PPP): the SDK lets go of the port for the
 * link and takes it back after. The link-up command here is {@code flock -n PORT true}, which
 * succeeds only when no one holds the port's lock (jSerialComm takes one while it has it open).
 */
class Mm1SharedPortTest {
  private static final Duration T = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final MockMm1Mmsc mmsc = MockMm1Mmsc.start();
  private PtyPair pty;
  private ModemSimulator sim;
  private Modem modem;

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
    modem.close();
    sim.close();
    pty.close();
    mmsc.close();
  }

  private ModemMmsClient client(boolean holds) {
    return ModemMmsClient.builder()
        .mmscUrl(mmsc.mmscUri())
        .modem(modem)
        .linkUp(List.of("flock", "-n", pty.appPort(), "true"))
        .linkDown(List.of("true"))
        .linkHoldsSerialPort(holds)
        .build();
  }

  private static MmsMessage message() {
    return MmsMessage.builder()
        .to(List.of(Address.parse("+4915550123")))
        .addPart(MmsPart.text("hi", StandardCharsets.UTF_8))
        .build();
  }

  @Test
  void whileTheModemHoldsThePortTheLinkCannotComeUp() {
    try (ModemMmsClient c = client(false)) {
      assertThatThrownBy(() -> c.submit(message()))
          .isInstanceOfSatisfying(
              MmsTransportException.class, e -> assertThat(e.requestSent()).isFalse())
          .hasMessageContaining("exited with 1");
    }
  }

  @Test
  void thePortIsLetGoForTheLinkAndTakenBackForTheSms() {
    List<IncomingMessage> got = new CopyOnWriteArrayList<>();
    try (ModemListener listener =
            ModemListener.builder()
                .modem(modem)
                .onMessage(
                    m -> {
                      got.add(m);
                      return Acknowledgement.ok();
                    })
                .mmscUrl(mmsc.mmscUri())
                .scanInterval(Duration.ofHours(1))
                .start();
        ModemMmsClient c = client(true)) {
      assertThat(c.submit(message()).messageId()).startsWith("mock-mm1-sent-");
      // the modem is back: a notification stored now is read, fetched and handed over
      MockMm1Mmsc.Push push =
          mmsc.notify(
              MmsMessage.builder()
                  .from(Address.parse("+4915550777"))
                  .subject("after the link")
                  .build());
      sim.store(push.sms());
      await()
          .atMost(T)
          .until(
              () -> {
                listener.scanNow();
                return got.size() == 1;
              });
      await().atMost(T).until(() -> sim.stored().isEmpty());
    }
  }
}
