package org.mmskit.core.pdu;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.mmskit.core.ContentType;
import org.mmskit.core.MmsPart;
import org.mmskit.core.TimeSpec;
import org.mmskit.core.internal.wsp.PduParser;

/** Generates random but valid PDUs from a seed, covering every PDU type and header kind. */
final class PduGenerator {
  private static final String ASCII =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.:/@+=<>()!?,;~#%&*'";
  private static final String WIDE = "éüßøñ€中文日本語Ωжш";
  private static final String LATIN1 = "éüßøñçÅÆ";
  private static final String[] MEDIA = {
    "image/jpeg",
    "image/gif",
    "image/png",
    "text/plain",
    "application/smil",
    "audio/amr",
    "video/3gpp",
    "text/x-vcard",
    "application/octet-stream",
    "application/vnd.wap.multipart.mixed",
    "application/x-wsp-content-type-5a",
  };
  private static final String[] CHARSETS = {"utf-8", "us-ascii", "iso-8859-1", "utf-16", "big5"};
  private static final int[] MIBS = {0, 106, 4, 3, 1015, 1013, 2026};
  private static final int[] RAW_FIELDS = {0x20, 0x21, 0x24, 0x2A, 0x2C, 0x2E, 0x32, 0x45, 0x7F};

  private final Random r;

  PduGenerator(long seed) {
    this.r = new Random(seed);
  }

  MmsPdu pdu() {
    PduType type = PduType.values()[r.nextInt(PduType.values().length)];
    return pdu(type);
  }

  MmsPdu pdu(PduType type) {
    MmsPdu.Builder b = MmsPdu.builder(type);
    MmsVersion[] versions = {
      MmsVersion.V1_0, MmsVersion.V1_1, MmsVersion.V1_2, MmsVersion.V1_3, new MmsVersion(2, 5)
    };
    b.version(versions[r.nextInt(versions.length)]);
    if (r.nextInt(10) > 0) {
      b.transactionId(text(1 + r.nextInt(30), false));
    }
    int n = r.nextInt(14);
    for (int i = 0; i < n; i++) {
      b.add(header());
    }
    if (type.carriesContent() || r.nextInt(20) == 0) {
      body(b);
    }
    return b.build();
  }

  PduHeader header() {
    int pick = r.nextInt(20);
    if (pick == 0) {
      return new PduHeader.Application("X-" + token(1 + r.nextInt(10)), text(r.nextInt(20), true));
    }
    if (pick == 1) {
      int f = RAW_FIELDS[r.nextInt(RAW_FIELDS.length)];
      return new PduHeader.Raw(f, rawValue());
    }
    int field;
    do {
      field = 1 + r.nextInt(0x3F);
    } while (field == PduField.CONTENT_TYPE
        || field == PduField.MESSAGE_TYPE
        || field == PduField.MMS_VERSION
        || field == PduField.TRANSACTION_ID);
    switch (PduParser.kind(field)) {
      case 1: // text
        return new PduHeader.Text(field, text(r.nextInt(40), false));
      case 2: // encoded
        return new PduHeader.Encoded(field, encoded());
      case 3: // int
        return new PduHeader.Int(field, r.nextInt(3) == 0 ? r.nextInt(128) : r.nextLong() >>> 20);
      case 4: // token
        return new PduHeader.Token(field, 0x80 + r.nextInt(0x80));
      case 5: // token or text
        return r.nextBoolean()
            ? new PduHeader.Token(field, 0x80 + r.nextInt(4))
            : new PduHeader.Text(field, token(1 + r.nextInt(12)));
      case 6: // time
        return new PduHeader.Time(
            field,
            r.nextBoolean()
                ? TimeSpec.at(Instant.ofEpochSecond(r.nextLong() >>> 31))
                : TimeSpec.after(Duration.ofSeconds(r.nextInt(1 << 24))));
      case 7: // from
        return r.nextInt(3) == 0 ? PduHeader.From.insertAddress() : new PduHeader.From(encoded());
      default:
        return new PduHeader.Raw(field, rawValue());
    }
  }

  EncodedString encoded() {
    int mib = MIBS[r.nextInt(MIBS.length)];
    String t;
    if (mib == 0) {
      t = text(r.nextInt(40), true);
    } else if (mib == 3) {
      t = ascii(r.nextInt(60));
    } else if (mib == 4) {
      t = mix(r.nextInt(40), LATIN1);
    } else if (mib == 2026) {
      t = ascii(r.nextInt(20)) + "中文";
    } else {
      t = mix(r.nextInt(40), WIDE);
    }
    return new EncodedString(t, mib);
  }

