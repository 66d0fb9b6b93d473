package org.mmskit.mm7.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mmskit.core.Address;
import org.mmskit.core.Header;
import org.mmskit.http.internal.HttpAnswer;
import org.mmskit.mm7.Mm7Dialect;
import org.mmskit.mm7.Mm7Probe;
import org.mmskit.mm7.Mm7ProbeResult;
import org.mmskit.mm7.Mm7ProbeResult.Verdict;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7Body;
import org.mmskit.mm7.internal.Mm7Codec;
import org.mmskit.mm7.internal.Mm7Envelope;
import org.mmskit.mm7.internal.Mm7WriteOptions;

class ProbePartsTest {
  private static ProbeSettings settings(
      String user, String password, List<Mm7ProbeResult.TraceEntry> sink) {
    return new ProbeSettings(
        URI.create("http://mmsc.example:8080/mm7?x=1"),
        "vasp \"one\"",
        null,
        null,
        user,
        password,
        Address.shortCode("12345"),
        null,
        12,
        Duration.ZERO,
        d -> {},
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        sink::add,
        null);
  }

  @ParameterizedTest
  @CsvSource({
    "1000, UNDERSTOOD",
    "2005, UNDERSTOOD",
    "4003, UNDERSTOOD",
    "4007, UNDERSTOOD",
    "4001, WRONG_IDENTIFICATION",
    "4002, UNSUPPORTED_VERSION",
    "2007, FORMAT_REFUSED",
    "4004, FORMAT_REFUSED"
  })
  void statusCodesAreRead(int code, Verdict expected) {
    assertThat(Classifier.forStatus(code)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "401, NEEDS_CREDENTIALS",
    "403, FORBIDDEN",
    "404, WRONG_PATH",
    "500, HTTP_ERROR",
    "502, HTTP_ERROR",
    "200, UNREADABLE_ANSWER"
  })
  void httpStatusesAreRead(int status, Verdict expected) {
    assertThat(Classifier.forHttp(status)).isEqualTo(expected);
  }

  @Test
  void traceMasksTheAuthorizationValueAndThePasswordWherever() {
    List<Mm7ProbeResult.TraceEntry> sink = new ArrayList<>();
    Session s = new Session(settings("vasp", "pa ss", sink));
    s.trace(
        "x",
        "POST /mm7 HTTP/1.1\nauthorization: Basic dmFzcDpwYSBzcw==\nX: pa ss\n",
        "Proxy-Authorization: Bearer tok3n\n<pw>pa ss</pw>");
    Mm7ProbeResult.TraceEntry e = sink.get(0);
    assertThat(e.request()).contains("authorization: Basic ****").doesNotContain("dmFzcD");
    assertThat(e.request()).contains("X: ****").doesNotContain("pa ss");
    assertThat(e.answer()).contains("Proxy-Authorization: Bearer ****").doesNotContain("tok3n");
    assertThat(e.answer()).contains("<pw>****</pw>");
    assertThat(e.number()).isEqualTo(1);
  }

