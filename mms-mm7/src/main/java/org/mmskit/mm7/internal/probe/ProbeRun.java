package org.mmskit.mm7.internal.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.mmskit.core.MmsException;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.SubmitResult;
import org.mmskit.mm7.Mm7Client;
import org.mmskit.mm7.Mm7HttpRequest;
import org.mmskit.mm7.Mm7Probe.Candidate;
import org.mmskit.mm7.Mm7ProbeResult;
import org.mmskit.mm7.Mm7ProbeResult.Attempt;
import org.mmskit.mm7.Mm7ProbeResult.TestSubmit;
import org.mmskit.mm7.Mm7ProbeResult.Verdict;
import org.mmskit.mm7.Mm7Version;

/**
 * One run of the probe: reachability, then the candidates (each a {@code CancelReq} read by the
 * probe itself, see {@link CandidateExchange}), then the optional test message through {@link
 * Mm7Client}, then the verdict and recommendation.
 */
public final class ProbeRun {
  /** Answers that every other candidate would get too: stop at once. */
  private static final Set<Verdict> FINAL =
      EnumSet.of(
          Verdict.UNDERSTOOD,
          Verdict.WRONG_IDENTIFICATION,
          Verdict.NEEDS_CREDENTIALS,
          Verdict.FORBIDDEN,
          Verdict.WRONG_PATH);

  /** When no candidate is understood, the verdict that says most, first. */
  private static final List<Verdict> TELLING =
      List.of(
          Verdict.WRONG_IDENTIFICATION,
          Verdict.OTHER_VERSION,
          Verdict.NEEDS_CREDENTIALS,
          Verdict.FORBIDDEN,
          Verdict.WRONG_PATH,
          Verdict.UNSUPPORTED_VERSION,
          Verdict.FORMAT_REFUSED,
          Verdict.SOAP_FAULT,
          Verdict.HTTP_ERROR,
          Verdict.UNREADABLE_ANSWER,
          Verdict.NO_ANSWER);

  /** Consecutive requests without an answer after which the MMSC is taken to drop us. */
  private static final int NO_ANSWER_LIMIT = 2;

  private final ProbeSettings settings;
  private final Session session;
  private final CandidateExchange exchange;
  private final List<Attempt> attempts = new ArrayList<>();

  /** For an answer in another namespace, the candidate in the version the MMSC answered in. */
  private final Map<Attempt, Candidate> answeredIn = new HashMap<>();

  public ProbeRun(ProbeSettings settings) {
    this.settings = settings;
    this.session = new Session(settings);
    this.exchange = new CandidateExchange(settings);
  }

  public Mm7ProbeResult run() {
    Reachability reach = new Reachability(session);
    reach.run();
    Verdict verdict = reach.blocking();
    if (verdict == null) {
      formats(reach.noAnswers());
      verdict = verdict();
    }
    Optional<Candidate> best = Optional.empty();
    for (Attempt a : attempts) {
      if (a.verdict() == Verdict.UNDERSTOOD || a.verdict() == Verdict.WRONG_IDENTIFICATION) {
        best = Optional.of(a.candidate());
        break;
      }
    }
    if (best.isEmpty() && verdict == Verdict.OTHER_VERSION) {
      best = unconfirmed().stream().findFirst();
    }
    Optional<TestSubmit> test = Optional.empty();
    if (verdict == Verdict.UNDERSTOOD && settings.sendTestTo() != null && best.isPresent()) {
      test = testSubmit(best.get());
    }
    Recommendation rec = new Recommendation(settings);
    return new Mm7ProbeResult(
        reach.steps(),
        attempts,
        verdict,
        advice(verdict),
        best,
        best.map(rec::cliFlags).orElse(List.of()),
        best.map(rec::builderLines).orElse(List.of()),
        test,
        session.requests());
  }

  private static String advice(Verdict v) {
    return v == Verdict.UNDERSTOOD || v == Verdict.OTHER_VERSION
        ? v.meaning() + ": use the recommended settings"
        : v.meaning() + ". Ask the operator for " + v.askOperator() + ".";
  }

