package org.mmskit.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.mmskit.core.Address;
import org.mmskit.mm7.Mm7Dialect;
import org.mmskit.mm7.Mm7Probe;
import org.mmskit.mm7.Mm7ProbeResult;
import org.mmskit.mm7.Mm7ProbeResult.Attempt;
import org.mmskit.mm7.Mm7ProbeResult.Verdict;
import org.mmskit.mm7.Mm7Version;

/**
 * The probe against MockMmsc profiles that behave like picky real MMSCs: each reaches the right
 * verdict and recommendation, and the mock receives no more requests than the bound.
 */
class Mm7ProbeProfilesTest {
  private static final Duration SPACING = Duration.ofMillis(700);

  private final List<Duration> pauses = new CopyOnWriteArrayList<>();
  private final List<Mm7ProbeResult.TraceEntry> trace = new CopyOnWriteArrayList<>();

  private Mm7Probe.Builder probe(URI url) {
    return Mm7Probe.builder()
        .url(url)
        .vaspId("vasp-1")
        .from(Address.shortCode("12345"))
        .spacing(SPACING, pauses::add)
        .responseTimeout(Duration.ofSeconds(5))
        .trace(trace::add);
  }

  /** The result, after checking the mock saw exactly the requests the probe says it sent. */
  private Mm7ProbeResult run(MockMmsc mmsc, Mm7Probe.Builder b) {
    Mm7ProbeResult r = b.build().run();
    // the mock counts a request once its exchange has ended, which may be after the probe moved on
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(mmsc.requestCount()).isEqualTo(r.requestsSent()));
    assertThat(r.requestsSent()).isLessThanOrEqualTo(Mm7Probe.DEFAULT_MAX_REQUESTS);
    // every request but the first was spaced
    assertThat(pauses).hasSize(r.requestsSent() - 1).allMatch(SPACING::equals);
    return r;
  }

  private static List<Verdict> verdicts(Mm7ProbeResult r) {
    List<Verdict> v = new ArrayList<>();
    for (Attempt a : r.attempts()) {
      v.add(a.verdict());
    }
    return v;
  }

  @Test
  void aLenientMmscUnderstandsTheFirstCandidate() {
    try (MockMmsc mmsc = MockMmsc.start()) {
      Mm7ProbeResult r = run(mmsc, probe(mmsc.mm7Uri()));
      assertThat(r.verdict()).isEqualTo(Verdict.UNDERSTOOD);
      assertThat(r.requestsSent()).isEqualTo(2);
      assertThat(r.steps())
          .extracting(Mm7ProbeResult.Step::name)
          .containsExactly("dns", "tcp", "http");
      assertThat(r.steps().get(2).detail()).contains("HTTP 400").contains("SOAP fault");
      assertThat(r.recommended().orElseThrow().version()).isEqualTo(Mm7Version.REL_6_MM7_1_4);
      assertThat(r.builderLines())
          .contains(
              "    .endpoint(URI.create(\"" + mmsc.mm7Uri() + "\"))",
              "    .vaspId(\"vasp-1\")",
              "    .defaultSender(Address.shortCode(\"12345\"))",
              "    .version(Mm7Version.REL_6_MM7_1_4)");
      assertThat(r.cliFlags()).contains("--namespace REL-6-MM7-1-4", "--mm7-version 6.8.0");
    }
  }

  @Test
  void onlyRel5MinorTwoWith530IsFoundAfterUnsupportedVersion() {
    MmscProfile p = MmscProfile.builder().onlyVersion(Mm7Version.REL_5_MM7_1_2).build();
    try (MockMmsc mmsc = MockMmsc.builder().profile(p).start()) {
      Mm7ProbeResult r = run(mmsc, probe(mmsc.mm7Uri()));
      assertThat(verdicts(r)).containsExactly(Verdict.UNSUPPORTED_VERSION, Verdict.UNDERSTOOD);
      assertThat(r.attempts().get(0).answer()).contains("4002");
      assertThat(r.attempts().get(1).answer()).contains("2005");
      assertThat(r.builderLines()).contains("    .version(Mm7Version.REL_5_MM7_1_2)");
      assertThat(r.cliFlags()).contains("--namespace REL-5-MM7-1-2", "--mm7-version 5.3.0");
      assertThat(mmsc.submissions()).isEmpty(); // nothing was delivered or recorded
    }
  }

  @Test
  void theSameNamespaceWithAnotherMm7VersionIsRefusedToo() {
    Mm7Version wanted = Mm7Version.REL_5_MM7_1_3.withMm7Version("5.6.0");
    MmscProfile p = MmscProfile.builder().onlyVersion(wanted).build();
    try (MockMmsc mmsc = MockMmsc.builder().profile(p).start()) {
      Mm7ProbeResult r = run(mmsc, probe(mmsc.mm7Uri()));
      assertThat(r.verdict()).isEqualTo(Verdict.UNDERSTOOD);
      assertThat(r.recommended().orElseThrow().version()).isEqualTo(wanted);
      assertThat(r.builderLines())
          .contains("    .version(Mm7Version.REL_5_MM7_1_3.withMm7Version(\"5.6.0\"))");
      // REL-5-MM7-1-3 with 5.3.0 was tried and refused before
      assertThat(r.attempts())
          .anyMatch(
              a ->
                  a.candidate().version().equals(Mm7Version.REL_5_MM7_1_3)
                      && a.verdict() == Verdict.UNSUPPORTED_VERSION);
    }
  }

  @Test
  void anEricssonOnlyMmscIsFoundThroughSoapFaults() {
    MmscProfile p = MmscProfile.builder().onlyDialect(Mm7Dialect.ERICSSON).build();
    try (MockMmsc mmsc = MockMmsc.builder().profile(p).start()) {
      Mm7ProbeResult r = run(mmsc, probe(mmsc.mm7Uri()));
      List<Verdict> v = verdicts(r);
      assertThat(v.get(v.size() - 1)).isEqualTo(Verdict.UNDERSTOOD);
      assertThat(v.subList(0, v.size() - 1)).isNotEmpty().allMatch(Verdict.SOAP_FAULT::equals);
      assertThat(r.recommended().orElseThrow().dialect()).isEqualTo(Mm7Dialect.ERICSSON);
      assertThat(r.builderLines()).contains("    .dialect(Mm7Dialect.ERICSSON)");
      assertThat(r.cliFlags()).contains("--dialect ericsson");
    }
  }

  @Test
  void basicCredentialsMissingWrongAndRight() {
    try (MockMmsc mmsc = MockMmsc.builder().account("vasp", "s3cret").start()) {
      Mm7ProbeResult none = run(mmsc, probe(mmsc.mm7Uri()));
      assertThat(none.verdict()).isEqualTo(Verdict.NEEDS_CREDENTIALS);
      assertThat(none.requestsSent()).isEqualTo(1);
      assertThat(none.advice()).contains("login");
      assertThat(none.builderLines()).isEmpty();
    }
    pauses.clear();
    try (MockMmsc mmsc = MockMmsc.builder().account("vasp", "s3cret").start()) {
      Mm7ProbeResult wrong = run(mmsc, probe(mmsc.mm7Uri()).credentials("vasp", "guess"));
      assertThat(wrong.verdict()).isEqualTo(Verdict.NEEDS_CREDENTIALS);
      assertThat(wrong.steps())
          .extracting(Mm7ProbeResult.Step::name)
          .containsExactly("dns", "tcp", "http", "http-auth");
      assertThat(wrong.attempts()).isEmpty();
    }
    pauses.clear();
    trace.clear();
    try (MockMmsc mmsc = MockMmsc.builder().account("vasp", "s3cret").start()) {
      Mm7ProbeResult right = run(mmsc, probe(mmsc.mm7Uri()).credentials("vasp", "s3cret"));
      assertThat(right.verdict()).isEqualTo(Verdict.UNDERSTOOD);
      assertThat(right.builderLines())
          .contains("    .credentials(\"vasp\", System.getenv(\"MMSKIT_PASSWORD\"))");
      assertThat(right.cliFlags()).contains("--user vasp", "--password-file FILE");
      // the trace holds every exchange with the login masked
      assertThat(trace).hasSize(right.requestsSent());
      assertThat(trace).noneMatch(t -> (t.request() + t.answer()).contains("s3cret"));
      assertThat(trace).noneMatch(t -> t.request().contains("dmFzcDpzM2NyZXQ"));
      assertThat(trace).anyMatch(t -> t.request().contains("Authorization: Basic ****"));
    }
  }

  @Test
  void aWrongPathIsNamedAfterOneRequest() {
    try (MockMmsc mmsc = MockMmsc.builder().mm7Path("/vasp/mm7/submit").start()) {
      Mm7ProbeResult r = run(mmsc, probe(mmsc.mm7Uri().resolve("/mm7")));
      assertThat(r.verdict()).isEqualTo(Verdict.WRONG_PATH);
      assertThat(r.requestsSent()).isEqualTo(1);
      assertThat(r.advice()).contains("exact MM7 URL");
    }
  }

  @Test
  void aWrongVaspIdIsImproperIdentificationNotAFormatProblem() {
    MmscProfile p = MmscProfile.builder().vaspId("the-real-one").build();
    try (MockMmsc mmsc = MockMmsc.builder().profile(p).start()) {
      Mm7ProbeResult r = run(mmsc, probe(mmsc.mm7Uri()));
      assertThat(r.verdict()).isEqualTo(Verdict.WRONG_IDENTIFICATION);
      assertThat(r.attempts()).hasSize(1);
      assertThat(r.advice()).contains("VASP ID");
      // the format is right: it is recommended
      assertThat(r.builderLines()).contains("    .version(Mm7Version.REL_6_MM7_1_4)");
    }
  }

  @Test
  void anAllowListThatDropsUsEndsTheProbeEarly() {
    MmscProfile p = MmscProfile.builder().dropConnections(true).build();
    try (MockMmsc mmsc = MockMmsc.builder().profile(p).start()) {
      Mm7ProbeResult r = run(mmsc, probe(mmsc.mm7Uri()));
      assertThat(r.verdict()).isEqualTo(Verdict.NO_ANSWER);
      assertThat(r.requestsSent()).isEqualTo(2);
      assertThat(r.advice()).contains("allow-list");
      assertThat(r.steps().get(1).ok()).isTrue(); // TCP connects: it is the answer that is missing
    }
  }

  @Test
  void aSlowMmscIsWaitedForWithinTheTimeout() {
    Duration delay = Duration.ofMillis(300);
    MmscProfile p = MmscProfile.builder().delay(delay).build();
    try (MockMmsc mmsc = MockMmsc.builder().profile(p).start()) {
      Mm7ProbeResult r = run(mmsc, probe(mmsc.mm7Uri()));
      assertThat(r.verdict()).isEqualTo(Verdict.UNDERSTOOD);
      assertThat(r.attempts().get(0).elapsed()).isGreaterThanOrEqualTo(delay);
    }
  }

  @Test
  void aMmscSlowerThanTheTimeoutIsNoAnswerAndTheProbeStops() {
    MmscProfile p = MmscProfile.builder().delay(Duration.ofSeconds(2)).build();
    try (MockMmsc mmsc = MockMmsc.builder().profile(p).start()) {
      Mm7ProbeResult r = run(mmsc, probe(mmsc.mm7Uri()).responseTimeout(Duration.ofMillis(300)));
      assertThat(r.verdict()).isEqualTo(Verdict.NO_ANSWER);
      assertThat(r.requestsSent()).isEqualTo(2);
      assertThat(r.attempts().get(0).answer()).contains("no answer");
    }
  }

  @Test
  void htmlErrorPagesDoNotStopTheSearch() {
    MmscProfile p =
        MmscProfile.builder().onlyVersion(Mm7Version.REL_5_MM7_1_0).htmlErrors(true).build();
    try (MockMmsc mmsc = MockMmsc.builder().profile(p).start()) {
      Mm7ProbeResult r = run(mmsc, probe(mmsc.mm7Uri()));
      assertThat(r.steps().get(2).detail()).contains("HTTP 500").contains("HTML page");
      assertThat(verdicts(r))
          .containsExactly(Verdict.HTTP_ERROR, Verdict.HTTP_ERROR, Verdict.UNDERSTOOD);
      assertThat(r.recommended().orElseThrow().version()).isEqualTo(Mm7Version.REL_5_MM7_1_0);
    }
  }

  @Test
  void neverMoreRequestsThanTheBound() {
    MmscProfile p =
        MmscProfile.builder().onlyVersion(Mm7Version.REL_6_MM7_1_3.withMm7Version("9.9.9")).build();
    try (MockMmsc mmsc = MockMmsc.builder().profile(p).start()) {
      Mm7ProbeResult r = run(mmsc, probe(mmsc.mm7Uri()).maxRequests(5));
      assertThat(r.requestsSent()).isEqualTo(5);
      assertThat(r.attempts()).hasSize(4).allMatch(a -> a.verdict() == Verdict.UNSUPPORTED_VERSION);
      assertThat(r.verdict()).isEqualTo(Verdict.UNSUPPORTED_VERSION);
      assertThat(r.advice()).contains("MM7Version");
      assertThat(r.recommended()).isEmpty();
    }
    pauses.clear();
    try (MockMmsc mmsc = MockMmsc.builder().profile(p).start()) {
      Mm7ProbeResult r = run(mmsc, probe(mmsc.mm7Uri()));
      assertThat(r.requestsSent()).isEqualTo(Mm7Probe.DEFAULT_MAX_REQUESTS);
    }
  }

  @Test
  void aTestMessageGoesOutWithTheFormatFound() {
    MmscProfile p = MmscProfile.builder().onlyVersion(Mm7Version.REL_5_MM7_1_2).build();
    try (MockMmsc mmsc = MockMmsc.builder().profile(p).start()) {
      Mm7ProbeResult r = run(mmsc, probe(mmsc.mm7Uri()).sendTestTo(Address.phone("+15551230000")));
      Mm7ProbeResult.TestSubmit t = r.testSubmit().orElseThrow();
      assertThat(t.accepted()).isTrue();
      Submission s = mmsc.takeSubmission();
      assertThat(t.messageId()).contains(s.messageId());
      assertThat(s.mm7Version()).contains(Mm7Version.REL_5_MM7_1_2);
      assertThat(s.message().orElseThrow().recipients())
          .containsExactly(Address.phone("+15551230000"));
    }
  }

  @Test
  void anAllowListAnswering403IsNamedAfterOneRequest() {
    MmscProfile p = MmscProfile.builder().forbidden(true).build();
    try (MockMmsc mmsc = MockMmsc.builder().profile(p).start()) {
      Mm7ProbeResult r = run(mmsc, probe(mmsc.mm7Uri()).credentials("vasp", "s3cret"));
      assertThat(r.verdict()).isEqualTo(Verdict.FORBIDDEN);
      assertThat(r.requestsSent()).isEqualTo(1);
      assertThat(r.attempts()).isEmpty();
      assertThat(r.advice())
          .contains("address not on the operator's allow-list")
          .contains("add your public IP address");
      assertThat(r.steps().get(r.steps().size() - 1).detail()).contains("HTTP 403");
      assertThat(r.builderLines()).isEmpty();
    }
  }

  @Test
  void aMmscAnsweringInItsOwnVersionGetsThatVersionRecommended() {
    MmscProfile p = MmscProfile.builder().answerIn(Mm7Version.REL_5_MM7_1_2).build();
    try (MockMmsc mmsc = MockMmsc.builder().profile(p).start()) {
      Mm7ProbeResult r = run(mmsc, probe(mmsc.mm7Uri()));
      // the first candidate is read but answered in REL-5-MM7-1-2; that version is tried next
      assertThat(verdicts(r)).containsExactly(Verdict.OTHER_VERSION, Verdict.UNDERSTOOD);
      Attempt first = r.attempts().get(0);
      assertThat(first.candidate().version()).isEqualTo(Mm7Version.REL_6_MM7_1_4);
      assertThat(first.answer()).contains("2005").contains("in REL-5-MM7-1-2");
      assertThat(r.attempts().get(1).candidate().version()).isEqualTo(Mm7Version.REL_5_MM7_1_2);
      assertThat(r.verdict()).isEqualTo(Verdict.UNDERSTOOD);
      assertThat(r.recommended().orElseThrow().version()).isEqualTo(Mm7Version.REL_5_MM7_1_2);
      assertThat(r.builderLines()).contains("    .version(Mm7Version.REL_5_MM7_1_2)");
      assertThat(r.cliFlags()).contains("--namespace REL-5-MM7-1-2", "--mm7-version 5.3.0");
    }
  }

  @Test
  void anAnswerInAnotherVersionIsRecommendedEvenWithoutBudgetToConfirmIt() {
    MmscProfile p = MmscProfile.builder().answerIn(Mm7Version.REL_5_MM7_1_2).build();
    try (MockMmsc mmsc = MockMmsc.builder().profile(p).start()) {
      Mm7ProbeResult r = run(mmsc, probe(mmsc.mm7Uri()).maxRequests(2));
      assertThat(verdicts(r)).containsExactly(Verdict.OTHER_VERSION);
      assertThat(r.verdict()).isEqualTo(Verdict.OTHER_VERSION);
      assertThat(r.advice()).contains("answered in its own MM7 version");
      assertThat(r.recommended().orElseThrow().version()).isEqualTo(Mm7Version.REL_5_MM7_1_2);
      assertThat(r.cliFlags()).contains("--namespace REL-5-MM7-1-2");
    }
  }

  @Test
  void aCandidatesTraceHoldsTheExactRequestAndAnswerWithTheLoginMasked() {
    try (MockMmsc mmsc = MockMmsc.builder().account("vasp", "s3cret").start()) {
      Mm7ProbeResult r = run(mmsc, probe(mmsc.mm7Uri()).credentials("vasp", "s3cret"));
      assertThat(r.verdict()).isEqualTo(Verdict.UNDERSTOOD);
      Mm7ProbeResult.TraceEntry t = trace.get(trace.size() - 1);
      assertThat(t.label()).startsWith("candidate-1 ");
      // the lenient mock records the cancel: the body it received is the one traced, byte for byte
      Submission seen = mmsc.takeSubmission();
      String sentBody = new String(seen.body(), UTF_8);
      assertThat(t.request())
          .startsWith("POST " + mmsc.mm7Uri().getPath() + " HTTP/1.1\r\n")
          .contains("SOAPAction: \"\"\r\n", "Authorization: Basic ****\r\n")
          .endsWith("\r\n\r\n" + sentBody)
          .doesNotContain("s3cret")
          .doesNotContain("dmFzcDpzM2NyZXQ");
      // the answer: status line, headers, the body as the MMSC wrote it, echoing our TransactionID
      assertThat(t.answer())
          .startsWith("HTTP/1.1 200 ")
          .contains("Content-Type: text/xml")
          .contains("CancelRsp")
          .contains(seen.transactionId().orElseThrow())
          .contains(Mm7Version.REL_6_MM7_1_4.namespace());
    }
  }

  @Test
  void refusalsAreTracedAsTheMmscWroteThem() {
    MmscProfile p = MmscProfile.builder().onlyVersion(Mm7Version.REL_5_MM7_1_2).build();
    try (MockMmsc mmsc = MockMmsc.builder().profile(p).start()) {
      run(mmsc, probe(mmsc.mm7Uri()));
      List<Mm7ProbeResult.TraceEntry> candidates =
          trace.stream().filter(t -> t.label().startsWith("candidate-")).toList();
      assertThat(candidates).hasSize(2);
      assertThat(candidates.get(0).request()).contains(Mm7Version.REL_6_MM7_1_4.namespace());
      assertThat(candidates.get(0).answer())
          .startsWith("HTTP/1.1 500 ")
          .contains(Mm7Version.REL_5_MM7_1_2.namespace())
          .contains("4002");
      assertThat(candidates.get(1).answer()).startsWith("HTTP/1.1 200 ").contains("2005");
    }
  }

  @Test
  void aVersionItAnswersInButRefusesIsNotRecommended() {
    MmscProfile p =
        MmscProfile.builder()
            .onlyVersion(Mm7Version.REL_6_MM7_1_4)
            .answerIn(Mm7Version.REL_5_MM7_1_2)
            .build();
    try (MockMmsc mmsc = MockMmsc.builder().profile(p).start()) {
      Mm7ProbeResult r = run(mmsc, probe(mmsc.mm7Uri()).maxRequests(4));
      assertThat(verdicts(r))
          .containsExactly(
              Verdict.OTHER_VERSION, Verdict.UNSUPPORTED_VERSION, Verdict.UNSUPPORTED_VERSION);
      assertThat(r.attempts().get(1).candidate().version()).isEqualTo(Mm7Version.REL_5_MM7_1_2);
      assertThat(r.verdict()).isEqualTo(Verdict.UNSUPPORTED_VERSION);
      assertThat(r.recommended()).isEmpty();
    }
  }
}
