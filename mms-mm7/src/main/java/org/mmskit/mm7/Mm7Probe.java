package org.mmskit.mm7;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.mmskit.core.Address;
import org.mmskit.mm7.internal.probe.Candidates;
import org.mmskit.mm7.internal.probe.ProbeRun;
import org.mmskit.mm7.internal.probe.ProbeSettings;

/**
 * Finds the MM7 settings an operator's MMSC accepts: checks that it can be reached (name, TCP, TLS,
 * HTTP with and without the login), then sends requests that cannot deliver anything (a {@code
 * CancelReq} for a message ID that does not exist) in the plausible formats, most common first, and
 * reads each answer. It stops once a format is clearly understood, never sends more than {@link
 * Builder#maxRequests(int)} requests, and spaces them ({@link Builder#spacing}).
 *
 * <pre>{@code
 * Mm7ProbeResult r = Mm7Probe.builder()
 *     .url(URI.create("https://mmsc.operator.example/mm7"))
 *     .vaspId("my-vasp").credentials("login", "secret")
 *     .build()
 *     .run();
 * r.builderLines().forEach(System.out::println);
 * }</pre>
 *
 * <p>Each candidate request is written and sent as {@link Mm7Client} writes and sends it, so a
 * recommendation holds for the client as it is; the probe reads the answer itself, so that "read in
 * this format" means an MM7 status in the request's namespace. An MMSC that answers in another
 * namespace is taken at its word: that version is tried next and recommended. With {@link
 * Builder#sendTestTo(Address)} one real message is submitted with the format found. Each {@link
 * #run()} is independent; the trace sink and the pause are called on the thread that runs it.
 */
public final class Mm7Probe {
  /** The default bound on the requests sent in one run. */
  public static final int DEFAULT_MAX_REQUESTS = 12;

  private final ProbeSettings settings;

