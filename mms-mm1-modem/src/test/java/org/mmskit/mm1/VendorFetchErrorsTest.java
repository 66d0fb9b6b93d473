package org.mmskit.mm1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.core.HttpStatus;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.mm1.internal.PtyPair;
import org.mmskit.mm1.internal.ScriptedPeer;

/**
 * What the vendor fetchers say when the modem or the MMSC fails: the step, the command and the
 * modem's own answer; over real serial I/O to a scripted modem.
 */
class VendorFetchErrorsTest {
  private static final URI LOCATION = URI.create("http://mmsc.example/m/1");
  private static final Duration T = Duration.ofSeconds(5);

  @TempDir Path dir;
  private PtyPair pty;
  private ScriptedPeer peer;
  private Modem modem;

  @AfterEach
  void stop() {
    if (modem != null) {
      modem.close();
    }
    if (peer != null) {
      peer.close();
    }
    if (pty != null) {
      pty.close();
    }
  }

  /**
   * A modem answering OK to everything except the commands (by prefix) in {@code answers}; a
   * command whose answer is {@code "CONNECT n"} takes n bytes, then gets {@code afterPayload}.
   */
  private void modem(Map<String, String> answers, String afterPayload) throws Exception {
    pty = new PtyPair(dir);
    peer =
        new ScriptedPeer(
            pty.modem,
            cmd -> {
              if (cmd.startsWith("PAYLOAD:")) {
                return peer.commands.get(peer.commands.size() - 1).startsWith("AT+QHTTPURL")
                    ? "\r\nOK\r\n"
                    : afterPayload;
              }
              if (cmd.equals("AT+CPIN?")) {
                return "\r\n+CPIN: READY\r\n\r\nOK\r\n";
              }
              if (cmd.equals("AT+CREG?")) {
                return "\r\n+CREG: 0,1\r\n\r\nOK\r\n";
              }
              for (Map.Entry<String, String> a : answers.entrySet()) {
                if (cmd.startsWith(a.getKey())) {
                  return a.getValue().equals("CONNECT")
                      ? "CONNECT " + cmd.split("[=,]")[cmd.startsWith("AT+QHTTPGET") ? 2 : 1]
                      : a.getValue();
                }
              }
              return "\r\nOK\r\n";
            });
    modem = Modem.builder().serialPort(pty.app.toString()).commandTimeout(T).open();
  }

  private VendorFetch settings(URI proxy, long maxBytes) {
    return new VendorFetch(
        modem,
        URI.create("http://mmsc.example/mms"),
        proxy,
        "mms",
        "UA/1",
        null,
        T,
        maxBytes,
        null);
  }

  private Map<String, String> quectelGet() {
    return Map.of("AT+QHTTPURL", "CONNECT", "AT+QHTTPGET", "CONNECT");
  }

  @Test
  void quectelWritesTheRequestForTheProxyAndNamesTheModemsHttpError() throws Exception {
    modem(quectelGet(), "\r\nOK\r\n\r\n+QHTTPGET: 716\r\n");
    QuectelFetcher f = new QuectelFetcher(settings(URI.create("http://10.0.0.172:8080"), 1 << 20));
    assertThatThrownBy(() -> f.retrieve(LOCATION, List.of(3)))
        .isInstanceOfSatisfying(
            MmsTransportException.class, e -> assertThat(e.requestSent()).isTrue())
        .hasMessageContaining(
            "retrieve of http://mmsc.example/m/1 through the modem: the modem answered"
                + " +QHTTPGET: 716");
    // the modem connects to the proxy and sends the absolute target with the User-Agent
    assertThat(new String(peer.payloads.get(0), StandardCharsets.US_ASCII))
        .isEqualTo("http://10.0.0.172:8080");
    assertThat(new String(peer.payloads.get(1), StandardCharsets.US_ASCII))
        .startsWith("GET http://mmsc.example/m/1 HTTP/1.1\r\nHost: mmsc.example\r\n")
        .contains("\r\nUser-Agent: UA/1\r\n")
        .endsWith("\r\n\r\n");
  }

