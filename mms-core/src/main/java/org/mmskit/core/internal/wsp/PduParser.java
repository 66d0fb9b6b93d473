package org.mmskit.core.internal.wsp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mmskit.core.ContentType;
import org.mmskit.core.MmsPart;
import org.mmskit.core.TimeSpec;
import org.mmskit.core.pdu.EncodedString;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.MmsPduException;
import org.mmskit.core.pdu.MmsVersion;
import org.mmskit.core.pdu.PduField;
import org.mmskit.core.pdu.PduHeader;
import org.mmskit.core.pdu.PduLimits;
import org.mmskit.core.pdu.PduType;

/** The PDU decoder. One instance per decode call; not shared. */
public final class PduParser extends WspValues {

  /** How a field's value is encoded. */
  static final byte RAW = 0;

  static final byte TEXT = 1;
  static final byte ENCODED = 2;
  static final byte INT = 3;
  static final byte TOKEN = 4;
  static final byte TOKEN_OR_TEXT = 5;
  static final byte TIME = 6;
  static final byte FROM = 7;

  static final byte[] KINDS = new byte[0x80];

  static {
    KINDS[PduField.BCC] = ENCODED;
    KINDS[PduField.CC] = ENCODED;
    KINDS[PduField.CONTENT_LOCATION] = TEXT;
    KINDS[PduField.DATE] = INT;
    KINDS[PduField.DELIVERY_REPORT] = TOKEN;
    KINDS[PduField.DELIVERY_TIME] = TIME;
    KINDS[PduField.EXPIRY] = TIME;
    KINDS[PduField.FROM] = FROM;
    KINDS[PduField.MESSAGE_CLASS] = TOKEN_OR_TEXT;
    KINDS[PduField.MESSAGE_ID] = TEXT;
    KINDS[PduField.MESSAGE_SIZE] = INT;
    KINDS[PduField.PRIORITY] = TOKEN;
    KINDS[PduField.READ_REPORT] = TOKEN;
    KINDS[PduField.REPORT_ALLOWED] = TOKEN;
    KINDS[PduField.RESPONSE_STATUS] = TOKEN;
    KINDS[PduField.RESPONSE_TEXT] = ENCODED;
    KINDS[PduField.SENDER_VISIBILITY] = TOKEN;
    KINDS[PduField.STATUS] = TOKEN;
    KINDS[PduField.SUBJECT] = ENCODED;
    KINDS[PduField.TO] = ENCODED;
    KINDS[PduField.TRANSACTION_ID] = TEXT;
    KINDS[PduField.RETRIEVE_STATUS] = TOKEN;
    KINDS[PduField.RETRIEVE_TEXT] = ENCODED;
    KINDS[PduField.READ_STATUS] = TOKEN;
    KINDS[PduField.REPLY_CHARGING] = TOKEN;
    KINDS[PduField.REPLY_CHARGING_DEADLINE] = TIME;
    KINDS[PduField.REPLY_CHARGING_ID] = TEXT;
    KINDS[PduField.REPLY_CHARGING_SIZE] = INT;
    KINDS[PduField.STORE] = TOKEN;
    KINDS[PduField.MM_STATE] = TOKEN;
    KINDS[PduField.STORE_STATUS] = TOKEN;
    KINDS[PduField.STORE_STATUS_TEXT] = ENCODED;
    KINDS[PduField.STORED] = TOKEN;
    KINDS[PduField.ATTRIBUTES] = TOKEN;
    KINDS[PduField.TOTALS] = TOKEN;
    KINDS[PduField.QUOTAS] = TOKEN;
    KINDS[PduField.MESSAGE_COUNT] = INT;
    KINDS[PduField.START] = INT;
    KINDS[PduField.ADDITIONAL_HEADERS] = TOKEN;
    KINDS[PduField.DISTRIBUTION_INDICATOR] = TOKEN;
    KINDS[PduField.LIMIT] = INT;
    KINDS[PduField.RECOMMENDED_RETRIEVAL_MODE] = TOKEN;
    KINDS[PduField.RECOMMENDED_RETRIEVAL_MODE_TEXT] = ENCODED;
    KINDS[PduField.STATUS_TEXT] = ENCODED;
    KINDS[PduField.APPLIC_ID] = TEXT;
    KINDS[PduField.REPLY_APPLIC_ID] = TEXT;
    KINDS[PduField.AUX_APPLIC_INFO] = TEXT;
    KINDS[PduField.CONTENT_CLASS] = TOKEN;
    KINDS[PduField.DRM_CONTENT] = TOKEN;
    KINDS[PduField.ADAPTATION_ALLOWED] = TOKEN;
    KINDS[PduField.REPLACE_ID] = TEXT;
    KINDS[PduField.CANCEL_ID] = TEXT;
    KINDS[PduField.CANCEL_STATUS] = TOKEN;
  }

