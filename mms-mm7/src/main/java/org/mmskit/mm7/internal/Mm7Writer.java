package org.mmskit.mm7.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.mmskit.core.ContentType;
import org.mmskit.core.Header;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.mm7.internal.Mm7Body.DeliverReq;
import org.mmskit.mm7.internal.Mm7Body.ReplaceReq;
import org.mmskit.mm7.internal.Mm7Body.SubmitReq;

/**
 * Packages an MM7 message for HTTP: bare {@code text/xml} when it has no content, else {@code
 * multipart/related} with the SOAP part first and the message parts in a nested {@code
 * multipart/related} (with a SMIL presentation) or {@code multipart/mixed}. Boundaries are random
 * per message. Part bodies are not copied: {@link Mm7Payload} streams them when written. Stateless.
 */
final class Mm7Writer {
  static final String SOAP_PART_ID = "mm7-soap@mmskit";
  static final String CONTENT_PART_ID = "mm7-content@mmskit";
  private static final String TEXT_XML = "text/xml; charset=utf-8";
  private static final String CRLF = "\r\n";

  private Mm7Writer() {}

  static Mm7Payload encode(Mm7Envelope env, Mm7WriteOptions opts) {
    MmsMessage content = contentOf(env.body());
    List<MmsPart> parts = content == null ? List.of() : content.allParts();
    if (parts.isEmpty()) {
      byte[] xml = Mm7SoapWriter.write(env, opts, null);
      return new Mm7Payload(TEXT_XML, xml, 0, xml.length, List.of(xml));
    }
    byte[] xml = Mm7SoapWriter.write(env, opts, "cid:" + CONTENT_PART_ID);
    String outer = boundary();
    String inner = boundary();
    Segments out = new Segments();
    out.text("--" + outer + CRLF);
    out.text("Content-Type: text/xml; charset=utf-8" + CRLF);
    out.text("Content-ID: <" + SOAP_PART_ID + ">" + CRLF + CRLF);
    int xmlFrom = out.text.size();
    out.bytes(xml);
    out.text(CRLF + "--" + outer + CRLF);
    MmsPart smil = content.presentation().orElse(null);
    if (smil != null) {
      out.text(
          "Content-Type: multipart/related; boundary=\""
              + inner
              + "\"; type=\"application/smil\"; start=\"<"
              + partId(smil, 0)
              + ">\""
              + CRLF);
    } else {
      out.text("Content-Type: multipart/mixed; boundary=\"" + inner + "\"" + CRLF);
    }
    out.text("Content-ID: <" + CONTENT_PART_ID + ">" + CRLF + CRLF);
    for (int i = 0; i < parts.size(); i++) {
      MmsPart p = parts.get(i);
      out.text("--" + inner + CRLF);
      out.text("Content-Type: " + wireType(p.contentType()) + CRLF);
      if (p.contentId().isPresent() || p == smil) {
        out.text("Content-ID: <" + partId(p, i) + ">" + CRLF);
      }
      Optional<String> location = p.contentLocation().or(p::fileName);
      if (location.isPresent()) {
        out.text("Content-Location: " + headerSafe(location.get()) + CRLF);
      }
      if (p.disposition().isPresent()) {
        out.text("Content-Disposition: " + headerValue(p.disposition().get()) + CRLF);
      }
      for (Header h : p.headers()) {
        String n = h.name();
        if (isHeaderToken(n) && !n.regionMatches(true, 0, "Content-", 0, 8)) {
          out.text(n + ": " + headerValue(h.value()) + CRLF);
        }
      }
      boolean text = isTextual(p) && p.inMemory();
      boolean base64 = !text && !opts.binaryParts();
      String cte =
          base64 ? "base64" : text && isAscii(p.bytes()) ? "7bit" : text ? "8bit" : "binary";
      out.text("Content-Transfer-Encoding: " + cte + CRLF + CRLF);
      out.part(new Mm7Payload.PartBody(p, base64));
      out.text(CRLF);
    }
    out.text("--" + inner + "--" + CRLF);
    out.text(CRLF + "--" + outer + "--" + CRLF);
    List<Object> segments = out.finish();
    String type =
        "multipart/related; boundary=\""
            + outer
            + "\"; type=\"text/xml\"; start=\"<"
            + SOAP_PART_ID
            + ">\"";
    return new Mm7Payload(type, (byte[]) segments.get(0), xmlFrom, xmlFrom + xml.length, segments);
  }

  /** Header and XML bytes gathered into one segment between part bodies. */
  private static final class Segments {
    final ByteArrayOutputStream text = new ByteArrayOutputStream(2048);
    final List<Object> list = new ArrayList<>();

    void text(String s) {
      text.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    void bytes(byte[] b) {
      text.writeBytes(b);
    }

    void part(Mm7Payload.PartBody p) {
      list.add(text.toByteArray());
      text.reset();
      list.add(p);
    }

    List<Object> finish() {
      list.add(text.toByteArray());
      return list;
    }
  }

  /** The message whose parts travel as attachments, or null. */
  static MmsMessage contentOf(Mm7Body body) {
    if (body instanceof SubmitReq s) {
      return s.message();
    } else if (body instanceof ReplaceReq r) {
      return r.message();
    } else if (body instanceof DeliverReq d) {
      return d.message();
    }
    return null;
  }

  /** A MIME boundary: {@code mmskit-} and two random numbers in hexadecimal. */
  private static String boundary() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return "mmskit-" + Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong());
  }

  private static String partId(MmsPart p, int index) {
    return p.contentId().map(Mm7Writer::headerSafe).orElse("smil" + index + "@mmskit");
  }

  /** {@code s} with every char outside printable ASCII, and angle brackets, as {@code _}. */
  private static String headerSafe(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(c < 0x20 || c > 0x7e || c == '<' || c == '>' ? '_' : c);
    }
    return sb.toString();
  }

  /** {@code s} with control chars as spaces. */
  private static String headerValue(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(c < 0x20 || c == 0x7f ? ' ' : c);
    }
    return sb.toString();
  }

  private static boolean isHeaderToken(String n) {
    if (n.isEmpty()) {
      return false;
    }
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == ':') {
        return false;
      }
    }
    return true;
  }

  /** The content type as on the wire: WAP multipart names become MIME ones. */
  private static String wireType(ContentType ct) {
    String mt = ct.mediaType();
    if (mt.equals("application/vnd.wap.multipart.related")) {
      mt = "multipart/related";
    } else if (mt.equals("application/vnd.wap.multipart.mixed")) {
      mt = "multipart/mixed";
    }
    StringBuilder sb = new StringBuilder(mt);
    for (Map.Entry<String, String> e : ct.parameters().entrySet()) {
      sb.append("; ").append(e.getKey()).append('=');
      String v = e.getValue();
      if (needsQuotes(v)) {
        sb.append('"').append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      } else {
        sb.append(v);
      }
    }
    return sb.toString();
  }

  private static boolean needsQuotes(String v) {
    if (v.isEmpty()) {
      return true;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?=".indexOf(c) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTextual(MmsPart p) {
    String mt = p.contentType().mediaType();
    return mt.startsWith("text/") || mt.equals("application/smil") || mt.endsWith("+xml");
  }

  private static boolean isAscii(byte[] b) {
    for (byte x : b) {
      if (x < 0) {
        return false;
      }
    }
    return true;
  }
}
