package org.mmskit.core.internal.wsp;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mmskit.core.ContentType;
import org.mmskit.core.pdu.EncodedString;
import org.mmskit.core.pdu.MmsPduException;
import org.mmskit.core.pdu.PduLimits;

/**
 * Reads WSP values (integers, uintvars, encoded strings, content types and their parameters) from
 * one buffer, and reports what it cannot read with the offset from the start of the PDU and the
 * field being read. The PDU and multipart readers build on it.
 */
abstract class WspValues {
  final byte[] b;
  final int base;
  final int end;
  final PduLimits limits;

  /** The field being read, named in errors. */
  String field;

  WspValues(byte[] b, int base, int end, PduLimits limits) {
    this.b = b;
    this.base = base;
    this.end = end;
    this.limits = limits;
  }

  final MmsPduException fail(String reason, int at) {
    return new MmsPduException(reason, at - base, field);
  }

  /** An Encoded-string-value spanning [vpos, vend), or null when it has another form. */
  EncodedString encodedString(int vpos, int vend) {
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

  int skipUintvar(int p) {
    for (int i = 0; i < 5 && p < end; i++) {
      if ((b[p++] & 0x80) == 0) {
        return p;
      }
    }
    return -1;
  }

  /** A Short-integer or Long-integer (at most 8 octets, non-negative) spanning [vpos, vend). */
  long integer(int vpos, int vend) {
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

  long uintvar(int[] pos) {
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

  String mediaText(int from, int to) {
    int s = from < to && b[from] == 0x7F ? from + 1 : from;
    String t = WspReader.text(b, s, to).trim();
    if (t.isEmpty()) {
      throw fail("empty media type", from);
    }
    return t;
  }

  /** Reads one parameter at p; returns the index after it. */
  int parameter(int p, int limit, Map<String, String> out) {
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
          long mib = integer(vp, ve);
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
            long c = integer(vp, ve);
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

  /** Any value as text: text as is (quote dropped), integers in decimal, other octets in hex. */
  String untypedValue(int vp, int ve) {
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
  String checkedText(int from, int to) {
    if (from < to && (b[from] & 0xFF) < 0x20) {
      throw fail("text starts with control octet 0x" + Integer.toHexString(b[from]), from);
    }
    return WspReader.text(b, from, to);
  }

  static boolean isToken(String s) {
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
}
