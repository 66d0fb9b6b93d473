package org.mmskit.core;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The MMSC answered and refused the request: an MM7 status other than success, a SOAP fault, or an
 * HTTP error status. Carries whatever the MMSC said so the user can see why.
 */
public class MmscRejectedException extends MmsException {
  private static final long serialVersionUID = 1L;

  /** What form the refusal took. */
  public enum Kind {
    /** A well-formed response with a non-success status code (MM7 2xxx, 3xxx, 4xxx). */
    STATUS,
    /** A SOAP fault, perhaps with an {@code RSErrorRsp} status inside. */
    SOAP_FAULT,
    /** An HTTP error status without a readable protocol answer. */
    HTTP_STATUS
  }

  private final Kind kind;
  private final int statusCode;
  private final String statusText;
  private final int httpStatus;
  private final String faultCode;
  private final String faultString;
  private final boolean retryable;

  private MmscRejectedException(Builder b) {
    super(describe(b), null);
    this.kind = b.kind;
    this.statusCode = b.statusCode;
    this.statusText = b.statusText;
    this.httpStatus = b.httpStatus;
    this.faultCode = b.faultCode;
    this.faultString = b.faultString;
    this.retryable = b.retryable;
  }

  private static String describe(Builder b) {
    StringBuilder sb = new StringBuilder("MMSC refused: ");
    if (b.statusCode > 0) {
      sb.append("status ").append(b.statusCode);
      if (b.statusText != null && !b.statusText.isEmpty()) {
        sb.append(" (").append(b.statusText).append(')');
      }
    }
    if (b.faultCode != null || b.faultString != null) {
      sb.append(b.statusCode > 0 ? ", " : "").append("SOAP fault ");
      sb.append(b.faultCode == null ? "" : b.faultCode);
      if (b.faultString != null) {
        sb.append(" \"").append(b.faultString).append('"');
      }
    }
    if (b.httpStatus > 0) {
      sb.append(b.statusCode > 0 || b.faultCode != null ? ", " : "").append("HTTP ");
      sb.append(b.httpStatus);
    }
    if (b.detail != null) {
      sb.append(": ").append(b.detail);
    }
    return sb.toString();
  }

  public static Builder builder(Kind kind) {
    return new Builder(kind);
  }

  public Kind kind() {
    return kind;
  }

  /** The protocol status code (MM7 e.g. 2001), if the MMSC sent one. */
  public OptionalInt statusCode() {
    return statusCode > 0 ? OptionalInt.of(statusCode) : OptionalInt.empty();
  }

  public Optional<String> statusText() {
    return Optional.ofNullable(statusText);
  }

  /** The HTTP status of the response, if it came over HTTP. */
  public OptionalInt httpStatus() {
    return httpStatus > 0 ? OptionalInt.of(httpStatus) : OptionalInt.empty();
  }

  public Optional<String> faultCode() {
    return Optional.ofNullable(faultCode);
  }

  public Optional<String> faultString() {
    return Optional.ofNullable(faultString);
  }

  @Override
  public boolean isRetryable() {
    return retryable;
  }

  /** Builds an {@link MmscRejectedException}. */
  public static final class Builder {
    private final Kind kind;
    private int statusCode;
    private String statusText;
    private int httpStatus;
    private String faultCode;
    private String faultString;
    private String detail;
    private boolean retryable;

    private Builder(Kind kind) {
      this.kind = kind;
    }

    public Builder statusCode(int statusCode) {
      this.statusCode = statusCode;
      return this;
    }

    public Builder statusText(String statusText) {
      this.statusText = statusText;
      return this;
    }

    public Builder httpStatus(int httpStatus) {
      this.httpStatus = httpStatus;
      return this;
    }

    public Builder fault(String faultCode, String faultString) {
      this.faultCode = faultCode;
      this.faultString = faultString;
      return this;
    }

    /** Extra words for the message, e.g. the status code's meaning. */
    public Builder detail(String detail) {
      this.detail = detail;
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
