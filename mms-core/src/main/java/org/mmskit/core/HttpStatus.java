package org.mmskit.core;

import java.util.Objects;

/**
 * The HTTP status of an answer that came over HTTP (MM7, EAIF, MM1 through a data link).
 *
 * @param code the status code, e.g. 503
 * @param reason the reason phrase the server sent, empty when it sent none
 */
public record HttpStatus(int code, String reason) implements TransportDetail {
  public HttpStatus {
    Objects.requireNonNull(reason, "reason");
    if (code < 100 || code > 999) {
      throw new IllegalArgumentException("HTTP status must have three digits: " + code);
    }
  }

  @Override
  public String describe() {
    return reason.isEmpty() ? "HTTP " + code : "HTTP " + code + " " + reason;
  }
}
