package org.mmskit.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.mmskit.mm7.Mm7Dialect;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7Body;
import org.mmskit.mm7.internal.Mm7Envelope;
import org.mmskit.server.InboundResponse;

/**
 * How picky {@link MockMmsc} is on MM7, like the real MMSCs a VASP meets: one schema and {@code
 * MM7Version} only (4002 otherwise), one dialect only, one VASP ID only (4001 otherwise), HTML
 * error pages instead of SOAP faults, slow answers, connections dropped or refused with 403 as by
 * an IP allow-list, answers in its own version whatever the request's. The login and the exact path
 * are set on {@link MockMmsc.Builder#account} and {@link MockMmsc.Builder#mm7Path}. Under any
 * profile but {@link #lenient()}, cancelling or replacing a message the mock never issued is
 * answered 2005 "Message ID not found", as a real MMSC does. Requests a profile refuses (and such
 * cancels) are answered without being recorded as {@link Submission}s; {@link
 * MockMmsc#requestCount()} counts them.
 *
 * <pre>{@code
 * MockMmsc.builder()
 *     .profile(MmscProfile.builder().onlyVersion(Mm7Version.REL_5_MM7_1_2).vaspId("v1").build())
 *     .start();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class MmscProfile {
  private static final MmscProfile LENIENT = new Builder().build();

  private final Mm7Version version;
  private final Mm7Dialect dialect;
  private final String vaspId;
  private final boolean htmlErrors;
  private final boolean dropConnections;
  private final boolean forbidden;
  private final Mm7Version answerIn;
  private final Duration delay;

  private MmscProfile(Builder b) {
    this.version = b.version;
    this.dialect = b.dialect;
    this.vaspId = b.vaspId;
    this.htmlErrors = b.htmlErrors;
    this.dropConnections = b.dropConnections;
    this.forbidden = b.forbidden;
    this.answerIn = b.answerIn;
    this.delay = b.delay;
  }

  /** Accepts every MM7 version and dialect, any IDs, answers at once: the mock's default. */
  public static MmscProfile lenient() {
    return LENIENT;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The only schema and MM7Version accepted, if restricted. */
  public Optional<Mm7Version> onlyVersion() {
    return Optional.ofNullable(version);
  }

  /** The only dialect accepted, if restricted. */
  public Optional<Mm7Dialect> onlyDialect() {
    return Optional.ofNullable(dialect);
  }

  /** The only VASP ID accepted, if restricted. */
  public Optional<String> vaspId() {
    return Optional.ofNullable(vaspId);
  }

  /** Whether refusals are HTML error pages (HTTP 500) instead of SOAP faults. */
  public boolean htmlErrors() {
    return htmlErrors;
  }

  /** Whether every MM7 connection is cut without an answer. */
  public boolean dropsConnections() {
    return dropConnections;
  }

  /** Whether every MM7 request is answered 403 Forbidden. */
  public boolean forbidden() {
    return forbidden;
  }

  /** The version every MM7 answer is written in whatever the request's, if fixed. */
  public Optional<Mm7Version> answerIn() {
    return Optional.ofNullable(answerIn);
  }

  /** How long the mock waits before answering an MM7 request. */
  public Duration delay() {
    return delay;
  }

  boolean isLenient() {
    return version == null && dialect == null && vaspId == null && !htmlErrors && answerIn == null;
  }

  /** The profile the mock answers refusals in: its own version, else the default. */
  Mm7Version answerVersion() {
    return answerIn != null ? answerIn : version != null ? version : Mm7Version.DEFAULT;
  }

  /** The version of an answer to a request written in {@code request}. */
  Mm7Version answerVersion(Mm7Version request) {
    return answerIn != null ? answerIn : request;
  }

  /** The page a web server in front of the MMSC shows to an address it does not let in. */
  static InboundResponse forbiddenPage() {
    String page =
        "<!doctype html><html><head><title>403 Forbidden</title></head>"
            + "<body><h1>Forbidden</h1><p>You don't have permission to access this resource.</p>"
            + "</body></html>";
    return InboundResponse.of(
        403, "text/html;charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
  }

  /** Why the profile refuses this request, or empty when it passes. */
  Optional<Refusal> check(Mm7Envelope env, Optional<String> requestVaspId) {
    if (dialect != null && env.dialect() != dialect) {
      // a SOAP stack of another style finds no operation it knows: a fault without MM7 status
      return Optional.of(new Refusal(0, "Unknown operation " + env.body().elementName()));
    }
    if (version != null
        && !(env.version().namespace().equals(version.namespace())
            && env.version().mm7Version().equals(version.mm7Version()))) {
      return Optional.of(new Refusal(4002, "Unsupported version"));
    }
    if (vaspId != null && !requestVaspId.equals(Optional.of(vaspId))) {
      return Optional.of(new Refusal(4001, "Improper identification"));
    }
    return Optional.empty();
  }

  /** A refusal: an MM7 status, or 0 for a bare SOAP fault. */
  record Refusal(int code, String text) {}

  /** The page a servlet container shows when the MM7 application threw. */
  static InboundResponse htmlPage(String why) {
    String page =
        "<!doctype html><html><head><title>HTTP Status 500 - Internal Server Error</title></head>"
            + "<body><h1>HTTP Status 500 - Internal Server Error</h1><p>"
            + why.replace("<", "&lt;")
            + "</p></body></html>";
    return InboundResponse.of(
        500, "text/html;charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
  }

  static boolean refersToMessage(Mm7Body body) {
    return body instanceof Mm7Body.CancelReq || body instanceof Mm7Body.ReplaceReq;
  }

  @Override
  public String toString() {
    return "MmscProfile[version="
        + version
        + ", dialect="
        + dialect
        + ", vaspId="
        + vaspId
        + ", htmlErrors="
        + htmlErrors
        + ", dropConnections="
        + dropConnections
        + ", forbidden="
        + forbidden
        + ", answerIn="
        + answerIn
        + ", delay="
        + delay
        + "]";
  }

  /** Configures an {@link MmscProfile}; not thread-safe. */
  public static final class Builder {
    private Mm7Version version;
    private Mm7Dialect dialect;
    private String vaspId;
    private boolean htmlErrors;
    private boolean dropConnections;
    private boolean forbidden;
    private Mm7Version answerIn;
    private Duration delay = Duration.ZERO;

    private Builder() {}

    /**
     * Accepts only this namespace with this {@code MM7Version} value and answers 4002 "Unsupported
     * version" otherwise; refusals are written in this version.
     */
    public Builder onlyVersion(Mm7Version version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /** Accepts only this dialect; others get a SOAP fault without MM7 status. */
    public Builder onlyDialect(Mm7Dialect dialect) {
      this.dialect = Objects.requireNonNull(dialect, "dialect");
      return this;
    }

    /** Accepts only this VASP ID and answers 4001 "Improper identification" otherwise. */
    public Builder vaspId(String vaspId) {
      this.vaspId = Objects.requireNonNull(vaspId, "vaspId");
      return this;
    }

    /** Refuses with an HTML error page (HTTP 500) instead of a SOAP fault. */
    public Builder htmlErrors(boolean html) {
      this.htmlErrors = html;
      return this;
    }

    /** Cuts every MM7 connection without an answer, as an allow-list that drops us. */
    public Builder dropConnections(boolean drop) {
      this.dropConnections = drop;
      return this;
    }

    /**
     * Answers 403 Forbidden (an HTML page) to every MM7 request, login or not, as an MMSC whose IP
     * allow-list does not hold the caller.
     */
    public Builder forbidden(boolean forbidden) {
      this.forbidden = forbidden;
      return this;
    }

    /**
     * Writes every MM7 answer in this namespace and {@code MM7Version}, whatever the request's, as
     * an MMSC that reads several versions but answers in its own.
     */
    public Builder answerIn(Mm7Version version) {
      this.answerIn = Objects.requireNonNull(version, "version");
      return this;
    }

    /** Waits this long before answering each MM7 request. */
    public Builder delay(Duration delay) {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("negative delay: " + delay);
      }
      this.delay = delay;
      return this;
    }

    public MmscProfile build() {
      return new MmscProfile(this);
    }
  }
}