  @Test
  void quectelHttpErrorIsARefusalWithTheStatus() throws Exception {
    modem(quectelGet(), "\r\nOK\r\n\r\n+QHTTPGET: 0,404,0\r\n");
    QuectelFetcher f = new QuectelFetcher(settings(null, 1 << 20));
    assertThatThrownBy(() -> f.retrieve(LOCATION, List.of(3)))
        .isInstanceOfSatisfying(
            MmscRejectedException.class,
            e -> {
              assertThat(e.detail(HttpStatus.class)).map(HttpStatus::code).contains(404);
              assertThat(e.isRetryable()).isFalse();
            });
    // without a proxy the request goes to the MMSC in origin form
    assertThat(new String(peer.payloads.get(1), StandardCharsets.US_ASCII))
        .startsWith("GET /m/1 HTTP/1.1\r\n");
  }

  @Test
  void quectelBodyOverTheLimitIsNotRead() throws Exception {
    modem(quectelGet(), "\r\nOK\r\n\r\n+QHTTPGET: 0,200,5000000\r\n");
    QuectelFetcher f = new QuectelFetcher(settings(null, 1 << 20));
    assertThatThrownBy(() -> f.retrieve(LOCATION, List.of(3)))
        .isInstanceOf(MmsTransportException.class)
        .hasMessageContaining("5000000 bytes, over the limit of 1048576");
    assertThat(peer.commands).noneMatch(c -> c.startsWith("AT+QHTTPREAD"));
  }

  @Test
  void quectelRefusedStepIsNamedWithTheModemsAnswer() throws Exception {
    modem(Map.of("AT+QHTTPURL", "\r\n+CME ERROR: 703\r\n"), "");
    QuectelFetcher f = new QuectelFetcher(settings(null, 1 << 20));
    assertThatThrownBy(() -> f.tell(new byte[] {(byte) 0x8C, (byte) 0x83}))
        .isInstanceOf(MmsTransportException.class)
        .hasMessageContaining("HTTP URL (AT+QHTTPURL=23,30): +CME ERROR: 703");
  }

  @Test
  void simcomReceiveRefusedNamesTheCommandAndEndsTheSession() throws Exception {
    modem(Map.of("AT+CMMSRECV", "\r\n+CME ERROR: 3\r\n"), "");
    SimcomFetcher f = new SimcomFetcher(settings(null, 1 << 20));
    assertThatThrownBy(() -> f.retrieve(LOCATION, List.of(4, 7)))
        .isInstanceOf(MmsTransportException.class)
        .hasMessageContaining(
            "MMS receive of http://mmsc.example/m/1 (AT+CMMSRECV=7): +CME ERROR: 3");
    assertThat(peer.commands).containsSubsequence("AT+SAPBR=1,1", "AT+CMMSRECV=7", "AT+CMMSTERM");
  }

  @Test
  void simcomMessageOverTheLimitIsNotRead() throws Exception {
    modem(
        Map.of(
            "AT+CMMSRECV",
            "\r\n+CMMSRECV: \"+4915550777\",\"2026-03-01,10:00:00\",\"Hi\",5000000\r\n"
                + "1,\"big.jpg\",2,5000000\r\n\r\nOK\r\n"),
        "");
    SimcomFetcher f = new SimcomFetcher(settings(null, 1 << 20));
    assertThatThrownBy(() -> f.retrieve(LOCATION, List.of(2)))
        .isInstanceOf(MmsTransportException.class)
        .hasMessageContaining("5000000 bytes, over the limit");
    assertThat(peer.commands).noneMatch(c -> c.startsWith("AT+CMMSREAD"));
  }

  @Test
  void simcomNetworkErrorOfTheAnswerIsNamedAndTheHttpSessionEnded() throws Exception {
    modem(
        Map.of(
            "AT+HTTPDATA", "CONNECT", "AT+HTTPACTION=1", "\r\nOK\r\n\r\n+HTTPACTION: 1,601,0\r\n"),
        "\r\nOK\r\n");
    SimcomFetcher f = new SimcomFetcher(settings(null, 1 << 20));
    assertThatThrownBy(() -> f.tell(new byte[] {(byte) 0x8C, (byte) 0x83}))
        .isInstanceOf(MmsTransportException.class)
        .hasMessageContaining(
            "m-notifyresp-ind to http://mmsc.example/mms through the modem: the modem answered"
                + " +HTTPACTION: 1,601,0");
    assertThat(peer.commands)
        .containsSubsequence(
            "AT+HTTPINIT",
            "AT+HTTPPARA=\"CONTENT\",\"application/vnd.wap.mms-message\"",
            "AT+HTTPTERM");
    assertThat(peer.payloads).containsExactly(new byte[] {(byte) 0x8C, (byte) 0x83});
  }
}
