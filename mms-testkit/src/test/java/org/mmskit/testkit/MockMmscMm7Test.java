package org.mmskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmskit.core.HttpStatus;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.core.OperationResult;
import org.mmskit.core.SubmitResult;
import org.mmskit.core.Transport;
import org.mmskit.eaif.EaifClient;
import org.mmskit.mm7.Mm7Client;
import org.mmskit.mm7.Mm7Dialect;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7Body;
import org.mmskit.mm7.internal.Mm7Codec;
import org.mmskit.mm7.internal.Mm7Envelope;
import org.mmskit.mm7.internal.Mm7Limits;
import org.mmskit.mm7.internal.Mm7Payload;
import org.mmskit.mm7.internal.Mm7WriteOptions;

/** The MM7 side of the mock, driven by the real {@link Mm7Client}. */
class MockMmscMm7Test {
  private MockMmsc mmsc;

  @BeforeEach
  void start() {
    mmsc = MockMmsc.start();
  }

  @AfterEach
  void stop() {
    mmsc.close();
  }

  private Mm7Client client(Mm7Version version) {
    return Mm7Client.builder()
        .endpoint(mmsc.mm7Uri())
        .vaspId("vasp-7")
        .vasId("svc-7")
        .version(version)
        .responseTimeout(Duration.ofSeconds(5))
        .build();
  }

  static Stream<Mm7Version> versions() {
    return Mm7Version.standardVersions().stream();
  }

  @ParameterizedTest
  @MethodSource("versions")
  void submitIsRecordedAndAnsweredInTheRequestVersion(Mm7Version version) {
    try (Mm7Client client = client(version)) {
      SubmitResult r = client.submit(Messages.withImage("v " + version.schema()));

      Submission s = mmsc.takeSubmission();
      assertThat(r.statusCode()).isEqualTo(1000);
      assertThat(r.messageId()).isNotBlank().isEqualTo(s.messageId());
      assertThat(s.transport()).isEqualTo(Transport.MM7);
      assertThat(s.operation()).isEqualTo(Submission.Operation.SUBMIT);
      assertThat(s.mm7Version().orElseThrow().namespace()).isEqualTo(version.namespace());
      assertThat(s.vaspId()).contains("vasp-7");
      assertThat(s.vasId()).contains("svc-7");
      assertThat(s.transactionId()).isEqualTo(r.transactionId());
      assertThat(s.bodyText()).contains(version.namespace());
      assertThat(s.header("Content-Type").orElseThrow()).startsWith("multipart/related");
      MmsMessage m = s.message().orElseThrow();
      assertThat(m.subject()).contains("v " + version.schema());
      assertThat(m.to()).hasSize(2);
      assertThat(m.parts())
          .anySatisfy(p -> assertThat(p.bytes()).isEqualTo(Messages.IMAGE))
          .anySatisfy(p -> assertThat(p.contentType().toString()).startsWith("text/plain"));
      assertThat(mmsc.pollSubmission()).isEmpty();
    }
  }

