package org.mmskit.gateway.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.Transport;
import org.mmskit.testkit.MmscProfile;
import org.mmskit.testkit.MockMmsc;
import org.mmskit.testkit.Submission;
import org.mmskit.testkit.VaspAnswer;

/**
 * The daemon as operators run it: a child JVM started from a configuration file, messages posted to
 * its API over HTTP, MockMmsc as the operator's MMSC, a webhook receiver on loopback; stopped with
 * SIGTERM or killed with {@code kill -9} in the middle of a batch, then started again from the same
 * file.
 */
class EndToEndTest {
  @TempDir Path dir;

  private Path config(MockMmsc mmsc, HookReceiver hooks) throws Exception {
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(
        config,
        """
        api:
          port: 0
          keys:
            - name: tests
              keyEnv: API_KEY
          shutdownTimeout: 20s
        connections:
          mock:
            via: mm7
            url: %s
        routes:
          - name: default
            connection: mock
            defaultSender: "12345"
            maxConcurrency: 4
        retry:
          initialDelay: 1s
          maxDelay: 2s
        listeners:
          http:
            bindAddress: 127.0.0.1
            port: 0
            mm7:
              accounts:
                - name: mmsc
                  passwordEnv: MMSC_PASSWORD
        webhooks:
          targets:
            - url: %s
              secretEnv: HOOK_SECRET
          firstRetry: 1s
          maxRetry: 2s
        """
            .formatted(mmsc.mm7Uri(), hooks.uri()));
    return config;
  }

  private static final Map<String, String> ENV =
      Map.of(
          "API_KEY",
          Api.KEY,
          "MMSC_PASSWORD",
          "inbound-secret",
          "HOOK_SECRET",
          HookReceiver.SECRET);

  private static String post(Api api, int i, boolean report) {
    Api.Answer a =
        api.postJson(
            "{\"to\": \"+1555%07d\", \"subject\": \"m-%d\", \"text\": \"batch\", \"deliveryReport\": %s}"
                .formatted(i, i, report));
    assertEquals(202, a.status(), a.body());
    return a.json().get("trackingId").asText();
  }

  private static Set<String> subjects(MockMmsc mmsc) {
    return mmsc.submissions().stream()
        .map(s -> s.message().flatMap(MmsMessage::subject).orElse(""))
        .collect(Collectors.toSet());
  }

