package org.mmskit.gateway.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.InboundContext;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.Transport;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.PduStatus;
import org.mmskit.core.pdu.PduType;
import org.mmskit.testkit.mm1.MockMm1Mmsc;
import org.mmskit.testkit.mm1.ModemSimulator;
import org.mmskit.testkit.mm1.PtyPair;

/**
 * A daemon whose only connection is a modem: the modem simulator on one end of a socat pty pair,
 * the daemon's modem on the other, the mock MMSC's MM1 side on loopback HTTP.
 */
class Mm1Test {
  private static final Duration T = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final MockMm1Mmsc mmsc = MockMm1Mmsc.start();
  private final HookReceiver hooks = new HookReceiver();
  private PtyPair pty;
  private ModemSimulator sim;
  private GatewayDaemon daemon;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
    if (sim != null) {
      sim.close();
    }
    if (pty != null) {
      pty.close();
    }
    hooks.close();
    mmsc.close();
  }

  private void startDaemon() throws Exception {
    pty = PtyPair.start(dir);
    sim = ModemSimulator.attach(pty.modemPort());
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(
        config,
        """
        api:
          port: 0
          keys:
            - name: tests
              keyEnv: API_KEY
        connections:
          sim:
            via: mm1
            mmscUrl: %s
            serial: %s
            timeout: 10s
        retry:
          initialDelay: 10m
        listeners:
          mm1:
            - connection: sim
              scanInterval: 1h
        webhooks:
          targets:
            - url: %s
              secretEnv: HOOK_SECRET
          firstRetry: 1s
          maxRetry: 2s
        """
            .formatted(mmsc.mmscUri(), pty.appPort(), hooks.uri()));
    Map<String, String> env = Map.of("API_KEY", Api.KEY, "HOOK_SECRET", HookReceiver.SECRET);
    daemon = GatewayDaemon.start(config, env::get);
  }

  @Test
  void aMessagePostedToTheApiReachesTheMmscOverTheModemConnection() throws Exception {
    startDaemon();
    Api api = new Api(daemon.apiUri());
    Api.Answer a =
        api.postJson(
            """
            {"to": "+4915550123", "subject": "Over MM1", "text": "Hi from the gateway"}
            """);
    assertEquals(202, a.status(), a.body());
    String id = a.json().get("trackingId").asText();

    MmsPdu req = mmsc.takeSendReq(T);
    assertNotNull(req, "no m-send-req reached the MMSC");
    assertEquals(List.of("+4915550123/TYPE=PLMN"), req.to());
    assertEquals("Over MM1", req.subject().orElseThrow());
    await()
        .atMost(T)
        .until(() -> api.get("/v1/messages/" + id).json().path("state").asText().equals("SENT"));
    JsonNode status = api.get("/v1/messages/" + id).json();
    String messageId = status.get("mmscMessageIds").get(0).asText();
    assertTrue(messageId.startsWith("mock-mm1-sent-"), status.toString());
    await().atMost(T).until(() -> hooks.trackingIds("outcome").contains(id));

    // the MMSC's m-delivery-ind comes back as a push to the same modem
    sim.deliver(mmsc.deliveryReport(report(messageId)));
    await().atMost(T).until(() -> hooks.trackingIds("delivery_report").contains(id));
    JsonNode report = hooks.ofType("delivery_report").get(0).get("data");
    assertEquals("RETRIEVED", report.get("status").asText());
    assertEquals("MM1", report.get("transport").asText());
    assertEquals(1, api.get("/v1/messages/" + id).json().get("reports").size());
  }

  private static DeliveryReport report(String messageId) {
    return new DeliveryReport(
        messageId,
        Optional.of(Address.parse("+4915550123")),
        Optional.empty(),
        Optional.of(Instant.now().truncatedTo(ChronoUnit.SECONDS)),
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
  }

  @Test
  void aMessagePushedToTheModemReachesTheWebhookAndOnlyThenIsAnswered() throws Exception {
    startDaemon();
    MockMm1Mmsc.Push push =
        mmsc.notify(
            MmsMessage.builder()
                .from(Address.parse("+4915550777"))
                .to(List.of(Address.parse("+4915550123")))
                .subject("Pushed to the modem")
                .addPart(MmsPart.text("hello modem " + "x".repeat(200), StandardCharsets.UTF_8))
                .build());
    sim.deliver(push.sms());

    await().atMost(T).until(() -> !hooks.ofType("message").isEmpty());
    JsonNode data = hooks.ofType("message").get(0).get("data");
    assertEquals("MM1", data.get("transport").asText());
    assertEquals("Pushed to the modem", data.get("subject").asText());
    assertEquals("+4915550777", data.get("from").asText());
    assertEquals(push.messageId(), data.get("messageId").asText());
    String body =
        new String(
            java.util.Base64.getDecoder().decode(data.get("parts").get(0).get("body").asText()),
            StandardCharsets.UTF_8);
    assertTrue(body.startsWith("hello modem"), body);

    await().atMost(T).until(() -> mmsc.notifications().size() == 1);
    MmsPdu resp = mmsc.notifications().get(0);
    assertEquals(PduType.NOTIFYRESP_IND, resp.type());
    assertEquals(push.transactionId(), resp.transactionId().orElseThrow());
    assertEquals(PduStatus.STATUS_RETRIEVED, resp.status().getAsInt());
    await().atMost(T).until(() -> sim.stored().isEmpty());
    assertTrue(hooks.badSignatures.isEmpty(), hooks.badSignatures.toString());
  }
}