  /** The value kind of a field number (RAW for fields kept as octets). */
  public static byte kind(int field) {
    return field > 0 && field < 0x80 ? KINDS[field] : RAW;
  }

  private PduParser(byte[] b, int base, int end, PduLimits limits) {
    super(b, base, end, limits);
  }

  /** Decodes a whole PDU. */
  public static MmsPdu parse(byte[] b, int off, int len, PduLimits limits) {
    if (len > limits.maxPduSize()) {
      throw new MmsPduException(
          "PDU of " + len + " bytes is larger than the limit of " + limits.maxPduSize(), 0, null);
    }
    PduParser p = new PduParser(b, off, off + len, limits);
    try {
      return p.pdu();
    } catch (IllegalArgumentException e) {
      throw p.fail(e.getMessage(), p.base);
    }
  }

  /** Decodes a multipart body. */
  public static List<MmsPart> parseMultipart(
      byte[] b, int off, int len, PduLimits limits, int depth) {
    if (depth > limits.maxNesting()) {
      throw new MmsPduException("multipart nested deeper than " + limits.maxNesting(), 0, null);
    }
    return new MultipartReader(b, off, off + len, limits).read(off);
  }

  /** Decodes a whole Content-type-value. */
  public static ContentType parseContentTypeValue(byte[] b, int off, int len, PduLimits limits) {
    PduParser p = new PduParser(b, off, off + len, limits);
    p.field = "Content-Type";
    int[] next = new int[1];
    ContentType ct = p.contentType(off, off + len, next);
    if (next[0] != off + len) {
      throw p.fail("octets after the content type", next[0]);
    }
    return ct;
  }

  private MmsPdu pdu() {
    if (end - base < 2) {
      throw fail("too short for a PDU", base);
    }
    PduType type = null;
    MmsVersion version = null;
    ContentType contentType = null;
    List<MmsPart> parts = List.of();
    List<PduHeader> headers = new ArrayList<>(10);
    int pos = base;
    int count = 0;
    while (pos < end) {
      if (++count > limits.maxHeaders()) {
        throw fail("more than " + limits.maxHeaders() + " headers", pos);
      }
      int o = b[pos] & 0xFF;
      if (o >= 0x80) {
        int f = o & 0x7F;
        field = PduField.name(f);
        int vpos = pos + 1;
        if (f == 0) {
          throw fail("field number 0 is not defined", pos);
        }
        if (f == PduField.MESSAGE_TYPE) {
          if (vpos >= end) {
            throw fail("truncated", vpos);
          }
          int t = b[vpos] & 0xFF;
          PduType pt = PduType.fromCode(t);
          if (pt == null) {
            throw fail("unknown message type 0x" + Integer.toHexString(t), vpos);
          }
          if (type != null && type != pt) {
            throw fail("second, different message type", pos);
          }
          type = pt;
          pos = vpos + 1;
          continue;
        }
        if (f == PduField.CONTENT_TYPE) {
          int[] next = new int[1];
          contentType = contentType(vpos, end, next);
          pos = next[0];
          parts = body(contentType, pos);
          pos = end;
          break;
        }
        int vend = WspReader.valueEnd(b, vpos, end);
        if (vend < 0) {
          throw fail("value runs past the end of the PDU", vpos);
        }
        if (vend - vpos > limits.maxValueLength()) {
          throw fail("value longer than " + limits.maxValueLength() + " bytes", vpos);
        }
        if (f == PduField.MMS_VERSION) {
          int v = b[vpos] & 0xFF;
          if (v >= 0x80) {
            version = MmsVersion.fromValue(v);
          } else if (version == null) {
            version = parseVersionText(vpos, vend);
          }
        } else {
          headers.add(header(f, vpos, vend));
        }
        pos = vend;
      } else if (o >= 0x20 && o < 0x7F) {
        field = "application header";
        int nend = WspReader.nul(b, pos, end);
        if (nend < 0) {
          throw fail("unterminated application header name", pos);
        }
        int vend = WspReader.nul(b, nend, end);
        if (vend < 0) {
          throw fail("unterminated application header value", nend);
        }
        if (vend - pos > limits.maxValueLength()) {
          throw fail("value longer than " + limits.maxValueLength() + " bytes", pos);
        }
        String name = WspReader.text(b, pos, nend - 1);
        int vs = nend < vend - 1 && b[nend] == 0x7F ? nend + 1 : nend;
        try {
          headers.add(new PduHeader.Application(name, WspReader.text(b, vs, vend - 1)));
        } catch (IllegalArgumentException e) {
          throw fail("bad application header name", pos);
        }
        pos = vend;
      } else {
        field = null;
        throw fail("octet 0x" + Integer.toHexString(o) + " cannot start a header", pos);
      }
    }
    field = null;
    if (type == null) {
      throw fail("no X-Mms-Message-Type header", base);
    }
    if (version == null) {
      version = MmsVersion.V1_0;
    }
    try {
      return MmsPdu.builder(type)
          .version(version)
          .headers(headers)
          .contentType(contentType)
          .parts(parts)
          .build();
    } catch (IllegalArgumentException e) {
      throw fail(e.getMessage(), pos);
    }
  }

