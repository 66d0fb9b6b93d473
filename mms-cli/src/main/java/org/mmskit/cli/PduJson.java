package org.mmskit.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.mmskit.core.ContentType;
import org.mmskit.core.MmsPart;
import org.mmskit.core.TimeSpec;
import org.mmskit.core.pdu.EncodedString;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.MmsVersion;
import org.mmskit.core.pdu.PduField;
import org.mmskit.core.pdu.PduHeader;
import org.mmskit.core.pdu.PduType;

/**
 * The JSON shape of a PDU used by {@code pdu decode} and {@code pdu encode}.
 *
 * <p>Top-level members: {@code messageType}, {@code mmsVersion}, {@code transactionId}, {@code
 * messageId}, {@code from}, {@code to}/{@code cc}/{@code bcc} (arrays), {@code subject}, {@code
 * date} (epoch seconds), {@code contentType} (media type), {@code contentTypeParameters} (object,
 * when the content type has parameters), {@code contentLocation}, {@code status} and {@code
 * responseStatus} (by name, e.g. {@code "Retrieved"}, {@code "Ok"}), {@code headers} and {@code
 * parts}.
 *
 * <p>{@code headers} holds every other header by name: text values as strings, integer values as
 * numbers, enumerated values by the names Wireshark shows ({@code "X-Mms-Delivery-Report":"Yes"},
 * see {@link PduValueNames}; a value without a name as its number), times as {@code
 * {"absolute":secs}} or {@code {"relative":secs}}, a From with the Insert-address token as {@code
 * {"insertAddress":true}}, values the codec keeps undecoded as {@code {"raw":"hex"}}; a header that
 * occurs more than once has an array of values.
 */
final class PduJson {
  private PduJson() {}

  private static final Map<String, Integer> FIELDS = new HashMap<>();

  /** Fields whose values are Encoded-string-values. */
  private static final int[] ENCODED = {
    PduField.BCC,
    PduField.CC,
    PduField.TO,
    PduField.SUBJECT,
    PduField.RESPONSE_TEXT,
    PduField.RETRIEVE_TEXT,
    PduField.STORE_STATUS_TEXT,
    PduField.STATUS_TEXT,
    PduField.RECOMMENDED_RETRIEVAL_MODE_TEXT
  };

  /** Fields whose values are Integer-values (the other numeric fields are token octets). */
  private static final int[] INTEGER = {
    PduField.DATE,
    PduField.MESSAGE_SIZE,
    PduField.REPLY_CHARGING_SIZE,
    PduField.MESSAGE_COUNT,
    PduField.START,
    PduField.LIMIT
  };

  static {
    for (int f = 1; f < 0x80; f++) {
      String name = PduField.name(f);
      FIELDS.put(name.toLowerCase(Locale.ROOT), f);
    }
  }

  // ------------------------------------------------------------------ PDU -> JSON

