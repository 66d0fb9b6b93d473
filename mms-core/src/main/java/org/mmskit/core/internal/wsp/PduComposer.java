package org.mmskit.core.internal.wsp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.mmskit.core.ContentType;
import org.mmskit.core.Header;
import org.mmskit.core.MmsPart;
import org.mmskit.core.TimeSpec;
import org.mmskit.core.pdu.EncodedString;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.PduField;
import org.mmskit.core.pdu.PduHeader;

/**
 * The PDU encoder. Headers (small) are written to a scratch buffer, sizes are added up, and the PDU
 * is then written into one exactly sized array: each part body is copied once.
 */
public final class PduComposer {
  private PduComposer() {}

  /** What to write, with every length known. */
  private static final class Plan {
    WspWriter head;
    boolean multipart;
    MmsPart[] parts;
    byte[][] partHeads;
    long[] dataLengths;
    long total;
  }

  public static byte[] compose(MmsPdu pdu) {
    Plan plan = plan(pdu);
    if (plan.total > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("PDU too large for an array: " + plan.total + " bytes");
    }
    byte[] out = new byte[(int) plan.total];
    int pos = plan.head.size();
    System.arraycopy(plan.head.array(), 0, out, 0, pos);
    if (plan.multipart) {
      pos = WspWriter.uintvar(out, pos, plan.parts.length);
      for (int i = 0; i < plan.parts.length; i++) {
        byte[] ph = plan.partHeads[i];
        pos = WspWriter.uintvar(out, pos, ph.length);
        pos = WspWriter.uintvar(out, pos, plan.dataLengths[i]);
        System.arraycopy(ph, 0, out, pos, ph.length);
        pos += ph.length;
        pos = body(plan.parts[i], plan.dataLengths[i], out, pos);
      }
    } else if (plan.parts.length == 1) {
      pos = body(plan.parts[0], plan.dataLengths[0], out, pos);
    }
    if (pos != out.length) {
      throw new IllegalStateException("size mismatch: " + pos + " != " + out.length);
    }
    return out;
  }

  private static int body(MmsPart part, long length, byte[] out, int pos) {
    byte[] data = part.bytes();
    if (data.length != length) {
      throw new IllegalArgumentException("part body changed size while encoding: " + part);
    }
    System.arraycopy(data, 0, out, pos, data.length);
    return pos + data.length;
  }

  public static long compose(MmsPdu pdu, OutputStream out) throws IOException {
    Plan plan = plan(pdu);
    out.write(plan.head.array(), 0, plan.head.size());
    byte[] tmp = new byte[10];
    if (plan.multipart) {
      out.write(tmp, 0, WspWriter.uintvar(tmp, 0, plan.parts.length));
    }
    for (int i = 0; i < plan.parts.length; i++) {
      if (plan.multipart) {
        byte[] ph = plan.partHeads[i];
        out.write(tmp, 0, WspWriter.uintvar(tmp, 0, ph.length));
        out.write(tmp, 0, WspWriter.uintvar(tmp, 0, plan.dataLengths[i]));
        out.write(ph);
      }
      MmsPart p = plan.parts[i];
      long n;
      if (p.inMemory()) {
        byte[] d = p.bytes();
        out.write(d);
        n = d.length;
      } else {
        try (InputStream in = p.openStream()) {
          n = in.transferTo(out);
        }
      }
      if (n != plan.dataLengths[i]) {
        throw new IOException("part body changed size while encoding: " + p);
      }
    }
    return plan.total;
  }

  public static long size(MmsPdu pdu) {
    return plan(pdu).total;
  }

