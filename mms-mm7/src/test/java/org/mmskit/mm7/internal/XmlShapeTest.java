package org.mmskit.mm7.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmskit.core.MmsMalformedException;

/**
 * A tree built from a shape must be the parser's tree of the same document, and a document the
 * parser would read otherwise, or refuse, must not match a shape. Documents come from the seeded
 * generator of {@link SoapXmlParserTest}; their values are then replaced by plain and other text.
 */
class XmlShapeTest {
  private static final Mm7Limits LIMITS = Mm7Limits.defaults();

  /** Values a document gets in place of its own: plain ones, then ones that are not. */
  private static final String[] PLAIN = {
    "",
    "x",
    "+15551234567",
    "2026-11-25T04:00:00Z",
    "a b ",
    " \u00e9\u4e2d ",
    ">",
    "cid:part-1@mmsc"
  };

  /** Plain as element text, not as attribute values (which have white space normalised). */
  private static final String[] PLAIN_TEXT = {"tab\there", "l\nf", "\n  "};

  private static final String[] OTHER = {
    "a&amp;b", "&#233;", "<", "<b/>", "]]>", "]", "x\r\ny", "\u0001", "\ufffe", "'", "\"", "&bogus;"
  };

  static Stream<Integer> seeds() {
    return IntStream.range(0, 200).boxed();
  }