  private MmsVersion parseVersionText(int vpos, int vend) {
    if ((b[vpos] & 0xFF) >= 0x20 && vend - vpos > 1) {
      try {
        return MmsVersion.parse(WspReader.text(b, vpos, vend - 1));
      } catch (RuntimeException e) {
        // fall through
      }
    }
    throw fail("unreadable MMS version", vpos);
  }

  private PduHeader header(int f, int vpos, int vend) {
    PduHeader h;
    switch (kind(f)) {
      case TEXT:
        h = textHeader(f, vpos, vend);
        break;
      case ENCODED:
        {
          EncodedString e = encodedString(vpos, vend);
          h = e == null ? null : new PduHeader.Encoded(f, e);
          break;
        }
      case INT:
        {
          long v = integer(vpos, vend);
          h = v < 0 ? null : new PduHeader.Int(f, v);
          break;
        }
      case TOKEN:
        h = vend == vpos + 1 && b[vpos] < 0 ? new PduHeader.Token(f, b[vpos] & 0xFF) : null;
        break;
      case TOKEN_OR_TEXT:
        h =
            vend == vpos + 1 && b[vpos] < 0
                ? new PduHeader.Token(f, b[vpos] & 0xFF)
                : textHeader(f, vpos, vend);
        break;
      case TIME:
        h = time(f, vpos, vend);
        break;
      case FROM:
        h = from(vpos, vend);
        break;
      default:
        h = null;
    }
    return h != null ? h : new PduHeader.Raw(f, Arrays.copyOfRange(b, vpos, vend));
  }

  private PduHeader textHeader(int f, int vpos, int vend) {
    int o = b[vpos] & 0xFF;
    if (o == 0 && vend == vpos + 1) {
      return new PduHeader.Text(f, "");
    }
    if (o < 0x20 || o >= 0x80) {
      return null;
    }
    int s = o == 0x7F ? vpos + 1 : vpos;
    if (s < vend - 1 && (b[s] & 0xFF) < 0x20) {
      return null;
    }
    return new PduHeader.Text(f, WspReader.text(b, s, vend - 1));
  }

  private PduHeader time(int f, int vpos, int vend) {
    int o = b[vpos] & 0xFF;
    if (o > 0x1F) {
      return null;
    }
    int p = o == 0x1F ? skipUintvar(vpos + 1) : vpos + 1;
    if (p < 0 || p + 2 > vend) {
      return null;
    }
    int token = b[p] & 0xFF;
    long v = integer(p + 1, vend);
    if (v < 0) {
      return null;
    }
    if (token == 0x80) {
      return new PduHeader.Time(f, TimeSpec.at(Instant.ofEpochSecond(v)));
    }
    if (token == 0x81) {
      return new PduHeader.Time(f, TimeSpec.after(Duration.ofSeconds(v)));
    }
    return null;
  }

  private PduHeader from(int vpos, int vend) {
    int o = b[vpos] & 0xFF;
    if (o > 0x1F) {
      return null;
    }
    int p = o == 0x1F ? skipUintvar(vpos + 1) : vpos + 1;
    if (p < 0 || p >= vend) {
      return null;
    }
    int token = b[p] & 0xFF;
    if (token == 0x81 && p + 1 == vend) {
      return PduHeader.From.insertAddress();
    }
    if (token == 0x80 && p + 1 < vend) {
      int e = WspReader.valueEnd(b, p + 1, vend);
      if (e != vend) {
        return null;
      }
      EncodedString s = encodedString(p + 1, vend);
      return s == null ? null : new PduHeader.From(s);
    }
    return null;
  }

  private List<MmsPart> body(ContentType ct, int pos) {
    if (ct.isMultipart()) {
      field = "multipart body";
      if (pos >= end) {
        return List.of();
      }
      return new MultipartReader(b, base, end, limits).read(pos);
    }
    field = "body";
    return List.of(MmsPart.builder().contentType(ct).body(Arrays.copyOfRange(b, pos, end)).build());
  }
}