  byte[] rawValue() {
    switch (r.nextInt(4)) {
      case 0:
        return new byte[] {(byte) (0x80 + r.nextInt(0x80))};
      case 1:
        {
          int len = r.nextInt(31);
          byte[] v = new byte[1 + len];
          v[0] = (byte) len;
          for (int i = 1; i < v.length; i++) {
            v[i] = (byte) r.nextInt(256);
          }
          return v;
        }
      case 2:
        {
          int len = 31 + r.nextInt(200);
          byte[] v = new byte[len + (len < 128 ? 2 : 3)];
          int p = 0;
          v[p++] = 0x1F;
          if (len >= 128) {
            v[p++] = (byte) (0x80 | (len >> 7));
            v[p++] = (byte) (len & 0x7F);
          } else {
            v[p++] = (byte) len;
          }
          for (; p < v.length; p++) {
            v[p] = (byte) r.nextInt(256);
          }
          return v;
        }
      default:
        {
          String t = ascii(r.nextInt(20));
          byte[] tb = ("a" + t).getBytes(StandardCharsets.US_ASCII);
          byte[] v = new byte[tb.length + 1];
          System.arraycopy(tb, 0, v, 0, tb.length);
          return v;
        }
    }
  }

  private void body(MmsPdu.Builder b) {
    int kind = r.nextInt(5);
    if (kind == 0) {
      ContentType ct = contentType();
      while (ct.isMultipart()) {
        ct = contentType();
      }
      b.contentType(ct);
      b.addPart(MmsPart.builder().contentType(ct).body(data()).build());
      return;
    }
    Map<String, String> params = new LinkedHashMap<>();
    if (kind == 1) {
      params.put("type", "application/smil");
      params.put("start", "<" + token(5) + ">");
      b.contentType(ContentType.of("application/vnd.wap.multipart.related", params));
    } else if (kind == 2) {
      b.contentType(ContentType.of("application/vnd.wap.multipart.mixed"));
    } else if (kind == 3) {
      params.put("x-" + token(3).toLowerCase(), text(1 + r.nextInt(10), true));
      b.contentType(ContentType.of("application/vnd.wap.multipart.alternative", params));
    } else {
      b.contentType(ContentType.of("multipart/mixed"));
    }
    int parts = r.nextInt(6);
    for (int i = 0; i < parts; i++) {
      b.addPart(part());
    }
  }

  MmsPart part() {
    MmsPart.Builder p = MmsPart.builder().contentType(contentType());
    if (r.nextBoolean()) {
      p.contentId(token(1 + r.nextInt(10)));
    }
    if (r.nextBoolean()) {
      p.contentLocation(text(1 + r.nextInt(20), true));
    }
    if (r.nextInt(3) == 0) {
      String[] d = {"attachment", "inline", "form-data", "x-custom"};
      p.disposition(d[r.nextInt(d.length)]);
      if (r.nextBoolean()) {
        p.fileName(text(1 + r.nextInt(15), true));
      }
    }
    int h = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 0;
    for (int i = 0; i < h; i++) {
      p.addHeader("X-" + token(1 + r.nextInt(8)), text(r.nextInt(15), true));
    }
    return p.body(data()).build();
  }

  ContentType contentType() {
    String media = MEDIA[r.nextInt(MEDIA.length)];
    Map<String, String> params = new LinkedHashMap<>();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      switch (r.nextInt(6)) {
        case 0:
          params.put("charset", CHARSETS[r.nextInt(CHARSETS.length)]);
          break;
        case 1:
          params.put("name", text(1 + r.nextInt(12), true));
          break;
        case 2:
          params.put("filename", text(1 + r.nextInt(12), false));
          break;
        case 3:
          params.put("x-" + token(1 + r.nextInt(6)).toLowerCase(), text(r.nextInt(12), true));
          break;
        case 4:
          params.put("type", MEDIA[r.nextInt(MEDIA.length)]);
          break;
        default:
          params.put("start", "<" + token(4) + ">");
      }
    }
    return ContentType.of(media, params);
  }

  byte[] data() {
    int size;
    int k = r.nextInt(20);
    if (k == 0) {
      size = 0;
    } else if (k == 1) {
      size = 20_000 + r.nextInt(20_000);
    } else {
      size = r.nextInt(400);
    }
    byte[] d = new byte[size];
    r.nextBytes(d);
    return d;
  }

  String token(int len) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < len; i++) {
      sb.append((char) ('a' + r.nextInt(26)));
    }
    return sb.toString();
  }

  String ascii(int len) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < len; i++) {
      sb.append(ASCII.charAt(r.nextInt(ASCII.length())));
    }
    return sb.toString();
  }

  private String mix(int len, String extra) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < len; i++) {
      sb.append(
          r.nextInt(4) == 0
              ? extra.charAt(r.nextInt(extra.length()))
              : ASCII.charAt(r.nextInt(ASCII.length())));
    }
    return sb.toString();
  }

  /** Printable text, optionally with non-ASCII characters; never starts with a quote. */
  String text(int len, boolean wide) {
    return wide ? mix(len, WIDE) : ascii(len);
  }
}