  private Mm7Probe(ProbeSettings settings) {
    this.settings = settings;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The candidate formats in the order they are tried (before skipping). */
  public static List<Candidate> candidates() {
    return Candidates.ordered();
  }

  /**
   * Runs the probe against the MMSC; blocks until done (at most about {@code maxRequests ×
   * (responseTimeout + spacing)}). Failures to reach the MMSC are part of the result, not thrown.
   */
  public Mm7ProbeResult run() {
    return new ProbeRun(settings).run();
  }

  /**
   * One format to try: the settings of {@link Mm7Client.Builder} that shape a request.
   *
   * @param version namespace and {@code MM7Version} value
   * @param dialect the SOAP style
   * @param prefixElements {@code mm7:}-prefixed elements, or the namespace as default namespace
   * @param soapAction the {@code SOAPAction} header value as sent
   */
  public record Candidate(
      Mm7Version version, Mm7Dialect dialect, boolean prefixElements, String soapAction) {
    public Candidate {
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(dialect, "dialect");
      Objects.requireNonNull(soapAction, "soapAction");
    }

    /** E.g. {@code REL-5-MM7-1-2 5.3.0 standard} plus the switches that differ from defaults. */
    public String label() {
      StringBuilder sb =
          new StringBuilder()
              .append(version.schema())
              .append(' ')
              .append(version.mm7Version())
              .append(' ')
              .append(dialect.name().toLowerCase(java.util.Locale.ROOT));
      if (prefixElements != Candidates.defaultPrefix(dialect)) {
        sb.append(prefixElements ? " prefixed" : " unprefixed");
      }
      if (!soapAction.equals(Candidates.DEFAULT_SOAP_ACTION)) {
        sb.append(" SOAPAction=").append(soapAction);
      }
      return sb.toString();
    }
  }

  /** Configures an {@link Mm7Probe}. */
  public static final class Builder {
    private URI url;
    private String vaspId;
    private String vasId;
    private String serviceCode;
    private String user;
    private String password;
    private Address from;
    private Address sendTestTo;
    private int maxRequests = DEFAULT_MAX_REQUESTS;
    private Duration spacing = Duration.ofSeconds(1);
    private Consumer<Duration> pause = ProbeSettings::sleep;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration responseTimeout = Duration.ofSeconds(20);
    private Consumer<Mm7ProbeResult.TraceEntry> trace;
    private SSLContext sslContext;

    private Builder() {}

    /** The MMSC's MM7 URL (http or https). Required. */
    public Builder url(URI url) {
      this.url = Objects.requireNonNull(url, "url");
      return this;
    }

    /** The VASP ID the operator gave. */
    public Builder vaspId(String vaspId) {
      this.vaspId = vaspId;
      return this;
    }

    /** The VAS ID the operator gave. */
    public Builder vasId(String vasId) {
      this.vasId = vasId;
      return this;
    }

    /** The service code the operator gave (used by the test message). */
    public Builder serviceCode(String serviceCode) {
      this.serviceCode = serviceCode;
      return this;
    }

    /** The HTTP Basic login. */
    public Builder credentials(String user, String password) {
      this.user = Objects.requireNonNull(user, "user");
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** The sender (short code) written in the requests, as the client's default sender. */
    public Builder from(Address from) {
      this.from = from;
      return this;
    }

    /**
     * Sends one short text message to this number with the format found, and reports the MMSC's
     * answer and message ID. Needs {@link #from(Address)}. One request of the bound is kept for it.
     */
    public Builder sendTestTo(Address recipient) {
      this.sendTestTo = recipient;
      return this;
    }

    /** The most HTTP requests one run sends, reachability included (default 12, at least 2). */
    public Builder maxRequests(int max) {
      if (max < 2) {
        throw new IllegalArgumentException("maxRequests must be at least 2: " + max);
      }
      this.maxRequests = max;
      return this;
    }

    /**
     * The pause between two requests, so as not to trip a rate limit (default 1 s), and how to wait
     * it: {@code pause} is called with the interval before every request but the first (tests give
     * one that records instead of waiting).
     */
    public Builder spacing(Duration interval, Consumer<Duration> pause) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative()) {
        throw new IllegalArgumentException("negative spacing: " + interval);
      }
      this.spacing = interval;
      this.pause = Objects.requireNonNull(pause, "pause");
      return this;
    }

    /** {@link #spacing(Duration, Consumer)} waiting on the calling thread. */
    public Builder spacing(Duration interval) {
      return spacing(interval, ProbeSettings::sleep);
    }

    /** How long to wait for each connection (default 10 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** How long to wait for each answer (default 20 s). */
    public Builder responseTimeout(Duration timeout) {
      this.responseTimeout = positive(timeout, "responseTimeout");
      return this;
    }

    /**
     * The TLS context to check the MMSC's certificate with (e.g. trusting the operator's CA), as
     * {@link Mm7Client.Builder#sslContext}; default the JVM's.
     */
    public Builder sslContext(SSLContext context) {
      this.sslContext = context;
      return this;
    }

    /**
     * Receives every exchange, secrets masked (the {@code Authorization} value, the URL's
     * password), e.g. to write it to a file. Called on the probing thread.
     */
    public Builder trace(Consumer<Mm7ProbeResult.TraceEntry> sink) {
      this.trace = sink;
      return this;
    }

    /**
     * @throws IllegalArgumentException without a URL, with a URL that is not http(s) or holds a
     *     login, or with {@code sendTestTo} but no {@code from}
     */
    public Mm7Probe build() {
      if (url == null) {
        throw new IllegalArgumentException("url is required");
      }
      String scheme = url.getScheme();
      if (scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || url.getHost() == null) {
        throw new IllegalArgumentException("url must be an http or https URL: " + url);
      }
      if (url.getRawUserInfo() != null) {
        // it would be sent and traced as is: the login goes through credentials(), masked
        throw new IllegalArgumentException(
            "give the login with credentials(user, password), not in the URL");
      }
      if (sendTestTo != null && from == null) {
        throw new IllegalArgumentException("sendTestTo needs from (the sender's short code)");
      }
      return new Mm7Probe(
          new ProbeSettings(
              url,
              vaspId,
              vasId,
              serviceCode,
              user,
              password,
              from,
              sendTestTo,
              maxRequests,
              spacing,
              pause,
              connectTimeout,
              responseTimeout,
              trace == null ? e -> {} : trace,
              sslContext));
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}
