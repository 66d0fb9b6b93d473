package org.mmskit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.Transport;
import org.mmskit.mm7.Mm7Client;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.testkit.MockMmsc;

/**
 * Without {@code --count}, {@code listen} and {@code simulate} serve every request until
 * interrupted (they used to exit after the first one).
 */
class RunsUntilInterruptedTest {

  @Test
  void listenKeepsServingAndReportsReadTheSameOnBothTransports() throws Exception {
    for (String transport : List.of("--mm7", "--eaif")) {
      try (CapturedRun capture = new CapturedRun();
          MockMmsc mmsc = MockMmsc.start()) {
        Background listen = Background.start("listen", transport);
        URI uri = EaifCommandsTest.awaitListening(capture);
        Transport t = transport.equals("--mm7") ? Transport.MM7 : Transport.EAIF;
        for (int i = 0; i < 3; i++) {
          assertThat(
                  mmsc.sendDeliveryReport(
                          uri,
                          t,
                          Mm7Version.DEFAULT,
                          "id-" + i,
                          Address.phone("+15550001111"),
                          Address.shortCode("12345"),
                          DeliveryStatus.REJECTED)
                      .isSuccess())
              .isTrue();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> capture.out().lines().count() == 3);
        assertThat(listen.isRunning()).isTrue();
        assertThat(listen.stop()).isZero();
        List<Map<String, Object>> lines = CapturedRun.jsonLines(capture.out());
        assertThat(lines)
            .extracting(l -> l.get("messageId"))
            .containsExactly("id-0", "id-1", "id-2");
        // EAIF carries 0x82: the line names it as MM7 does.
        assertThat(lines).allSatisfy(l -> assertThat(l).containsEntry("status", "Rejected"));
      }
    }
  }

  @Test
  void simulateKeepsServingUntilInterrupted() throws Exception {
    try (CapturedRun capture = new CapturedRun()) {
      Background simulate = Background.start("simulate");
      await().atMost(Duration.ofSeconds(15)).until(() -> capture.err().contains("\"mm7\""));
      URI mm7 = URI.create((String) readyLine(capture).get("mm7"));
      MmsMessage m =
          MmsMessage.builder()
              .from(Address.shortCode("12345"))
              .to(Address.phone("+15550001111"))
              .addPart(MmsPart.text("hi"))
              .build();
      try (Mm7Client c = Mm7Client.builder().endpoint(mm7).build()) {
        for (int i = 0; i < 3; i++) {
          c.submit(m);
        }
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> capture.out().lines().count() == 3);
      assertThat(simulate.isRunning()).isTrue();
      assertThat(simulate.stop()).isZero();
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> readyLine(CapturedRun capture) {
    for (String line : capture.err().split("\n")) {
      if (line.startsWith("{") && line.contains("\"mm7\"")) {
        return (Map<String, Object>) Json.parse(line.trim());
      }
    }
    throw new AssertionError("no ready line in " + capture.err());
  }
}