  @Test
  void theBudgetIsNeverExceeded() {
    List<Duration> pauses = new ArrayList<>();
    ProbeSettings base = settings(null, null, new ArrayList<>());
    ProbeSettings three =
        new ProbeSettings(
            base.url(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            3,
            Duration.ofMillis(5),
            pauses::add,
            base.connectTimeout(),
            base.responseTimeout(),
            e -> {},
            null);
    Session s = new Session(three);
    assertThat(s.take()).isTrue();
    assertThat(s.take()).isTrue();
    assertThat(s.take()).isTrue();
    assertThat(s.take()).isFalse();
    assertThat(s.requests()).isEqualTo(3);
    assertThat(pauses).containsExactly(Duration.ofMillis(5), Duration.ofMillis(5));
  }

  @Test
  void recommendationQuotesForJavaAndTheShell() {
    Recommendation rec = new Recommendation(settings("o'brien", "x", new ArrayList<>()));
    Mm7Probe.Candidate c =
        new Mm7Probe.Candidate(
            Mm7Version.REL_5_MM7_1_0.withMm7Version("5.2.0"),
            Mm7Dialect.ERICSSON,
            true,
            "\"urn:x\"");
    assertThat(rec.builderLines(c))
        .containsExactly(
            "Mm7Client.builder()",
            "    .endpoint(URI.create(\"http://mmsc.example:8080/mm7?x=1\"))",
            "    .vaspId(\"vasp \\\"one\\\"\")",
            "    .defaultSender(Address.shortCode(\"12345\"))",
            "    .credentials(\"o'brien\", System.getenv(\"MMSKIT_PASSWORD\"))",
            "    .version(Mm7Version.REL_5_MM7_1_0.withMm7Version(\"5.2.0\"))",
            "    .dialect(Mm7Dialect.ERICSSON)",
            "    .prefixElements(true)",
            "    .soapAction(\"\\\"urn:x\\\"\")",
            "    .build();");
    assertThat(rec.cliFlags(c))
        .containsExactly(
            "--url 'http://mmsc.example:8080/mm7?x=1'",
            "--vasp-id 'vasp \"one\"'",
            "--user 'o'\\''brien'",
            "--password-file FILE",
            "--namespace REL-5-MM7-1-0",
            "--mm7-version 5.2.0",
            "--dialect ericsson",
            "--prefix-elements true",
            "--soap-action '\"urn:x\"'");
  }

  @Test
  void candidatesStartWithTheCommonOnesAndCoverEveryVersionAndDialect() {
    List<Mm7Probe.Candidate> all = Candidates.ordered();
    assertThat(all.get(0).version()).isEqualTo(Mm7Version.DEFAULT);
    assertThat(all.get(1).version()).isEqualTo(Mm7Version.REL_5_MM7_1_2);
    assertThat(all).extracting(Mm7Probe.Candidate::dialect).contains(Mm7Dialect.values());
    for (Mm7Version v : Mm7Version.standardVersions()) {
      assertThat(all).anyMatch(c -> c.version().equals(v));
    }
    assertThat(all).doesNotHaveDuplicates();
  }

  @Test
  void theBuilderRefusesWhatCannotWork() {
    assertThatThrownBy(
            () -> Mm7Probe.builder().url(URI.create("http://u:secret@mmsc.example/mm7")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("credentials(")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> Mm7Probe.builder().url(URI.create("ftp://mmsc.example/")).build())
        .hasMessageContaining("http or https");
    assertThatThrownBy(
            () ->
                Mm7Probe.builder()
                    .url(URI.create("http://mmsc.example/mm7"))
                    .sendTestTo(Address.phone("+15551230000"))
                    .build())
        .hasMessageContaining("from");
    assertThatThrownBy(() -> Mm7Probe.builder().maxRequests(1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** An answer of {@code status} as an MMSC writes it, in {@code version}. */
  private static HttpAnswer answer(int http, Mm7Version version, Mm7Body body) {
    String xml =
        Mm7Codec.soapXml(
            Mm7Envelope.of("tx-1", version, body), Mm7WriteOptions.forDialect(Mm7Dialect.STANDARD));
    return new HttpAnswer(
        http,
        http == 200 ? "OK" : "Error",
        List.of(new Header("Content-Type", "text/xml; charset=utf-8")),
        "text/xml; charset=utf-8",
        xml.getBytes(StandardCharsets.UTF_8),
        false);
  }

  private static Mm7Body cancelRsp(int code) {
    return new Mm7Body.CancelRsp(Mm7Body.Status.of(code, "text " + code));
  }

  @ParameterizedTest
  @CsvSource({
    "2005, UNDERSTOOD",
    "1000, UNDERSTOOD",
    "4001, WRONG_IDENTIFICATION",
    "4002, UNSUPPORTED_VERSION",
    "2007, FORMAT_REFUSED"
  })
  void aStatusInTheRequestsNamespaceIsReadByItsCode(int code, Verdict expected) {
    CandidateExchange.Result r =
        CandidateExchange.read(
            Mm7Version.REL_6_MM7_1_4, answer(200, Mm7Version.REL_6_MM7_1_4, cancelRsp(code)), "");
    assertThat(r.reading().verdict()).isEqualTo(expected);
    assertThat(r.reading().answer()).contains("MM7 status " + code).contains("REL-6-MM7-1-4");
    assertThat(r.answeredIn()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"2005", "1000", "4001"})
  void aReadingStatusInAnotherNamespaceNamesTheMmscsOwnVersion(int code) {
    Mm7Version own = Mm7Version.REL_5_MM7_1_2.withMm7Version("5.3.0");
    CandidateExchange.Result r =
        CandidateExchange.read(Mm7Version.REL_6_MM7_1_4, answer(200, own, cancelRsp(code)), "");
    assertThat(r.reading().verdict()).isEqualTo(Verdict.OTHER_VERSION);
    assertThat(r.reading().answer())
        .contains("MM7 status " + code)
        .contains("in REL-5-MM7-1-2")
        .contains("not in REL-6-MM7-1-4");
    assertThat(r.answeredIn()).contains(own);
  }

  @Test
  void aRefusalInAnotherNamespaceStaysARefusal() {
    Mm7Body fault =
        new Mm7Body.Fault(
            "env:Client",
            "Unsupported version",
            Optional.of(new Mm7Body.ErrorRsp(true, Mm7Body.Status.of(4002, "Unsupported"))));
    CandidateExchange.Result r =
        CandidateExchange.read(
            Mm7Version.REL_6_MM7_1_4, answer(500, Mm7Version.REL_5_MM7_1_2, fault), "");
    assertThat(r.reading().verdict()).isEqualTo(Verdict.UNSUPPORTED_VERSION);
    assertThat(r.reading().answer())
        .contains("SOAP fault with MM7 status 4002")
        .contains("in REL-5-MM7-1-2")
        .contains("HTTP 500");
    assertThat(r.answeredIn()).isEmpty();
  }

  @Test
  void theRawAnswerIsKeptWhateverItIs() {
    HttpAnswer ok = answer(200, Mm7Version.REL_5_MM7_1_0, cancelRsp(2005));
    CandidateExchange.Result r = CandidateExchange.read(Mm7Version.REL_5_MM7_1_0, ok, "req");
    assertThat(r.request()).isEqualTo("req");
    assertThat(r.answer())
        .startsWith("HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\n\r\n")
        .endsWith(new String(ok.body(), StandardCharsets.UTF_8));

    byte[] page = "<html><body>Forbidden</body></html>".getBytes(StandardCharsets.UTF_8);
    HttpAnswer forbidden = new HttpAnswer(403, "Forbidden", List.of(), "text/html", page, false);
    CandidateExchange.Result f = CandidateExchange.read(Mm7Version.REL_5_MM7_1_0, forbidden, "req");
    assertThat(f.reading().verdict()).isEqualTo(Verdict.FORBIDDEN);
    assertThat(f.reading().answer()).isEqualTo("HTTP 403 Forbidden without an MM7 answer");
    assertThat(f.answer())
        .isEqualTo("HTTP/1.1 403 Forbidden\r\n\r\n<html><body>Forbidden</body></html>");

    HttpAnswer html = new HttpAnswer(200, "", List.of(), "text/html", page, false);
    assertThat(CandidateExchange.read(Mm7Version.REL_5_MM7_1_0, html, "").reading().verdict())
        .isEqualTo(Verdict.UNREADABLE_ANSWER);

    HttpAnswer cut = new HttpAnswer(200, "OK", List.of(), "text/xml", ok.body(), true);
    CandidateExchange.Result c = CandidateExchange.read(Mm7Version.REL_5_MM7_1_0, cut, "");
    assertThat(c.reading().verdict()).isEqualTo(Verdict.UNREADABLE_ANSWER);
    assertThat(c.answer()).endsWith("[cut at " + ok.body().length + " bytes]");
  }
}
