package org.mmskit.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mmskit.core.MmscRejectedException;

/**
 * The JSON line for an MMSC's refusal: what it said in words (status, fault string, MM7 status
 * code), then each fact as its own member. Never the raw answer: an HTML error page or a SOAP
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
    e.httpStatus().ifPresent(c -> line.put("httpStatus", (long) c));
    e.faultCode().ifPresent(c -> line.put("faultCode", c));
    e.faultString().ifPresent(c -> line.put("faultString", c));
    line.put("retryable", e.isRetryable());
    return line;
  }

  /** e.g. "SOAP fault Server: Service unavailable, status 4006 (HTTP 500)". */
  static String words(MmscRejectedException e) {
    StringBuilder sb = new StringBuilder();
    if (e.faultCode().isPresent() || e.faultString().isPresent()) {
      sb.append("SOAP fault");
      e.faultCode().ifPresent(c -> sb.append(' ').append(c));
      e.faultString().ifPresent(f -> sb.append(": ").append(f));
    }
    if (e.statusCode().isPresent()) {
      sb.append(sb.length() > 0 ? ", " : "").append("status ").append(e.statusCode().getAsInt());
      e.statusText()
          .filter(t -> e.faultString().map(f -> !f.equals(t)).orElse(true))
          .ifPresent(t -> sb.append(' ').append(t));
    }
    if (e.httpStatus().isPresent()) {
      int http = e.httpStatus().getAsInt();
      if (sb.length() == 0) {
        sb.append("HTTP ").append(http);
        e.statusText().ifPresent(t -> sb.append(' ').append(t));
      } else if (http != 200) {
        sb.append(" (HTTP ").append(http).append(')');
      }
    }
    return sb.length() == 0 ? "no reason given" : sb.toString();
  }
}
