package org.mmskit.mm7;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Mm7Probe} found: the reachability steps with their times, the candidate formats tried
 * with the MMSC's answer and its verdict, the overall verdict with what to ask the operator, and
 * the settings to use, as {@code mmskit send} flags and as {@link Mm7Client.Builder} lines.
 * Immutable.
 *
 * @param steps name resolution, TCP connect, TLS handshake, HTTP answers, in order
 * @param attempts the candidates tried, in order
 * @param verdict the overall verdict
 * @param advice what the verdict means and what to ask the operator
 * @param recommended the format the MMSC understood, if any (also when it refused the IDs, 4001)
 * @param cliFlags the {@code mmskit send} options for the recommended format, empty without one
 * @param builderLines the {@code Mm7Client.builder()} lines to paste, empty without a format
 * @param testSubmit the answer to the test message, when one was asked for and sent
 * @param requestsSent how many HTTP requests the probe sent in all
 */
public record Mm7ProbeResult(
    List<Step> steps,
    List<Attempt> attempts,
    Verdict verdict,
    String advice,
    Optional<Mm7Probe.Candidate> recommended,
    List<String> cliFlags,
    List<String> builderLines,
    Optional<TestSubmit> testSubmit,
    int requestsSent) {

  public Mm7ProbeResult {
    steps = List.copyOf(steps);
    attempts = List.copyOf(attempts);
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(advice, "advice");
    Objects.requireNonNull(recommended, "recommended");
    cliFlags = List.copyOf(cliFlags);
    builderLines = List.copyOf(builderLines);
    Objects.requireNonNull(testSubmit, "testSubmit");
  }

  /** True when a format was found that the MMSC reads ({@link Verdict#UNDERSTOOD}). */
  public boolean understood() {
    return verdict == Verdict.UNDERSTOOD;
  }

  /**
   * One reachability step.
   *
   * @param name {@code dns}, {@code tcp}, {@code tls}, {@code http} or {@code http-auth}
   * @param ok whether the step succeeded
   * @param elapsed how long it took
   * @param detail what was found, e.g. the addresses, the TLS protocol and certificate, the status
   */
  public record Step(String name, boolean ok, Duration elapsed, String detail) {
    public Step {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(elapsed, "elapsed");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /**
   * One candidate format tried.
   *
   * @param number 1 for the first candidate tried
   * @param candidate the settings of the request
   * @param verdict how the answer was classified
   * @param answer the answer in words, e.g. {@code MM7 status 2005 Message ID not found}
   * @param elapsed the time from sending to the answer (or to giving up)
   */
  public record Attempt(
      int number, Mm7Probe.Candidate candidate, Verdict verdict, String answer, Duration elapsed) {
    public Attempt {
      Objects.requireNonNull(candidate, "candidate");
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(answer, "answer");
      Objects.requireNonNull(elapsed, "elapsed");
    }
  }

  /**
   * The answer to the test message sent with {@link Mm7Probe.Builder#sendTestTo}.
   *
   * @param accepted whether the MMSC accepted it (status 1000 or 1100)
   * @param answer the answer in words
   * @param messageId the MMSC's message ID, when accepted
   */
  public record TestSubmit(boolean accepted, String answer, Optional<String> messageId) {
    public TestSubmit {
      Objects.requireNonNull(answer, "answer");
      Objects.requireNonNull(messageId, "messageId");
    }
  }

  /**
   * One exchange as handed to the trace sink, secrets masked.
   *
   * @param number 1 for the first exchange
   * @param label what the exchange was, e.g. {@code http} or {@code candidate-3}
   * @param request the request as sent: request line, headers, body
   * @param answer the answer: status line, headers and body as received, or why there was none; for
   *     the test message, the client's reading of it
   */
  public record TraceEntry(int number, String label, String request, String answer) {
    public TraceEntry {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(answer, "answer");
    }
  }

  /** How an answer (or the lack of one) is read, with what to ask the operator. */
  public enum Verdict {
    /** Any MM7 status that is not a format error: 1000, 2005 "message ID not found", ... */
    UNDERSTOOD("the MMSC read the request in this format", "nothing: use the recommended settings"),
    /** 4001: the format was read, the identification was not accepted. */
    WRONG_IDENTIFICATION(
        "the MMSC read the format but refused the identification (4001)",
        "the exact VASP ID, VAS ID, service code and short code registered for your account"),
    /**
     * An MM7 status that says the request was read (as for {@link #UNDERSTOOD} or {@link
     * #WRONG_IDENTIFICATION}), but in another namespace than the request's: the MMSC answers in its
     * own version, which is the one to use.
     */
    OTHER_VERSION(
        "the MMSC read the request but answered in its own MM7 version",
        "nothing: use the version it answers in (recommended)"),
    /** 4002. */
    UNSUPPORTED_VERSION(
        "the MMSC does not support this MM7 version (4002)",
        "the MM7 schema (namespace, e.g. REL-5-MM7-1-2) and MM7Version value (e.g. 5.3.0) the"
            + " MMSC expects"),
    /** 2007 or 4004. */
    FORMAT_REFUSED(
        "the MMSC found the request malformed or invalid (2007/4004)",
        "the MM7 schema and MM7Version they expect, and a sample of a request their MMSC accepts"
            + " to compare with the trace"),
    /** A SOAP fault without an MM7 status. */
    SOAP_FAULT(
        "the MMSC refused the SOAP message without an MM7 status",
        "which MM7 flavour the MMSC speaks: the 3GPP version, or a vendor dialect such as"
            + " Ericsson"),
    /** HTTP 401. */
    NEEDS_CREDENTIALS(
        "the MMSC asks for a login (HTTP 401)",
        "the HTTP Basic login (user and password) of your MM7 account, or check the one given"),
    /** HTTP 403. */
    FORBIDDEN(
        "the MMSC refuses this client (HTTP 403): address not on the operator's allow-list",
        "to add your public IP address to the MMSC's allow-list"),
    /** HTTP 404. */
    WRONG_PATH(
        "nothing is served at this path (HTTP 404)", "the exact MM7 URL, including the path"),
    /** Another HTTP error without an MM7 answer (e.g. an HTML error page). */
    HTTP_ERROR(
        "the server answered an HTTP error without an MM7 answer",
        "the exact MM7 URL and whether your account is active; show them the trace"),
    /** A complete answer that is not MM7 (e.g. a web page with status 200). */
    UNREADABLE_ANSWER(
        "the server answered, but not in MM7",
        "the URL of the MM7 interface (this one serves something else)"),
    /** The connection was dropped or the answer did not come in time. */
    NO_ANSWER(
        "no answer: the connection was dropped or the answer did not come in time",
        "to add your public IP address to the allow-list (a firewall dropping us looks like"
            + " this), the right port, and how long the MMSC takes to answer"),
    /** The name did not resolve, or the TCP connection or TLS handshake failed. */
    UNREACHABLE(
        "the MMSC could not be reached (name, connection or TLS)",
        "the host name and port of the MMSC, whether a VPN or allow-list entry is needed, and"
            + " their CA certificate if TLS failed");

    private final String meaning;
    private final String ask;

    Verdict(String meaning, String ask) {
      this.meaning = meaning;
      this.ask = ask;
    }

    /** What the verdict means, in words. */
    public String meaning() {
      return meaning;
    }

    /** What to ask the operator. */
    public String askOperator() {
      return ask;
    }
  }
}
