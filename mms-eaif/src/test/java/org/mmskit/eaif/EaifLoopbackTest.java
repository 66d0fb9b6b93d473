package org.mmskit.eaif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.HttpStatus;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.core.ReadReply;
import org.mmskit.core.ReadStatus;
import org.mmskit.core.SubmitResult;
import org.mmskit.core.Transport;
import org.mmskit.server.CredentialSource;
import org.mmskit.server.MmsServer;

/**
 * Real HTTP on loopback: EaifClient and plain HTTP posts against the embedded server with the EAIF
 * handler mounted next to another route.
 */
class EaifLoopbackTest {
  private final EaifHandlerTest.Recorder recorder = new EaifHandlerTest.Recorder();
  private MmsServer server;
  private URI eaif;

  @BeforeEach
  void start() {
    server =
        MmsServer.builder()
            .port(0)
            .shutdownTimeout(Duration.ofMillis(200))
            .route(EaifHandler.route("/eaif", recorder).account("mmsc", "pw").build())
            .route(
                EaifHandler.builder(recorder)
                    .eaifVersion("2.0")
                    .build()
                    .route("/open-eaif")
                    .open()
                    .build())
            .build()
            .start();
    eaif = URI.create(server.uri() + "/eaif");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** The status, headers and body of one answer. */
  record Answer(int status, Map<String, List<String>> headers, String body) {}

  private Answer post(String path, String contentType, byte[] body, String... headers)
      throws IOException {
    HttpURLConnection c =
        (HttpURLConnection) URI.create(server.uri() + path).toURL().openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setConnectTimeout(5000);
    c.setReadTimeout(10000);
    if (contentType != null) {
      c.setRequestProperty("Content-Type", contentType);
    }
    c.setRequestProperty(
        "Authorization",
        "Basic " + Base64.getEncoder().encodeToString("mmsc:pw".getBytes(StandardCharsets.UTF_8)));
    for (int i = 0; i < headers.length; i += 2) {
      c.addRequestProperty(headers[i], headers[i + 1]);
    }
    c.setRequestProperty("Connection", "close");
    c.setFixedLengthStreamingMode(body.length);
    try (OutputStream out = c.getOutputStream()) {
      out.write(body);
    }
    int status = c.getResponseCode();
    InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
    String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    Map<String, List<String>> h = c.getHeaderFields();
    c.disconnect();
    return new Answer(status, h, text);
  }

  private static String header(Answer a, String name) {
    return a.headers().entrySet().stream()
        .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
        .map(e -> e.getValue().get(0))
        .findFirst()
        .orElse(null);
  }

  @Test
  void clientToServerRoundTrip() {
    MmsMessage sent = EaifClientTest.message();
    try (EaifClient client =
        EaifClient.builder()
            .endpoint(eaif)
            .credentials("mmsc", "pw")
            .responseTimeout(Duration.ofSeconds(10))
            .build()) {
      SubmitResult r = client.submit(sent);
      assertThat(r.statusCode()).isEqualTo(204);
      assertThat(r.messageId()).isEmpty();

      assertThat(recorder.messages).hasSize(1);
      IncomingMessage in = recorder.messages.get(0);
      MmsMessage got = in.message();
      assertThat(got.from()).isEqualTo(sent.from());
      assertThat(got.to()).containsExactlyElementsOf(sent.recipients());
      assertThat(got.subject()).isEqualTo(sent.subject());
      assertThat(got.priority()).isEqualTo(sent.priority());
      assertThat(got.deliveryReport()).isTrue();
      assertThat(got.parts()).hasSize(2);
      assertThat(got.parts().get(0).text()).isEqualTo("Hi there");
      assertThat(got.parts().get(1).bytes()).isEqualTo(EaifClientTest.gif());
      assertThat(got.presentation()).isPresent();
      assertThat(in.context().transport()).isEqualTo(Transport.EAIF);
      assertThat(in.context().account()).contains("mmsc");
      assertThat(in.context().transactionId()).isEqualTo(r.transactionId());
    }
  }

  @Test
  void wrongCredentialsAreRefusedByTheServer() {
    try (EaifClient client =
        EaifClient.builder().endpoint(eaif).credentials("mmsc", "no").build()) {
      MmscRejectedException e =
          catchThrowableOfType(
              MmscRejectedException.class, () -> client.submit(EaifClientTest.message()));
      assertThat(e.detail(HttpStatus.class).map(HttpStatus::code)).hasValue(401);
      assertThat(e.isRetryable()).isFalse();
    }
    assertThat(recorder.calls()).isZero();
  }

  @Test
  void deliveryIndOverHttp() throws IOException {
    Answer a =
        post(
            "/eaif",
            EaifHeaders.CONTENT_TYPE,
            EaifHandlerTest.deliveryInd(),
            EaifHeaders.MESSAGE_TYPE,
            EaifHeaders.TYPE_DELIVERY_REPORT,
            EaifHeaders.VERSION,
            "3.0");
    assertThat(a.status()).isEqualTo(204);
    assertThat(header(a, EaifHeaders.VERSION)).isEqualTo("3.0");
    DeliveryReport d = recorder.reports.get(0);
    assertThat(d.messageId()).isEqualTo("orig-77");
    assertThat(d.recipient()).contains(Address.phone("+15550002222"));
    assertThat(d.status()).isEqualTo(DeliveryStatus.RETRIEVED);
    assertThat(d.date()).contains(EaifHandlerTest.DATE);
    assertThat(d.context().remoteAddress()).isPresent();
    assertThat(d.context().account()).contains("mmsc");
  }

  @Test
  void readOrigIndOverHttp() throws IOException {
    Answer a =
        post(
            "/open-eaif",
            EaifHeaders.CONTENT_TYPE_DOTTED,
            EaifHandlerTest.readOrigInd(),
            EaifHeaders.MESSAGE_TYPE,
            EaifHeaders.TYPE_READ_REPLY);
    assertThat(a.status()).isEqualTo(204);
    assertThat(header(a, EaifHeaders.VERSION)).isEqualTo("2.0");
    ReadReply r = recorder.reads.get(0);
    assertThat(r.messageId()).isEqualTo("orig-88");
    assertThat(r.status()).isEqualTo(ReadStatus.READ);
    assertThat(r.recipient()).contains(Address.phone("+15550003333"));
    assertThat(r.context().account()).isEmpty();
  }

  @Test
  void malformedBodiesGetClearAnswersAndTheServerGoesOn() throws IOException {
    byte[] good = EaifHandlerTest.deliveryInd();
    Answer truncated =
        post("/eaif", EaifHeaders.CONTENT_TYPE, Arrays.copyOf(good, good.length - 3));
    assertThat(truncated.status()).isEqualTo(400);
    assertThat(truncated.body()).startsWith("malformed MMS PDU");

    Answer garbage =
        post("/eaif", EaifHeaders.CONTENT_TYPE, "<xml>nope</xml>".getBytes(StandardCharsets.UTF_8));
    assertThat(garbage.status()).isEqualTo(400);

    Answer empty = post("/eaif", EaifHeaders.CONTENT_TYPE, new byte[0]);
    assertThat(empty.status()).isEqualTo(400);

    Answer wrongType = post("/eaif", "text/plain", good);
    assertThat(wrongType.status()).isEqualTo(415);

    assertThat(recorder.calls()).isZero();
    assertThat(post("/eaif", EaifHeaders.CONTENT_TYPE, good).status()).isEqualTo(204);
    assertThat(recorder.reports).hasSize(1);
  }

  @Test
  void throwingCallbackGets500AndTheServerGoesOn() throws IOException {
    recorder.failure = new IllegalStateException("boom");
    assertThat(post("/eaif", EaifHeaders.CONTENT_TYPE, EaifHandlerTest.moSendReq()).status())
        .isEqualTo(500);
    recorder.failure = null;
    assertThat(post("/eaif", EaifHeaders.CONTENT_TYPE, EaifHandlerTest.moSendReq()).status())
        .isEqualTo(204);
    assertThat(recorder.messages).hasSize(2);
  }

  @Test
  void clientSeesACallbackFailureAsRetryable() {
    recorder.failure = new IllegalStateException("boom");
    try (EaifClient client =
        EaifClient.builder().endpoint(eaif).credentials("mmsc", "pw").build()) {
      MmscRejectedException e =
          catchThrowableOfType(
              MmscRejectedException.class, () -> client.submit(EaifClientTest.message()));
      assertThat(e.detail(HttpStatus.class).map(HttpStatus::code)).hasValue(500);
      assertThat(e.isRetryable()).isTrue();
    }
  }

  @Test
  void peerThatLiesAboutTheLengthDoesNotHangTheServer() throws IOException {
    try (Socket s = new Socket(server.uri().getHost(), server.port())) {
      s.setTcpNoDelay(true);
      s.setSoTimeout(10000);
      OutputStream out = s.getOutputStream();
      String head =
          "POST /open-eaif HTTP/1.1\r\nHost: x\r\nContent-Type: "
              + EaifHeaders.CONTENT_TYPE
              + "\r\nContent-Length: 1000\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(EaifHandlerTest.deliveryInd());
      s.shutdownOutput();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      try {
        s.getInputStream().transferTo(got);
      } catch (IOException reset) {
        // the server may drop the connection instead of answering: also fine
      }
      String answer = got.toString(StandardCharsets.US_ASCII);
      assertThat(answer).doesNotStartWith("HTTP/1.1 204");
    }
    assertThat(recorder.calls()).isZero();
    assertThat(post("/eaif", EaifHeaders.CONTENT_TYPE, EaifHandlerTest.deliveryInd()).status())
        .isEqualTo(204);
  }

  @Test
  void eaifListenerServesOnItsOwn() throws IOException {
    EaifHandlerTest.Recorder own = new EaifHandlerTest.Recorder();
    try (EaifListener listener = EaifListener.builder(own).port(0).path("/in/").open().start();
        EaifClient client = EaifClient.builder().endpoint(listener.uri()).build()) {
      assertThat(listener.uri().getPath()).isEqualTo("/in");
      assertThat(client.submit(EaifClientTest.message()).statusCode()).isEqualTo(204);
      assertThat(own.messages).hasSize(1);
    }
  }

  @Test
  void eaifListenerTakesCredentialsInThePath() {
    EaifHandlerTest.Recorder own = new EaifHandlerTest.Recorder();
    try (EaifListener listener =
        EaifListener.builder(own)
            .account("vasp", "pw")
            .credentials(CredentialSource.PATH_KEY_VALUE)
            .allowFrom("127.0.0.0/8")
            .start()) {
      try (EaifClient client = EaifClient.builder().endpoint(listener.uri() + "/vasp=pw").build()) {
        assertThat(client.submit(EaifClientTest.message()).statusCode()).isEqualTo(204);
      }
      try (EaifClient client = EaifClient.builder().endpoint(listener.uri() + "/vasp=no").build()) {
        MmscRejectedException e =
            catchThrowableOfType(
                MmscRejectedException.class, () -> client.submit(EaifClientTest.message()));
        assertThat(e.detail(HttpStatus.class).map(HttpStatus::code)).hasValue(401);
      }
      assertThat(own.messages).hasSize(1);
      assertThat(own.messages.get(0).context().account()).contains("vasp");
    }
  }
}
