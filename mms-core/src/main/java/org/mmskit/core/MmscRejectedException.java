package org.mmskit.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The MMSC (or the peer MMSC, or the carrier in front of it) answered and refused the request.
 * Carries whatever it said so the user can see why, in transport-neutral terms ({@link #kind()},
 * {@link #statusCode()}, {@link #statusText()}, {@link #isRetryable()}) and as transport details:
 * an {@link HttpStatus} for MM7 and EAIF, a SOAP fault for MM7, an SMTP reply for MM4, a modem
 * error for MM1; read one with {@link #detail(Class)}.
 */
public class MmscRejectedException extends MmsException {
  private static final long serialVersionUID = 1L;

  /** What form the refusal took. */
  public enum Kind {
    /**
     * A readable protocol answer with a refusing status: an MM7 status other than 1xxx, a PDU
     * response status, an MM4 request status code.
     */
    STATUS,
    /** The protocol's own error form: a SOAP fault, a modem's {@code +CMS ERROR}/{@code ERROR}. */
    FAULT,
    /** The carrier refused without a readable protocol answer: an HTTP error, an SMTP reply. */
    TRANSPORT
  }

  private final Transport transport;
  private final Kind kind;
  private final int statusCode;
  private final String statusText;
  private final List<TransportDetail> details;
  private final boolean retryable;

  private MmscRejectedException(Builder b) {
    super(describe(b), null);
    this.transport = b.transport;
    this.kind = b.kind;
    this.statusCode = b.statusCode;
    this.statusText = b.statusText;
    this.details = List.copyOf(b.details);
    this.retryable = b.retryable;
  }

  private static String describe(Builder b) {
    List<String> said = new ArrayList<>();
    if (b.statusCode > 0) {
      said.add(
          "status "
              + b.statusCode
              + (b.statusText == null || b.statusText.isEmpty() ? "" : " (" + b.statusText + ")"));
    }
    for (TransportDetail d : b.details) {
      said.add(d.describe());
    }
    StringBuilder sb = new StringBuilder(b.transport.name()).append(" peer refused: ");
    sb.append(said.isEmpty() ? "no reason given" : String.join(", ", said));
    if (b.explanation != null) {
      sb.append(": ").append(b.explanation);
    }
    return sb.toString();
  }

  public static Builder builder(Transport transport, Kind kind) {
    return new Builder(transport, kind);
  }

  /** The transport the refused request went over. */
  public Transport transport() {
    return transport;
  }

  public Kind kind() {
    return kind;
  }

  /**
   * The protocol status code (MM7 e.g. 2001, MM4 {@code X-Mms-Request-Status-Code} mapped to its
   * number, PDU response status), empty when the answer carried none (e.g. a bare HTTP 503).
   */
  public OptionalInt statusCode() {
    return statusCode > 0 ? OptionalInt.of(statusCode) : OptionalInt.empty();
  }

  /** The text sent with the status code, if any. */
  public Optional<String> statusText() {
    return Optional.ofNullable(statusText);
  }

  /** Every transport detail, in the order the transport added them. */
  public List<TransportDetail> details() {
    return details;
  }

  /** The first detail of the given type, e.g. {@code detail(HttpStatus.class)}. */
  public <T extends TransportDetail> Optional<T> detail(Class<T> type) {
    Objects.requireNonNull(type, "type");
    return details.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  @Override
  public boolean isRetryable() {
    return retryable;
  }

  /** Builds an {@link MmscRejectedException}. */
  public static final class Builder {
    private final Transport transport;
    private final Kind kind;
    private int statusCode;
    private String statusText;
    private final List<TransportDetail> details = new ArrayList<>();
    private String explanation;
    private boolean retryable;

    private Builder(Transport transport, Kind kind) {
      this.transport = Objects.requireNonNull(transport, "transport");
      this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Builder statusCode(int statusCode) {
      this.statusCode = statusCode;
      return this;
    }

    public Builder statusText(String statusText) {
      this.statusText = statusText;
      return this;
    }

    /** Adds a transport detail, e.g. an {@link HttpStatus}. */
    public Builder detail(TransportDetail detail) {
      details.add(Objects.requireNonNull(detail, "detail"));
      return this;
    }

    /** Extra words for the message, e.g. the status code's meaning and what to do. */
    public Builder explanation(String explanation) {
      this.explanation = explanation;
      return this;
    }

    public Builder retryable(boolean retryable) {
      this.retryable = retryable;
      return this;
    }

    public MmscRejectedException build() {
      return new MmscRejectedException(this);
    }
  }
}
