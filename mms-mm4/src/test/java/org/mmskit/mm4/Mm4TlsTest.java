package org.mmskit.mm4;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsException;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.server.ServerTls;

/**
 * STARTTLS and SMTPS between {@link Mm4Client} and {@link Mm4Listener}, with a throw-away
 * self-signed key made by keytool at test time.
 */
class Mm4TlsTest {
  private static final char[] PASSWORD = "test-only".toCharArray();

  @TempDir static Path dir;
  static SSLContext serverTls;
  static SSLContext clientTls;

  private final List<IncomingMessage> received = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void createKey() throws Exception {
    Path keyStore = dir.resolve("mm4.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    keytool,
                    "-genkeypair",
                    "-alias",
                    "mmskit-mm4-test",
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
                    new String(PASSWORD),
                    "-keypass",
                    new String(PASSWORD)))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    serverTls = ServerTls.fromPkcs12(keyStore, PASSWORD);

    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      trust.load(in, PASSWORD);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    clientTls = SSLContext.getInstance("TLS");
    clientTls.init(null, tmf.getTrustManagers(), null);
  }

  private Mm4Listener.Builder listener() {
    return Mm4Listener.builder()
        .onMessage(
            m -> {
              received.add(m);
              return Acknowledgement.ok();
            });
  }

  private static Mm4Client.Builder client(int port, Mm4Client.Security security) {
    return Mm4Client.builder()
        .smtpHost("127.0.0.1")
        .smtpPort(port)
        .security(security)
        .originatorSystem("mms@mms.us.example")
        .mmscDomain("mms.us.example")
        .recipientDomain("mms.peer.example")
        .connectTimeout(Duration.ofSeconds(5))
        .responseTimeout(Duration.ofSeconds(10));
  }

  private static MmsMessage message(String subject) {
    return MmsMessage.builder()
        .from("+4915550001")
        .to("+4915550002")
        .subject(subject)
        .addPart(MmsPart.text("secret text"))
        .build();
  }

  @Test
  void startTlsRequiredOnBothSides() {
    try (Mm4Listener l = listener().tls(serverTls).requireTls(true).start()) {
      try (Mm4Client c =
          client(l.port(), Mm4Client.Security.STARTTLS).sslContext(clientTls).build()) {
        assertThat(c.submit(message("over starttls")).statusCode()).isEqualTo(250);
      }
      assertThat(received).hasSize(1);
      assertThat(received.get(0).message().subject()).contains("over starttls");

      // a plain client is refused before it can hand over the mail
      try (Mm4Client plain = client(l.port(), Mm4Client.Security.NONE).build()) {
        MmscRejectedException e =
            (MmscRejectedException)
                org.assertj.core.api.Assertions.catchThrowable(
                    () -> plain.submit(message("in clear")));
        assertThat(e.detail(SmtpReply.class).orElseThrow().code()).isEqualTo(530);
      }
      // opportunistic STARTTLS takes the offer
      try (Mm4Client maybe =
          client(l.port(), Mm4Client.Security.STARTTLS_OPPORTUNISTIC)
              .sslContext(clientTls)
              .build()) {
        assertThat(maybe.submit(message("opportunistic")).statusCode()).isEqualTo(250);
      }
      assertThat(received).hasSize(2);
    }
  }

  @Test
  void requiredStartTlsFailsAgainstAServerWithoutIt() {
    try (Mm4Listener l = listener().start();
        Mm4Client c = client(l.port(), Mm4Client.Security.STARTTLS).sslContext(clientTls).build()) {
      assertThatThrownBy(() -> c.submit(message("must not go in clear")))
          .isInstanceOf(MmsException.class)
          .hasMessageContaining("STARTTLS");
      assertThat(received).isEmpty();
    }
  }

  @Test
  void anUntrustedCertificateIsRefusedByTheClient() {
    try (Mm4Listener l = listener().tls(serverTls).start();
        Mm4Client c = client(l.port(), Mm4Client.Security.STARTTLS).build()) {
      // the JVM's default trust store does not know the test key
      assertThatThrownBy(() -> c.submit(message("to an impostor")))
          .isInstanceOf(MmsException.class);
      assertThat(received).isEmpty();
    }
  }

  @Test
  void smtpsFromTheFirstByte() {
    try (Mm4Listener l = listener().tls(serverTls).implicitTls(true).start()) {
      try (Mm4Client c = client(l.port(), Mm4Client.Security.SMTPS).sslContext(clientTls).build()) {
        assertThat(c.submit(message("over smtps")).statusCode()).isEqualTo(250);
        assertThat(c.submit(message("again")).statusCode()).isEqualTo(250);
      }
      assertThat(received)
          .extracting(m -> m.message().subject().orElseThrow())
          .containsExactly("over smtps", "again");

      // a plain client gets no SMTP greeting it can read (both sides wait: hence the short timeout)
      try (Mm4Client plain =
          client(l.port(), Mm4Client.Security.NONE)
              .responseTimeout(Duration.ofSeconds(1))
              .build()) {
        assertThatThrownBy(() -> plain.submit(message("in clear")))
            .isInstanceOf(MmsException.class);
      }
      assertThat(received).hasSize(2);
    }
  }

  @Test
  void implicitTlsNeedsTlsMaterial() {
    assertThatThrownBy(() -> listener().implicitTls(true).start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tls(");
  }
}
