package org.mmskit.http.internal;

import java.util.List;
import java.util.Optional;
import org.mmskit.core.Header;

/**
 * An MMSC's answer as read.
 *
 * @param status the HTTP status code
 * @param reason the reason phrase, empty when none
 * @param headers the header lines in arrival order
 * @param contentType the body's Content-Type, or null
 * @param body the body, empty when none; for an error status, at most the response limit
 * @param truncated whether the body of an error status was cut at the limit
 */
public record HttpAnswer(
    int status,
    String reason,
    List<Header> headers,
    String contentType,
    byte[] body,
    boolean truncated) {

  public HttpAnswer {
    headers = List.copyOf(headers);
    reason = reason == null ? "" : reason;
  }

  /** Whether the status is 2xx. */
  public boolean success() {
    return status >= 200 && status < 300;
  }

  /** The first value of the named header (any case), trimmed; empty when absent or blank. */
  public Optional<String> header(String name) {
    for (Header h : headers) {
      if (h.name().equalsIgnoreCase(name) && !h.value().isBlank()) {
        return Optional.of(h.value().trim());
      }
    }
    return Optional.empty();
  }
}
