package org.mmskit.mm7;

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
import java.util.Base64;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;

/**
 * The wire trace on logger {@code org.mmskit.wire}: surefire switches it to DEBUG into {@code
 * target/test-wire.log} (slf4j-simple); credentials must be masked and binary parts summarised.
 */
class Mm7WireLogTest {

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  @Test
  void exchangeIsTracedWithCredentialsMasked() throws Exception {
    String logFile = System.getProperty("org.slf4j.simpleLogger.logFile");
    Assumptions.assumeTrue(logFile != null, "wire log file not configured");
    String ns = Mm7Version.DEFAULT.namespace();
    wm.stubFor(
        post("/mm7")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        Mm7ClientTest.rsp(
                            ns, "SubmitRsp", 1000, "Logged-OK", "<MessageID>w1</MessageID>"))
                    .withTransformers("response-template")));
    String marker = "wire-marker-" + System.nanoTime();
    byte[] binary = new byte[4000];
    new java.util.Random(1).nextBytes(binary);
    try (Mm7Client c =
        Mm7Client.builder()
            .endpoint(URI.create("http://127.0.0.1:" + wm.getPort() + "/mm7"))
            .credentials("alice", "top-secret-pw")
            .responseTimeout(Duration.ofSeconds(30))
            .build()) {
      c.submit(
          MmsMessage.builder()
              .to(Address.phone("+15550001"))
              .subject(marker)
              .addPart(MmsPart.of("image/jpeg", binary))
              .build());
    }
    Path log = Path.of(logFile);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Files.exists(log) && Files.readString(log).contains("Logged-OK"));
    String text = Files.readString(log, StandardCharsets.UTF_8);
    int from = text.indexOf(marker);
    assertThat(from).isPositive();
    String exchange = text.substring(text.lastIndexOf(">> POST", from));
    assertThat(exchange).contains("SOAPAction: \"\"");
    assertThat(exchange).contains("Authorization: Basic ****");
    String secret =
        Base64.getEncoder().encodeToString("alice:top-secret-pw".getBytes(StandardCharsets.UTF_8));
    assertThat(text).doesNotContain(secret).doesNotContain("top-secret-pw");
    assertThat(exchange).contains("<mm7:SubmitReq>");
    assertThat(exchange)
        .contains("[1 content part(s) streamed]")
        .contains("Content-Type: image/jpeg")
        .contains("[4000 bytes, base64]");
    assertThat(exchange)
        .doesNotContain(Base64.getMimeEncoder().encodeToString(binary).substring(0, 60));
    assertThat(exchange).contains("<< 200").contains("Logged-OK");
  }
}
