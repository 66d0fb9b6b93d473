package org.mmskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.testkit.mm1.MockMm1Mmsc;
import org.mmskit.testkit.mm1.ModemSimulator;
import org.mmskit.testkit.mm1.PtyPair;

/** The MM1 commands against the modem simulator on a socat pty pair and the mock MMSC. */
class Mm1CommandsTest {
  @TempDir Path dir;
  private PtyPair pty;
  private ModemSimulator sim;
  private final MockMm1Mmsc mmsc = MockMm1Mmsc.start();

  @BeforeEach
  void plugIn() throws Exception {
    pty = PtyPair.start(dir);
    sim = ModemSimulator.attach(pty.modemPort());
  }

  @AfterEach
  void stop() throws Exception {
    sim.close();
    pty.close();
    mmsc.close();
  }

  @Test
  void probePrintsTheModemAndAdvice() {
    sim.simcom();
    CliRun r = CliRun.run("modem", "probe", "--serial", pty.appPort());
    assertThat(r.status).isZero();
    Map<String, Object> j = r.jsonLines().get(0);
    assertThat(j)
        .containsEntry("manufacturer", "MMSKit")
        .containsEntry("model", "ModemSimulator")
        .containsEntry("sim", "READY")
        .containsEntry("registration", "home")
        .containsEntry("operator", "Simulated")
        .containsEntry("signal", 23L)
        .containsEntry("mmsCommandSets", List.of("simcom"));
    assertThat((String) j.get("advice")).contains("--modem simcom");
  }

  @Test
  void probeOfAPortThatIsNotThereSaysSo() {
    CliRun r = CliRun.run("modem", "probe", "--serial", dir.resolve("nothing").toString());
    assertThat(r.status).isEqualTo(3);
    assertThat((String) r.jsonLines().get(0).get("error")).contains("nothing");
    assertThat(r.printedStackTrace()).isFalse();
  }

  @Test
  void sendViaMm1OverADataLinkPrintsTheMmscsAnswer() throws Exception {
    CliRun r =
        CliRun.run(
            "send",
            "--via",
            "mm1",
            "--modem",
            "data-link",
            "--mmsc-url",
            mmsc.mmscUri().toString(),
            "--proxy",
            mmsc.proxyUri().getHost() + ":" + mmsc.proxyUri().getPort(),
            "--user-agent",
            "MMSKit-CLI",
            "--to",
            "+4915550123",
            "--subject",
            "Hi",
            "--text",
            "Hello");
    assertThat(r.status).as(r.out + r.err).isZero();
    Map<String, Object> j = r.jsonLines().get(0);
    assertThat((String) j.get("messageId")).startsWith("mock-mm1-sent-");
    assertThat(mmsc.requests().get(0).userAgent()).contains("MMSKit-CLI");
  }

  @Test
  void sendViaSimcomUsesTheModem() {
    sim.simcom();
    CliRun r =
        CliRun.run(
            "send",
            "--via",
            "mm1",
            "--modem",
            "simcom",
            "--serial",
            pty.appPort(),
            "--mmsc-url",
            "http://mms.operator.example/mms",
            "--proxy",
            "10.0.0.172:80",
            "--apn",
            "mms",
            "--to",
            "+4915550123",
            "--text",
            "Hello");
    assertThat(r.status).as(r.out + r.err).isZero();
    assertThat(sim.modemSent()).hasSize(1);
    assertThat(sim.modemSent().get(0).texts()).containsExactly("Hello");
  }

  @ParameterizedTest
  @ValueSource(strings = {"data-link", "simcom", "quectel"})
  void listenMm1PrintsTheMessageAndAnswersTheMmsc(String way) throws Exception {
    if (way.equals("simcom")) {
      sim.simcom();
    } else if (way.equals("quectel")) {
      sim.quectel();
    }
    MockMm1Mmsc.Push push =
        mmsc.notify(
            MmsMessage.builder()
                .from(Address.parse("+4915550777"))
                .to(List.of(Address.parse("+4915550123")))
                .subject("From a phone")
                .addPart(MmsPart.text("hello", StandardCharsets.UTF_8))
                .build());
    sim.store(push.sms());
    CliRun r =
        CliRun.run(
            "listen",
            "--mm1",
            "--modem",
            way,
            "--apn",
            "mms",
            "--serial",
            pty.appPort(),
            "--mmsc-url",
            mmsc.mmscUri().toString(),
            "--count",
            "1");
    assertThat(r.status).as(r.out + r.err).isZero();
    Map<String, Object> j = r.jsonLines().get(0);
    assertThat(j)
        .containsEntry("kind", "deliver")
        .containsEntry("transport", "MM1")
        .containsEntry("transactionId", push.transactionId())
        .containsEntry("subject", "From a phone");
    assertThat(mmsc.notifications()).hasSize(1);
    // the vendor ways fetch with the modem's own commands
    String fetch =
        Map.of("data-link", "none", "simcom", "AT+CMMSRECV=", "quectel", "AT+QHTTPGET=").get(way);
    assertThat(sim.commands().stream().anyMatch(c -> c.startsWith(fetch)))
        .isEqualTo(!way.equals("data-link"));
  }

  @Test
  void listenMm1BringsTheLinkUpAroundTheFetchAndRemembersTheMessage() throws Exception {
    Path log = dir.resolve("link.log");
    Path up = dir.resolve("up.sh");
    Path down = dir.resolve("down.sh");
    Files.writeString(up, "#!/bin/sh\necho up >> " + log + "\n");
    Files.writeString(down, "#!/bin/sh\necho down >> " + log + "\n");
    up.toFile().setExecutable(true);
    down.toFile().setExecutable(true);
    MockMm1Mmsc.Push push =
        mmsc.notify(
            MmsMessage.builder()
                .from(Address.parse("+4915550777"))
                .subject("Over a link")
                .addPart(MmsPart.text("hello", StandardCharsets.UTF_8))
                .build());
    sim.store(push.sms());
    Path state = dir.resolve("state");
    CliRun r =
        CliRun.run(
            "listen",
            "--mm1",
            "--serial",
            pty.appPort(),
            "--mmsc-url",
            mmsc.mmscUri().toString(),
            "--link-up",
            up.toString(),
            "--link-down",
            down.toString(),
            "--state-dir",
            state.toString(),
            "--count",
            "1");
    assertThat(r.status).as(r.out + r.err).isZero();
    assertThat(r.jsonLines().get(0)).containsEntry("subject", "Over a link");
    assertThat(Files.readAllLines(log)).containsExactly("up", "down");
    try (var files = Files.list(state)) {
      Path file = files.filter(f -> f.toString().endsWith(".state")).findFirst().orElseThrow();
      assertThat(Files.readAllLines(file)).contains("m " + push.messageId());
    }
  }
}
