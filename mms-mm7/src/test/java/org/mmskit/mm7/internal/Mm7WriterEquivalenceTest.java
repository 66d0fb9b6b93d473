package org.mmskit.mm7.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.mm7.Mm7Dialect;
import org.mmskit.mm7.Mm7Version;

/**
 * The byte writer gives exactly the bytes of the plain StringBuilder writer it replaced ({@link
 * ReferenceMm7Writer}) for every body kind, version, dialect and switch, with seeded random content
 * that includes markup characters, carriage returns, control characters, unpaired surrogates,
 * non-ASCII text and unsafe MIME header values. Only the random MIME boundaries differ; they are
 * compared by position.
 */
class Mm7WriterEquivalenceTest {
  private static final Pattern BOUNDARY = Pattern.compile("mmskit-[0-9a-f]+");

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    List<Mm7Version> versions = new ArrayList<>(Mm7Version.standardVersions());
    versions.add(
        Mm7Version.forNamespace("http://example.org/a&b\"<x>/REL-6-MM7-6-7").orElseThrow());
    versions.add(Mm7Version.REL_5_MM7_1_2.withMm7Version("5.10.0"));
    int seed = 0;
    for (Mm7Version v : versions) {
      for (Mm7Dialect d : Mm7Dialect.values()) {
        for (int flags = 0; flags < 8; flags++) {
          out.add(Arguments.of(v, d, flags, seed++));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} flags={2}")
  @MethodSource("cases")
  void sameBytesAsReference(Mm7Version v, Mm7Dialect dialect, int flags, int seed)
      throws Exception {
    Random r = new Random(7_919L * seed + flags);
    Mm7WriteOptions opts =
        new Mm7WriteOptions(dialect, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0);
    List<Mm7Body> bodies = new ArrayList<>(Mm7Fixtures.allKinds(r));
    bodies.add(hostileSubmit(r));
    bodies.add(new Mm7Body.SubmitReq(Optional.empty(), Optional.empty(), hostileMessage(r)));
    bodies.add(
        new Mm7Body.Fault(
            "Server", hostile(r), Optional.of(new Mm7Body.ErrorRsp(true, Mm7Fixtures.status(r)))));
    bodies.add(new Mm7Body.Fault("env:Client", hostile(r), Optional.empty()));
    for (Mm7Body body : bodies) {
      for (Optional<String> tx : List.of(Optional.of(hostile(r)), Optional.<String>empty())) {
        Mm7Envelope env = new Mm7Envelope(tx, v, dialect, body);
        assertSame(env, opts);
      }
    }
  }

  @Test
  void requiredFieldsStillRefused() {
    Mm7Body.DeliveryReportReq d =
        new Mm7Body.DeliveryReportReq(
            Optional.empty(),
            "m",
            Optional.empty(),
            Optional.of(Address.phone("+123456789")),
            Optional.empty(),
            "Retrieved",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    assertThatThrownBy(
            () ->
                Mm7Codec.encode(
                    Mm7Envelope.of("t", Mm7Version.DEFAULT, d), Mm7WriteOptions.standard()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Recipient is required by the MM7 schema");
  }

  @Test
  void largeEnvelopesGrowTheBufferAndLaterOnesAreStillExact() throws Exception {
    Random r = new Random(11);
    for (int size : new int[] {100, 20_000, 100, 200_000, 3_000, 70_000, 10}) {
      StringBuilder subject = new StringBuilder(size);
      while (subject.length() < size) {
        subject.append(hostile(r)).append("Gr\u00fc\u00dfe & <more> ");
      }
      Mm7Body.SubmitReq s = Mm7Fixtures.submitReq(r);
      MmsMessage m = s.message().toBuilder().subject(subject.toString()).build();
      Mm7Envelope env =
          Mm7Envelope.of("tx", Mm7Version.DEFAULT, new Mm7Body.SubmitReq(s.vaspId(), s.vasId(), m));
      assertSame(env, Mm7WriteOptions.standard());
      assertSame(
          Mm7Envelope.of("tx", Mm7Version.DEFAULT, new Mm7Body.CancelRsp(Mm7Fixtures.status(r))),
          Mm7WriteOptions.standard());
    }
  }

  @Test
  void boundariesAreFreshPerMessageAndDistinct() {
    Random r = new Random(5);
    Mm7Envelope env = Mm7Envelope.of("t", Mm7Version.DEFAULT, Mm7Fixtures.submitReq(r));
    String a = Mm7Codec.encode(env, Mm7WriteOptions.standard()).describe();
    String b = Mm7Codec.encode(env, Mm7WriteOptions.standard()).describe();
    List<String> inA = boundaries(a);
    assertThat(inA).hasSize(2).doesNotHaveDuplicates();
    assertThat(boundaries(b)).doesNotContainAnyElementsOf(inA);
  }

  private static void assertSame(Mm7Envelope env, Mm7WriteOptions opts) throws Exception {
    Mm7Payload expected = ReferenceMm7Writer.encode(env, opts);
    Mm7Payload actual = Mm7Writer.encode(env, opts);
    String what = env.body().elementName() + " " + opts;
    byte[] got = bytes(actual);
    byte[] want = bytes(expected);
    assertSameText(what + " wire bytes", latin1(got), latin1(want));
    assertThat(actual.contentLength()).as(what).isEqualTo(got.length);
    // the log text is the wire text: an unpaired surrogate reads back as '?' as on the wire
    assertSameText(what + " soapXml", actual.soapXml(), wireText(expected.soapXml()));
    assertSameText(
        what + " soapXml alone",
        Mm7Writer.soapXml(env, opts, null),
        wireText(ReferenceMm7Writer.soapXml(env, opts, null)));
    assertSameText(what + " content type", actual.contentType(), expected.contentType());
    assertThat(actual.streamedParts()).as(what).isEqualTo(expected.streamedParts());
    assertSameText(what + " describe", actual.describe(), expected.describe());
  }

  private static String latin1(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  private static String wireText(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }

  /** Equal once boundaries are normalised; on failure shows where the texts part. */
  private static void assertSameText(String what, String got, String want) {
    String g = normalised(got);
    String w = normalised(want);
    if (!g.equals(w)) {
      int i = 0;
      while (i < g.length() && i < w.length() && g.charAt(i) == w.charAt(i)) {
        i++;
      }
      int from = Math.max(0, i - 60);
      assertThat(g.substring(from, Math.min(g.length(), i + 60)))
          .as(what + " differs at " + i)
          .isEqualTo(w.substring(from, Math.min(w.length(), i + 60)));
    }
  }

  private static byte[] bytes(Mm7Payload p) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.writeTo(out);
    return out.toByteArray();
  }

  private static List<String> boundaries(String s) {
    List<String> seen = new ArrayList<>();
    Matcher m = BOUNDARY.matcher(s);
    while (m.find()) {
      if (!seen.contains(m.group())) {
        seen.add(m.group());
      }
    }
    return seen;
  }

  /** Each distinct boundary replaced by its rank of first appearance. */
  private static String normalised(String s) {
    List<String> seen = boundaries(s);
    Matcher m = BOUNDARY.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, "BOUNDARY-" + seen.indexOf(m.group()));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Text with markup, CR, controls, DEL, non-ASCII, paired and unpaired surrogates. */
  static String hostile(Random r) {
    String[] pieces = {
      "plain",
      "<",
      ">",
      "&",
      "\"",
      "'",
      "\r",
      "\n",
      "\t",
      "\u0000",
      "\u0001",
      "\u001f",
      "\u007f",
      "\u0080",
      "\u00e9",
      "\u07ff",
      "\u0800",
      "\u65e5",
      "\uffff",
      "\ud83d\ude00",
      "\ud83d",
      "\ude00",
      "\ud83dx",
      " ",
      "]]>",
      "&amp;"
    };
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(12);
    for (int i = 0; i < n; i++) {
      sb.append(pieces[r.nextInt(pieces.length)]);
    }
    return sb.toString();
  }

  private static Mm7Body.SubmitReq hostileSubmit(Random r) {
    Mm7Body.SubmitReq s = Mm7Fixtures.submitReq(r);
    MmsMessage m =
        s.message().toBuilder()
            .subject(hostile(r))
            .from(Address.email("a" + hostile(r).replace('@', '_') + "@example.org"))
            .build();
    return new Mm7Body.SubmitReq(Optional.of(hostile(r)), Optional.of(hostile(r)), m);
  }

  /** Parts whose MIME headers need care: WAP multipart types, quoted parameters, odd headers. */
  private static MmsMessage hostileMessage(Random r) {
    MmsMessage.Builder m = MmsMessage.builder().to(Address.phone("+15551234567"));
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      MmsPart.Builder b = MmsPart.builder();
      Map<String, String> params = new LinkedHashMap<>();
      if (r.nextBoolean()) {
        params.put("charset", r.nextBoolean() ? "utf-8" : "iso-8859-1");
      }
      if (r.nextBoolean()) {
        params.put("name", "a \"b\" \\c\u00e9;=");
      }
      if (r.nextBoolean()) {
        params.put("type", "application/smil");
      }
      if (r.nextBoolean()) {
        params.put("x", "");
      }
      String[] types = {
        "text/plain",
        "application/vnd.wap.multipart.related",
        "application/vnd.wap.multipart.mixed",
        "image/svg+xml",
        "application/smil",
        "audio/amr"
      };
      b.contentType(
          org.mmskit.core.ContentType.of(types[r.nextInt(types.length)], params).toString());
      byte[] body =
          r.nextBoolean()
              ? hostile(r).getBytes(StandardCharsets.UTF_8)
              : "ascii only".getBytes(StandardCharsets.US_ASCII);
      b.body(body);
      if (r.nextBoolean()) {
        b.contentId("<id" + i + ">" + hostile(r));
      }
      if (r.nextBoolean()) {
        b.contentLocation("loc " + hostile(r));
      } else if (r.nextBoolean()) {
        b.fileName("file" + i + hostile(r));
      }
      if (r.nextBoolean()) {
        b.disposition("attachment; filename=" + hostile(r));
      }
      if (r.nextBoolean()) {
        b.addHeader("X-Extra", hostile(r));
        b.addHeader("Content-Extra", "dropped");
        b.addHeader("Bad Name", "dropped");
      }
      m.addPart(b.build());
    }
    if (r.nextBoolean()) {
      m.presentation(Mm7Fixtures.smil());
    }
    return m.build();
  }
}
