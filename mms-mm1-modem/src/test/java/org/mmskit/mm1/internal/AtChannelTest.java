package org.mmskit.mm1.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.mm1.ModemError;

/** The AT engine over real serial I/O: jSerialComm on both ends of a socat pty pair. */
class AtChannelTest {
  private static final Duration T = Duration.ofSeconds(10);

  @TempDir Path dir;
  private PtyPair pty;
  private ScriptedPeer peer;
  private AtChannel at;
  private final List<String> urcs = new CopyOnWriteArrayList<>();
  private final AtomicInteger lost = new AtomicInteger();
  private final AtomicInteger reopened = new AtomicInteger();

  private void start(Function<String, String> script) throws Exception {
    pty = new PtyPair(dir);
    peer = new ScriptedPeer(pty.modem, script);
    at =
        new AtChannel(
            JSerialLink.opener(pty.app.toString(), 115200, Duration.ofMillis(100)),
            Duration.ofMillis(100),
            AtChannel.STANDARD_URCS,
            new AtChannel.Events() {
              @Override
              public void onUnsolicited(String line) {
                urcs.add(line);
              }

              @Override
              public void onLost(IOException cause) {
                lost.incrementAndGet();
              }

              @Override
              public void onReopened() {
                reopened.incrementAndGet();
              }
            });
  }

  @AfterEach
  void stop() throws Exception {
    if (at != null) {
      at.close();
    }
    if (peer != null) {
      peer.close();
    }
    if (pty != null) {
      pty.close();
    }
  }

  @Test
  void collectsInformationLinesAndDropsTheEcho() throws Exception {
    start(
        cmd ->
            cmd.equals("AT+CSQ")
                ? "AT+CSQ\r\r\n+CSQ: 21,99\r\n\r\nOK\r\n" // echo on
                : "\r\nOK\r\n");
    AtResponse r = at.execute("AT+CSQ", T);
    assertThat(r.isOk()).isTrue();
    assertThat(r.lines()).containsExactly("+CSQ: 21,99");
    assertThat(r.value("+CSQ:")).contains("21,99");
  }

  @Test
  void aUrcInTheMiddleOfACommandGoesToTheEventsNotTheAnswer() throws Exception {
    start(
        cmd ->
            cmd.equals("AT+CMGL=4")
                ? "\r\n+CMGL: 1,0,,20\r\n0011\r\n+CMTI: \"SM\",2\r\n+CMGL: 3,1,,20\r\n0022\r\n\r\nOK\r\n"
                : "\r\nOK\r\n");
    AtResponse r = at.execute("AT+CMGL=4", T);
    assertThat(r.lines()).containsExactly("+CMGL: 1,0,,20", "0011", "+CMGL: 3,1,,20", "0022");
    await().atMost(T).until(() -> urcs.contains("+CMTI: \"SM\",2"));
  }

  @Test
  void theCommandsOwnAnswerIsNotTakenForAUrc() throws Exception {
    start(cmd -> cmd.equals("AT+CREG?") ? "\r\n+CREG: 0,1\r\n\r\nOK\r\n" : "\r\nOK\r\n");
    assertThat(at.execute("AT+CREG?", T).value("+CREG:")).contains("0,1");
    peer.send("\r\n+CREG: 5\r\n");
    await().atMost(T).until(() -> urcs.contains("+CREG: 5"));
  }

