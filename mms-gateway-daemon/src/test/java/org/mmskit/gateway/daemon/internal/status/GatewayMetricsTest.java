package org.mmskit.gateway.daemon.internal.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.gateway.MessageState;

/** {@code /metrics} scraped over HTTP from a real gateway, filled by {@link StatusFixture#fill}. */
class GatewayMetricsTest {
  @TempDir Path dir;
  private StatusFixture fx;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    fx = new StatusFixture(dir);
  }

  @AfterEach
  void stop() throws Exception {
    fx.close();
  }

  HttpResponse<String> scrapeResponse() throws Exception {
    return http.send(
        HttpRequest.newBuilder(fx.uri("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The samples of a text exposition: series (name and labels as written) to value. Prometheus'
   * text format puts one sample per line, {@code series value [timestamp]}; label values here hold
   * no spaces.
   */
  static Map<String, Double> samples(String text) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.trim().split(" ");
      assertThat(f.length).as("sample line %s", line).isBetween(2, 3);
      out.put(f[0], Double.parseDouble(f[1]));
    }
    return out;
  }

  Map<String, Double> scrape() throws Exception {
    HttpResponse<String> r = scrapeResponse();
    assertThat(r.statusCode()).isEqualTo(200);
    return samples(r.body());
  }

  @Test
  void beforeAnyTrafficEveryKnownSeriesIsThereAtZero() throws Exception {
    HttpResponse<String> r = scrapeResponse();
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(r.body())
        .contains("# TYPE mmskit_gateway_queue_depth gauge")
        .contains("# TYPE mmskit_gateway_outcomes_total counter")
        .contains("# TYPE mmskit_gateway_send_latency_seconds histogram");
    Map<String, Double> s = samples(r.body());
    assertThat(s)
        .containsEntry("mmskit_gateway_queue_depth{route=\"fast\"}", 0.0)
        .containsEntry("mmskit_gateway_queue_depth{route=\"blocked\"}", 0.0)
        .containsEntry("mmskit_gateway_webhook_backlog", 0.0)
        .containsEntry("mmskit_gateway_submitted_total", 0.0)
        .containsEntry("mmskit_gateway_outcomes_total{outcome=\"sent\"}", 0.0)
        .containsEntry("mmskit_gateway_outcomes_total{outcome=\"failed\"}", 0.0)
        .containsEntry("mmskit_gateway_outcomes_total{outcome=\"cancelled\"}", 0.0)
        .containsEntry(
            "mmskit_gateway_connection_requests_total{connection=\"mmsc-down\",result=\"failed\"}",
            0.0)
        .containsEntry("mmskit_gateway_send_latency_seconds_count{outcome=\"sent\"}", 0.0)
        .containsEntry("mmskit_gateway_webhook_posts_total{result=\"failed\"}", 0.0);
  }

  @Test
  void countsWhatHappenedAndReadsTheQueueAndBacklogAtEachScrape() throws Exception {
    StatusFixture.Filled filled = fx.fill();
    // Five events each: taken by the live receiver, refused by the dead one (retried in an hour).
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              Map<String, Double> m = scrape();
              return m.get("mmskit_gateway_webhook_posts_total{result=\"ok\"}") == 5.0
                  && m.get("mmskit_gateway_webhook_posts_total{result=\"failed\"}") == 5.0;
            });
    Map<String, Double> s = scrape();
    assertThat(s)
        .containsEntry("mmskit_gateway_queue_depth{route=\"fast\"}", 0.0)
        .containsEntry("mmskit_gateway_queue_depth{route=\"blocked\"}", 2.0)
        .containsEntry("mmskit_gateway_webhook_backlog", 5.0)
        .containsEntry("mmskit_gateway_submitted_total", 5.0)
        .containsEntry("mmskit_gateway_outcomes_total{outcome=\"sent\"}", 1.0)
        .containsEntry("mmskit_gateway_outcomes_total{outcome=\"failed\"}", 1.0)
        .containsEntry("mmskit_gateway_outcomes_total{outcome=\"cancelled\"}", 1.0)
        .containsEntry(
            "mmskit_gateway_reports_total{kind=\"delivery_report\",status=\"retrieved\"}", 1.0)
        .containsEntry("mmskit_gateway_incoming_messages_total{transport=\"mm7\"}", 1.0)
        .containsEntry(
            "mmskit_gateway_connection_requests_total{connection=\"mmsc-a\",result=\"ok\"}", 1.0)
        .containsEntry(
            "mmskit_gateway_connection_requests_total{connection=\"mmsc-a\",result=\"failed\"}",
            1.0)
        .containsEntry("mmskit_gateway_errors_total", 1.0)
        .containsEntry("mmskit_gateway_send_latency_seconds_count{outcome=\"sent\"}", 1.0)
        .containsEntry("mmskit_gateway_send_latency_seconds_count{outcome=\"failed\"}", 1.0);
    // Each of the three waiting messages was tried once on the dead connection.
    assertThat(
            s.get(
                "mmskit_gateway_connection_requests_total{connection=\"mmsc-down\",result=\"failed\"}"))
        .isEqualTo(3.0);
    // A send over loopback ends well within the first buckets' reach; the +Inf bucket holds all.
    assertThat(s.get("mmskit_gateway_send_latency_seconds_bucket{outcome=\"sent\",le=\"+Inf\"}"))
        .isEqualTo(1.0);
    // history times are whole milliseconds: a send over loopback may take none of them
    assertThat(s.get("mmskit_gateway_send_latency_seconds_sum{outcome=\"sent\"}"))
        .isGreaterThanOrEqualTo(0.0)
        .isLessThan(30.0);

    // Gauges follow the gateway: cancel what waits and the depth falls to zero.
    filled.queued().forEach(id -> assertThat(fx.gateway.cancel(id)).isTrue());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> scrape().get("mmskit_gateway_queue_depth{route=\"blocked\"}") == 0.0);
    assertThat(scrape()).containsEntry("mmskit_gateway_outcomes_total{outcome=\"cancelled\"}", 3.0);
  }

  @Test
  void anOutcomeToldTwiceIsCountedOnce() throws Exception {
    String id = fx.submit("+15550001", "once");
    fx.awaitFinal(id);
    fx.activity.outcome(fx.gateway.status(id).orElseThrow());
    assertThat(scrape())
        .containsEntry("mmskit_gateway_outcomes_total{outcome=\"sent\"}", 1.0)
        .containsEntry("mmskit_gateway_send_latency_seconds_count{outcome=\"sent\"}", 1.0);
    assertThat(fx.activity.snapshot().counts().outcomes()).containsEntry(MessageState.SENT, 1L);
  }

  @Test
  void eachDaemonHasItsOwnRegistry() throws Exception {
    Activity other = Activity.create(List.of("x"), List.of("fast"));
    GatewayMetrics second = GatewayMetrics.create(other, fx.gateway, () -> 0);
    fx.submit("+15550001", "mine");
    assertThat(second.registry()).isNotSameAs(fx.metrics.registry());
    assertThat(samples(second.scrape())).containsEntry("mmskit_gateway_submitted_total", 0.0);
    assertThat(scrape()).containsEntry("mmskit_gateway_submitted_total", 1.0);
    assertThat(io.micrometer.core.instrument.Metrics.globalRegistry.getMeters()).isEmpty();
    assertThat(
            Optional.ofNullable(fx.metrics.registry().find("mmskit.gateway.submitted").counter()))
        .isPresent();
  }

  @Test
  void onlyGetIsAnswered() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(fx.uri("/metrics"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(scrapeResponse().statusCode()).isEqualTo(200);
  }
}
