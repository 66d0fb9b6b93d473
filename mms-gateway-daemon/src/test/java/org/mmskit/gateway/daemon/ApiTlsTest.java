package org.mmskit.gateway.daemon;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API over HTTPS with a key store named in the configuration, as the listeners take it. */
class ApiTlsTest {
  private static final String PASSWORD = "test-only-password";

  @TempDir Path dir;

  @Test
  void theApiAnswersOverTlsAndAWrongStorePasswordStopsTheStart() throws Exception {
    Path keyStore = dir.resolve("api.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    keytool,
                    "-genkeypair",
                    "-alias",
                    "api",
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
                    keyStore.toString(),
                    "-storepass",
                    PASSWORD,
                    "-keypass",
                    PASSWORD))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
    assertEquals(0, p.exitValue(), out);
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(
        config,
        """
        api:
          port: 0
          keys: [{name: tests, keyEnv: API_KEY}]
          tls:
            keyStore: api.p12
            passwordEnv: TLS_PASSWORD
        connections:
          mock: {via: mm7, url: "http://127.0.0.1:1/mm7"}
        """);
    try (GatewayDaemon d =
        GatewayDaemon.start(config, Map.of("API_KEY", Api.KEY, "TLS_PASSWORD", PASSWORD)::get)) {
      assertEquals("https", d.apiUri().getScheme());
      KeyStore trust = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keyStore)) {
        trust.load(in, PASSWORD.toCharArray());
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, tmf.getTrustManagers(), null);
      HttpResponse<String> health =
          HttpClient.newBuilder()
              .sslContext(tls)
              .build()
              .send(
                  HttpRequest.newBuilder(d.apiUri().resolve("/health")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode(), health.body());
    }
    GatewayDaemon.InvalidConfigurationException e =
        assertThrows(
            GatewayDaemon.InvalidConfigurationException.class,
            () ->
                GatewayDaemon.start(
                    config, Map.of("API_KEY", Api.KEY, "TLS_PASSWORD", "wrong")::get));
    assertEquals(1, e.problems().size(), e.problems().toString());
    assertTrue(
        e.problems().get(0).startsWith("api.tls: cannot load PKCS#12 key store"), e.getMessage());
  }
}