  private static byte[] document(int seed) {
    Random rnd = new Random(20261204L + seed);
    StringBuilder doc = new StringBuilder();
    doc.append(SoapXmlParserTest.DECLARATIONS[rnd.nextInt(SoapXmlParserTest.DECLARATIONS.length)]);
    if (rnd.nextBoolean()) {
      doc.append("<!-- prolog -->\n");
    }
    SoapXmlParserTest.element(rnd, doc, 0, new ArrayList<>(List.of("")));
    return doc.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The document with value {@code v} of the shape replaced by {@code values[v]}. */
  private static byte[] withValues(byte[] doc, XmlShape shape, String[] values) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (int v = 0; v < shape.valueCount(); v++) {
      out.append(new String(doc, at, shape.valueFrom(v) - at, StandardCharsets.UTF_8));
      out.append(values[v]);
      at = shape.valueTo(v);
    }
    out.append(new String(doc, at, doc.length - at, StandardCharsets.UTF_8));
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void assertSameAsParser(XmlShape shape, byte[] doc) {
    XmlNode fast = shape.build(doc, 0, doc.length, LIMITS);
    XmlNode parsed;
    try {
      parsed = SoapXmlParser.parseOnly(doc, 0, doc.length, LIMITS);
    } catch (MmsMalformedException e) {
      assertThat(fast).as("a shape built a tree of a document the parser refuses").isNull();
      return;
    }
    if (fast != null) {
      String text = new String(doc, StandardCharsets.UTF_8);
      SoapXmlParserTest.assertSameTree(fast, parsed, text);
      assertSameTexts(fast, parsed, text);
    }
  }

  private static void assertSameTexts(XmlNode a, XmlNode b, String doc) {
    assertThat(a.text()).as(doc).isEqualTo(b.text());
    assertThat(a.rawText()).as(doc).isEqualTo(b.rawText());
    for (int i = 0; i < a.childCount(); i++) {
      assertSameTexts(a.child(i), b.child(i), doc);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void plainValuesAlwaysMatchAndGiveTheParsersTree(int seed) {
    byte[] doc = document(seed);
    XmlShape shape = SoapXmlParser.record(doc, 0, doc.length, LIMITS);
    assertSameAsParser(shape, doc);
    Random rnd = new Random(seed);
    for (int round = 0; round < 5; round++) {
      String[] values = new String[shape.valueCount()];
      for (int v = 0; v < values.length; v++) {
        values[v] =
            !shape.isAttribute(v) && rnd.nextBoolean()
                ? PLAIN_TEXT[rnd.nextInt(PLAIN_TEXT.length)]
                : PLAIN[rnd.nextInt(PLAIN.length)];
      }
      byte[] other = withValues(doc, shape, values);
      assertThat(shape.build(other, 0, other.length, LIMITS))
          .as(new String(other, StandardCharsets.UTF_8))
          .isNotNull();
      assertSameAsParser(shape, other);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void otherValuesGiveTheParsersTreeOrNoMatch(int seed) {
    byte[] doc = document(seed);
    XmlShape shape = SoapXmlParser.record(doc, 0, doc.length, LIMITS);
    Random rnd = new Random(~seed);
    for (int round = 0; round < 10; round++) {
      String[] values = new String[shape.valueCount()];
      for (int v = 0; v < values.length; v++) {
        int pick = rnd.nextInt(4);
        values[v] =
            pick == 0
                ? OTHER[rnd.nextInt(OTHER.length)]
                : pick == 1
                    ? PLAIN_TEXT[rnd.nextInt(PLAIN_TEXT.length)]
                    : PLAIN[rnd.nextInt(PLAIN.length)];
      }
      assertSameAsParser(shape, withValues(doc, shape, values));
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aByteChangedOutsideTheValuesIsNoMatch(int seed) {
    byte[] doc = document(seed);
    XmlShape shape = SoapXmlParser.record(doc, 0, doc.length, LIMITS);
    Random rnd = new Random(31L * seed);
    List<Integer> fixed = new ArrayList<>();
    int v = 0;
    for (int i = 0; i < doc.length; i++) {
      while (v < shape.valueCount() && shape.valueTo(v) <= i && shape.valueFrom(v) <= i) {
        v++;
      }
      if (v >= shape.valueCount() || i < shape.valueFrom(v)) {
        fixed.add(i);
      }
    }
    for (int round = 0; round < 5; round++) {
      byte[] other = doc.clone();
      int at = fixed.get(rnd.nextInt(fixed.size()));
      other[at] = (byte) (other[at] == ' ' ? '\t' : ' ');
      assertThat(shape.build(other, 0, other.length, LIMITS)).isNull();
      assertSameAsParser(shape, other);
    }
    // and one byte more or less at the end
    byte[] longer = Arrays.copyOf(doc, doc.length + 1);
    longer[doc.length] = ' ';
    assertThat(shape.build(longer, 0, longer.length, LIMITS)).isNull();
    assertThat(shape.build(doc, 0, doc.length - 1, LIMITS)).isNull();
  }

  @Test
  void aDocumentInALargerArrayMatchesWhereItLies() {
    byte[] doc = document(7);
    XmlShape shape = SoapXmlParser.record(doc, 0, doc.length, LIMITS);
    byte[] framed = new byte[doc.length + 20];
    Arrays.fill(framed, (byte) '<');
    System.arraycopy(doc, 0, framed, 10, doc.length);
    XmlNode fast = shape.build(framed, 10, 10 + doc.length, LIMITS);
    assertThat(fast).isNotNull();
    SoapXmlParserTest.assertSameTree(
        fast, SoapXmlParser.parseOnly(doc, 0, doc.length, LIMITS), "framed");
  }

  private static Mm7Limits elements(int max) {
    return new Mm7Limits(
        LIMITS.maxBodyBytes(),
        LIMITS.maxXmlBytes(),
        LIMITS.maxParts(),
        LIMITS.maxDepth(),
        LIMITS.maxHeaderBytes(),
        max);
  }

  @Test
  void theElementLimitStillApplies() {
    byte[] doc = "<a><b>1</b><c x='y'>2</c><d/></a>".getBytes(StandardCharsets.US_ASCII);
    XmlShape shape = SoapXmlParser.record(doc, 0, doc.length, LIMITS);
    assertThat(shape.build(doc, 0, doc.length, elements(4))).isNotNull();
    assertThat(shape.build(doc, 0, doc.length, elements(3))).isNull();
  }

  @Test
  void theParserRecordsAShapeAndThenUsesIt() {
    XmlShape.forgetAll();
    byte[] first =
        "<e:Envelope xmlns:e='urn:e'><e:Body><m>1</m><n k=\"v\"/></e:Body></e:Envelope>"
            .getBytes(StandardCharsets.US_ASCII);
    byte[] second =
        "<e:Envelope xmlns:e='urn:e'><e:Body><m>22</m><n k=\"w\"/></e:Body></e:Envelope>"
            .getBytes(StandardCharsets.US_ASCII);
    for (int i = 0;
        i < XmlShape.RECORD_EVERY && XmlShape.match(second, 0, second.length, LIMITS) == null;
        i++) {
      XmlNode.parse(first, LIMITS);
    }
    XmlNode fast = XmlShape.match(second, 0, second.length, LIMITS);
    assertThat(fast).isNotNull();
    assertThat(fast.childOrNull("Body").childTextOrNull("m")).isEqualTo("22");
    assertThat(fast.childOrNull("Body").childOrNull("n").attributeOrNull("k")).isEqualTo("w");
    XmlShape.forgetAll();
    assertThat(XmlShape.match(second, 0, second.length, LIMITS)).isNull();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static XmlShape shapeOf(String doc) {
    byte[] b = ascii(doc);
    return SoapXmlParser.record(b, 0, b.length, LIMITS);
  }

  private static XmlNode match(String doc) {
    byte[] b = ascii(doc);
    return XmlShape.match(b, 0, b.length, LIMITS);
  }

  @Test
  void aShapeThatMatchesMovesUpAndANewOneTakesTheLastPlace() {
    XmlShape.forgetAll();
    XmlShape[] shapes = new XmlShape[XmlShape.KEPT + 1];
    for (int i = 0; i < shapes.length; i++) {
      shapes[i] = shapeOf("<r><a" + i + ">v</a" + i + "></r>");
    }
    for (int i = 0; i < XmlShape.KEPT; i++) {
      XmlShape.keep(shapes[i]);
    }
    assertThat(XmlShape.kept()).containsExactly(Arrays.copyOf(shapes, XmlShape.KEPT));
    XmlShape.keep(shapes[XmlShape.KEPT]);
    assertThat(XmlShape.kept()).hasSize(XmlShape.KEPT).endsWith(shapes[XmlShape.KEPT]);
    assertThat(XmlShape.kept()).doesNotContain(shapes[XmlShape.KEPT - 1]);
    assertThat(match("<r><a2>w</a2></r>").childTextOrNull("a2")).isEqualTo("w");
    assertThat(XmlShape.kept().subList(0, 3)).containsExactly(shapes[0], shapes[2], shapes[1]);
    match("<r><a2>x</a2></r>");
    assertThat(XmlShape.kept().get(0)).isSameAs(shapes[2]);
    XmlShape.forgetAll();
  }

  @Test
  void shapesWithOtherTagCountsAreNotTriedButMatchWhenCountsAgree() {
    XmlShape.forgetAll();
    XmlShape.keep(shapeOf("<r><a>1</a></r>"));
    XmlShape.keep(shapeOf("<r><b>1</b><c/></r>"));
    XmlNode n = match("<r><b>2</b><c/></r>");
    assertThat(n).isNotNull();
    assertThat(n.childTextOrNull("b")).isEqualTo("2");
    assertThat(match("<r><b>2</b><d/></r>")).isNull();
    XmlShape.forgetAll();
  }

  @Test
  void afterADroughtOnlySomeDocumentsTryTheShapesUntilOneMatches() {
    XmlShape.forgetAll();
    XmlShape.keep(shapeOf("<r><a>1</a></r>"));
    for (int i = 0; i < XmlShape.DROUGHT; i++) {
      assertThat(match("<q/>")).isNull();
    }
    int tried = 0;
    for (int i = 0; i < XmlShape.PROBE_EVERY && tried == 0; i++) {
      if (match("<r><a>" + i + "</a></r>") != null) {
        tried = i + 1;
      }
    }
    assertThat(tried).as("a probe within %d documents", XmlShape.PROBE_EVERY).isPositive();
    assertThat(tried).as("documents skipped before the probe").isGreaterThan(1);
    for (int i = 0; i < 3 * XmlShape.PROBE_EVERY; i++) {
      assertThat(match("<r><a>" + i + "</a></r>")).isNotNull();
    }
    XmlShape.forgetAll();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void tagsAreCountedAsOneByOne(int seed) {
    Random rnd = new Random(seed);
    byte[] b = new byte[rnd.nextInt(80)];
    for (int i = 0; i < b.length; i++) {
      int pick = rnd.nextInt(5);
      b[i] = pick == 0 ? (byte) '<' : pick == 1 ? (byte) (rnd.nextInt(256)) : (byte) ('a' + pick);
    }
    int from = b.length == 0 ? 0 : rnd.nextInt(b.length);
    int to = from + (b.length == from ? 0 : rnd.nextInt(b.length - from + 1));
    int expected = 0;
    for (int i = from; i < to; i++) {
      expected += b[i] == '<' ? 1 : 0;
    }
    assertThat(XmlShape.tags(b, from, to)).isEqualTo(expected);
  }

  @Test
  void aShapeKeepsNoValueOfTheDocumentItWasRecordedFrom() {
    XmlShape shape =
        shapeOf(
            "<e:Envelope xmlns:e='urn:e'><e:Body><Sender>+15551234567</Sender>"
                + "<Subject>Secret plans</Subject><Content href=\"cid:x@y\"/></e:Body></e:Envelope>");
    assertThat(shape.markup())
        .isEqualTo(
            "<e:Envelope xmlns:e='urn:e'><e:Body><Sender></Sender>"
                + "<Subject></Subject><Content href=\"\"/></e:Body></e:Envelope>");
  }
}
