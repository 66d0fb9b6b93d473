package org.mmskit.eaif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.core.MmsTransportException;
import org.mmskit.server.ServerTls;

/** EAIF over HTTPS on loopback, with a self-signed key made by the JDK's keytool for the test. */
class EaifTlsTest {
  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir static Path dir;
  static Path keyStore;

  @BeforeAll
  static void makeKey() throws Exception {
    keyStore = dir.resolve("eaif.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p =
        new ProcessBuilder(
                keytool,
                "-genkeypair",
                "-alias",
                "eaif",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  static SSLContext trusting(Path store) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, PASSWORD);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  @Test
  void submitOverHttpsToATlsListener() throws Exception {
    EaifHandlerTest.Recorder recorder = new EaifHandlerTest.Recorder();
    try (EaifListener listener =
            EaifListener.builder(recorder)
                .tls(ServerTls.fromPkcs12(keyStore, PASSWORD))
                .account("mmsc", "pw")
                .start();
        EaifClient client =
            EaifClient.builder()
                .endpoint(listener.uri())
                .sslContext(trusting(keyStore))
                .credentials("mmsc", "pw")
                .build()) {
      assertThat(listener.uri().getScheme()).isEqualTo("https");
      assertThat(client.submit(EaifClientTest.message()).statusCode()).isEqualTo(204);
      assertThat(recorder.messages).hasSize(1);
      assertThat(recorder.messages.get(0).context().account()).contains("mmsc");
    }
  }

  @Test
  void untrustedServerIsRefusedBeforeSending() throws Exception {
    EaifHandlerTest.Recorder recorder = new EaifHandlerTest.Recorder();
    try (EaifListener listener =
            EaifListener.builder(recorder)
                .tls(ServerTls.fromPkcs12(keyStore, PASSWORD))
                .open()
                .start();
        EaifClient client =
            EaifClient.builder()
                .endpoint(listener.uri())
                .connectTimeout(Duration.ofSeconds(5))
                .build()) {
      MmsTransportException e =
          catchThrowableOfType(
              MmsTransportException.class, () -> client.submit(EaifClientTest.message()));
      assertThat(e.requestSent()).isFalse();
      assertThat(e.getMessage()).contains("TLS");
      assertThat(recorder.calls()).isZero();
    }
  }
}
