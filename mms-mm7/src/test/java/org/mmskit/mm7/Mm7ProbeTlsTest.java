package org.mmskit.mm7;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.MmsListener;
import org.mmskit.mm7.Mm7ProbeResult.Step;
import org.mmskit.server.ServerTls;

/**
 * The probe's TLS step against an HTTPS server with a throw-away self-signed certificate: the
 * certificate is shown and said not to verify under the default trust, and to verify when the probe
 * is given a context trusting it.
 */
class Mm7ProbeTlsTest {
  private static final char[] PASSWORD = "test-only-password".toCharArray();

  @TempDir Path dir;
  private Path p12;

  @BeforeEach
  void makeKey() throws Exception {
    p12 = dir.resolve("mmsc.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    keytool,
                    "-genkeypair",
                    "-alias",
                    "mmsc",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=127.0.0.1,O=Probe Test",
                    "-ext",
                    "san=ip:127.0.0.1",
                    "-validity",
                    "2",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    p12.toString(),
                    "-storepass",
                    new String(PASSWORD),
                    "-keypass",
                    new String(PASSWORD)))
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
  }

  private Mm7Listener server() {
    MmsListener app =
        new MmsListener() {
          @Override
          public org.mmskit.core.Acknowledgement onDeliveryReport(DeliveryReport r) {
            return org.mmskit.core.Acknowledgement.ok();
          }
        };
    return Mm7Listener.builder()
        .port(0)
        .tls(ServerTls.fromPkcs12(p12, PASSWORD))
        .listener(app)
        .start();
  }

  private static Step step(Mm7ProbeResult r, String name) {
    return r.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aSelfSignedCertificateIsShownAndDoesNotVerify() {
    try (Mm7Listener mmsc = server()) {
      Mm7ProbeResult r =
          Mm7Probe.builder().url(mmsc.uri()).spacing(Duration.ofSeconds(1), d -> {}).build().run();
      Step tls = step(r, "tls");
      assertThat(tls.ok()).isFalse();
      assertThat(tls.detail())
          .contains("CN=127.0.0.1")
          .contains("does not verify")
          .contains("valid until");
      assertThat(r.verdict()).isEqualTo(Mm7ProbeResult.Verdict.UNREACHABLE);
      assertThat(r.advice()).contains("CA certificate");
      assertThat(r.requestsSent()).isZero();
    }
  }

  @Test
  void withTheCertificateTrustedTheHandshakeVerifiesAndHttpIsTried() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      trust.load(in, PASSWORD);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    try (Mm7Listener mmsc = server()) {
      Mm7ProbeResult r =
          Mm7Probe.builder()
              .url(mmsc.uri())
              .sslContext(ctx)
              .maxRequests(2)
              .spacing(Duration.ofSeconds(1), d -> {})
              .build()
              .run();
      Step tls = step(r, "tls");
      assertThat(tls.ok()).isTrue();
      assertThat(tls.detail()).startsWith("TLSv1.").contains("O=Probe Test").endsWith("verifies");
      assertThat(step(r, "http").detail()).startsWith("HTTP ");
      assertThat(r.requestsSent()).isEqualTo(2);
      assertThat(r.attempts()).hasSize(1);
    }
  }
}
