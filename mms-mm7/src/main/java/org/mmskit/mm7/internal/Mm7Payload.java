package org.mmskit.mm7.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import org.mmskit.core.MmsPart;

/**
 * An encoded MM7 HTTP body ready to be streamed: its content type, its length when known, and a
 * {@link #writeTo(OutputStream)} that writes the bytes on the fly. Part bodies are read from their
 * source while writing, so a file-backed attachment is never held in memory. Repeatable when every
 * part's source may be opened again. Immutable and thread-safe.
 */
public final class Mm7Payload {

  /** A part body to stream, base64-encoded or raw. */
  record PartBody(MmsPart part, boolean base64) {}

  private final String contentType;

  /** The segment holding the SOAP XML, and where in it; decoded only when asked for. */
  private final byte[] xmlSegment;

  private final int xmlFrom;
  private final int xmlTo;
  private final List<Object> segments;
  private final long length;

  /**
   * @param xmlSegment the element of {@code segments} that holds the SOAP XML as UTF-8, in {@code
   *     [xmlFrom, xmlTo)}
   */
  Mm7Payload(String contentType, byte[] xmlSegment, int xmlFrom, int xmlTo, List<Object> segments) {
    this.contentType = contentType;
    this.xmlSegment = xmlSegment;
    this.xmlFrom = xmlFrom;
    this.xmlTo = xmlTo;
    this.segments = List.copyOf(segments);
    long total = 0;
    for (Object s : segments) {
      if (s instanceof byte[] b) {
        total += b.length;
      } else {
        PartBody p = (PartBody) s;
        OptionalLong size = p.part().size();
        if (size.isEmpty()) {
          total = -1;
          break;
        }
        total += p.base64() ? base64Length(size.getAsLong()) : size.getAsLong();
      }
    }
    this.length = total;
  }

  /** The length of the MIME base64 text of n bytes: 76-character lines separated by CRLF. */
  static long base64Length(long n) {
    long chars = 4 * ((n + 2) / 3);
    long lines = (chars + 75) / 76;
    return chars + (lines > 1 ? 2 * (lines - 1) : 0);
  }

  /** The HTTP Content-Type, e.g. {@code multipart/related; boundary=...; type="text/xml"; ...}. */
  public String contentType() {
    return contentType;
  }

  /** The body length in bytes, or -1 when a part's size is unknown (send chunked). */
  public long contentLength() {
    return length;
  }

  /** The SOAP envelope as text (for logs and checks; decoded on each call). */
  public String soapXml() {
    return new String(
        xmlSegment, xmlFrom, xmlTo - xmlFrom, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The number of MIME parts streamed from their sources (0 when the body is bare XML). */
  public int streamedParts() {
    int n = 0;
    for (Object s : segments) {
      if (s instanceof PartBody) {
        n++;
      }
    }
    return n;
  }

  /**
   * The body as readable text for logs: MIME boundaries and part headers as sent, the SOAP XML, and
   * a one-line summary in place of each part body.
   */
  public String describe() {
    StringBuilder sb = new StringBuilder(1024);
    for (Object s : segments) {
      if (s instanceof byte[] b) {
        sb.append(new String(b, java.nio.charset.StandardCharsets.UTF_8));
      } else {
        PartBody p = (PartBody) s;
        sb.append("[")
            .append(
                p.part().size().isPresent()
                    ? p.part().size().getAsLong() + " bytes"
                    : "streamed body")
            .append(p.base64() ? ", base64" : "")
            .append(']');
      }
    }
    return sb.toString();
  }

  /** The whole body in one array (for small bodies such as replies). */
  public byte[] toByteArray() throws IOException {
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(length >= 0 && length < (1 << 20) ? (int) length : 8192);
    writeTo(out);
    return out.toByteArray();
  }

  /** Writes the whole body. Does not close {@code out}. */
  public void writeTo(OutputStream out) throws IOException {
    for (Object s : segments) {
      if (s instanceof byte[] b) {
        out.write(b);
      } else {
        writePart((PartBody) s, out);
      }
    }
  }

  /**
   * Input bytes per base64 chunk: whole MIME lines of 57 bytes, so that the encoded chunks, each
   * ending without a line break, join into one body with a CRLF between them.
   */
  private static final int CHUNK = 57 * 1024;

  private static final byte[] CRLF = {'\r', '\n'};

  /**
   * One part body, read from its source as it is written: never held whole when on file. Base64
   * goes through the JDK's MIME encoder a chunk at a time, which encodes several times faster than
   * its wrapping stream does.
   */
  private static void writePart(PartBody p, OutputStream out) throws IOException {
    try (InputStream in = p.part().openStream()) {
      if (!p.base64()) {
        in.transferTo(out);
        return;
      }
      // whole lines even when the part is small, so a part longer than its stated size still
      // joins correctly
      long lines = (p.part().size().orElse(CHUNK) + 56) / 57;
      byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(1, lines) * 57)];
      Base64.Encoder mime = Base64.getMimeEncoder();
      boolean first = true;
      for (int n; (n = in.readNBytes(chunk, 0, chunk.length)) > 0; ) {
        if (!first) {
          out.write(CRLF);
        }
        out.write(mime.encode(n == chunk.length ? chunk : Arrays.copyOf(chunk, n)));
        first = false;
      }
    }
  }
}
