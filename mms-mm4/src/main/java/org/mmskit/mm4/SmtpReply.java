package org.mmskit.mm4;

import java.util.Objects;
import org.mmskit.core.TransportDetail;

/**
 * The SMTP reply a peer's mail server refused a mail with, read from a refusal with {@code
 * exception.detail(SmtpReply.class)}.
 *
 * @param code the three-digit reply code, e.g. 451 or 550
 * @param enhancedCode the RFC 3463 enhanced status code, e.g. {@code 4.3.0}; empty when the server
 *     sent none
 * @param text the rest of the reply text
 */
public record SmtpReply(int code, String enhancedCode, String text) implements TransportDetail {
  public SmtpReply {
    Objects.requireNonNull(enhancedCode, "enhancedCode");
    Objects.requireNonNull(text, "text");
    if (code < 200 || code > 599) {
      throw new IllegalArgumentException("SMTP reply code out of range: " + code);
    }
  }

  /** True for 4xx replies: the server asks to try again later. 5xx refusals are final. */
  public boolean isRetryable() {
    return code >= 400 && code < 500;
  }

  @Override
  public String describe() {
    StringBuilder sb = new StringBuilder("SMTP ").append(code);
    if (!enhancedCode.isEmpty()) {
      sb.append(' ').append(enhancedCode);
    }
    if (!text.isEmpty()) {
      sb.append(' ').append(text);
    }
    return sb.toString();
  }
}
