package org.mmskit.http.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mmskit.core.Header;
import org.mmskit.core.Transport;

/**
 * The one wire trace: surefire switches {@code org.mmskit.wire} to DEBUG into {@code
 * target/test-wire.log}; credentials never appear in it.
 */
class WireTraceTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  @Test
  void credentialsAreMasked() {
    assertThat(WireTrace.mask("Authorization", "Basic dXNlcjpwYXNz")).isEqualTo("Basic ****");
    assertThat(WireTrace.mask("proxy-authorization", "token")).isEqualTo("****");
    assertThat(WireTrace.mask("X-NOKIA-MMSC-To", "+1555")).isEqualTo("+1555");
    assertThat(WireTrace.maskUri(URI.create("http://u:secret@h/p"))).isEqualTo("http://****@h/p");
    assertThat(WireTrace.maskUri(URI.create("http://h/p"))).isEqualTo("http://h/p");
  }

  @Test
  void bodiesAreShownAsTextOrSummarised() {
    assertThat(WireTrace.summary("text/xml", "<a/>".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("<a/>");
    assertThat(WireTrace.summary("image/gif", new byte[] {1, 2, 3}))
        .isEqualTo("[3 bytes of image/gif]");
    assertThat(WireTrace.summary("text/plain", new byte[] {1, 2, 3, 4}))
        .isEqualTo("[4 bytes of text/plain]");
    assertThat(WireTrace.summary(null, new byte[0])).isEqualTo("(empty body)");
  }

  @Test
  void exchangeIsTracedWithoutTheSecret() throws Exception {
    String logFile = System.getProperty("org.slf4j.simpleLogger.logFile");
    Assumptions.assumeTrue(logFile != null, "wire log file not configured");
    String marker = "trace-marker-" + System.nanoTime();
    wm.stubFor(
        post("/in")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/plain")
                    .withBody("answer-" + marker)));
    HttpClientOptions o = new HttpClientOptions(true, 4096);
    o.endpoint("http://127.0.0.1:" + wm.getPort() + "/in");
    o.credentials("alice", "top-secret-pw");
    try (HttpTransport t = new HttpTransport(o, Transport.EAIF, WireTrace::summary)) {
      t.post(
          List.of(new Header("X-Marker", marker)),
          RequestBody.of("text/plain", new byte[] {'x'}, "[body of " + marker + "]"));
    }
    Path log = Path.of(logFile);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Files.exists(log) && Files.readString(log).contains("answer-" + marker));
    String text = Files.readString(log, StandardCharsets.UTF_8);
    String exchange = text.substring(text.lastIndexOf("EAIF >> POST", text.indexOf(marker)));
    assertThat(exchange)
        .contains("X-Marker: " + marker)
        .contains("Authorization: Basic ****")
        .contains("Content-Length: 1")
        .contains("[body of " + marker + "]")
        .contains("EAIF << 200");
    assertThat(text).doesNotContain("top-secret-pw").doesNotContain("YWxpY2U6dG9wLXNlY3JldC1wdw");
  }
}