  private static Plan plan(MmsPdu pdu) {
    Plan plan = new Plan();
    WspWriter w = new WspWriter(128 + 16 * pdu.headers().size());
    w.octet(0x80 | PduField.MESSAGE_TYPE);
    w.octet(pdu.type().code());
    List<PduHeader> headers = pdu.headers();
    int first = 0;
    if (!headers.isEmpty() && headers.get(0).field() == PduField.TRANSACTION_ID) {
      header(w, headers.get(0));
      first = 1;
    }
    w.octet(0x80 | PduField.MMS_VERSION);
    w.octet(pdu.version().code());
    for (int i = first, n = headers.size(); i < n; i++) {
      header(w, headers.get(i));
    }
    List<MmsPart> parts = pdu.parts();
    plan.parts = parts.toArray(new MmsPart[0]);
    plan.dataLengths = new long[plan.parts.length];
    long total;
    if (pdu.contentType().isPresent()) {
      ContentType ct = pdu.contentType().get();
      w.octet(0x80 | PduField.CONTENT_TYPE);
      contentType(w, ct);
      total = w.size();
      plan.multipart = ct.isMultipart();
      if (plan.multipart) {
        plan.partHeads = new byte[plan.parts.length][];
        total += WspWriter.uintvarLength(plan.parts.length);
        WspWriter pw = new WspWriter(128);
        for (int i = 0; i < plan.parts.length; i++) {
          pw.reset();
          partHeaders(pw, plan.parts[i]);
          byte[] ph = pw.toByteArray();
          plan.partHeads[i] = ph;
          long dl = dataLength(plan.parts[i]);
          plan.dataLengths[i] = dl;
          total +=
              WspWriter.uintvarLength(ph.length) + WspWriter.uintvarLength(dl) + ph.length + dl;
        }
      } else {
        long dl = dataLength(plan.parts[0]);
        plan.dataLengths[0] = dl;
        total += dl;
      }
    } else {
      total = w.size();
    }
    plan.head = w;
    plan.total = total;
    return plan;
  }

  private static long dataLength(MmsPart p) {
    if (p.size().isPresent()) {
      return p.size().getAsLong();
    }
    return p.bytes().length;
  }

  // ---------------------------------------------------------------- headers

  static void header(WspWriter w, PduHeader h) {
    if (h instanceof PduHeader.Application) {
      PduHeader.Application a = (PduHeader.Application) h;
      w.tokenText(a.name());
      w.textStringLenient(a.value());
      return;
    }
    w.octet(0x80 | h.field());
    if (h instanceof PduHeader.Text) {
      w.textString(((PduHeader.Text) h).value());
    } else if (h instanceof PduHeader.Encoded) {
      encoded(w, ((PduHeader.Encoded) h).value());
    } else if (h instanceof PduHeader.Int) {
      w.longInteger(((PduHeader.Int) h).value());
    } else if (h instanceof PduHeader.Token) {
      w.octet(((PduHeader.Token) h).value());
    } else if (h instanceof PduHeader.Time) {
      TimeSpec t = ((PduHeader.Time) h).value();
      long v =
          t.isRelative() ? t.relative().get().getSeconds() : t.absolute().get().getEpochSecond();
      w.valueLength(2 + WspWriter.longIntegerOctets(v));
      w.octet(t.isRelative() ? 0x81 : 0x80);
      w.longInteger(v);
    } else if (h instanceof PduHeader.From) {
      PduHeader.From f = (PduHeader.From) h;
      if (f.isInsertAddress()) {
        w.octet(1);
        w.octet(0x81);
      } else {
        WspWriter tmp = new WspWriter(64);
        encoded(tmp, f.address());
        w.valueLength(1 + tmp.size());
        w.octet(0x80);
        w.bytes(tmp.array(), 0, tmp.size());
      }
    } else if (h instanceof PduHeader.Raw) {
      w.bytes(((PduHeader.Raw) h).value());
    } else {
      throw new IllegalArgumentException("unknown header kind " + h);
    }
  }

  static void encoded(WspWriter w, EncodedString s) {
    int mib = s.charset();
    if (mib == 0) {
      w.textString(s.text());
      return;
    }
    byte[] t = octets(s.text(), Charsets.codec(mib));
    if (!Charsets.isWide(mib)) {
      for (byte x : t) {
        if (x == 0) {
          throw new IllegalArgumentException("text holds a NUL character");
        }
      }
    }
    w.valueLength(WspWriter.integerValueLength(mib) + WspWriter.delimitedTextLength(t));
    w.integerValue(mib);
    w.delimitedText(t);
  }

