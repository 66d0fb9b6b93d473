package org.mmskit.gateway.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mmskit.core.Address;
import org.mmskit.core.ChargedParty;
import org.mmskit.core.ContentClass;
import org.mmskit.core.ContentType;
import org.mmskit.core.Header;
import org.mmskit.core.MessageClass;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.Priority;
import org.mmskit.core.ReplyCharging;
import org.mmskit.core.SenderVisibility;
import org.mmskit.core.TimeSpec;

/**
 * The stored form of a queued {@link MmsMessage}: a JSON object, version 1.
 *
 * <pre>
 * {"v":1, "from":ADDR, "to":[ADDR...], "cc":[...], "bcc":[...],
 *  "subject":"..", "subjectCharset":"UTF-8", "parts":[PART...], "presentation":PART,
 *  "messageClass":"PERSONAL", "priority":"HIGH", "expiry":TIME, "earliestDelivery":TIME,
 *  "deliveryReport":true, "readReport":false, "senderVisibility":"HIDE",
 *  "replyCharging":{"type":"REQUESTED","deadline":TIME,"maxSize":1000}, "contentClass":"TEXT",
 *  "adaptationsAllowed":true, "drmContent":false, "applicId":"..", "replyApplicId":"..",
 *  "auxApplicInfo":"..", "serviceCode":"..", "linkedId":"..", "chargedParty":"SENDER",
 *  "chargedPartyId":"..", "distributionIndicator":true, "messageId":"..", "date":EPOCH_MILLIS,
 *  "headers":[["name","value"]...]}
 * ADDR = {"k":"PHONE|EMAIL|SHORT_CODE|IPV4|IPV6|OTHER", "a":pdu-form, "d":true if display-only}
 * TIME = {"at":EPOCH_SECONDS} | {"after":SECONDS}
 * PART = {"type":"image/jpeg", "params":{"name":".."}, "cid":"..", "loc":"..", "file":"..",
 *         "disp":"..", "headers":[[..]], "size":N, and either "body":BASE64 or "ref":"..."}
 * </pre>
 *
 * Absent members are unset values. A part body is inline when small and in memory; otherwise the
 * store keeps it once under a reference and the part read back opens it from there. Readers refuse
 * a version they do not know, so a newer format is never misread by an older library.
 */
public final class MessageCodec {
  public static final int VERSION = 1;
  private static final JsonFactory JSON = new JsonFactory();

  /** Where the bodies of parts that are not inline are kept. */
  @FunctionalInterface
  public interface Bodies {
    /** Opens a stored body. */
    MmsPart.BodySource open(String ref);
  }

  private final int inlineLimit;

  /**
   * @param inlineLimit in-memory bodies up to this many bytes are written inline
   */
  public MessageCodec(int inlineLimit) {
    this.inlineLimit = inlineLimit;
  }

  /** True when the part's body goes into the JSON itself. */
  public boolean inline(MmsPart part) {
    return part.inMemory() && part.size().orElse(Long.MAX_VALUE) <= inlineLimit;
  }