  @Test
  void aResultLineAfterTheFinalResultGoesToItsWaiter() throws Exception {
    start(cmd -> cmd.equals("AT+QMMSEND=60") ? "\r\nOK\r\n\r\n+QMMSEND: 0,200\r\n" : "\r\nOK\r\n");
    for (int i = 0; i < 20; i++) {
      var later = at.expectUnsolicited("+QMMSEND:");
      assertThat(at.execute("AT+QMMSEND=60", T).lines()).isEmpty();
      assertThat(later.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("+QMMSEND: 0,200");
    }
  }

  @Test
  void errorsAreReadWithTheirCodes() throws Exception {
    start(
        cmd ->
            switch (cmd) {
              case "AT+CGDCONT=1,\"IP\",\"bad\"" -> "\r\n+CME ERROR: 30\r\n";
              case "AT+CMGS=10" -> "\r\n+CMS ERROR: 304\r\n";
              case "AT+CPIN?" -> "\r\n+CME ERROR: SIM not inserted\r\n";
              default -> "\r\nERROR\r\n";
            });
    assertThat(at.execute("AT+CGDCONT=1,\"IP\",\"bad\"", T).error())
        .contains(new ModemError("CME", 30, "+CME ERROR: 30"));
    assertThat(at.execute("AT+CMGS=10", T).error())
        .get()
        .extracting(ModemError::code)
        .isEqualTo(304);
    assertThat(at.execute("AT+CPIN?", T).error())
        .contains(new ModemError("CME", -1, "+CME ERROR: SIM not inserted"));
    assertThat(at.execute("AT+NOPE", T).error()).contains(new ModemError("ERROR", -1, "ERROR"));
  }

  @Test
  void aPromptIsAnsweredWithThePayloadAndCtrlZ() throws Exception {
    start(
        cmd ->
            cmd.startsWith("AT+CMGS=")
                ? "> "
                : cmd.startsWith("PAYLOAD:") ? "\r\n+CMGS: 17\r\n\r\nOK\r\n" : "\r\nOK\r\n");
    AtResponse r =
        at.execute(
            "AT+CMGS=5",
            "0011000B91".getBytes(StandardCharsets.US_ASCII),
            AtChannel.Payload.PROMPT_CTRL_Z,
            T);
    assertThat(r.value("+CMGS:")).contains("17");
    assertThat(peer.payloads).hasSize(1);
    assertThat(new String(peer.payloads.get(0), StandardCharsets.US_ASCII)).isEqualTo("0011000B91");
  }

  @Test
  void connectIsAnsweredWithACountedBinaryPayload() throws Exception {
    start(
        cmd ->
            cmd.startsWith("AT+QFUPL=")
                ? "CONNECT 300"
                : cmd.startsWith("PAYLOAD:") ? "\r\n+QFUPL: 300,1a2b\r\n\r\nOK\r\n" : "\r\nOK\r\n");
    byte[] data = new byte[300];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 7); // includes CR, LF, Ctrl-Z and '>'
    }
    AtResponse r =
        at.execute("AT+QFUPL=\"RAM:a.jpg\",300,60", data, AtChannel.Payload.CONNECT_COUNTED, T);
    assertThat(r.value("+QFUPL:")).contains("300,1a2b");
    assertThat(peer.payloads.get(0)).isEqualTo(data);
  }

  @Test
  void aLateAnswerAfterATimeoutDoesNotConfuseTheNextCommand() throws Exception {
    AtomicInteger csq = new AtomicInteger();
    start(
        cmd -> {
          if (cmd.equals("AT+SLOW")) {
            return ""; // answers only when the test says so
          }
          if (cmd.equals("AT+CSQ")) {
            return "\r\n+CSQ: " + csq.incrementAndGet() + ",0\r\n\r\nOK\r\n";
          }
          return "\r\nOK\r\n";
        });
    assertThatThrownBy(() -> at.execute("AT+SLOW", Duration.ofMillis(300)))
        .isInstanceOf(AtException.class)
        .hasMessageContaining("no answer")
        .satisfies(e -> assertThat(((AtException) e).written()).isTrue());
    peer.send("\r\n+SLOW: late\r\n\r\nOK\r\n");
    AtResponse r = at.execute("AT+CSQ", T);
    assertThat(r.lines()).containsExactly("+CSQ: 1,0");
    assertThat(peer.commands).containsSubsequence("AT+SLOW", "AT", "AT+CSQ");
  }

  @Test
  void aModemThatResetsDuringACommandFailsItAtOnce() throws Exception {
    start(cmd -> cmd.equals("AT+CMMSSEND") ? "\r\nRDY\r\n" : "\r\nOK\r\n");
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> at.execute("AT+CMMSSEND", Duration.ofSeconds(60)))
        .isInstanceOf(AtException.class)
        .hasMessageContaining("modem reset (RDY)")
        .satisfies(e -> assertThat(((AtException) e).written()).isTrue());
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
    await().atMost(T).until(() -> urcs.contains("RDY"));
    assertThat(at.execute("AT+CSQ", T).isOk()).isTrue();
  }

  @Test
  void aPortThatGoesAwayIsReopened() throws Exception {
    start(cmd -> "\r\nOK\r\n");
    assertThat(at.execute("AT", T).isOk()).isTrue();
    peer.close();
    pty.stop();
    await().atMost(T).until(() -> lost.get() == 1);
    assertThatThrownBy(() -> at.execute("AT", T))
        .isInstanceOf(AtException.class)
        .satisfies(e -> assertThat(((AtException) e).written()).isFalse());
    pty.start();
    peer = new ScriptedPeer(pty.modem, cmd -> "\r\nOK\r\n");
    await().atMost(T).until(() -> reopened.get() == 1);
    assertThat(at.execute("AT+CMGF=0", T).isOk()).isTrue();
  }

  /**
   * Bytes that look like line ends, final results and URCs, which a download must not read as such.
   */
  private static final String TRICKY = "\r\nOK\r\n\n+CMTI: \"SM\",1\r\nERROR\u001a\u0000\u00ff";

  @Test
  void aDownloadTakesTheCountedBytesAfterConnectWhateverTheyAre() throws Exception {
    start(
        cmd ->
            cmd.equals("AT+QHTTPREAD=30")
                ? "\r\nCONNECT\r\n" + TRICKY + "\r\nOK\r\n\r\n+QHTTPREAD: 0\r\n"
                : "\r\nOK\r\n");
    AtChannel.Download d = at.download("AT+QHTTPREAD=30", "CONNECT", TRICKY.length(), T);
    assertThat(d.response().isOk()).isTrue();
    assertThat(d.data()).isEqualTo(TRICKY.getBytes(StandardCharsets.ISO_8859_1));
    assertThat(d.response().lines()).isEmpty();
    // the channel reads lines again after the data: the URC and the next command
    await().atMost(T).until(() -> urcs.contains("+QHTTPREAD: 0"));
    assertThat(urcs).doesNotContain("+CMTI: \"SM\",1");
    assertThat(at.execute("AT", T).isOk()).isTrue();
  }

  @Test
  void aDownloadAfterAHeaderLineKeepsTheLineAndAnErrorGivesNoData() throws Exception {
    start(
        cmd ->
            cmd.equals("AT+CMMSREAD=1")
                ? "\r\n+CMMSREAD: 1,\"a.bin\"," + TRICKY.length() + "\r\n" + TRICKY + "\r\nOK\r\n"
                : "\r\n+CME ERROR: 3\r\n");
    AtChannel.Download d = at.download("AT+CMMSREAD=1", "+CMMSREAD:", TRICKY.length(), T);
    assertThat(d.response().lines()).containsExactly("+CMMSREAD: 1,\"a.bin\"," + TRICKY.length());
    assertThat(d.data()).isEqualTo(TRICKY.getBytes(StandardCharsets.ISO_8859_1));
    AtChannel.Download refused = at.download("AT+CMMSREAD=2", "+CMMSREAD:", 10, T);
    assertThat(refused.response().finalResult()).isEqualTo("+CME ERROR: 3");
    assertThat(refused.data()).isEmpty();
  }

  @Test
  void aCommandRefusedInsteadOfItsPromptEndsAtOnceWithTheRefusal() throws Exception {
    start(cmd -> cmd.startsWith("AT+QHTTPURL") ? "\r\n+CME ERROR: 703\r\n" : "\r\nOK\r\n");
    long before = System.nanoTime();
    AtResponse r =
        at.execute(
            "AT+QHTTPURL=10,30",
            new byte[10],
            AtChannel.Payload.CONNECT_COUNTED,
            Duration.ofSeconds(20));
    assertThat(r.finalResult()).isEqualTo("+CME ERROR: 703");
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(10));
  }
}
