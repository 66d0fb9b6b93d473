package org.mmskit.mm1.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;
import org.mmskit.core.ContentType;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.core.pdu.MmsPduDecoder;
import org.mmskit.core.pdu.PduLimits;

/**
 * A connectionless WSP Push PDU (WAP-230-WSP §8.2.4.1): transaction ID, PDU type 0x06, header
 * length, content type, headers, body. Only what MMS needs is read: the content type (a well-known
 * code, a text, or the general form with parameters), the X-Wap-Application-Id when present, and
 * the body; other headers are skipped whatever their order.
 *
 * @param transactionId the WSP transaction ID octet
 * @param contentType the content type of the body
 * @param applicationId the X-Wap-Application-Id as a code (4 is {@code x-wap-application:mms.ua}),
 *     empty when absent or given as text
 * @param body the pushed content, e.g. an m-notification-ind
 */
public record WspPush(
    int transactionId, ContentType contentType, OptionalInt applicationId, byte[] body) {

  /** {@code application/vnd.wap.mms-message}, the well-known content type 0x3E. */
  public static final String MMS_MESSAGE = "application/vnd.wap.mms-message";

  private static final int PDU_PUSH = 0x06;
  private static final int PDU_CONFIRMED_PUSH = 0x07;
  private static final int X_WAP_APPLICATION_ID = 0x2F;
  private static final int MMS_UA = 0x04;

  public WspPush {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(applicationId, "applicationId");
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** True when the push carries an MMS PDU. */
  public boolean isMms() {
    return contentType.mediaType().equalsIgnoreCase(MMS_MESSAGE);
  }

  /**
   * Reads a push.
   *
   * @throws MmsMalformedException when it is not a Push or Confirmed Push PDU, or a length runs
   *     past the end, with the offset
   */
  public static WspPush decode(byte[] pdu) {
    if (pdu.length < 3) {
      throw bad("shorter than a push header", 0, "WSP header");
    }
    int tid = pdu[0] & 0xFF;
    int type = pdu[1] & 0xFF;
    if (type != PDU_PUSH && type != PDU_CONFIRMED_PUSH) {
      throw bad("not a WSP Push PDU (type 0x" + Integer.toHexString(type) + ")", 1, "PDU type");
    }
    int[] at = {2};
    long headersLength = uintvar(pdu, at, "HeadersLen");
    int headersStart = at[0];
    if (headersLength > pdu.length - headersStart) {
      throw bad("headers length " + headersLength + " runs past the end", 2, "HeadersLen");
    }
    int headersEnd = headersStart + (int) headersLength;
    int ctEnd = valueEnd(pdu, headersStart, headersEnd, "Content-Type");
    ContentType contentType = contentType(pdu, headersStart, ctEnd);
    OptionalInt appId = OptionalInt.empty();
    int p = ctEnd;
    while (p < headersEnd) {
      int nameStart = p;
      int name = pdu[p] & 0xFF;
      boolean wellKnown = name >= 0x80;
      if (wellKnown) {
        p++;
      } else {
        p = textEnd(pdu, p, headersEnd, "header name");
      }
      if (p >= headersEnd) {
        throw bad("header without a value", nameStart, "WSP headers");
      }
      int valueStart = p;
      p = valueEnd(pdu, p, headersEnd, "header value");
      if (wellKnown && (name & 0x7F) == X_WAP_APPLICATION_ID) {
        int v = pdu[valueStart] & 0xFF;
        if (v >= 0x80) {
          appId = OptionalInt.of(v & 0x7F);
        }
      }
    }
    return new WspPush(tid, contentType, appId, Arrays.copyOfRange(pdu, headersEnd, pdu.length));
  }

  private static ContentType contentType(byte[] pdu, int from, int to) {
    int first = pdu[from] & 0xFF;
    if (first >= 0x20 && first < 0x80) {
      // Extension-media: a bare text
      return ContentType.parse(new String(pdu, from, to - from - 1, StandardCharsets.US_ASCII));
    }
    try {
      return MmsPduDecoder.decodeContentType(Arrays.copyOfRange(pdu, from, to), PduLimits.DEFAULT);
    } catch (MmsMalformedException e) {
      throw bad("unreadable content type: " + e.reason(), from, "Content-Type");
    }
  }

  /** The end of the value starting at {@code p}: short integer, text, or value-length form. */
  private static int valueEnd(byte[] b, int p, int end, String field) {
    if (p >= end) {
      throw bad("missing", p, field);
    }
    int v = b[p] & 0xFF;
    if (v >= 0x80) {
      return p + 1;
    }
    if (v >= 0x20) {
      return textEnd(b, p, end, field);
    }
    int[] at = {p + 1};
    long length;
    if (v == 0x1F) {
      length = uintvar(b, at, field);
    } else {
      length = v;
    }
    if (length > end - at[0]) {
      throw bad("value length " + length + " runs past the headers", p, field);
    }
    return at[0] + (int) length;
  }

  private static int textEnd(byte[] b, int p, int end, String field) {
    for (int i = p; i < end; i++) {
      if (b[i] == 0) {
        return i + 1;
      }
    }
    throw bad("text without its terminating NUL", p, field);
  }

  private static long uintvar(byte[] b, int[] at, String field) {
    long v = 0;
    for (int i = 0; i < 5; i++) {
      if (at[0] >= b.length) {
        throw bad("truncated uintvar", at[0], field);
      }
      int o = b[at[0]++] & 0xFF;
      v = (v << 7) | (o & 0x7F);
      if ((o & 0x80) == 0) {
        return v;
      }
    }
    throw bad("uintvar longer than 5 octets", at[0] - 5, field);
  }

  private static MmsMalformedException bad(String reason, int offset, String field) {
    return new MmsMalformedException("WSP push " + reason, offset, field, null);
  }

  /**
   * Writes a push of an MMS PDU the way MMSCs do, with the content type as the well-known code or
   * as text, and X-Wap-Application-Id mms.ua.
   */
  public static byte[] encodeMms(int transactionId, byte[] mmsPdu, boolean contentTypeAsText) {
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    if (contentTypeAsText) {
      headers.writeBytes(MMS_MESSAGE.getBytes(StandardCharsets.US_ASCII));
      headers.write(0);
    } else {
      headers.write(0x80 | 0x3E);
    }
    headers.write(0x80 | X_WAP_APPLICATION_ID);
    headers.write(0x80 | MMS_UA);
    ByteArrayOutputStream out = new ByteArrayOutputStream(mmsPdu.length + 48);
    out.write(transactionId & 0xFF);
    out.write(PDU_PUSH);
    writeUintvar(out, headers.size());
    out.writeBytes(headers.toByteArray());
    out.writeBytes(mmsPdu);
    return out.toByteArray();
  }

  private static void writeUintvar(ByteArrayOutputStream out, int v) {
    int shift = 28;
    while (shift > 0 && (v >>> shift) == 0) {
      shift -= 7;
    }
    for (; shift > 0; shift -= 7) {
      out.write(0x80 | ((v >>> shift) & 0x7F));
    }
    out.write(v & 0x7F);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WspPush w
        && transactionId == w.transactionId
        && contentType.equals(w.contentType)
        && applicationId.equals(w.applicationId)
        && Arrays.equals(body, w.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(transactionId, contentType, applicationId) * 31 + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "WspPush[tid=" + transactionId + ", " + contentType + ", " + body.length + " octets]";
  }
}
