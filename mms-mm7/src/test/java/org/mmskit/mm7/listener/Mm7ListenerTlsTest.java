package org.mmskit.mm7.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.core.DeliveryReport;
import org.mmskit.mm7.Mm7Listener;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.server.ServerTls;

/** The listener over HTTPS, with a throw-away key made by keytool when the test runs. */
class Mm7ListenerTlsTest {
  private static final char[] PASSWORD = "test-only-password".toCharArray();

  @TempDir Path dir;

  @Test
  void servesMm7OverHttpsWithBasicAuth() throws Exception {
    Path p12 = dir.resolve("listener.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    keytool,
                    "-genkeypair",
                    "-alias",
                    "listener",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=127.0.0.1",
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

    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      trust.load(in, PASSWORD);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext client = SSLContext.getInstance("TLS");
    client.init(null, tmf.getTrustManagers(), null);

    RecordingListener recorder = new RecordingListener();
    try (Mm7Listener listener =
        Mm7Listener.builder()
            .port(0)
            .tls(ServerTls.fromPkcs12(p12, PASSWORD))
            .account("mmsc", "pw")
            .listener(recorder)
            .start()) {
      URI uri = listener.uri();
      assertThat(uri.getScheme()).isEqualTo("https");
      MmscPeer.Encoded req =
          MmscPeer.encode("tx-tls", Mm7Version.DEFAULT, MmscPeer.deliveryReportReq());
      HttpClient http =
          HttpClient.newBuilder()
              .sslContext(client)
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(10))
              .build();
      HttpResponse<byte[]> r =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(Duration.ofSeconds(20))
                  .header("Content-Type", req.contentType())
                  .header("Authorization", "Basic bW1zYzpwdw==")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(req.body()))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(MmscPeer.read(r).transactionId()).contains("tx-tls");
      assertThat(((DeliveryReport) recorder.last()).context().account()).contains("mmsc");
    }
  }
}