  /**
   * Writes a message; {@code refs} gives the reference of each part (by position in {@link
   * MmsMessage#allParts()}) that is not inline.
   */
  public byte[] write(MmsMessage m, Map<Integer, String> refs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("v", VERSION);
      if (m.from().isPresent()) {
        g.writeFieldName("from");
        address(g, m.from().get());
      }
      addresses(g, "to", m.to());
      addresses(g, "cc", m.cc());
      addresses(g, "bcc", m.bcc());
      string(g, "subject", m.subject().orElse(null));
      string(g, "subjectCharset", m.subjectCharset().map(Charset::name).orElse(null));
      List<MmsPart> all = m.allParts();
      int index = 0;
      int presentationIndex = m.presentation().isPresent() ? 0 : -1; // allParts() puts it first
      g.writeArrayFieldStart("parts");
      for (MmsPart p : all) {
        if (index != presentationIndex) {
          part(g, p, refs.get(index));
        }
        index++;
      }
      g.writeEndArray();
      if (presentationIndex >= 0) {
        g.writeFieldName("presentation");
        part(g, all.get(presentationIndex), refs.get(presentationIndex));
      }
      string(g, "messageClass", name(m.messageClass().orElse(null)));
      string(g, "priority", name(m.priority().orElse(null)));
      time(g, "expiry", m.expiry().orElse(null));
      time(g, "earliestDelivery", m.earliestDelivery().orElse(null));
      if (m.deliveryReport()) {
        g.writeBooleanField("deliveryReport", true);
      }
      if (m.readReport()) {
        g.writeBooleanField("readReport", true);
      }
      string(g, "senderVisibility", name(m.senderVisibility().orElse(null)));
      if (m.replyCharging().isPresent()) {
        ReplyCharging rc = m.replyCharging().get();
        g.writeObjectFieldStart("replyCharging");
        g.writeStringField("type", rc.type().name());
        time(g, "deadline", rc.deadline().orElse(null));
        if (rc.maxSize().isPresent()) {
          g.writeNumberField("maxSize", rc.maxSize().getAsLong());
        }
        g.writeEndObject();
      }
      string(g, "contentClass", name(m.contentClass().orElse(null)));
      bool(g, "adaptationsAllowed", m.adaptationsAllowed().orElse(null));
      bool(g, "drmContent", m.drmContent().orElse(null));
      string(g, "applicId", m.applicId().orElse(null));
      string(g, "replyApplicId", m.replyApplicId().orElse(null));
      string(g, "auxApplicInfo", m.auxApplicInfo().orElse(null));
      string(g, "serviceCode", m.serviceCode().orElse(null));
      string(g, "linkedId", m.linkedId().orElse(null));
      string(g, "chargedParty", name(m.chargedParty().orElse(null)));
      string(g, "chargedPartyId", m.chargedPartyId().orElse(null));
      bool(g, "distributionIndicator", m.distributionIndicator().orElse(null));
      string(g, "messageId", m.messageId().orElse(null));
      if (m.date().isPresent()) {
        g.writeNumberField("date", m.date().get().toEpochMilli());
      }
      headers(g, m.extraHeaders());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write message", e);
    }
    return out.toByteArray();
  }

  /** Reads a message written by {@link #write}; stored bodies are opened through {@code bodies}. */
  public MmsMessage read(byte[] json, Bodies bodies) {
    MmsMessage.Builder b = MmsMessage.builder();
    String subject = null;
    Charset subjectCharset = null;
    try (JsonParser p = JSON.createParser(json)) {
      expect(p, JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "v" -> {
            if (p.getIntValue() != VERSION) {
              throw new IllegalArgumentException(
                  "stored message has format version " + p.getIntValue() + ", this reads 1");
            }
          }
          case "from" -> b.from(address(p));
          case "to" -> b.to(addresses(p));
          case "cc" -> b.cc(addresses(p));
          case "bcc" -> b.bcc(addresses(p));
          case "subject" -> subject = p.getText();
          case "subjectCharset" -> subjectCharset = Charset.forName(p.getText());
          case "parts" -> {
            expectCurrent(p, JsonToken.START_ARRAY);
            while (p.nextToken() != JsonToken.END_ARRAY) {
              b.addPart(part(p, bodies));
            }
          }
          case "presentation" -> b.presentation(part(p, bodies));
          case "messageClass" -> b.messageClass(MessageClass.valueOf(p.getText()));
          case "priority" -> b.priority(Priority.valueOf(p.getText()));
          case "expiry" -> b.expiry(time(p));
          case "earliestDelivery" -> b.earliestDelivery(time(p));
          case "deliveryReport" -> b.deliveryReport(p.getBooleanValue());
          case "readReport" -> b.readReport(p.getBooleanValue());
          case "senderVisibility" -> b.senderVisibility(SenderVisibility.valueOf(p.getText()));
          case "replyCharging" -> b.replyCharging(replyCharging(p));
          case "contentClass" -> b.contentClass(ContentClass.valueOf(p.getText()));
          case "adaptationsAllowed" -> b.adaptationsAllowed(p.getBooleanValue());
          case "drmContent" -> b.drmContent(p.getBooleanValue());
          case "applicId" -> b.applicId(p.getText());
          case "replyApplicId" -> b.replyApplicId(p.getText());
          case "auxApplicInfo" -> b.auxApplicInfo(p.getText());
          case "serviceCode" -> b.serviceCode(p.getText());
          case "linkedId" -> b.linkedId(p.getText());
          case "chargedParty" -> b.chargedParty(ChargedParty.valueOf(p.getText()));
          case "chargedPartyId" -> b.chargedPartyId(p.getText());
          case "distributionIndicator" -> b.distributionIndicator(p.getBooleanValue());
          case "messageId" -> b.messageId(p.getText());
          case "date" -> b.date(Instant.ofEpochMilli(p.getLongValue()));
          case "headers" -> b.extraHeaders(headers(p));
          default -> p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read stored message", e);
    }
    if (subject != null) {
      if (subjectCharset != null) {
        b.subject(subject, subjectCharset);
      } else {
        b.subject(subject);
      }
    }
    return b.build();
  }

  static void address(JsonGenerator g, Address a) throws IOException {
    g.writeStartObject();
    g.writeStringField("k", a.kind().name());
    g.writeStringField("a", a.kind() == Address.Kind.OTHER ? a.toPduString() : a.value());
    if (a.displayOnly()) {
      g.writeBooleanField("d", true);
    }
    g.writeEndObject();
  }

  private static void addresses(JsonGenerator g, String field, List<Address> list)
      throws IOException {
    if (list.isEmpty()) {
      return;
    }
    g.writeArrayFieldStart(field);
    for (Address a : list) {
      address(g, a);
    }
    g.writeEndArray();
  }

  static Address address(JsonParser p) throws IOException {
    expectCurrent(p, JsonToken.START_OBJECT);
    String kind = null;
    String text = null;
    boolean displayOnly = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      p.nextToken();
      switch (f) {
        case "k" -> kind = p.getText();
        case "a" -> text = p.getText();
        case "d" -> displayOnly = p.getBooleanValue();
        default -> p.skipChildren();
      }
    }
    if (kind == null || text == null) {
      throw new IllegalArgumentException("stored address lacks its kind or text");
    }
    Address a =
        switch (Address.Kind.valueOf(kind)) {
          case PHONE -> Address.phone(text);
          case EMAIL -> Address.email(text);
          case SHORT_CODE -> Address.shortCode(text);
          case IPV4 -> Address.ipv4(text);
          case IPV6 -> Address.ipv6(text);
          case OTHER -> Address.parse(text);
        };
    return a.withDisplayOnly(displayOnly);
  }

  private static List<Address> addresses(JsonParser p) throws IOException {
    expectCurrent(p, JsonToken.START_ARRAY);
    List<Address> list = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      list.add(address(p));
    }
    return list;
  }

  private void part(JsonGenerator g, MmsPart part, String ref) throws IOException {
    g.writeStartObject();
    ContentType ct = part.contentType();
    g.writeStringField("type", ct.mediaType());
    if (!ct.parameters().isEmpty()) {
      g.writeObjectFieldStart("params");
      for (Map.Entry<String, String> e : ct.parameters().entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
    }
    string(g, "cid", part.contentId().orElse(null));
    string(g, "loc", part.contentLocation().orElse(null));
    string(g, "file", part.fileName().orElse(null));
    string(g, "disp", part.disposition().orElse(null));
    headers(g, part.headers());
    if (part.size().isPresent()) {
      g.writeNumberField("size", part.size().getAsLong());
    }
    if (ref != null) {
      g.writeStringField("ref", ref);
    } else if (inline(part)) {
      g.writeFieldName("body");
      g.writeBinary(part.bytes());
    } else {
      throw new IllegalStateException("part body is neither inline nor stored");
    }
    g.writeEndObject();
  }

  private static MmsPart part(JsonParser p, Bodies bodies) throws IOException {
    expectCurrent(p, JsonToken.START_OBJECT);
    MmsPart.Builder b = MmsPart.builder();
    String type = null;
    Map<String, String> params = Map.of();
    long size = -1;
    byte[] body = null;
    String ref = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      p.nextToken();
      switch (f) {
        case "type" -> type = p.getText();
        case "params" -> {
          Map<String, String> m = new LinkedHashMap<>();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            p.nextToken();
            m.put(k, p.getText());
          }
          params = m;
        }
        case "cid" -> b.contentId(p.getText());
        case "loc" -> b.contentLocation(p.getText());
        case "file" -> b.fileName(p.getText());
        case "disp" -> b.disposition(p.getText());
        case "headers" -> b.headers(headers(p));
        case "size" -> size = p.getLongValue();
        case "body" -> body = p.getBinaryValue();
        case "ref" -> ref = p.getText();
        default -> p.skipChildren();
      }
    }
    if (type == null) {
      throw new IllegalArgumentException("stored part has no content type");
    }
    b.contentType(ContentType.of(type, params));
    if (body != null) {
      b.body(body);
    } else if (ref != null) {
      b.body(bodies.open(ref), size);
    } else {
      throw new IllegalArgumentException("stored part has no body");
    }
    return b.build();
  }

  private static void headers(JsonGenerator g, List<Header> headers) throws IOException {
    if (headers.isEmpty()) {
      return;
    }
    g.writeArrayFieldStart("headers");
    for (Header h : headers) {
      g.writeStartArray();
      g.writeString(h.name());
      g.writeString(h.value());
      g.writeEndArray();
    }
    g.writeEndArray();
  }

  private static List<Header> headers(JsonParser p) throws IOException {
    expectCurrent(p, JsonToken.START_ARRAY);
    List<Header> list = new ArrayList<>();
    while (p.nextToken() == JsonToken.START_ARRAY) {
      p.nextToken();
      String name = p.getText();
      p.nextToken();
      String value = p.getText();
      expect(p, JsonToken.END_ARRAY);
      list.add(new Header(name, value));
    }
    return list;
  }

  private static void time(JsonGenerator g, String field, TimeSpec t) throws IOException {
    if (t == null) {
      return;
    }
    g.writeObjectFieldStart(field);
    if (t.isRelative()) {
      g.writeNumberField("after", t.relative().orElseThrow().getSeconds());
    } else {
      g.writeNumberField("at", t.absolute().orElseThrow().getEpochSecond());
    }
    g.writeEndObject();
  }

  private static TimeSpec time(JsonParser p) throws IOException {
    expectCurrent(p, JsonToken.START_OBJECT);
    TimeSpec t = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      p.nextToken();
      switch (f) {
        case "after" -> t = TimeSpec.after(Duration.ofSeconds(p.getLongValue()));
        case "at" -> t = TimeSpec.at(Instant.ofEpochSecond(p.getLongValue()));
        default -> p.skipChildren();
      }
    }
    if (t == null) {
      throw new IllegalArgumentException("stored time has neither 'at' nor 'after'");
    }
    return t;
  }

  private static ReplyCharging replyCharging(JsonParser p) throws IOException {
    expectCurrent(p, JsonToken.START_OBJECT);
    ReplyCharging.Type type = null;
    TimeSpec deadline = null;
    long maxSize = -1;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      p.nextToken();
      switch (f) {
        case "type" -> type = ReplyCharging.Type.valueOf(p.getText());
        case "deadline" -> deadline = time(p);
        case "maxSize" -> maxSize = p.getLongValue();
        default -> p.skipChildren();
      }
    }
    return ReplyCharging.of(type, deadline, maxSize);
  }

  private static void string(JsonGenerator g, String field, String value) throws IOException {
    if (value != null) {
      g.writeStringField(field, value);
    }
  }

  private static void bool(JsonGenerator g, String field, Boolean value) throws IOException {
    if (value != null) {
      g.writeBooleanField(field, value);
    }
  }

  private static String name(Enum<?> e) {
    return e == null ? null : e.name();
  }

  private static void expect(JsonParser p, JsonToken t) throws IOException {
    p.nextToken();
    expectCurrent(p, t);
  }

  static void expectCurrent(JsonParser p, JsonToken t) {
    if (p.currentToken() != t) {
      throw new IllegalArgumentException(
          "stored message: expected " + t + " but found " + p.currentToken());
    }
  }
}
