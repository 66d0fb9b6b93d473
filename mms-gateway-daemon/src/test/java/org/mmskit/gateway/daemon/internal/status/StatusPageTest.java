package org.mmskit.gateway.daemon.internal.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page and its JSON over HTTP from a real gateway, filled by {@link StatusFixture#fill}. */
class StatusPageTest {
  @TempDir Path dir;
  private StatusFixture fx;
  private StatusFixture.Filled filled;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    fx = new StatusFixture(dir);
    filled = fx.fill();
  }

  @AfterEach
  void stop() throws Exception {
    fx.close();
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(fx.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void pageIsSelfContainedAndEscapesWhatPeersSent() throws Exception {
    HttpResponse<String> r = get("/");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
    assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("default-src 'none'");
    String page = r.body();
    // Nothing the browser would fetch or run.
    assertThat(page).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<img");
    assertThat(page).doesNotContain("src=\"").doesNotContain("<link");
    assertThat(page)
        .contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;")
        .contains("onerror=&quot;")
        .contains("&amp;amp; &quot;quoted&quot;")
        .contains("Address &lt;error&gt;");
    assertThat(page).contains(filled.sent(), filled.failed(), filled.cancelled());
    filled.queued().forEach(id -> assertThat(page).contains(id));
    assertThat(page).contains("mmsc-a", "mmsc-down", "fast", "blocked");
    assertThat(page).contains("<meta http-equiv=\"refresh\" content=\"10\">");
  }

  @Test
  void jsonHoldsWhatThePageShows() throws Exception {
    HttpResponse<String> r = get("/status.json");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode j = new ObjectMapper().readTree(r.body());

    assertThat(j.at("/totals/submitted").asLong()).isEqualTo(5);
    assertThat(j.at("/totals/sent").asLong()).isEqualTo(1);
    assertThat(j.at("/totals/failed").asLong()).isEqualTo(1);
    assertThat(j.at("/totals/cancelled").asLong()).isEqualTo(1);
    assertThat(j.at("/totals/deliveryReports").asLong()).isEqualTo(1);
    assertThat(j.at("/totals/incoming").asLong()).isEqualTo(1);
    assertThat(j.at("/totals/errors").asLong()).isEqualTo(1);

    assertThat(j.at("/connections/0/name").asText()).isEqualTo("mmsc-a");
    assertThat(j.at("/connections/0/last/ok").asBoolean()).isFalse(); // the 2002 came last
    assertThat(j.at("/connections/0/last/detail").asText()).contains("2002");
    assertThat(j.at("/connections/0/okCount").asLong()).isEqualTo(1);
    assertThat(j.at("/connections/1/name").asText()).isEqualTo("mmsc-down");
    assertThat(j.at("/connections/1/last/ok").asBoolean()).isFalse();

    assertThat(j.at("/routes/0/route").asText()).isEqualTo("fast");
    assertThat(j.at("/routes/0/queueDepth").asLong()).isZero();
    assertThat(j.at("/routes/1/route").asText()).isEqualTo("blocked");
    assertThat(j.at("/routes/1/queueDepth").asLong()).isEqualTo(2);

    List<String> states = new ArrayList<>();
    for (JsonNode m : j.get("messages")) {
      states.add(m.get("trackingId").asText() + "=" + m.get("state").asText());
    }
    assertThat(states)
        .containsExactly(
            filled.cancelled() + "=CANCELLED",
            filled.queued().get(1) + "=QUEUED",
            filled.queued().get(0) + "=QUEUED",
            filled.failed() + "=FAILED",
            filled.sent() + "=SENT");

    JsonNode report = j.at("/reports/0");
    assertThat(report.get("trackingId").asText()).isEqualTo(filled.sent());
    assertThat(report.get("status").asText()).isEqualTo("RETRIEVED");
    assertThat(report.get("recipient").asText()).isEqualTo("+15550001");
    assertThat(j.at("/incoming/0/subject").asText()).isEqualTo(StatusFixture.HOSTILE);
    assertThat(j.at("/webhooks/0/url").asText()).endsWith("/hook");
    assertThat(j.at("/webhooks/0/pending").asLong()).isZero();
    assertThat(j.at("/webhooks/0/lastDeliveredAt").isTextual()).isTrue();
    assertThat(j.at("/webhooks/1/url").asText()).isEqualTo(fx.deadTarget.toString());
    assertThat(j.at("/webhooks/1/pending").asLong()).isEqualTo(5);
    assertThat(j.at("/webhooks/1/attempts").asLong()).isEqualTo(1);
    assertThat(j.at("/webhooks/1/lastError").asText()).isNotEmpty();
    assertThat(j.at("/webhooks/1/lastDeliveredAt").isMissingNode()).isTrue();
    assertThat(j.at("/errors/0/what").asText()).isEqualTo(StatusFixture.HOSTILE);
  }

  @Test
  void otherPathsAndMethodsAreRefusedAndThePageKeepsServing() throws Exception {
    assertThat(get("/v1/nothing").statusCode()).isEqualTo(404);
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(fx.uri("/"))
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    assertThat(get("/").statusCode()).isEqualTo(200);
  }

  @Test
  void aRouteWhoseDepthCannotBeReadSaysSoAndTheRestStillShows() throws Exception {
    Activity other = Activity.create(List.of("x"), List.of("fast", "no-such-route"));
    StatusPage.View v = new StatusPage(other, fx.gateway, List::of).view();
    assertThat(v.routes().get(0).depth()).hasValue(0);
    assertThat(v.routes().get(1).depth()).isEmpty();
    assertThat(v.routes().get(1).error()).contains("no route named no-such-route");
    assertThat(StatusHtml.render(v)).contains("unavailable: no route named no-such-route");
  }

  @Test
  void webhookTargetsThatCannotBeReadSaySoAndTheRestStillShows() throws Exception {
    StatusPage.View v =
        new StatusPage(
                fx.activity,
                fx.gateway,
                () -> {
                  throw new IllegalStateException("outbox <closed>");
                })
            .view();
    assertThat(v.webhooks()).isEmpty();
    String page = StatusHtml.render(v);
    assertThat(page).contains("unavailable: outbox &lt;closed&gt;").contains(filled.sent());
  }
}
