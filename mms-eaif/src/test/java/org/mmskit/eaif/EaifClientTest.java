package org.mmskit.eaif;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mmskit.core.Address;
import org.mmskit.core.HttpStatus;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.core.Priority;
import org.mmskit.core.SubmitResult;
import org.mmskit.core.Transport;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.MmsPduDecoder;
import org.mmskit.core.pdu.MmsPduEncoder;
import org.mmskit.core.pdu.MmsVersion;
import org.mmskit.core.pdu.PduMessages;
import org.mmskit.core.pdu.PduStatus;
import org.mmskit.core.pdu.PduType;

/** EaifClient against WireMock on loopback: the exact request, and every answer's mapping. */
class EaifClientTest {
  private static final String PATH = "/eaif";

  private WireMockServer mmsc;
  private EaifClient client;

  @BeforeEach
  void start() {
    mmsc = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    mmsc.start();
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    mmsc.stop();
  }

  private URI endpoint() {
    return URI.create("http://127.0.0.1:" + mmsc.port() + PATH);
  }

  private EaifClient.Builder clientBuilder() {
    return EaifClient.builder()
        .endpoint(endpoint())
        .connectTimeout(Duration.ofSeconds(2))
        .responseTimeout(Duration.ofSeconds(5));
  }

  static MmsMessage message() {
    return MmsMessage.builder()
        .from(Address.shortCode("12345"))
        .to(Address.phone("+15551230001"), Address.phone("+15551230002"))
        .cc(Address.email("carol@example.com"))
        .subject("Hello EAIF")
        .priority(Priority.HIGH)
        .deliveryReport(true)
        .addPart(MmsPart.text("Hi there"))
        .addPart(MmsPart.of("image/gif", gif()))
        .generateSmil(true)
        .build();
  }

  static byte[] gif() {
    return Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
  }

