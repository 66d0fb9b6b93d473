package org.mmskit.mm7;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmskit.core.Address;
import org.mmskit.core.HttpStatus;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.core.OperationResult;
import org.mmskit.core.SubmitResult;
import org.mmskit.mm7.internal.Mm7Body;
import org.mmskit.mm7.internal.Mm7Codec;
import org.mmskit.mm7.internal.Mm7Envelope;
import org.mmskit.mm7.internal.Mm7Limits;
import org.mmskit.mm7.internal.Mm7TestSupport;

/** {@link Mm7Client} against a real HTTP server (WireMock on 127.0.0.1). */
class Mm7ClientTest {

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  /** Echoes the request's TransactionID (or Ericsson Transaction-ID) into a response. */
  private static final String TX =
      "{{regexExtract request.body 'Transaction-?ID[^>]*>([^<]+)<' 'tx'}}{{tx.0}}";

  static String rsp(String ns, String element, int code, String text, String extra) {
    return "<?xml version='1.0' encoding='UTF-8'?>"
        + "<env:Envelope xmlns:env='http://schemas.xmlsoap.org/soap/envelope/'><env:Header>"
        + "<mm7:TransactionID xmlns:mm7='"
        + ns
        + "' env:mustUnderstand='1'>"
        + TX
        + "</mm7:TransactionID></env:Header><env:Body><"
        + element
        + " xmlns='"
        + ns
        + "'><MM7Version>6.8.0</MM7Version><Status><StatusCode>"
        + code
        + "</StatusCode><StatusText>"
        + text
        + "</StatusText></Status>"
        + extra
        + "</"
        + element
        + "></env:Body></env:Envelope>";
  }

  static String fault(int httpStatus, String faultCode, int code) {
    String ns = Mm7Version.REL_6_MM7_1_4.namespace();
    return "<env:Envelope xmlns:env='http://schemas.xmlsoap.org/soap/envelope/'><env:Header>"
        + "<TransactionID xmlns='"
        + ns
        + "'>"
        + TX
        + "</TransactionID></env:Header><env:Body><env:Fault><faultcode>env:"
        + faultCode
        + "</faultcode><faultstring>refused</faultstring><detail><RSErrorRsp xmlns='"
        + ns
        + "'><MM7Version>6.8.0</MM7Version><Status><StatusCode>"
        + code
        + "</StatusCode><StatusText>nope</StatusText></Status></RSErrorRsp></detail></env:Fault>"
        + "</env:Body></env:Envelope>";
  }

  private void stub(int httpStatus, String contentType, String body) {
    wm.stubFor(
        post("/mm7")
            .willReturn(
                aResponse()
                    .withStatus(httpStatus)
                    .withHeader("Content-Type", contentType)
                    .withBody(body)
                    .withTransformers("response-template")));
  }

  private void stubSubmitOk(Mm7Version v) {
    stub(
        200,
        "text/xml; charset=utf-8",
        rsp(v.namespace(), "SubmitRsp", 1000, "Success", "<MessageID>mid-42</MessageID>"));
  }

  private Mm7Client.Builder client() {
    return Mm7Client.builder()
        .endpoint(URI.create("http://127.0.0.1:" + wm.getPort() + "/mm7"))
        .vaspId("vasp-1")
        .vasId("vas-1")
        .serviceCode("svc-9")
        .credentials("user", "s3cret")
        .connectTimeout(Duration.ofSeconds(10))
        .responseTimeout(Duration.ofSeconds(30));
  }

