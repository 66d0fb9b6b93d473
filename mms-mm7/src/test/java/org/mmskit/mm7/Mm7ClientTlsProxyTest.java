package org.mmskit.mm7;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mmskit.core.MmsTransportException;

/** TLS (WireMock's self-signed certificate) and an HTTP proxy, on loopback. */
class Mm7ClientTlsProxyTest {

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().dynamicHttpsPort().bindAddress("127.0.0.1"))
          .build();

  private void stubOk() {
    wm.stubFor(
        post("/mm7")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        Mm7ClientTest.rsp(
                            Mm7Version.DEFAULT.namespace(),
                            "SubmitRsp",
                            1000,
                            "ok",
                            "<MessageID>tls</MessageID>"))
                    .withTransformers("response-template")));
  }

  private static SSLContext trustingEverything() throws Exception {
    TrustManager tm =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {tm}, null);
    return ctx;
  }

  private Mm7Client.Builder https() {
    return Mm7Client.builder()
        .endpoint(URI.create("https://localhost:" + wm.getHttpsPort() + "/mm7"))
        .responseTimeout(Duration.ofSeconds(30));
  }

  @Test
  void tlsWithAGivenContext() throws Exception {
    stubOk();
    try (Mm7Client c = https().sslContext(trustingEverything()).verifyHostname(false).build()) {
      assertThat(c.submit(Mm7ClientTest.message()).messageId()).isEqualTo("tls");
    }
  }

  /** Over TLS too, a wait for an answer longer than the response timeout ends. */
  @Test
  void responseTimeoutOverTls() throws Exception {
    wm.stubFor(
        post("/mm7").willReturn(aResponse().withStatus(200).withFixedDelay(3000).withBody("late")));
    try (Mm7Client c =
        https()
            .sslContext(trustingEverything())
            .verifyHostname(false)
            .responseTimeout(Duration.ofMillis(300))
            .build()) {
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> c.submit(Mm7ClientTest.message()))
          .isInstanceOfSatisfying(
              MmsTransportException.class, e -> assertThat(e.getMessage()).contains("no response"));
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(2900));
    }
  }

  @Test
  void hostnameIsVerifiedByDefault() throws Exception {
    stubOk();
    try (Mm7Client c = https().sslContext(trustingEverything()).build()) {
      assertThatThrownBy(() -> c.submit(Mm7ClientTest.message()))
          .isInstanceOf(MmsTransportException.class)
          .hasMessageContaining("TLS");
    }
  }

  @Test
  void untrustedCertificateIsATransportFailureBeforeSending() {
    stubOk();
    try (Mm7Client c = https().build()) {
      assertThatThrownBy(() -> c.submit(Mm7ClientTest.message()))
          .isInstanceOfSatisfying(
              MmsTransportException.class,
              e -> {
                assertThat(e.getMessage()).contains("TLS");
                assertThat(e.requestSent()).isFalse();
                assertThat(e.isRetryable()).isFalse();
              });
    }
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void requestsGoThroughTheProxy() {
    stubOk();
    try (Mm7Client c =
        Mm7Client.builder()
            .endpoint(URI.create("http://mmsc.invalid:8080/mm7"))
            .proxy(URI.create("http://127.0.0.1:" + wm.getPort()))
            .responseTimeout(Duration.ofSeconds(30))
            .build()) {
      assertThat(c.submit(Mm7ClientTest.message()).messageId()).isEqualTo("tls");
    }
    assertThat(wm.getAllServeEvents()).hasSize(1);
    assertThat(wm.getAllServeEvents().get(0).getRequest().getAbsoluteUrl())
        .contains("mmsc.invalid");
  }
}