  /** The JSON object for a decoded PDU (without the {@code file} member). */
  static Map<String, Object> toJson(MmsPdu pdu, PartSink sink) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("messageType", pdu.type().specName());
    m.put("mmsVersion", pdu.version().toString());
    List<String> to = new ArrayList<>();
    List<String> cc = new ArrayList<>();
    List<String> bcc = new ArrayList<>();
    Map<String, Object> headers = new LinkedHashMap<>();
    boolean[] seen = new boolean[0x80];
    for (PduHeader h : pdu.headers()) {
      int f = h.field();
      if (h instanceof PduHeader.Encoded
          && (f == PduField.TO || f == PduField.CC || f == PduField.BCC)) {
        String text = ((PduHeader.Encoded) h).value().text();
        (f == PduField.TO ? to : f == PduField.CC ? cc : bcc).add(text);
        continue;
      }
      String key = topLevelKey(h, seen);
      if (key != null) {
        m.put(key, topLevelValue(h));
        seen[f] = true;
        continue;
      }
      String name =
          h instanceof PduHeader.Application ? ((PduHeader.Application) h).name() : h.name();
      addHeader(headers, name, headerValue(h));
    }
    m.put("to", to.isEmpty() ? null : to);
    m.put("cc", cc.isEmpty() ? null : cc);
    m.put("bcc", bcc.isEmpty() ? null : bcc);
    pdu.contentType()
        .ifPresent(
            ct -> {
              m.put("contentType", ct.mediaType());
              if (!ct.parameters().isEmpty()) {
                m.put("contentTypeParameters", new LinkedHashMap<String, Object>(ct.parameters()));
              }
            });
    m.put("headers", headers.isEmpty() ? null : headers);
    if (pdu.contentType().isPresent()) {
      List<Object> parts = new ArrayList<>();
      int i = 0;
      for (MmsPart p : pdu.parts()) {
        Map<String, Object> pj = PartJson.of(p);
        if (sink != null) {
          pj.put("file", sink.save(i, p).toString());
        }
        parts.add(pj);
        i++;
      }
      m.put("parts", parts);
    }
    return reorder(m);
  }

  /** Where {@code pdu decode --save-parts} writes part bodies. */
  interface PartSink {
    Path save(int index, MmsPart part) throws IOException;
  }

  private static final String[] ORDER = {
    "messageType",
    "mmsVersion",
    "transactionId",
    "messageId",
    "from",
    "to",
    "cc",
    "bcc",
    "subject",
    "date",
    "contentType",
    "contentTypeParameters",
    "contentLocation",
    "status",
    "responseStatus",
    "headers",
    "parts"
  };

  private static Map<String, Object> reorder(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String k : ORDER) {
      if (m.get(k) != null) {
        out.put(k, m.get(k));
      }
    }
    return out;
  }

  private static String topLevelKey(PduHeader h, boolean[] seen) {
    int f = h.field();
    if (f == 0 || seen[f]) {
      return null;
    }
    switch (f) {
      case PduField.TRANSACTION_ID:
        return h instanceof PduHeader.Text ? "transactionId" : null;
      case PduField.MESSAGE_ID:
        return h instanceof PduHeader.Text ? "messageId" : null;
      case PduField.CONTENT_LOCATION:
        return h instanceof PduHeader.Text ? "contentLocation" : null;
      case PduField.FROM:
        return h instanceof PduHeader.From && !((PduHeader.From) h).isInsertAddress()
            ? "from"
            : null;
      case PduField.SUBJECT:
        return h instanceof PduHeader.Encoded ? "subject" : null;
      case PduField.DATE:
        return h instanceof PduHeader.Int ? "date" : null;
      case PduField.STATUS:
        return h instanceof PduHeader.Token ? "status" : null;
      case PduField.RESPONSE_STATUS:
        return h instanceof PduHeader.Token ? "responseStatus" : null;
      default:
        return null;
    }
  }

  private static Object topLevelValue(PduHeader h) {
    if (h instanceof PduHeader.From) {
      return ((PduHeader.From) h).address().text();
    }
    return headerValue(h);
  }

  private static Object headerValue(PduHeader h) {
    if (h instanceof PduHeader.Text) {
      return ((PduHeader.Text) h).value();
    } else if (h instanceof PduHeader.Encoded) {
      return ((PduHeader.Encoded) h).value().text();
    } else if (h instanceof PduHeader.Int) {
      return ((PduHeader.Int) h).value();
    } else if (h instanceof PduHeader.Token) {
      int v = ((PduHeader.Token) h).value();
      return PduValueNames.name(h.field(), v).<Object>map(n -> n).orElse((long) v);
    } else if (h instanceof PduHeader.Time) {
      TimeSpec t = ((PduHeader.Time) h).value();
      Map<String, Object> o = new LinkedHashMap<>();
      if (t.isRelative()) {
        o.put("relative", t.relative().orElseThrow().getSeconds());
      } else {
        o.put("absolute", t.absolute().orElseThrow().getEpochSecond());
      }
      return o;
    } else if (h instanceof PduHeader.From) {
      PduHeader.From from = (PduHeader.From) h;
      if (from.isInsertAddress()) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("insertAddress", Boolean.TRUE);
        return o;
      }
      return from.address().text();
    } else if (h instanceof PduHeader.Raw) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("raw", HexFormat.of().formatHex(((PduHeader.Raw) h).value()));
      return o;
    } else if (h instanceof PduHeader.Application) {
      return ((PduHeader.Application) h).value();
    }
    return String.valueOf(h);
  }

  @SuppressWarnings("unchecked")
  private static void addHeader(Map<String, Object> headers, String name, Object value) {
    Object old = headers.get(name);
    if (old == null) {
      headers.put(name, value);
    } else if (old instanceof MultiValue) {
      ((List<Object>) old).add(value);
    } else {
      MultiValue list = new MultiValue();
      list.add(old);
      list.add(value);
      headers.put(name, list);
    }
  }

  /** The list of values of a repeated header. */
  private static final class MultiValue extends ArrayList<Object> {}

  // ------------------------------------------------------------------ JSON -> PDU

  /**
   * Builds a PDU from the JSON shape. Part bodies come from {@code file} (relative to {@code
   * baseDir}) or {@code text}.
   *
   * @throws IllegalArgumentException with a message naming the bad member
   */
  static MmsPdu fromJson(Map<String, Object> m, Path baseDir) {
    String typeName = string(m, "messageType");
    if (typeName == null) {
      throw new IllegalArgumentException("messageType is required");
    }
    PduType type = null;
    for (PduType t : PduType.values()) {
      if (t.specName().equalsIgnoreCase(typeName)) {
        type = t;
      }
    }
    if (type == null) {
      throw new IllegalArgumentException("unknown messageType " + typeName);
    }
    MmsPdu.Builder b = MmsPdu.builder(type);
    String version = string(m, "mmsVersion");
    if (version != null) {
      try {
        b.version(MmsVersion.parse(version));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("bad mmsVersion " + version);
      }
    }
    String s;
    if ((s = string(m, "transactionId")) != null) {
      b.add(new PduHeader.Text(PduField.TRANSACTION_ID, s));
    }
    if ((s = string(m, "messageId")) != null) {
      b.add(new PduHeader.Text(PduField.MESSAGE_ID, s));
    }
    if ((s = string(m, "from")) != null) {
      b.add(new PduHeader.From(EncodedString.auto(s)));
    }
    for (String k : new String[] {"to", "cc", "bcc"}) {
      int f = k.equals("to") ? PduField.TO : k.equals("cc") ? PduField.CC : PduField.BCC;
      for (Object a : list(m, k)) {
        if (!(a instanceof String)) {
          throw new IllegalArgumentException(k + " must hold strings");
        }
        b.add(new PduHeader.Encoded(f, EncodedString.auto((String) a)));
      }
    }
    if ((s = string(m, "subject")) != null) {
      b.add(new PduHeader.Encoded(PduField.SUBJECT, EncodedString.auto(s)));
    }
    Long n;
    if ((n = number(m, "date")) != null) {
      b.add(new PduHeader.Int(PduField.DATE, n));
    }
    if ((s = string(m, "contentLocation")) != null) {
      b.add(new PduHeader.Text(PduField.CONTENT_LOCATION, s));
    }
    if (m.get("status") != null) {
      b.add(
          new PduHeader.Token(PduField.STATUS, token(PduField.STATUS, "status", m.get("status"))));
    }
    if (m.get("responseStatus") != null) {
      b.add(
          new PduHeader.Token(
              PduField.RESPONSE_STATUS,
              token(PduField.RESPONSE_STATUS, "responseStatus", m.get("responseStatus"))));
    }
    Object hs = m.get("headers");
    if (hs != null) {
      if (!(hs instanceof Map)) {
        throw new IllegalArgumentException("headers must be an object");
      }
      for (Map.Entry<?, ?> e : ((Map<?, ?>) hs).entrySet()) {
        String name = String.valueOf(e.getKey());
        Object v = e.getValue();
        if (v instanceof List) {
          for (Object one : (List<?>) v) {
            b.add(header(name, one));
          }
        } else if (v != null) {
          b.add(header(name, v));
        }
      }
    }
    String ct = string(m, "contentType");
    if (ct != null || !list(m, "parts").isEmpty()) {
      Map<String, String> params = new LinkedHashMap<>();
      Object p = m.get("contentTypeParameters");
      if (p instanceof Map) {
        for (Map.Entry<?, ?> e : ((Map<?, ?>) p).entrySet()) {
          params.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
        }
      } else if (p != null) {
        throw new IllegalArgumentException("contentTypeParameters must be an object");
      }
      b.contentType(
          ct == null ? inferredContentType(list(m, "parts")) : ContentType.of(ct, params));
      int i = 0;
      for (Object part : list(m, "parts")) {
        if (!(part instanceof Map)) {
          throw new IllegalArgumentException("parts[" + i + "] must be an object");
        }
        b.addPart(part(castMap(part), baseDir, i));
        i++;
      }
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot build the PDU: " + e.getMessage(), e);
    }
  }

  private static PduHeader header(String name, Object v) {
    Integer field = FIELDS.get(name.toLowerCase(Locale.ROOT));
    try {
      if (field == null || field == PduField.CONTENT_TYPE) {
        if (!(v instanceof String)) {
          throw new IllegalArgumentException("application header " + name + " needs a string");
        }
        return new PduHeader.Application(name, (String) v);
      }
      int f = field;
      if (v instanceof Map) {
        Map<String, Object> o = castMap(v);
        if (o.get("raw") instanceof String) {
          return new PduHeader.Raw(f, HexFormat.of().parseHex((String) o.get("raw")));
        }
        if (Boolean.TRUE.equals(o.get("insertAddress")) && f == PduField.FROM) {
          return PduHeader.From.insertAddress();
        }
        Long rel = number(o, "relative");
        if (rel != null) {
          return new PduHeader.Time(f, TimeSpec.after(Duration.ofSeconds(rel)));
        }
        Long abs = number(o, "absolute");
        if (abs != null) {
          return new PduHeader.Time(f, TimeSpec.at(Instant.ofEpochSecond(abs)));
        }
        throw new IllegalArgumentException("unknown value form " + Json.write(v));
      }
      if (v instanceof String && PduValueNames.isEnumerated(f)) {
        OptionalInt named = PduValueNames.value(f, (String) v);
        if (named.isPresent()) {
          return new PduHeader.Token(f, named.getAsInt());
        }
        if (f != PduField.MESSAGE_CLASS) {
          throw new IllegalArgumentException(
              "unknown value \"" + v + "\"; valid: " + PduValueNames.validNames(f));
        }
        // Message-Class may also be any Token-text.
      }
      if (v instanceof String) {
        if (f == PduField.FROM) {
          return new PduHeader.From(EncodedString.auto((String) v));
        }
        return contains(ENCODED, f)
            ? new PduHeader.Encoded(f, EncodedString.auto((String) v))
            : new PduHeader.Text(f, (String) v);
      }
      if (v instanceof Long) {
        long x = (Long) v;
        return contains(INTEGER, f)
            ? new PduHeader.Int(f, x)
            : new PduHeader.Token(f, (int) Math.max(Integer.MIN_VALUE, Math.min(x, 0xFFFF)));
      }
      throw new IllegalArgumentException("unsupported value " + Json.write(v));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("header " + name + ": " + e.getMessage(), e);
    }
  }

  /** A token octet given by name (as decode prints it) or by number. */
  private static int token(int field, String key, Object v) {
    if (v instanceof String) {
      return PduValueNames.value(field, (String) v)
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      key
                          + ": unknown value \""
                          + v
                          + "\"; valid: "
                          + PduValueNames.validNames(field)));
    }
    Long n = number(Map.of(key, v), key);
    if (n < 0 || n > 0xFF) {
      throw new IllegalArgumentException(key + ": " + n + " is not an octet (0-255)");
    }
    return n.intValue();
  }

  /**
   * The top-level content type when the JSON gives parts but none: {@code multipart/related} led by
   * the SMIL part when there is one, else {@code multipart/mixed}.
   */
  private static ContentType inferredContentType(List<?> parts) {
    for (Object part : parts) {
      if (part instanceof Map) {
        Object ct = ((Map<?, ?>) part).get("contentType");
        if (ct instanceof String && ((String) ct).toLowerCase(Locale.ROOT).startsWith(SMIL)) {
          Map<String, String> params = new LinkedHashMap<>();
          params.put("type", SMIL);
          Object cid = ((Map<?, ?>) part).get("contentId");
          if (cid instanceof String) {
            params.put("start", (String) cid);
          }
          return ContentType.of("application/vnd.wap.multipart.related", params);
        }
      }
    }
    return ContentType.of("application/vnd.wap.multipart.mixed", Map.of());
  }

  private static final String SMIL = "application/smil";

  private static MmsPart part(Map<String, Object> p, Path baseDir, int index) {
    String where = "parts[" + index + "]";
    String media = string(p, "contentType");
    if (media == null) {
      throw new IllegalArgumentException(where + ".contentType is required");
    }
    ContentType ct;
    try {
      ct = ContentType.parse(media);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(where + ".contentType: " + e.getMessage());
    }
    String charset = string(p, "charset");
    String text = string(p, "text");
    if (charset == null
        && text != null
        && string(p, "file") == null
        && ct.parameter("charset").isEmpty()
        && !StandardCharsets.US_ASCII.newEncoder().canEncode(text)) {
      // A receiver assumes US-ASCII without a charset; UTF-8 is what the body is encoded in.
      charset = "utf-8";
    }
    if (charset != null) {
      ct = ct.withParameter("charset", charset);
    }
    String location = string(p, "contentLocation");
    String name = string(p, "name");
    if (name != null && !name.equals(location) && ct.parameter("name").isEmpty()) {
      ct = ct.withParameter("name", name);
    }
    MmsPart.Builder b = MmsPart.builder().contentType(ct);
    String cid = string(p, "contentId");
    if (cid != null) {
      b.contentId(cid);
    }
    if (location != null) {
      b.contentLocation(location);
    }
    String file = string(p, "file");
    if (file != null) {
      Path path = baseDir.resolve(file);
      try {
        b.body(java.nio.file.Files.readAllBytes(path));
      } catch (IOException e) {
        throw new IllegalArgumentException(
            where + ": cannot read " + path + ": " + Errors.describe(e));
      }
    } else if (text != null) {
      Charset cs = StandardCharsets.UTF_8;
      if (charset != null) {
        try {
          cs = Charset.forName(charset);
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(where + ": unknown charset " + charset);
        }
      }
      b.body(text.getBytes(cs));
    } else {
      throw new IllegalArgumentException(where + " needs a file or a text");
    }
    return b.build();
  }

  private static boolean contains(int[] set, int f) {
    for (int x : set) {
      if (x == f) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object o) {
    return (Map<String, Object>) o;
  }

  private static String string(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String)) {
      throw new IllegalArgumentException(key + " must be a string");
    }
    return (String) v;
  }

  private static Long number(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Long) {
      return (Long) v;
    }
    if (v instanceof BigDecimal) {
      throw new IllegalArgumentException(key + " must be a whole number");
    }
    throw new IllegalArgumentException(key + " must be a number");
  }

  private static List<?> list(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List)) {
      throw new IllegalArgumentException(key + " must be an array");
    }
    return (List<?>) v;
  }
}
