package org.mmskit.eaif.internal;

import java.util.Locale;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.mmskit.server.HeaderMap;
import org.mmskit.server.InboundRequest;
import org.mmskit.server.InboundResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wire trace of EAIF exchanges at DEBUG on the logger {@code org.mmskit.wire}: request line,
 * headers (credentials masked) and a one-line PDU summary instead of the binary body.
 */
public final class WireLog {
  /** The logger every transport writes its wire trace to. */
  public static final Logger WIRE = LoggerFactory.getLogger("org.mmskit.wire");

  private WireLog() {}

  /** Logs an outgoing request with its PDU body. */
  public static void request(ClassicHttpRequest request, byte[] body) {
    if (WIRE.isDebugEnabled()) {
      WIRE.debug(describeRequest(request, body));
    }
  }

  /** The trace text of an outgoing request: request line, masked headers, PDU summary. */
  static String describeRequest(ClassicHttpRequest request, byte[] body) {
    StringBuilder sb = new StringBuilder("EAIF >> ");
    String target;
    try {
      target = request.getUri().toString();
    } catch (java.net.URISyntaxException e) {
      target = request.getRequestUri();
    }
    sb.append(request.getMethod()).append(' ').append(target);
    for (Header h : request.getHeaders()) {
      sb.append("\n>> ").append(h.getName()).append(": ").append(mask(h.getName(), h.getValue()));
    }
    sb.append("\n>> ").append(EaifPdus.summary(body));
    return sb.toString();
  }

  /** Logs a response to one of our requests. */
  public static void response(ClassicHttpResponse response, byte[] body) {
    if (!WIRE.isDebugEnabled()) {
      return;
    }
    StringBuilder sb = new StringBuilder("EAIF << ");
    sb.append(response.getCode());
    if (response.getReasonPhrase() != null) {
      sb.append(' ').append(response.getReasonPhrase());
    }
    for (Header h : response.getHeaders()) {
      sb.append("\n<< ").append(h.getName()).append(": ").append(mask(h.getName(), h.getValue()));
    }
    HttpEntity entity = response.getEntity();
    if (body != null && body.length > 0) {
      String ct = entity == null ? null : entity.getContentType();
      sb.append("\n<< ").append(bodySummary(ct, body));
    }
    WIRE.debug(sb.toString());
  }

  /** Logs a request received by the EAIF handler and the answer given. */
  public static void inbound(InboundRequest request, byte[] body, InboundResponse response) {
    if (!WIRE.isDebugEnabled()) {
      return;
    }
    StringBuilder sb = new StringBuilder("EAIF in << ");
    sb.append(request.method()).append(' ').append(request.path());
    request.remoteAddress().ifPresent(a -> sb.append(" from ").append(a.getHostAddress()));
    HeaderMap headers = request.headers();
    for (int i = 0; i < headers.size(); i++) {
      sb.append("\n<< ")
          .append(headers.name(i))
          .append(": ")
          .append(mask(headers.name(i), headers.value(i)));
    }
    if (body != null) {
      sb.append("\n<< ").append(bodySummary(request.contentType().orElse(null), body));
    }
    sb.append("\nEAIF in >> ").append(response.status());
    response
        .bodyBytes()
        .filter(b -> b.length > 0)
        .ifPresent(
            b ->
                sb.append(" ")
                    .append(new String(b, java.nio.charset.StandardCharsets.UTF_8).trim()));
    WIRE.debug(sb.toString());
  }

  static String bodySummary(String contentType, byte[] body) {
    if (body.length == 0) {
      return "[empty body]";
    }
    if (contentType == null
        || contentType.toLowerCase(Locale.ROOT).contains("mms")
        || EaifPdus.looksLikePdu(body)) {
      return EaifPdus.summary(body);
    }
    return "[" + body.length + " bytes of " + contentType + "]";
  }

  /** Masks credentials in header values. */
  static String mask(String name, String value) {
    if (name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Proxy-Authorization")) {
      int sp = value.indexOf(' ');
      return (sp > 0 ? value.substring(0, sp + 1) : "") + "****";
    }
    return value;
  }
}
