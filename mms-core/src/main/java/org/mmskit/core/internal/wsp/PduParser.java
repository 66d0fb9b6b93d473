package org.mmskit.core.internal.wsp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mmskit.core.ContentType;
import org.mmskit.core.Header;
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
public final class PduParser {

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

  private final byte[] b;
  private final int base;
  private final int end;
  private final PduLimits limits;
  private String field;

  private PduParser(byte[] b, int base, int end, PduLimits limits) {
    this.b = b;
    this.base = base;
    this.end = end;
    this.limits = limits;
  }

  private MmsPduException fail(String reason, int at) {
    return new MmsPduException(reason, at - base, field);
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
    PduParser p = new PduParser(b, off, off + len, limits);
    if (depth > limits.maxNesting()) {
      throw new MmsPduException("multipart nested deeper than " + limits.maxNesting(), 0, null);
    }
    return p.multipart(off);
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

  // ---------------------------------------------------------------- header values

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

  /** An Encoded-string-value spanning [vpos, vend), or null when it has another form. */
  private EncodedString encodedString(int vpos, int vend) {
    int o = b[vpos] & 0xFF;
    if (o == 0 && vend == vpos + 1) {
      return new EncodedString("", 0);
    }
    if (o >= 0x20 && o < 0x80) {
      int s = o == 0x7F ? vpos + 1 : vpos;
      if (s < vend - 1 && (b[s] & 0xFF) < 0x20) {
        return null;
      }
      return new EncodedString(WspReader.text(b, s, vend - 1), 0);
    }
    if (o > 0x1F) {
      return null;
    }
    int p = o == 0x1F ? skipUintvar(vpos + 1) : vpos + 1;
    if (p < 0 || p >= vend) {
      return null;
    }
    int c = b[p] & 0xFF;
    int mib;
    if (c >= 0x80) {
      mib = c & 0x7F;
      p++;
    } else if (c >= 1 && c <= 4) {
      if (p + 1 + c > vend) {
        return null;
      }
      mib = 0;
      for (int i = 1; i <= c; i++) {
        mib = (mib << 8) | (b[p + i] & 0xFF);
      }
      if (mib < 0) {
        return null;
      }
      p += 1 + c;
    } else {
      return null;
    }
    int te = vend;
    if (te > p && b[te - 1] == 0) {
      te--;
      if (Charsets.isWide(mib) && ((te - p) & 1) == 1 && te > p && b[te - 1] == 0) {
        te--;
      }
    }
    if (p < te && b[p] == 0x7F) {
      p++;
    }
    if (!Charsets.isWide(mib)) {
      for (int i = p; i < te; i++) {
        if (b[i] == 0) {
          return null;
        }
      }
    }
    if (mib == 0) {
      // a charset of 0 ("any") with text: keep it readable as charset-less text when it can be
      // written back as such
      if (p < te && (b[p] & 0xFF) < 0x20) {
        return null;
      }
      return new EncodedString(WspReader.text(b, p, te), 0);
    }
    String text = WspReader.text(b, p, te, mib);
    return text == null ? null : new EncodedString(text, mib);
  }

  private int skipUintvar(int p) {
    for (int i = 0; i < 5 && p < end; i++) {
      if ((b[p++] & 0x80) == 0) {
        return p;
      }
    }
    return -1;
  }

  /** A Short-integer or Long-integer (at most 8 octets, non-negative) spanning [vpos, vend). */
  private long integer(int vpos, int vend) {
    int o = b[vpos] & 0xFF;
    if (o >= 0x80) {
      return vend == vpos + 1 ? o & 0x7F : -1;
    }
    if (o < 1 || o > 8 || vend != vpos + 1 + o) {
      return -1;
    }
    long v = 0;
    for (int i = 1; i <= o; i++) {
      v = (v << 8) | (b[vpos + i] & 0xFF);
    }
    return v;
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

  // ---------------------------------------------------------------- content type

  /** Reads a Content-type-value at pos (not past limit); next[0] gets the index after it. */
  ContentType contentType(int pos, int limit, int[] next) {
    if (pos >= limit) {
      throw fail("missing content type", pos);
    }
    int o = b[pos] & 0xFF;
    if (o >= 0x80) {
      next[0] = pos + 1;
      return ContentType.of(WellKnown.media(o & 0x7F));
    }
    if (o >= 0x20) {
      int e = WspReader.nul(b, pos, limit);
      if (e < 0) {
        throw fail("unterminated media type", pos);
      }
      next[0] = e;
      return ContentType.of(mediaText(pos, e - 1));
    }
    if (o == 0) {
      throw fail("empty content type", pos);
    }
    int vend = WspReader.valueEnd(b, pos, limit);
    if (vend < 0) {
      throw fail("content type length runs past the end", pos);
    }
    if (vend - pos > limits.maxValueLength()) {
      throw fail("content type longer than " + limits.maxValueLength() + " bytes", pos);
    }
    int p = o == 0x1F ? skipUintvar(pos + 1) : pos + 1;
    if (p >= vend) {
      throw fail("empty content type", pos);
    }
    String media;
    int m = b[p] & 0xFF;
    if (m >= 0x80) {
      media = WellKnown.media(m & 0x7F);
      p++;
    } else if (m <= 0x1E && m >= 1) {
      long code = integer(p, Math.min(vend, p + 1 + m));
      if (code < 0 || code > Integer.MAX_VALUE) {
        throw fail("bad well-known media code", p);
      }
      media = WellKnown.media((int) code);
      p += 1 + m;
    } else if (m >= 0x20) {
      int e = WspReader.nul(b, p, vend);
      if (e < 0) {
        throw fail("unterminated media type", p);
      }
      media = mediaText(p, e - 1);
      p = e;
    } else {
      throw fail("bad media type octet 0x" + Integer.toHexString(m), p);
    }
    Map<String, String> params = new LinkedHashMap<>(4);
    while (p < vend) {
      p = parameter(p, vend, params);
    }
    next[0] = vend;
    return params.isEmpty() ? ContentType.of(media) : ContentType.of(media, params);
  }

  private String mediaText(int from, int to) {
    int s = from < to && b[from] == 0x7F ? from + 1 : from;
    String t = WspReader.text(b, s, to).trim();
    if (t.isEmpty()) {
      throw fail("empty media type", from);
    }
    return t;
  }

  /** Reads one parameter at p; returns the index after it. */
  private int parameter(int p, int limit, Map<String, String> out) {
    int o = b[p] & 0xFF;
    if (o >= 0x20 && o < 0x80) {
      int ne = WspReader.nul(b, p, limit);
      if (ne < 0 || ne >= limit + 1) {
        throw fail("unterminated parameter name", p);
      }
      String name = WspReader.text(b, p, ne - 1).trim();
      if (!name.isEmpty() && !isToken(name)) {
        throw fail("parameter name is not a token", p);
      }
      if (ne >= limit) {
        throw fail("parameter without value", ne);
      }
      int ve = WspReader.valueEnd(b, ne, limit);
      if (ve < 0) {
        throw fail("parameter value runs past the content type", ne);
      }
      if (!name.isEmpty()) {
        out.put(name, untypedValue(ne, ve));
      }
      return ve;
    }
    int code;
    int vp;
    if (o >= 0x80) {
      code = o & 0x7F;
      vp = p + 1;
    } else if (o >= 1 && o <= 0x1E) {
      long c = integer(p, Math.min(limit, p + 1 + o));
      if (c < 0 || c > 0xFFFF) {
        throw fail("bad parameter code", p);
      }
      code = (int) c;
      vp = p + 1 + o;
    } else {
      throw fail("bad parameter octet 0x" + Integer.toHexString(o), p);
    }
    if (vp >= limit) {
      throw fail("parameter without value", vp);
    }
    int ve = WspReader.valueEnd(b, vp, limit);
    if (ve < 0) {
      throw fail("parameter value runs past the content type", vp);
    }
    String name = WellKnown.param(code);
    String value;
    switch (code) {
      case 0x01: // charset
        {
          long mib = integerValue(vp, ve);
          if (mib >= 0) {
            if (mib == 0) {
              value = "*";
            } else {
              String n = Charsets.name((int) Math.min(mib, Integer.MAX_VALUE));
              value = n != null ? n : Long.toString(mib);
            }
          } else {
            value = untypedValue(vp, ve);
          }
          break;
        }
      case 0x09: // type (multipart/related): constrained encoding
        {
          int t = b[vp] & 0xFF;
          if (t >= 0x80) {
            value = WellKnown.media(t & 0x7F);
          } else {
            long c = integerValue(vp, ve);
            value = c >= 0 ? WellKnown.media((int) Math.min(c, 0xFFFF)) : untypedValue(vp, ve);
          }
          break;
        }
      default:
        value = untypedValue(vp, ve);
    }
    if (name == null) {
      name = "x-wsp-param-0x" + Integer.toHexString(code);
    }
    out.put(name, value);
    return ve;
  }

  /** A Short- or Long-integer value, or -1 when the value is not an integer. */
  private long integerValue(int vp, int ve) {
    return integer(vp, ve);
  }

  /** Any value as text: text as is (quote dropped), integers in decimal, other octets in hex. */
  private String untypedValue(int vp, int ve) {
    int o = b[vp] & 0xFF;
    if (o == 0 && ve == vp + 1) {
      return "";
    }
    if (o >= 0x20 && o < 0x80) {
      int s = o == 0x7F || o == 0x22 ? vp + 1 : vp;
      return checkedText(s, ve - 1);
    }
    long v = integer(vp, ve);
    if (v >= 0) {
      return Long.toString(v);
    }
    return "0x" + HexFormat.of().formatHex(b, vp, ve);
  }

  /** Text that must not start with a control character (it could not be written back). */
  private String checkedText(int from, int to) {
    if (from < to && (b[from] & 0xFF) < 0x20) {
      throw fail("text starts with control octet 0x" + Integer.toHexString(b[from]), from);
    }
    return WspReader.text(b, from, to);
  }

  private static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c >= 0x7F) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- body

  private List<MmsPart> body(ContentType ct, int pos) {
    if (ct.isMultipart()) {
      field = "multipart body";
      if (pos >= end) {
        return List.of();
      }
      return multipart(pos);
    }
    field = "body";
    return List.of(MmsPart.builder().contentType(ct).body(Arrays.copyOfRange(b, pos, end)).build());
  }

  private long uintvar(int[] pos) {
    long v = 0;
    int p = pos[0];
    for (int i = 0; ; i++) {
      if (p >= end) {
        throw fail("truncated uintvar", p);
      }
      if (i == 5) {
        throw fail("uintvar longer than 5 octets", pos[0]);
      }
      int c = b[p++] & 0xFF;
      v = (v << 7) | (c & 0x7F);
      if ((c & 0x80) == 0) {
        break;
      }
    }
    pos[0] = p;
    return v;
  }

  private List<MmsPart> multipart(int start) {
    int[] pos = {start};
    field = "multipart entry count";
    long n = uintvar(pos);
    if (n > limits.maxParts()) {
      throw fail("" + n + " parts, more than the limit of " + limits.maxParts(), start);
    }
    if (n * 3 > end - pos[0]) {
      throw fail("" + n + " parts cannot fit in " + (end - pos[0]) + " bytes", start);
    }
    List<MmsPart> parts = new ArrayList<>((int) n);
    for (int i = 0; i < n; i++) {
      field = "part " + (i + 1);
      int entry = pos[0];
      long hl = uintvar(pos);
      long dl = uintvar(pos);
      int hs = pos[0];
      if (hl < 1 || hl > end - hs) {
        throw fail("part headers length " + hl + " runs past the end", entry);
      }
      if (dl > end - hs - hl) {
        throw fail("part data length " + dl + " runs past the end", entry);
      }
      int he = hs + (int) hl;
      int de = he + (int) dl;
      parts.add(part(i + 1, hs, he, de));
      pos[0] = de;
    }
    field = "multipart body";
    if (pos[0] != end) {
      throw fail("" + (end - pos[0]) + " octets after the last part", pos[0]);
    }
    return parts;
  }

  private MmsPart part(int index, int hs, int he, int de) {
    field = "part " + index + " Content-Type";
    int[] next = new int[1];
    ContentType ct = contentType(hs, he, next);
    MmsPart.Builder pb = MmsPart.builder().contentType(ct);
    List<Header> extra = null;
    String cid = null;
    String loc = null;
    String disp = null;
    int p = next[0];
    int count = 0;
    while (p < he) {
      if (++count > limits.maxHeaders()) {
        throw fail("more than " + limits.maxHeaders() + " part headers", p);
      }
      int o = b[p] & 0xFF;
      if (o >= 0x80) {
        int code = o & 0x7F;
        field = "part " + index + " " + WellKnown.header(code);
        int vp = p + 1;
        int ve = WspReader.valueEnd(b, vp, he);
        if (ve < 0) {
          throw fail("value runs past the part headers", vp);
        }
        boolean handled = false;
        if (code == 0x40 && cid == null) {
          cid = untypedValue(vp, ve);
          handled = true;
        } else if (code == 0x0E && loc == null && (b[vp] & 0xFF) >= 0x20 && b[vp] >= 0) {
          int s = b[vp] == 0x7F ? vp + 1 : vp;
          loc = checkedText(s, ve - 1);
          handled = true;
        } else if ((code == 0x2E || code == 0x45) && disp == null) {
          String[] d = disposition(vp, ve);
          if (d != null) {
            disp = d[0];
            if (d[1] != null) {
              pb.fileName(d[1]);
            }
            handled = true;
          }
        }
        if (!handled) {
          if (extra == null) {
            extra = new ArrayList<>(2);
          }
          extra.add(new Header(WellKnown.header(code), untypedValue(vp, ve)));
        }
        p = ve;
      } else if (o >= 0x20 && o < 0x7F) {
        field = "part " + index + " header";
        int ne = WspReader.nul(b, p, he);
        if (ne < 0 || ne >= he) {
          throw fail("unterminated part header", p);
        }
        int ve = WspReader.nul(b, ne, he);
        if (ve < 0) {
          throw fail("unterminated part header value", ne);
        }
        if (extra == null) {
          extra = new ArrayList<>(2);
        }
        int vs = b[ne] == 0x7F && ne < ve - 1 ? ne + 1 : ne;
        String name = WspReader.text(b, p, ne - 1);
        if (!isToken(name)) {
          throw fail("part header name is not a token", p);
        }
        extra.add(new Header(name, WspReader.text(b, vs, ve - 1)));
        p = ve;
      } else {
        throw fail("octet 0x" + Integer.toHexString(o) + " cannot start a part header", p);
      }
    }
    if (cid != null) {
      pb.contentId(cid);
    }
    if (loc != null) {
      pb.contentLocation(loc);
    }
    if (disp != null) {
      pb.disposition(disp);
    }
    if (extra != null) {
      pb.headers(extra);
    }
    field = "part " + index + " data";
    return pb.body(Arrays.copyOfRange(b, he, de)).build();
  }

  /** {disposition, filename} of a Content-Disposition value, or null when unreadable. */
  private String[] disposition(int vp, int ve) {
    int o = b[vp] & 0xFF;
    if (o >= 0x20 && o < 0x80) {
      String t = untypedValue(vp, ve);
      ContentType parsed;
      try {
        parsed = ContentType.parse(t.isEmpty() ? "x" : t);
      } catch (IllegalArgumentException e) {
        return null;
      }
      if (!isToken(parsed.mediaType())) {
        return null;
      }
      String fn = parsed.parameter("filename").orElse(null);
      if (fn != null && (fn.isEmpty() || fn.charAt(0) < 0x20)) {
        return null;
      }
      return new String[] {parsed.mediaType(), fn};
    }
    if (o > 0x1F) {
      return null;
    }
    int p = o == 0x1F ? skipUintvar(vp + 1) : vp + 1;
    if (p < 0 || p >= ve) {
      return null;
    }
    String type;
    int t = b[p] & 0xFF;
    if (t == 0x80) {
      type = "form-data";
      p++;
    } else if (t == 0x81) {
      type = "attachment";
      p++;
    } else if (t == 0x82) {
      type = "inline";
      p++;
    } else if (t >= 0x20 && t < 0x80) {
      int e = WspReader.nul(b, p, ve);
      if (e < 0) {
        return null;
      }
      type = WspReader.text(b, p, e - 1);
      if (!isToken(type)) {
        return null;
      }
      p = e;
    } else {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>(2);
    try {
      while (p < ve) {
        p = parameter(p, ve, params);
      }
    } catch (MmsPduException e) {
      return null;
    }
    String fn = params.get("filename");
    if (fn == null) {
      fn = params.get("name");
    }
    return new String[] {type, fn};
  }
}
