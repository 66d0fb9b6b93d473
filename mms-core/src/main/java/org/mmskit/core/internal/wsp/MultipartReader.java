package org.mmskit.core.internal.wsp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mmskit.core.ContentType;
import org.mmskit.core.Header;
import org.mmskit.core.MmsPart;
import org.mmskit.core.pdu.MmsPduException;
import org.mmskit.core.pdu.PduLimits;

/** Reads a multipart body: the entry count, then each part's headers and data. */
final class MultipartReader extends WspValues {

  MultipartReader(byte[] b, int base, int end, PduLimits limits) {
    super(b, base, end, limits);
  }

  /** The parts of the multipart body starting at {@code start} and running to the end. */
  List<MmsPart> read(int start) {
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