  @Test
  void answerUsesTheNamespaceAndVersionValueOfTheRequest() throws Exception {
    Mm7Version version = Mm7Version.REL_5_MM7_1_2.withMm7Version("5.6.0");
    MmsMessage m = Messages.withImage("raw");
    Mm7Payload p =
        Mm7Codec.encode(
            Mm7Envelope.of(
                "tx-raw-1",
                version,
                new Mm7Body.SubmitReq(java.util.Optional.of("v"), java.util.Optional.empty(), m)),
            Mm7WriteOptions.standard());
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    p.writeTo(body);
    HttpResponse<byte[]> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(mmsc.mm7Uri())
                    .header("Content-Type", p.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    Mm7Envelope answer =
        Mm7Codec.read(
            response.headers().firstValue("Content-Type").orElseThrow(),
            response.body(),
            Mm7Limits.defaults());
    assertThat(answer.version().namespace()).isEqualTo(version.namespace());
    assertThat(answer.version().mm7Version()).isEqualTo("5.6.0");
    assertThat(answer.transactionId()).contains("tx-raw-1");
    Mm7Body.SubmitRsp rsp = (Mm7Body.SubmitRsp) answer.body();
    assertThat(rsp.messageId()).isEqualTo(mmsc.takeSubmission().messageId());
  }

  @Test
  void cancelAndReplaceAreRecordedWithTheirTarget() {
    try (Mm7Client client = client(Mm7Version.DEFAULT)) {
      String id = client.submit(Messages.withImage("first")).messageId();
      OperationResult replaced = client.replace(id, Messages.withImage("second"));
      OperationResult cancelled = client.cancel(id);

      assertThat(replaced.statusCode()).isEqualTo(1000);
      assertThat(cancelled.statusCode()).isEqualTo(1000);
      assertThat(mmsc.takeSubmission().operation()).isEqualTo(Submission.Operation.SUBMIT);
      Submission replace = mmsc.takeSubmission();
      assertThat(replace.operation()).isEqualTo(Submission.Operation.REPLACE);
      assertThat(replace.messageId()).isEqualTo(id);
      assertThat(replace.message().orElseThrow().parts()).hasSize(2);
      Submission cancel = mmsc.takeSubmission();
      assertThat(cancel.operation()).isEqualTo(Submission.Operation.CANCEL);
      assertThat(cancel.messageId()).isEqualTo(id);
      assertThat(cancel.message()).isEmpty();
      assertThat(mmsc.submissions()).hasSize(3);
    }
  }

  @Test
  void scriptedRepliesReachTheClientAsTypedErrorsThenSuccessResumes() {
    mmsc.enqueue(
        MmscReply.status(4006, "Service unavailable"),
        MmscReply.soapFault(3001, "Operation restricted"),
        MmscReply.httpStatus(503),
        MmscReply.status(1100, "Partial success"),
        MmscReply.success("fixed-id-1"));
    try (Mm7Client client = client(Mm7Version.DEFAULT)) {
      MmsMessage m = Messages.withImage("script");
      assertThatThrownBy(() -> client.submit(m))
          .isInstanceOfSatisfying(
              MmscRejectedException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(MmscRejectedException.Kind.STATUS);
                assertThat(e.statusCode()).hasValue(4006);
              });
      assertThatThrownBy(() -> client.submit(m))
          .isInstanceOfSatisfying(
              MmscRejectedException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(MmscRejectedException.Kind.FAULT);
                assertThat(e.statusCode()).hasValue(3001);
              });
      assertThatThrownBy(() -> client.submit(m))
          .isInstanceOfSatisfying(
              MmscRejectedException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(MmscRejectedException.Kind.TRANSPORT);
                assertThat(e.detail(HttpStatus.class).map(HttpStatus::code)).hasValue(503);
                assertThat(e.isRetryable()).isTrue();
              });
      SubmitResult partial = client.submit(m);
      assertThat(partial.isPartialSuccess()).isTrue();
      assertThat(partial.messageId()).isNotBlank();
      assertThat(client.submit(m).messageId()).isEqualTo("fixed-id-1");
      assertThat(client.submit(m).statusCode()).isEqualTo(1000);
    }
    List<Submission> all = mmsc.submissions();
    assertThat(all).hasSize(6);
    assertThat(all.get(0).reply().statusCode()).isEqualTo(4006);
    assertThat(all.get(5).reply().kind()).isEqualTo(MmscReply.Kind.SUCCESS);
  }

  @Test
  void droppedConnectionAndDelayBeyondTheTimeoutAreTransportFailures() {
    mmsc.enqueue(MmscReply.dropConnection(), MmscReply.success().delayed(Duration.ofMillis(1500)));
    try (Mm7Client client =
        Mm7Client.builder()
            .endpoint(mmsc.mm7Uri())
            .responseTimeout(Duration.ofMillis(400))
            .build()) {
      MmsMessage m = Messages.withImage("drop");
      assertThatThrownBy(() -> client.submit(m))
          .isInstanceOfSatisfying(
              MmsTransportException.class, e -> assertThat(e.requestSent()).isTrue());
      assertThatThrownBy(() -> client.submit(m))
          .isInstanceOfSatisfying(
              MmsTransportException.class, e -> assertThat(e.requestSent()).isTrue());
    }
    assertThat(mmsc.submissions()).hasSize(2);
  }

  @Test
  void concurrentSubmitsGetUniqueMessageIds() {
    Random random = new Random(20261125L);
    int n = 20 + random.nextInt(30);
    try (Mm7Client client = client(Mm7Version.DEFAULT)) {
      List<CompletableFuture<SubmitResult>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(client.submitAsync(Messages.withImage("n" + random.nextInt())));
      }
      Set<String> ids = new HashSet<>();
      for (CompletableFuture<SubmitResult> f : futures) {
        ids.add(f.join().messageId());
      }
      assertThat(ids).hasSize(n);
    }
    assertThat(mmsc.submissions()).hasSize(n);
  }

  @Test
  void malformedAndHostileBodiesAreRefusedAndNotRecorded() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<env:Envelope xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\">"
            + "<env:Body>&x;</env:Body></env:Envelope>";
    for (String body : List.of("not xml at all", xxe)) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(mmsc.mm7Uri())
                  .header("Content-Type", "text/xml")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("2007").doesNotContain("root:");
    }
    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(mmsc.mm7Uri()).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(mmsc.submissions()).isEmpty();
  }

  @Test
  void accountIsRequiredWhenConfigured() {
    try (MockMmsc secured = MockMmsc.builder().account("vasp", "s3cret").start();
        Mm7Client anonymous = Mm7Client.builder().endpoint(secured.mm7Uri()).build();
        Mm7Client known =
            Mm7Client.builder().endpoint(secured.mm7Uri()).credentials("vasp", "s3cret").build()) {
      MmsMessage m = Messages.withImage("auth");
      assertThatThrownBy(() -> anonymous.submit(m))
          .isInstanceOfSatisfying(
              MmscRejectedException.class,
              e -> assertThat(e.detail(HttpStatus.class).map(HttpStatus::code)).hasValue(401));
      known.submit(m);
      assertThat(secured.takeSubmission().account()).contains("vasp");
      assertThat(secured.submissions()).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Mm7Dialect.class)
  void everyClientDialectIsServed(Mm7Dialect dialect) {
    try (Mm7Client client =
        Mm7Client.builder()
            .endpoint(mmsc.mm7Uri())
            .dialect(dialect)
            .version(Mm7Version.REL_5_MM7_1_0)
            .build()) {
      SubmitResult r = client.submit(Messages.withImage("dialect " + dialect));
      Submission s = mmsc.takeSubmission();
      assertThat(r.messageId()).isEqualTo(s.messageId());
      assertThat(s.message().orElseThrow().subject()).contains("dialect " + dialect);
      assertThat(client.cancel(r.messageId()).statusCode()).isEqualTo(1000);
    }
  }

  @Test
  void oversizedRequestsAreRefusedWithoutBeingRecorded() {
    byte[] big = new byte[100 * 1024];
    new Random(99).nextBytes(big);
    MmsMessage m =
        Messages.withImage("big").toBuilder().addPart(MmsPart.of("video/mp4", big)).build();
    try (MockMmsc small = MockMmsc.builder().maxRequestSize(64 * 1024).start();
        Mm7Client mm7 = Mm7Client.builder().endpoint(small.mm7Uri()).build();
        EaifClient eaif = EaifClient.builder().endpoint(small.eaifUri()).build()) {
      assertThatThrownBy(() -> mm7.submit(m))
          .isInstanceOfSatisfying(
              MmscRejectedException.class,
              e -> assertThat(e.detail(HttpStatus.class).map(HttpStatus::code)).hasValue(413));
      assertThatThrownBy(() -> eaif.submit(m))
          .isInstanceOfSatisfying(
              MmscRejectedException.class,
              e -> assertThat(e.detail(HttpStatus.class).map(HttpStatus::code)).hasValue(413));
      assertThat(small.submissions()).isEmpty();
      assertThat(mm7.submit(Messages.withImage("small")).messageId()).isNotBlank();
      assertThat(small.submissions()).hasSize(1);
    }
  }

  @Test
  void takeTimesOutWithAClearError() {
    assertThatThrownBy(() -> mmsc.takeSubmission(Duration.ofMillis(50)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no submission");
    assertThat(mmsc.mm7Uri()).isEqualTo(URI.create("http://127.0.0.1:" + mmsc.port() + "/mm7"));
  }
}