  /** Tries the candidates in order until one is clearly understood or the budget is spent. */
  private void formats(int noAnswersBefore) {
    int noAnswers = noAnswersBefore;
    if (noAnswers >= NO_ANSWER_LIMIT) {
      return;
    }
    int reserve = settings.sendTestTo() != null ? 1 : 0;
    Set<Mm7Version> unsupported = new HashSet<>();
    Set<Candidate> tried = new HashSet<>();
    Deque<Candidate> queue = new ArrayDeque<>(Candidates.ordered());
    while (!queue.isEmpty()) {
      Candidate c = queue.poll();
      if (unsupported.contains(c.version()) || !tried.add(c)) {
        continue; // its namespace and MM7Version were refused as such; other switches won't help
      }
      if (session.remaining() <= reserve || !session.take()) {
        return;
      }
      Attempt a = attempt(attempts.size() + 1, c);
      attempts.add(a);
      if (a.verdict() == Verdict.UNSUPPORTED_VERSION) {
        unsupported.add(c.version());
      }
      Candidate own = answeredIn.get(a);
      if (own != null) {
        queue.addFirst(own); // confirm the version it answered in before anything else
      }
      noAnswers = a.verdict() == Verdict.NO_ANSWER ? noAnswers + 1 : 0;
      if (FINAL.contains(a.verdict()) || noAnswers >= NO_ANSWER_LIMIT) {
        return;
      }
    }
  }

  private Attempt attempt(int number, Candidate c) {
    long t0 = System.nanoTime();
    CandidateExchange.Result r = exchange.send(c);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
    session.trace("candidate-" + number + " " + c.label(), r.request(), r.answer());
    Attempt a = new Attempt(number, c, r.reading().verdict(), r.reading().answer(), elapsed);
    r.answeredIn()
        .ifPresent(
            v ->
                answeredIn.put(
                    a, new Candidate(v, c.dialect(), c.prefixElements(), c.soapAction())));
    return a;
  }

  private Optional<TestSubmit> testSubmit(Candidate c) {
    if (!session.take()) {
      return Optional.empty();
    }
    AtomicReference<Mm7HttpRequest> sent = new AtomicReference<>();
    MmsMessage m =
        MmsMessage.builder()
            .to(settings.sendTestTo())
            .subject("MMSKit probe")
            .addPart(MmsPart.text("Test message from mmskit probe."))
            .build();
    TestSubmit result;
    try (Mm7Client client = client(c, sent)) {
      SubmitResult r = client.submit(m);
      result =
          new TestSubmit(
              true,
              "MM7 status "
                  + r.statusCode()
                  + " "
                  + r.statusText()
                  + ", message ID "
                  + r.messageId(),
              Optional.of(r.messageId()));
    } catch (MmsException e) {
      result = new TestSubmit(false, Classifier.failure(e).answer(), Optional.empty());
    }
    session.trace("test-submit " + c.label(), text(sent.get()), result.answer());
    return Optional.of(result);
  }

  private Mm7Client client(Candidate c, AtomicReference<Mm7HttpRequest> sent) {
    Mm7Client.Builder b =
        Mm7Client.builder()
            .endpoint(settings.url())
            .version(c.version())
            .dialect(c.dialect())
            .prefixElements(c.prefixElements())
            .soapAction(c.soapAction())
            .connectTimeout(settings.connectTimeout())
            .responseTimeout(settings.responseTimeout())
            .maxConnections(1)
            .requestObserver(sent::set);
    if (settings.vaspId() != null) {
      b.vaspId(settings.vaspId());
    }
    if (settings.vasId() != null) {
      b.vasId(settings.vasId());
    }
    if (settings.serviceCode() != null) {
      b.serviceCode(settings.serviceCode());
    }
    if (settings.from() != null) {
      b.defaultSender(settings.from());
    }
    if (settings.hasCredentials()) {
      b.credentials(settings.user(), settings.password());
    }
    if (settings.sslContext() != null) {
      b.sslContext(settings.sslContext());
    }
    return b.build();
  }

  private Verdict verdict() {
    for (Attempt a : attempts) {
      if (a.verdict() == Verdict.UNDERSTOOD) {
        return Verdict.UNDERSTOOD;
      }
    }
    for (Verdict v : TELLING) {
      if (v == Verdict.OTHER_VERSION && unconfirmed().isEmpty()) {
        continue; // the version it answered in was tried and not understood either
      }
      for (Attempt a : attempts) {
        if (a.verdict() == v) {
          return v;
        }
      }
    }
    return Verdict.NO_ANSWER;
  }

  /** The versions the MMSC answered in that the budget left no request to try. */
  private List<Candidate> unconfirmed() {
    Set<Candidate> tried = new HashSet<>();
    attempts.forEach(a -> tried.add(a.candidate()));
    return attempts.stream()
        .map(answeredIn::get)
        .filter(c -> c != null && !tried.contains(c))
        .toList();
  }

  private static String text(Mm7HttpRequest r) {
    if (r == null) {
      return "(not sent)";
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(r.body().length + 512);
    try {
      r.writeTo(out);
    } catch (IOException e) {
      return "(unprintable request: " + e.getMessage() + ")";
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
