package org.mmskit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mmskit gateway}: a configuration refused with every problem, and the demo at work. */
class GatewayCommandTest {
  @TempDir Path dir;

  @Test
  void needsAConfigurationOrTheDemo() {
    CapturedRun.Result r = CapturedRun.run("gateway");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("give --config FILE or --demo");
  }

  @Test
  void aWrongConfigurationIsRefusedWithEveryProblemAndItsLine() throws Exception {
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(
        config,
        """
        api:
          port: http
        connections:
          a:
            via: mm7
            ulr: http://127.0.0.1:9000/mm7
        """);
    CapturedRun.Result r = CapturedRun.run("gateway", "--config", config.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .contains("line 2: api.port: 'http' is not a whole number")
        .contains("line 1: api.keys: required")
        .contains("line 4: connections.a.url: required")
        .contains("line 6: connections.a.ulr: unknown key (did you mean url?)")
        .doesNotContain("\tat ");
  }

  @Test
  void theDemoSendsAMessageAndPrintsItsDeliveryReport() throws Exception {
    try (CapturedRun capture = new CapturedRun()) {
      Background gateway =
          Background.start("gateway", "--demo", "--demo-dir", dir.resolve("demo").toString());
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> capture.out().contains("Stop with Ctrl-C"));
      String banner = capture.out();
      Matcher key = Pattern.compile("API key: +(\\S+)").matcher(banner);
      Matcher api = Pattern.compile("API: +(http://\\S+)").matcher(banner);
      assertThat(key.find()).isTrue();
      assertThat(api.find()).isTrue();
      assertThat(banner).contains("curl -s -H 'Authorization: Bearer " + key.group(1) + "'");
      HttpResponse<String> posted =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(api.group(1)).resolve("/v1/messages"))
                      .header("Authorization", "Bearer " + key.group(1))
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"to\":\"+15551234567\",\"text\":\"Hi\",\"deliveryReport\":true}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
      @SuppressWarnings("unchecked")
      String trackingId =
          (String) ((Map<String, Object>) Json.parse(posted.body())).get("trackingId");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  capture
                      .out()
                      .lines()
                      .anyMatch(
                          l ->
                              l.startsWith("webhook: ")
                                  && l.contains("\"delivery_report\"")
                                  && l.contains(trackingId)));
      assertThat(capture.out()).contains("\"outcome\"");
      assertThat(gateway.stop()).isZero();
      assertThat(dir.resolve("demo/gateway-demo.yaml")).exists();
    }
  }
}