  private void answer(int status) {
    mmsc.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(status)));
  }

  /** Answers every POST with this status, content type, body and extra header pairs. */
  private void answer(int status, String contentType, byte[] body, String... headers) {
    var response = aResponse().withStatus(status).withHeader("Content-Type", contentType);
    for (int i = 0; i < headers.length; i += 2) {
      response.withHeader(headers[i], headers[i + 1]);
    }
    mmsc.stubFor(post(urlEqualTo(PATH)).willReturn(response.withBody(body)));
  }

  private LoggedRequest onlyRequest() {
    List<LoggedRequest> all = mmsc.findAll(postRequestedFor(urlEqualTo(PATH)));
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  @Test
  void postsTheSendReqWithEaifHeaders() {
    mmsc.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(aResponse().withStatus(204).withHeader(EaifHeaders.MESSAGE_ID, "mid-42")));
    client =
        clientBuilder()
            .credentials("vasp", "s3cret")
            .charging("100")
            .defaultSender(Address.shortCode("12345"))
            .build();

    SubmitResult r = client.submit(message());

    assertThat(r.messageId()).isEqualTo("mid-42");
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.transactionId()).isPresent();
    LoggedRequest req = onlyRequest();
    assertThat(req.getMethod().getName()).isEqualTo("POST");
    assertThat(req.getHeader("Content-Type")).isEqualTo("application/vnd.wap.mms-message");
    assertThat(req.getHeaders().getHeader(EaifHeaders.TO).values())
        .containsExactly("+15551230001", "+15551230002", "carol@example.com");
    assertThat(req.getHeader(EaifHeaders.FROM)).isEqualTo("12345");
    assertThat(req.getHeader(EaifHeaders.VERSION)).isEqualTo("3.0");
    assertThat(req.getHeader(EaifHeaders.MESSAGE_TYPE)).isEqualTo("MultiMediaMessage");
    assertThat(req.getHeader(EaifHeaders.CHARGING)).isEqualTo("100");
    assertThat(req.getHeader("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("vasp:s3cret".getBytes(StandardCharsets.US_ASCII)));

    MmsPdu pdu = MmsPduDecoder.decode(req.getBody());
    assertThat(pdu.type()).isEqualTo(PduType.SEND_REQ);
    assertThat(pdu.version()).isEqualTo(MmsVersion.V1_2);
    assertThat(pdu.transactionId()).isEqualTo(r.transactionId());
    assertThat(pdu.from()).contains("12345/TYPE=PLMN");
    assertThat(pdu.to()).containsExactly("+15551230001/TYPE=PLMN", "+15551230002/TYPE=PLMN");
    assertThat(pdu.cc()).containsExactly("carol@example.com");
    assertThat(pdu.subject()).contains("Hello EAIF");
    assertThat(pdu.deliveryReport()).contains(true);
    MmsMessage back = PduMessages.toMessage(pdu);
    assertThat(back.parts()).extracting(MmsPart::contentType).hasSize(2);
    assertThat(back.parts().get(0).text()).isEqualTo("Hi there");
    assertThat(back.parts().get(1).bytes()).isEqualTo(gif());
    assertThat(back.presentation()).isPresent();
  }

  @Test
  void wiresharkReadsTheSendReq() throws Exception {
    answer(204);
    client = clientBuilder().build();
    client.submit(message());
    byte[] body = onlyRequest().getBody();

    MmseDecode.Result ws = MmseDecode.run(body);

    assertThat(ws.ok()).as(ws.toString()).isTrue();
    assertThat(ws.values("mmse.message_type")).containsExactly("0x80");
    assertThat(ws.values("mmse.mms_version")).containsExactly("1.2");
    assertThat(ws.values("mmse.from")).containsExactly("12345/TYPE=PLMN");
    assertThat(ws.values("mmse.to"))
        .containsExactly("+15551230001/TYPE=PLMN", "+15551230002/TYPE=PLMN");
    assertThat(ws.values("mmse.cc")).containsExactly("carol@example.com");
    assertThat(ws.values("mmse.subject")).containsExactly("Hello EAIF");
    assertThat(ws.values("wsp.header.content_type"))
        .contains("application/vnd.wap.multipart.related", "text/plain", "image/gif");
  }

  @Test
  void senderOverrideRule() {
    answer(204);
    MmsMessage msg = message().toBuilder().from(Address.shortCode("99999")).build();
    client = clientBuilder().defaultSender(Address.shortCode("12345")).build();
    client.submit(msg);
    client.submit(msg.toBuilder().from((Address) null).build());
    client.close();
    client =
        clientBuilder().defaultSender(Address.shortCode("12345")).allowSenderOverride(true).build();
    client.submit(msg);
    client.submit(msg.toBuilder().from((Address) null).build());

    List<LoggedRequest> all = mmsc.findAll(postRequestedFor(urlEqualTo(PATH)));
    assertThat(all)
        .extracting(r -> r.getHeader(EaifHeaders.FROM))
        .containsExactly("12345", "12345", "99999", "12345");
    assertThat(all)
        .extracting(r -> MmsPduDecoder.decode(r.getBody()).from().orElseThrow())
        .containsExactly(
            "12345/TYPE=PLMN", "12345/TYPE=PLMN", "99999/TYPE=PLMN", "12345/TYPE=PLMN");
  }

  @Test
  void withoutAnySenderTheMmscInsertsIt() {
    answer(204);
    client = clientBuilder().mmsVersion(MmsVersion.V1_3).eaifVersion("2.1").build();
    client.submit(message().toBuilder().from((Address) null).build());
    LoggedRequest req = onlyRequest();
    assertThat(req.containsHeader(EaifHeaders.FROM)).isFalse();
    assertThat(req.getHeader(EaifHeaders.VERSION)).isEqualTo("2.1");
    MmsPdu pdu = MmsPduDecoder.decode(req.getBody());
    assertThat(pdu.fromInsertAddress()).isTrue();
    assertThat(pdu.version()).isEqualTo(MmsVersion.V1_3);
  }

  @Test
  void aTransactionIdTheMessageNamesGoesInThePduOfEverySubmit() {
    answer(204);
    client = clientBuilder().build();
    MmsMessage m = message().toBuilder().transactionId("gw-7f3a").build();
    assertThat(client.submit(m).transactionId()).contains("gw-7f3a");
    assertThat(client.submit(m).transactionId()).contains("gw-7f3a");
    assertThat(mmsc.getAllServeEvents())
        .hasSize(2)
        .allSatisfy(
            e ->
                assertThat(MmsPduDecoder.decode(e.getRequest().getBody()).transactionId())
                    .contains("gw-7f3a"));
  }

  @Test
  void transactionIdsDifferPerRequest() {
    answer(204);
    client = clientBuilder().build();
    String a = client.submit(message()).transactionId().orElseThrow();
    String b = client.submit(message()).transactionId().orElseThrow();
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void okSendConfGivesItsMessageId() {
    byte[] conf =
        MmsPduEncoder.encode(
            PduMessages.sendConf("t1", PduStatus.OK, "conf-id-7", MmsVersion.V1_2));
    answer(200, EaifHeaders.CONTENT_TYPE, conf, EaifHeaders.MESSAGE_ID, "header-id");
    client = clientBuilder().build();
    SubmitResult r = client.submit(message());
    assertThat(r.messageId()).isEqualTo("conf-id-7");
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void notOkSendConfIsRejected() {
    byte[] conf =
        MmsPduEncoder.encode(
            PduMessages.sendConf("t1", PduStatus.PERMANENT_SERVICE_DENIED, null, MmsVersion.V1_2));
    answer(200, EaifHeaders.CONTENT_TYPE, conf);
    client = clientBuilder().build();
    MmscRejectedException e =
        catchThrowableOfType(MmscRejectedException.class, () -> client.submit(message()));
    assertThat(e.kind()).isEqualTo(MmscRejectedException.Kind.STATUS);
    assertThat(e.statusCode()).hasValue(PduStatus.PERMANENT_SERVICE_DENIED);
    assertThat(e.transport()).isEqualTo(Transport.EAIF);
    assertThat(e.detail(HttpStatus.class)).as("a 200 carries no HTTP detail").isEmpty();
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage()).contains("service-denied");
  }

  @Test
  void transientSendConfIsRetryable() {
    byte[] conf =
        MmsPduEncoder.encode(
            PduMessages.sendConf("t1", PduStatus.TRANSIENT_FAILURE, null, MmsVersion.V1_2));
    answer(200, "application/vnd.wap.mms.message", conf);
    client = clientBuilder().build();
    MmscRejectedException e =
        catchThrowableOfType(MmscRejectedException.class, () -> client.submit(message()));
    assertThat(e.statusCode()).hasValue(PduStatus.TRANSIENT_FAILURE);
    assertThat(e.isRetryable()).isTrue();
  }

  @Test
  void garbledSendConfWithoutIdIsMalformed() {
    answer(200, EaifHeaders.CONTENT_TYPE, new byte[] {(byte) 0x8C, (byte) 0x81, (byte) 0x98});
    client = clientBuilder().build();
    assertThatThrownBy(() -> client.submit(message()))
        .isInstanceOf(org.mmskit.core.MmsMalformedException.class);
  }

  @Test
  void twoHundredWithTextBodyUsesTheHeaderId() {
    answer(
        200,
        "text/plain",
        "OK".getBytes(StandardCharsets.UTF_8),
        "x-nokia-mmsc-message-id",
        "lower-case-header");
    client = clientBuilder().build();
    assertThat(client.submit(message()).messageId()).isEqualTo("lower-case-header");
  }

  @Test
  void twoHundredWithoutAnyIdGivesAnEmptyId() {
    answer(202);
    client = clientBuilder().build();
    SubmitResult r = client.submit(message());
    assertThat(r.messageId()).isEmpty();
    assertThat(r.statusCode()).isEqualTo(202);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 405, 413, 415, 422})
  void clientErrorsAreFinalByDefault(int status) {
    mmsc.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "text/plain")
                    .withBody("no\r\nway")));
    client = clientBuilder().build();
    MmscRejectedException e =
        catchThrowableOfType(MmscRejectedException.class, () -> client.submit(message()));
    assertThat(e.kind()).isEqualTo(MmscRejectedException.Kind.TRANSPORT);
    assertThat(e.detail(HttpStatus.class).map(HttpStatus::code)).hasValue(status);
    assertThat(e.statusCode()).isEmpty();
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage()).contains("HTTP " + status).contains("no  way");
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 429, 500, 502, 503, 504})
  void serverErrorsAndThrottlingAreRetryableByDefault(int status) {
    answer(status);
    client = clientBuilder().build();
    MmscRejectedException e =
        catchThrowableOfType(MmscRejectedException.class, () -> client.submit(message()));
    assertThat(e.detail(HttpStatus.class).map(HttpStatus::code)).hasValue(status);
    assertThat(e.isRetryable()).isTrue();
  }

  @Test
  void retryRuleIsConfigurable() {
    client = clientBuilder().retryableStatus(s -> s >= 400 && s < 500).build();
    answer(503);
    assertThat(catchThrowableOfType(MmscRejectedException.class, () -> client.submit(message())))
        .returns(false, MmscRejectedException::isRetryable);
    mmsc.resetAll();
    answer(404);
    assertThat(catchThrowableOfType(MmscRejectedException.class, () -> client.submit(message())))
        .returns(true, MmscRejectedException::isRetryable);
  }

  @Test
  void redirectsAreNotFollowed() {
    mmsc.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(aResponse().withStatus(302).withHeader("Location", "/elsewhere")));
    client = clientBuilder().build();
    MmscRejectedException e =
        catchThrowableOfType(MmscRejectedException.class, () -> client.submit(message()));
    assertThat(e.detail(HttpStatus.class).map(HttpStatus::code)).hasValue(302);
    assertThat(mmsc.getAllServeEvents()).hasSize(1);
  }

  @Test
  void slowAnswerIsATimeoutAfterSending() {
    mmsc.stubFor(
        post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(204).withFixedDelay(3000)));
    client = clientBuilder().responseTimeout(Duration.ofMillis(300)).build();
    MmsTransportException e =
        catchThrowableOfType(MmsTransportException.class, () -> client.submit(message()));
    assertThat(e.requestSent()).isTrue();
    assertThat(e.isRetryable()).isTrue();
  }

  @Test
  void refusedConnectionIsNotSent() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    client = EaifClient.builder().endpoint("http://127.0.0.1:" + port + "/eaif").build();
    MmsTransportException e =
        catchThrowableOfType(MmsTransportException.class, () -> client.submit(message()));
    assertThat(e.requestSent()).isFalse();
    assertThat(e.isRetryable()).isTrue();
  }

  @Test
  void asyncSubmitCompletes() {
    mmsc.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(aResponse().withStatus(204).withHeader(EaifHeaders.MESSAGE_ID, "a1")));
    client = clientBuilder().maxConnections(2).build();
    List<CompletableFuture<SubmitResult>> futures =
        List.of(
            client.submitAsync(message()),
            client.submitAsync(message()),
            client.submitAsync(message()));
    assertThat(futures)
        .allSatisfy(
            f -> assertThat(f.orTimeout(10, TimeUnit.SECONDS).join().messageId()).isEqualTo("a1"));
    assertThat(mmsc.getAllServeEvents()).hasSize(3);
  }

  @Test
  void asyncFailureCompletesExceptionally() {
    answer(400);
    client = clientBuilder().build();
    CompletableFuture<SubmitResult> f = client.submitAsync(message());
    assertThatThrownBy(() -> f.orTimeout(10, TimeUnit.SECONDS).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(MmscRejectedException.class);
  }

  @Test
  void closeFailsPendingAsyncSubmits() {
    mmsc.stubFor(
        post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(204).withFixedDelay(4000)));
    client = clientBuilder().maxConnections(1).build();
    CompletableFuture<SubmitResult> f = client.submitAsync(message());
    CompletableFuture<SubmitResult> queued = client.submitAsync(message());
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> !mmsc.getAllServeEvents().isEmpty());
    client.close();
    assertThatThrownBy(() -> f.orTimeout(5, TimeUnit.SECONDS).join())
        .hasCauseInstanceOf(MmsTransportException.class)
        .cause()
        .returns(true, c -> ((MmsTransportException) c).requestSent());
    assertThatThrownBy(() -> queued.orTimeout(5, TimeUnit.SECONDS).join())
        .cause()
        .returns(false, c -> ((MmsTransportException) c).requestSent());
    assertThatThrownBy(() -> client.submit(message())).isInstanceOf(MmsTransportException.class);
  }

  @Test
  void cancelAndReplaceAreUnsupported() {
    client = clientBuilder().build();
    assertThat(client.transport()).isEqualTo(Transport.EAIF);
    assertThatThrownBy(() -> client.cancel("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> client.replace("x", message()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(mmsc.getAllServeEvents()).isEmpty();
  }

  @Test
  void unsendableMessagesAndBadConfigAreRefusedUpFront() {
    client = clientBuilder().build();
    MmsMessage noRecipient = MmsMessage.builder().addPart(MmsPart.text("x")).build();
    assertThatThrownBy(() -> client.submit(noRecipient))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(mmsc.getAllServeEvents()).isEmpty();
    assertThatThrownBy(() -> EaifClient.builder().build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> EaifClient.builder().endpoint("ftp://x/eaif"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EaifClient.builder().eaifVersion("3"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EaifClient.builder().charging("1\r\nX-Evil: 1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EaifClient.builder().maxConnections(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void busyPoolIsNotSent() {
    mmsc.stubFor(
        post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(204).withFixedDelay(3000)));
    client = clientBuilder().maxConnections(1).connectTimeout(Duration.ofMillis(300)).build();
    CompletableFuture<SubmitResult> first = client.submitAsync(message());
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> !mmsc.getAllServeEvents().isEmpty());
    MmsTransportException e =
        catchThrowableOfType(MmsTransportException.class, () -> client.submit(message()));
    assertThat(e.requestSent()).isFalse();
    assertThat(e.getMessage()).contains("busy");
    assertThat(first.orTimeout(10, TimeUnit.SECONDS).join().statusCode()).isEqualTo(204);
  }

  @Test
  void oversizedAnswerIsNotReadWhole() {
    byte[] huge = new byte[200_000];
    huge[0] = (byte) 0x8C;
    huge[1] = (byte) 0x81;
    answer(200, EaifHeaders.CONTENT_TYPE, huge);
    client = clientBuilder().build();
    assertThatThrownBy(() -> client.submit(message()))
        .isInstanceOf(org.mmskit.core.MmsMalformedException.class)
        .hasMessageContaining("larger than");
    mmsc.resetAll();
    answer(200, EaifHeaders.CONTENT_TYPE, huge, EaifHeaders.MESSAGE_ID, "id-despite-body");
    assertThat(client.submit(message()).messageId()).isEqualTo("id-despite-body");
  }

  @Test
  void longErrorTextIsCut() {
    answer(403, "text/plain", "x".repeat(5000).getBytes(StandardCharsets.UTF_8));
    client = clientBuilder().build();
    MmscRejectedException e =
        catchThrowableOfType(MmscRejectedException.class, () -> client.submit(message()));
    assertThat(e.getMessage()).contains("x".repeat(200) + "…").doesNotContain("x".repeat(201));
  }
}