  static MmsMessage message() {
    return MmsMessage.builder()
        .from(Address.shortCode("12345"))
        .to(Address.phone("+4915112345678"))
        .cc(Address.email("cc@example.org").withDisplayOnly(true))
        .subject("Hello & <welcome>")
        .deliveryReport(true)
        .addPart(MmsPart.text("Hi there"))
        .addPart(
            MmsPart.builder()
                .contentType("image/png")
                .contentId("img1")
                .body(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1})
                .build())
        .build();
  }

  private LoggedRequest onlyRequest() {
    List<ServeEvent> events = wm.getAllServeEvents();
    assertThat(events).hasSize(1);
    return events.get(0).getRequest();
  }

  static Stream<Arguments> versionsAndDialects() {
    List<Arguments> out = new ArrayList<>();
    for (Mm7Version v : Mm7Version.standardVersions()) {
      out.add(Arguments.of(v.schema(), Mm7Dialect.STANDARD));
    }
    out.add(Arguments.of("REL-5-MM7-1-1", Mm7Dialect.ERICSSON));
    out.add(Arguments.of("REL-5-MM7-1-0", Mm7Dialect.LOGICACMG));
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("versionsAndDialects")
  void submitSendsTheExactRequestForEachVersionAndDialect(String schema, Mm7Dialect dialect)
      throws Exception {
    Mm7Version v = Mm7Version.ofSchema(schema);
    stubSubmitOk(v);
    SubmitResult r;
    try (Mm7Client c = client().version(v).dialect(dialect).build()) {
      r = c.submit(message());
    }
    assertThat(r.messageId()).isEqualTo("mid-42");
    assertThat(r.statusCode()).isEqualTo(1000);
    assertThat(r.statusText()).isEqualTo("Success");

    LoggedRequest req = onlyRequest();
    assertThat(req.getUrl()).isEqualTo("/mm7");
    assertThat(req.getHeader("SOAPAction")).isEqualTo("\"\"");
    assertThat(req.getHeader("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("user:s3cret".getBytes(StandardCharsets.UTF_8)));
    String ct = req.getHeader("Content-Type");
    assertThat(ct)
        .startsWith("multipart/related;")
        .contains("type=\"text/xml\"")
        .contains("start=\"<");
    assertThat(req.getHeader("Content-Length")).isEqualTo(Integer.toString(req.getBody().length));
    assertThat(r.transactionId()).isPresent();

    String body = req.getBodyAsString();
    Mm7Envelope sent = Mm7Codec.read(ct, req.getBody(), Mm7Limits.defaults());
    assertThat(sent.transactionId()).isEqualTo(r.transactionId());
    Mm7Body.SubmitReq s = (Mm7Body.SubmitReq) sent.body();
    assertThat(s.vaspId()).contains("vasp-1");
    assertThat(s.vasId()).contains("vas-1");
    assertThat(s.message().serviceCode()).contains("svc-9");
    assertThat(s.message().subject()).contains("Hello & <welcome>");
    assertThat(s.message().to()).containsExactly(Address.phone("+4915112345678"));
    assertThat(s.message().cc())
        .containsExactly(Address.email("cc@example.org").withDisplayOnly(true));
    assertThat(s.message().deliveryReport()).isTrue();
    assertThat(s.message().parts()).isEqualTo(message().parts());
    assertThat(s.message().from()).contains(Address.shortCode("12345"));

    if (dialect == Mm7Dialect.ERICSSON) {
      assertThat(sent.dialect()).isEqualTo(Mm7Dialect.ERICSSON);
      assertThat(body)
          .contains("<MM7SubmitReq xmlns=\"urn:MM7Submit.Req\"")
          .contains("<Transaction-ID xsi:type=\"xsd:string\">");
      assertThat(body).contains("<Version>" + v.mm7Version() + "</Version>");
    } else {
      assertThat(sent.version()).isEqualTo(v);
      String xml = Mm7TestSupport.soapPart(ct, req.getBody());
      if (dialect == Mm7Dialect.STANDARD) {
        assertThat(xml).contains("<mm7:SubmitReq>").contains("<mm7:MM7Version>" + v.mm7Version());
        Mm7TestSupport.validate(v, xml);
      } else {
        // LogicaCMG: default namespace, plain-text sender
        assertThat(xml).contains("<SubmitReq xmlns=\"" + v.namespace() + "\">");
        assertThat(xml).contains("<SenderAddress>12345</SenderAddress>");
      }
    }
  }

  @Test
  void switchesBinaryPartsAndUnprefixedElements() throws Exception {
    stubSubmitOk(Mm7Version.DEFAULT);
    try (Mm7Client c = client().binaryParts(true).prefixElements(false).build()) {
      c.submit(message());
    }
    LoggedRequest req = onlyRequest();
    String body = new String(req.getBody(), StandardCharsets.ISO_8859_1);
    assertThat(body).contains("Content-Transfer-Encoding: binary").doesNotContain("base64");
    assertThat(body).contains("\u0089PNG");
    assertThat(body).contains("<SubmitReq xmlns=\"" + Mm7Version.DEFAULT.namespace() + "\">");
    Mm7TestSupport.validate(
        Mm7Version.DEFAULT, Mm7TestSupport.soapPart(req.getHeader("Content-Type"), req.getBody()));
  }

  @Test
  void senderOverrideCanBeForbidden() {
    stubSubmitOk(Mm7Version.DEFAULT);
    try (Mm7Client c =
        client().defaultSender(Address.shortCode("999")).allowSenderOverride(false).build()) {
      c.submit(message());
    }
    Mm7Body.SubmitReq s = sentSubmit();
    assertThat(s.message().from()).contains(Address.shortCode("999"));
  }

  @Test
  void defaultSenderFillsAMissingSender() {
    stubSubmitOk(Mm7Version.DEFAULT);
    try (Mm7Client c = client().defaultSender(Address.shortCode("999")).build()) {
      c.submit(message().toBuilder().from((Address) null).build());
    }
    assertThat(sentSubmit().message().from()).contains(Address.shortCode("999"));
  }

  private Mm7Body.SubmitReq sentSubmit() {
    LoggedRequest req = onlyRequest();
    return (Mm7Body.SubmitReq)
        Mm7Codec.read(req.getHeader("Content-Type"), req.getBody(), Mm7Limits.defaults()).body();
  }

  @Test
  void cancelAndReplace() {
    String ns = Mm7Version.DEFAULT.namespace();
    stub(200, "text/xml", rsp(ns, "CancelRsp", 1000, "Cancelled", ""));
    try (Mm7Client c = client().build()) {
      OperationResult r = c.cancel("mid-7");
      assertThat(r.statusCode()).isEqualTo(1000);
      assertThat(r.statusText()).isEqualTo("Cancelled");
      LoggedRequest req = onlyRequest();
      assertThat(req.getHeader("Content-Type")).startsWith("text/xml");
      Mm7Body.CancelReq cr =
          (Mm7Body.CancelReq)
              Mm7Codec.read(req.getHeader("Content-Type"), req.getBody(), Mm7Limits.defaults())
                  .body();
      assertThat(cr.messageId()).isEqualTo("mid-7");
      assertThat(cr.vaspId()).contains("vasp-1");

      wm.resetAll();
      stub(200, "text/xml", rsp(ns, "ReplaceRsp", 1000, "Replaced", ""));
      OperationResult rr = c.replace("mid-8", message());
      assertThat(rr.statusText()).isEqualTo("Replaced");
      LoggedRequest req2 = onlyRequest();
      Mm7Body.ReplaceReq rep =
          (Mm7Body.ReplaceReq)
              Mm7Codec.read(req2.getHeader("Content-Type"), req2.getBody(), Mm7Limits.defaults())
                  .body();
      assertThat(rep.messageId()).isEqualTo("mid-8");
      assertThat(rep.message().parts()).isEqualTo(message().parts());
    }
  }

  @Test
  void unexpectedResponseTypeIsMalformed() {
    stub(200, "text/xml", rsp(Mm7Version.DEFAULT.namespace(), "DeliverRsp", 1000, "ok", ""));
    try (Mm7Client c = client().build()) {
      assertThatThrownBy(() -> c.submit(message()))
          .isInstanceOf(MmsMalformedException.class)
          .hasMessageContaining("expected SubmitRsp");
    }
  }

  static Stream<Arguments> statusCodes() {
    return Stream.of(
        Arguments.of(2002, false),
        Arguments.of(2007, false),
        Arguments.of(3001, true),
        Arguments.of(3000, true),
        Arguments.of(3003, false),
        Arguments.of(4004, false),
        Arguments.of(4006, true),
        Arguments.of(2571, false));
  }

  @ParameterizedTest(name = "status {0}")
  @MethodSource("statusCodes")
  void statusErrors(int code, boolean retryable) {
    stub(
        200,
        "text/xml",
        rsp(
            Mm7Version.DEFAULT.namespace(),
            "SubmitRsp",
            code,
            "text" + code,
            "<MessageID>x</MessageID>"));
    try (Mm7Client c = client().build()) {
      assertThatThrownBy(() -> c.submit(message()))
          .isInstanceOfSatisfying(
              MmscRejectedException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(MmscRejectedException.Kind.STATUS);
                assertThat(e.statusCode()).hasValue(code);
                assertThat(e.statusText()).contains("text" + code);
                assertThat(e.isRetryable()).isEqualTo(retryable);
                assertThat(e.getMessage()).contains(Integer.toString(code));
              });
    }
  }

  @Test
  void partialSuccessIsAResult() {
    stub(
        200,
        "text/xml",
        rsp(
            Mm7Version.DEFAULT.namespace(),
            "SubmitRsp",
            1100,
            "Partial",
            "<MessageID>p</MessageID>"));
    try (Mm7Client c = client().build()) {
      assertThat(c.submit(message()).isPartialSuccess()).isTrue();
    }
  }

  @Test
  void soapFaultWithRsErrorRsp() {
    stub(500, "text/xml; charset=utf-8", fault(500, "Client", 4004));
    try (Mm7Client c = client().build()) {
      assertThatThrownBy(() -> c.submit(message()))
          .isInstanceOfSatisfying(
              MmscRejectedException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(MmscRejectedException.Kind.FAULT);
                assertThat(e.statusCode()).hasValue(4004);
                assertThat(e.detail(HttpStatus.class).map(HttpStatus::code)).hasValue(500);
                assertThat(e.detail(SoapFault.class).map(SoapFault::faultCode))
                    .contains("env:Client");
                assertThat(e.detail(SoapFault.class).map(SoapFault::faultString))
                    .contains("refused");
                assertThat(e.isRetryable()).isFalse();
                assertThat(e.getMessage()).contains("Validation error");
              });
    }
  }

  /** Mbuni answers faults with TransactionID 0000: the fault still reaches the user as such. */
  @Test
  void aFaultForAnotherTransactionIdIsStillTheMmscsVerdict() {
    stub(500, "text/xml; charset=utf-8", fault(500, "Server", 4006).replace(TX, "0000"));
    try (Mm7Client c = client().build()) {
      assertThatThrownBy(() -> c.submit(message()))
          .isInstanceOfSatisfying(
              MmscRejectedException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(MmscRejectedException.Kind.FAULT);
                assertThat(e.statusCode()).hasValue(4006);
                assertThat(e.isRetryable()).isTrue();
                assertThat(e.getMessage()).contains("TransactionID mismatch").contains("0000");
              });
    }
  }

  /** A success for another TransactionID cannot be taken as this request's. */
  @Test
  void aSuccessForAnotherTransactionIdIsRefused() {
    Mm7Version v = Mm7Version.DEFAULT;
    stub(
        200,
        "text/xml; charset=utf-8",
        rsp(v.namespace(), "SubmitRsp", 1000, "Success", "<MessageID>m1</MessageID>")
            .replace(TX, "0000"));
    try (Mm7Client c = client().build()) {
      assertThatThrownBy(() -> c.submit(message()))
          .isInstanceOf(MmsMalformedException.class)
          .hasMessageContaining("TransactionID mismatch");
    }
  }

  @Test
  void soapFaultServerBusyIsRetryable() {
    stub(500, "application/xml", fault(500, "Server", 3001));
    try (Mm7Client c = client().build()) {
      assertThatThrownBy(() -> c.submit(message()))
          .isInstanceOfSatisfying(
              MmscRejectedException.class, e -> assertThat(e.isRetryable()).isTrue());
    }
  }

  static Stream<Arguments> httpErrors() {
    return Stream.of(
        Arguments.of(503, true),
        Arguments.of(502, true),
        Arguments.of(504, true),
        Arguments.of(400, false),
        Arguments.of(401, false),
        Arguments.of(404, false),
        Arguments.of(500, false));
  }

  @ParameterizedTest(name = "HTTP {0}")
  @MethodSource("httpErrors")
  void httpErrorsWithoutMm7Answer(int status, boolean retryable) {
    stub(status, "text/html", "<html><body>Error " + status + "</body>");
    try (Mm7Client c = client().build()) {
      assertThatThrownBy(() -> c.submit(message()))
          .isInstanceOfSatisfying(
              MmscRejectedException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(MmscRejectedException.Kind.TRANSPORT);
                assertThat(e.detail(HttpStatus.class).map(HttpStatus::code)).hasValue(status);
                assertThat(e.isRetryable()).isEqualTo(retryable);
              });
    }
  }

  @Test
  void unreadable200IsMalformed() {
    stub(200, "text/plain", "OK thanks");
    try (Mm7Client c = client().build()) {
      assertThatThrownBy(() -> c.submit(message()))
          .isInstanceOf(MmsMalformedException.class)
          .hasMessageContaining("unreadable MM7 response");
    }
  }

  @Test
  void transactionIdMismatchIsRefused() {
    stub(
        200,
        "text/xml",
        rsp(Mm7Version.DEFAULT.namespace(), "SubmitRsp", 1000, "ok", "<MessageID>m</MessageID>")
            .replace(TX, "someone-else"));
    try (Mm7Client c = client().build()) {
      assertThatThrownBy(() -> c.submit(message()))
          .isInstanceOf(MmsMalformedException.class)
          .hasMessageContaining("TransactionID mismatch")
          .hasMessageContaining("someone-else");
    }
  }

  @Test
  void aTransactionIdTheMessageNamesIsTheTransactionIdOfEverySubmit() {
    stubSubmitOk(Mm7Version.DEFAULT);
    MmsMessage m = message().toBuilder().transactionId("gw-7f3a").build();
    try (Mm7Client c = client().build()) {
      assertThat(c.submit(m).transactionId()).contains("gw-7f3a");
      assertThat(c.submit(m).transactionId()).contains("gw-7f3a");
    }
    assertThat(wm.getAllServeEvents())
        .hasSize(2)
        .allSatisfy(
            e ->
                assertThat(
                        Mm7Codec.read(
                                e.getRequest().getHeader("Content-Type"),
                                e.getRequest().getBody(),
                                Mm7Limits.defaults())
                            .transactionId())
                    .contains("gw-7f3a"));
  }

  @Test
  void transactionIdsAreUnique() {
    stubSubmitOk(Mm7Version.DEFAULT);
    List<String> ids = new ArrayList<>();
    try (Mm7Client c = client().build()) {
      for (int i = 0; i < 20; i++) {
        ids.add(c.submit(message()).transactionId().orElseThrow());
      }
    }
    assertThat(ids).doesNotHaveDuplicates();
  }

  @Test
  void responseTimeout() {
    wm.stubFor(
        post("/mm7").willReturn(aResponse().withStatus(200).withFixedDelay(3000).withBody("late")));
    try (Mm7Client c = client().responseTimeout(Duration.ofMillis(300)).build()) {
      assertThatThrownBy(() -> c.submit(message()))
          .isInstanceOfSatisfying(
              MmsTransportException.class,
              e -> {
                assertThat(e.requestSent()).isTrue();
                assertThat(e.isRetryable()).isTrue();
                assertThat(e.getMessage()).contains("no response");
              });
    }
  }

  /**
   * A listening socket whose accept queue is full (backlog 1, nobody accepting) lets further
   * connects hang on loopback, so the connect timeout fires.
   */
  @Test
  @org.junit.jupiter.api.Timeout(60)
  void connectTimeout() throws IOException {
    try (ServerSocket full = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        Mm7Client c =
            client()
                .endpoint(URI.create("http://127.0.0.1:" + full.getLocalPort() + "/mm7"))
                .connectTimeout(Duration.ofMillis(300))
                .maxConnections(1)
                .build()) {
      List<Socket> queued = new ArrayList<>();
      boolean queueFull = false;
      try {
        // fill the accept queue, then the client's connect waits
        for (int i = 0; i < 3; i++) {
          Socket s = new Socket();
          queued.add(s);
          s.connect(full.getLocalSocketAddress(), 200);
        }
      } catch (java.net.SocketTimeoutException e) {
        queueFull = true;
      } catch (IOException e) {
        // refused: the kernel aborts connects to a full queue (tcp_abort_on_overflow)
      }
      org.junit.jupiter.api.Assumptions.assumeTrue(
          queueFull, "connects to a full accept queue are refused here, not left waiting");
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> c.submit(message()))
          .isInstanceOfSatisfying(
              MmsTransportException.class,
              e -> {
                assertThat(e.requestSent()).isFalse();
                assertThat(e.isRetryable()).isTrue();
                assertThat(e.getMessage()).contains("timed out");
              });
      assertThat(Duration.ofNanos(System.nanoTime() - t0))
          .isBetween(Duration.ofMillis(300), Duration.ofSeconds(10));
      for (Socket s : queued) {
        s.close();
      }
    }
  }

  @Test
  void connectionRefused() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (Mm7Client c = client().endpoint(URI.create("http://127.0.0.1:" + port + "/mm7")).build()) {
      assertThatThrownBy(() -> c.submit(message()))
          .isInstanceOfSatisfying(
              MmsTransportException.class,
              e -> {
                assertThat(e.requestSent()).isFalse();
                assertThat(e.isRetryable()).isTrue();
              });
    }
  }

  @Test
  void asyncSubmitCompletes() throws Exception {
    stubSubmitOk(Mm7Version.DEFAULT);
    try (Mm7Client c = client().maxConnections(4).build()) {
      List<CompletableFuture<SubmitResult>> fs = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        fs.add(c.submitAsync(message()));
      }
      for (CompletableFuture<SubmitResult> f : fs) {
        assertThat(f.get().messageId()).isEqualTo("mid-42");
      }
      assertThat(c.cancelAsync("x")).failsWithin(Duration.ofSeconds(5));
    }
  }

  @Test
  void closeFailsPendingFutures() {
    wm.stubFor(
        post("/mm7").willReturn(aResponse().withStatus(200).withFixedDelay(5000).withBody("late")));
    Mm7Client c = client().build();
    CompletableFuture<SubmitResult> f = c.submitAsync(message());
    await().atMost(Duration.ofSeconds(5)).until(() -> wm.getAllServeEvents().size() == 1);
    c.close();
    await().atMost(Duration.ofSeconds(5)).until(f::isDone);
    assertThatThrownBy(f::get)
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(MmsTransportException.class);
    assertThat(c.submitAsync(message())).isCompletedExceptionally();
  }

  @Test
  void largeLazyPartIsStreamedWithComputedLength() {
    stubSubmitOk(Mm7Version.DEFAULT);
    int size = 3 * 1024 * 1024 + 17;
    AtomicInteger opened = new AtomicInteger();
    MmsPart big =
        MmsPart.builder()
            .contentType("video/mp4")
            .contentId("vid")
            .body(
                () -> {
                  opened.incrementAndGet();
                  return new PatternStream(size);
                },
                size)
            .build();
    try (Mm7Client c = client().build()) {
      c.submit(message().toBuilder().parts(List.of(big)).build());
    }
    assertThat(opened.get()).isEqualTo(1);
    LoggedRequest req = onlyRequest();
    assertThat(req.getHeader("Content-Length")).isEqualTo(Integer.toString(req.getBody().length));
    MmsPart got =
        sentSubmit().message().parts().stream()
            .filter(p -> p.contentId().orElse("").equals("vid"))
            .findFirst()
            .orElseThrow();
    assertThat(got.size().getAsLong()).isEqualTo(size);
    byte[] expected = new byte[size];
    for (int i = 0; i < size; i++) {
      expected[i] = (byte) (i * 31 + 7);
    }
    assertThat(got.bytes()).isEqualTo(expected);
  }

  /** Generates {@code (i * 31 + 7)} bytes without holding them. */
  private static final class PatternStream extends InputStream {
    private final int size;
    private int pos;

    PatternStream(int size) {
      this.size = size;
    }

    @Override
    public int read() {
      return pos < size ? ((pos++) * 31 + 7) & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= size) {
        return -1;
      }
      int n = Math.min(len, size - pos);
      for (int i = 0; i < n; i++) {
        b[off + i] = (byte) ((pos++) * 31 + 7);
      }
      return n;
    }
  }

  @Test
  void requestObserverSeesExactlyWhatIsSent() throws IOException {
    stubSubmitOk(Mm7Version.DEFAULT);
    List<Mm7HttpRequest> seen = new ArrayList<>();
    try (Mm7Client c = client().requestObserver(seen::add).build()) {
      c.submit(message());
    }
    assertThat(seen).hasSize(1);
    Mm7HttpRequest r = seen.get(0);
    LoggedRequest req = onlyRequest();
    assertThat(r.body()).isEqualTo(req.getBody());
    assertThat(r.headers())
        .anySatisfy(h -> assertThat(h.value()).isEqualTo(req.getHeader("Content-Type")));
    ByteArrayOutputStream dump = new ByteArrayOutputStream();
    r.writeTo(dump);
    String text = dump.toString(StandardCharsets.ISO_8859_1);
    assertThat(text).startsWith("POST /mm7 HTTP/1.1\r\nHost: 127.0.0.1:" + wm.getPort() + "\r\n");
    assertThat(text).contains("\r\nSOAPAction: \"\"\r\n").contains("\r\nAuthorization: Basic ");
  }

  @Test
  void builderRefusesBadConfiguration() {
    assertThatThrownBy(() -> Mm7Client.builder().build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Mm7Client.builder().endpoint(URI.create("ftp://x/")).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client().allowSenderOverride(false).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("defaultSender");
    assertThatThrownBy(() -> client().responseTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void messageWithoutRecipientIsRefusedBeforeSending() {
    stubSubmitOk(Mm7Version.DEFAULT);
    try (Mm7Client c = client().build()) {
      MmsMessage none = MmsMessage.builder().addPart(MmsPart.text("x")).build();
      assertThatThrownBy(() -> c.submit(none)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void seededRandomMessagesRoundTripThroughTheClient() {
    stubSubmitOk(Mm7Version.DEFAULT);
    Random r = new Random(2024);
    try (Mm7Client c = client().build()) {
      for (int i = 0; i < 10; i++) {
        wm.resetRequests();
        MmsMessage m = Mm7TestSupport.randomSubmit(r);
        c.submit(m);
        MmsMessage sent = sentSubmit().message();
        assertThat(sent.toBuilder().serviceCode(null).build())
            .isEqualTo(m.toBuilder().serviceCode(null).build());
      }
    }
  }

  /**
   * Bodies up to 64 KB are encoded into an array the sending thread keeps: a small request after a
   * large one, and a large one after that, each go out whole and alone, with nothing left over from
   * the request before.
   */
  @Test
  void eachRequestCarriesOnlyItsOwnBodyWhenTheThreadReusesItsArray() {
    stubSubmitOk(Mm7Version.DEFAULT);
    Random r = new Random(77);
    byte[] big = new byte[40_000];
    r.nextBytes(big);
    byte[] medium = new byte[9_000];
    r.nextBytes(medium);
    MmsMessage[] sequence = {
      message().toBuilder().addPart(MmsPart.of("image/png", big)).build(),
      message().toBuilder().subject("small").build(),
      message().toBuilder().addPart(MmsPart.of("image/gif", medium)).build(),
    };
    try (Mm7Client c = client().build()) {
      for (MmsMessage m : sequence) {
        wm.resetRequests();
        c.submit(m);
        LoggedRequest req = onlyRequest();
        assertThat(req.getHeader("Content-Length"))
            .isEqualTo(Integer.toString(req.getBody().length));
        String boundary =
            org.mmskit.core.ContentType.parse(req.getHeader("Content-Type"))
                .parameter("boundary")
                .orElseThrow();
        assertThat(new String(req.getBody(), StandardCharsets.ISO_8859_1))
            .endsWith("\r\n--" + boundary + "--\r\n");
        assertThat(sentSubmit().message().parts()).isEqualTo(m.parts());
        assertThat(sentSubmit().message().subject()).isEqualTo(m.subject());
      }
    }
  }
}