  /** The text in the charset; refuses characters the charset cannot hold. */
  static byte[] octets(String text, Charset cs) {
    if (cs == StandardCharsets.UTF_8) {
      return text.getBytes(cs);
    }
    if (cs == StandardCharsets.ISO_8859_1) {
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) > 0xFF) {
          throw new IllegalArgumentException("character not in " + cs + ": " + text);
        }
      }
      return text.getBytes(cs);
    }
    try {
      ByteBuffer bb =
          cs.newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(text));
      byte[] out = new byte[bb.remaining()];
      bb.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("text cannot be written in " + cs + ": " + text, e);
    }
  }

  // ---------------------------------------------------------------- content type

  static void contentType(WspWriter w, ContentType ct) {
    String media = ct.mediaType();
    int code = WellKnown.mediaCode(media);
    Map<String, String> params = ct.parameters();
    if (params.isEmpty() && code < 128) {
      if (code >= 0) {
        w.octet(0x80 | code);
      } else {
        w.textString(media);
      }
      return;
    }
    WspWriter tmp = new WspWriter(64);
    if (code >= 0) {
      tmp.integerValue(code);
    } else {
      tmp.textString(media);
    }
    for (Map.Entry<String, String> e : params.entrySet()) {
      parameter(tmp, e.getKey(), e.getValue());
    }
    w.valueLength(tmp.size());
    w.bytes(tmp.array(), 0, tmp.size());
  }

  private static void parameter(WspWriter w, String name, String value) {
    switch (name) {
      case "charset":
        {
          int mib = "*".equals(value) ? 0 : Charsets.mibEnum(value);
          if (mib < 0 && isDigits(value)) {
            mib = Integer.parseInt(value);
          }
          if (mib >= 0) {
            w.octet(0x81);
            w.integerValue(mib);
            return;
          }
          break;
        }
      case "type":
        {
          w.octet(0x89);
          int code = WellKnown.mediaCode(value);
          if (code >= 0 && code < 128) {
            w.octet(0x80 | code);
          } else {
            w.textValue(value);
          }
          return;
        }
      case "name":
        typed(w, 0x85, value);
        return;
      case "filename":
        typed(w, 0x86, value);
        return;
      case "start":
        typed(w, 0x8A, value);
        return;
      case "start-info":
        typed(w, 0x8B, value);
        return;
      default:
        break;
    }
    w.tokenText(name);
    if (value.isEmpty()) {
      w.octet(0);
    } else {
      w.quotedString(value);
    }
  }

  private static void typed(WspWriter w, int code, String value) {
    w.octet(code);
    w.textValue(value);
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty() || s.length() > 9) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- parts

  static void partHeaders(WspWriter w, MmsPart p) {
    contentType(w, p.contentType());
    if (p.contentId().isPresent()) {
      w.octet(0xC0);
      w.quotedString("<" + p.contentId().get() + ">");
    }
    if (p.contentLocation().isPresent()) {
      w.octet(0x8E);
      w.textString(p.contentLocation().get());
    }
    if (p.disposition().isPresent() || p.fileName().isPresent()) {
      String d = p.disposition().orElse("attachment");
      WspWriter tmp = new WspWriter(32);
      switch (d) {
        case "form-data":
          tmp.octet(0x80);
          break;
        case "attachment":
          tmp.octet(0x81);
          break;
        case "inline":
          tmp.octet(0x82);
          break;
        default:
          tmp.tokenText(d);
      }
      if (p.fileName().isPresent()) {
        tmp.octet(0x86);
        tmp.textValue(p.fileName().get());
      }
      w.octet(0xAE);
      w.valueLength(tmp.size());
      w.bytes(tmp.array(), 0, tmp.size());
    }
    for (Header h : p.headers()) {
      w.tokenText(h.name());
      w.textStringLenient(h.value());
    }
  }
}
