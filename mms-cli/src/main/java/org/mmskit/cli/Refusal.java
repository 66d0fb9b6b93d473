package org.mmskit.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.mmskit.core.HttpStatus;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.mm4.SmtpReply;
import org.mmskit.mm7.SoapFault;

/**
 * The JSON line for an MMSC's refusal: what it said in words (SOAP fault, MM7 status, HTTP status,
 * SMTP reply), then each fact as its own member. Never the raw answer: an HTML error page or a SOAP
 * envelope is reduced to its status and text.
 */
final class Refusal {
  private Refusal() {}

  static Map<String, Object> toJson(MmscRejectedException e) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("error", "refused by the MMSC: " + words(e));
    line.put("kind", e.kind().name());
    e.statusCode().ifPresent(c -> line.put("statusCode", (long) c));
    e.statusText().ifPresent(t -> line.put("statusText", t));
    e.detail(HttpStatus.class).ifPresent(h -> line.put("httpStatus", (long) h.code()));
    e.detail(SoapFault.class)
        .ifPresent(
            f -> {
              line.put("faultCode", f.faultCode());
              line.put("faultString", f.faultString());
            });
    e.detail(SmtpReply.class)
        .ifPresent(
            r -> {
              line.put("smtpCode", (long) r.code());
              line.put("smtpReply", smtpReply(r));
            });
    line.put("retryable", e.isRetryable());
    return line;
  }

  /** e.g. "SOAP fault Server: Service unavailable, status 4006 (HTTP 500)". */
  static String words(MmscRejectedException e) {
    StringBuilder sb = new StringBuilder();
    Optional<SoapFault> fault = e.detail(SoapFault.class);
    fault.ifPresent(
        f -> {
          sb.append("SOAP fault");
          if (!f.faultCode().isEmpty()) {
            sb.append(' ').append(f.faultCode());
          }
          if (!f.faultString().isEmpty()) {
            sb.append(": ").append(f.faultString());
          }
        });
    if (e.statusCode().isPresent()) {
      sb.append(sb.length() > 0 ? ", " : "").append("status ").append(e.statusCode().getAsInt());
      e.statusText()
          .filter(t -> fault.map(f -> !f.faultString().equals(t)).orElse(true))
          .ifPresent(t -> sb.append(' ').append(t));
    }
    Optional<HttpStatus> http = e.detail(HttpStatus.class);
    if (http.isPresent()) {
      if (sb.length() == 0) {
        sb.append(http.get().describe());
      } else if (http.get().code() != 200) {
        sb.append(" (HTTP ").append(http.get().code()).append(')');
      }
    }
    Optional<SmtpReply> smtp = e.detail(SmtpReply.class);
    if (smtp.isPresent() && sb.length() == 0) {
      sb.append(smtp.get().describe());
    }
    return sb.length() == 0 ? "no reason given" : sb.toString();
  }

  /** The reply as the server wrote it: {@code 451 4.3.0 Try again later}. */
  static String smtpReply(SmtpReply r) {
    return (r.code() + " " + r.enhancedCode() + " " + r.text()).replaceAll(" +", " ").trim();
  }
}