  @Test
  void sigtermLetsSendsUnderWayFinishExitsZeroAndLosesNothing() throws Exception {
    MmscProfile slow = MmscProfile.builder().delay(Duration.ofMillis(300)).build();
    try (MockMmsc mmsc =
            MockMmsc.builder().vaspCredentials("mmsc", "inbound-secret").profile(slow).start();
        HookReceiver hooks = new HookReceiver()) {
      Path config = config(mmsc, hooks);
      Set<String> accepted = ConcurrentHashMap.newKeySet();
      try (DaemonProcess d = new DaemonProcess(config, dir.resolve("daemon.log"), ENV)) {
        Api api = new Api(d.api());
        for (int i = 0; i < 20; i++) {
          accepted.add(post(api, i, false));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> mmsc.requestCount() > 0);
        assertEquals(0, d.terminate(), "exit status after SIGTERM");
      }
      try (DaemonProcess d = new DaemonProcess(config, dir.resolve("daemon.log"), ENV)) {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> hooks.trackingIds("outcome").containsAll(accepted));
        // a graceful stop leaves no send with an unknown outcome, so nothing went twice
        assertEquals(20, mmsc.submissions().size());
        for (int i = 0; i < 20; i++) {
          assertTrue(subjects(mmsc).contains("m-" + i), "m-" + i + " reached the MMSC");
        }
        Api api = new Api(d.api());
        for (String id : accepted) {
          String status = api.get("/v1/messages/" + id).body();
          assertTrue(status.contains("\"state\":\"SENT\""), status);
          assertTrue(!status.contains("OUTCOME_UNKNOWN"), status);
        }
        assertEquals(0, d.terminate());
      }
    }
  }

  @Test
  void killDashNineInTheMiddleOfABatchThenARestartSendsEveryAcceptedMessageAndEveryReport()
      throws Exception {
    try (MockMmsc mmsc =
            MockMmsc.builder()
                .vaspCredentials("mmsc", "inbound-secret")
                .profile(MmscProfile.builder().delay(Duration.ofMillis(50)).build())
                .start();
        HookReceiver hooks = new HookReceiver()) {
      Path config = config(mmsc, hooks);
      Set<String> accepted = ConcurrentHashMap.newKeySet();
      try (DaemonProcess d = new DaemonProcess(config, dir.resolve("daemon.log"), ENV)) {
        // a report 50 ms after its submit often overtakes the storing of the MMSC's answer: the
        // gateway keeps it and matches it later
        mmsc.autoDeliveryReports(Transport.MM7, d.mm7Listener(), Duration.ofMillis(50));
        Api api = new Api(d.api());
        Thread poster =
            new Thread(
                () -> {
                  try {
                    for (int i = 0; i < 200; i++) {
                      accepted.add(post(api, i, true));
                    }
                  } catch (UncheckedIOException e) {
                    // the daemon was killed: what was not answered 202 was not accepted
                  }
                });
        poster.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> mmsc.submissions().size() >= 15);
        d.kill();
        poster.join(30_000);
      }
      assertTrue(accepted.size() >= 15, "accepted " + accepted.size());
      try (DaemonProcess d = new DaemonProcess(config, dir.resolve("daemon.log"), ENV)) {
        mmsc.autoDeliveryReports(Transport.MM7, d.mm7Listener(), Duration.ofMillis(50));
        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> hooks.trackingIds("outcome").containsAll(accepted));
        Set<String> reached = subjects(mmsc);
        // every accepted message reached the MMSC (the subjects of the accepted ones are m-0..)
        for (int i = 0; i < accepted.size(); i++) {
          assertTrue(reached.contains("m-" + i), "m-" + i + " reached the MMSC");
        }
        // The MMSC tries a report again when the daemon did not take it (it was down): replay
        // those, once every submission had its report answered one way or the other.
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> {
                  Set<String> answered =
                      mmsc.vaspAnswers().stream()
                          .map(VaspAnswer::messageId)
                          .collect(Collectors.toSet());
                  return mmsc.submissions().stream()
                      .allMatch(s -> answered.contains(s.messageId()));
                });
        Set<String> taken =
            mmsc.vaspAnswers().stream()
                .filter(VaspAnswer::isSuccess)
                .map(VaspAnswer::messageId)
                .collect(Collectors.toSet());
        List<Submission> all = mmsc.submissions();
        for (Submission s : all) {
          if (!taken.contains(s.messageId())) {
            // as an MMSC does: again until taken (a report the killed instance was handing over
            // may be answered "later" until its claim runs out)
            await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                    () ->
                        mmsc.sendDeliveryReport(
                                d.mm7Listener(),
                                s,
                                s.message().orElseThrow().to().get(0),
                                DeliveryStatus.RETRIEVED)
                            .isSuccess());
          }
        }
        try {
          await()
              .atMost(Duration.ofSeconds(60))
              .until(() -> hooks.trackingIds("delivery_report").containsAll(accepted));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
          Set<String> missing = new java.util.HashSet<>(accepted);
          missing.removeAll(hooks.trackingIds("delivery_report"));
          Api api = new Api(d.api());
          StringBuilder sb = new StringBuilder("no delivery report webhook for " + missing);
          for (String id : missing) {
            sb.append('\n').append(api.get("/v1/messages/" + id).body());
          }
          sb.append("\nreports without a tracking ID: ")
              .append(
                  hooks.ofType("delivery_report").stream()
                      .filter(x -> x.path("data").path("trackingId").isNull())
                      .toList());
          throw new AssertionError(sb.toString(), e);
        }
        assertTrue(hooks.badSignatures.isEmpty());
        assertEquals(0, d.terminate());
      }
    }
  }
}
