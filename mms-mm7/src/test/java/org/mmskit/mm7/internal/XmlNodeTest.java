package org.mmskit.mm7.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmskit.mm7.Mm7Version;

/** The tree's lookups and text, and the charset taken from the XML declaration. */
class XmlNodeTest {
  private static final Mm7Limits LIMITS = Mm7Limits.defaults();

  private static XmlNode parse(String xml) {
    return XmlNode.parse(xml.getBytes(StandardCharsets.UTF_8), LIMITS);
  }

  @Test
  void textIsTrimmedAndJoinedAcrossRunsAndReferences() {
    XmlNode a =
        parse(
            "<a>\n  <b>  one  </b>\n  <c>x<!-- c -->y</c><d>p&amp;q</d><e>\r\n</e><f/>"
                + "<g><![CDATA[ z ]]></g>\n</a>");
    assertThat(a.text()).isEmpty();
    assertThat(a.rawText()).isEqualTo("\n  \n  \n");
    assertThat(a.childText("b")).contains("one");
    assertThat(a.childOrNull("b").rawText()).isEqualTo("  one  ");
    assertThat(a.childText("c")).contains("xy");
    assertThat(a.childText("d")).contains("p&q");
    assertThat(a.childText("e")).isEmpty();
    assertThat(a.childOrNull("e").rawText()).isEqualTo("\n");
    assertThat(a.childText("f")).isEmpty();
    assertThat(a.childTextOrNull("f")).isNull();
    assertThat(a.childText("g")).contains("z");
    assertThat(a.childText("missing")).isEmpty();
    XmlNode b = a.childOrNull("b");
    assertThat(b.text()).isSameAs(b.text());
  }

  /**
   * The lookup digest must never rule out a child that {@code equalsIgnoreCase} would match: names
   * built from letters whose case folding crosses the ASCII line (long s, Kelvin sign, dotted and
   * dotless i), in random case, looked up by a random case variant of themselves and of others.
   */
  @ParameterizedTest
  @MethodSource("nameSeeds")
  void lookupsByAnyCaseVariantFindTheChildAsEqualsIgnoreCaseDoes(long seed) {
    Random r = new Random(seed);
    String letters = "sSkKiIaAzZ\u017F\u212A\u0130\u0131-_1";
    List<String> names =
        IntStream.range(0, 1 + r.nextInt(12))
            .mapToObj(i -> randomName(r, letters, 1 + r.nextInt(6)))
            .toList();
    StringBuilder xml = new StringBuilder("<root>");
    for (int i = 0; i < names.size(); i++) {
      xml.append('<').append(names.get(i)).append('>').append(i).append("</").append(names.get(i));
      xml.append('>');
    }
    XmlNode root = parse(xml.append("</root>").toString());
    for (int k = 0; k < 40; k++) {
      String asked =
          k % 2 == 0
              ? recase(r, names.get(r.nextInt(names.size())))
              : randomName(r, letters, 1 + r.nextInt(6));
      int expected = -1;
      for (int i = 0; i < names.size() && expected < 0; i++) {
        if (names.get(i).equalsIgnoreCase(asked)) {
          expected = i;
        }
      }
      XmlNode found = root.childOrNull(asked);
      assertThat(found == null ? -1 : Integer.parseInt(found.text())).as(asked).isEqualTo(expected);
      assertThat(root.children(asked))
          .as(asked)
          .hasSize((int) names.stream().filter(n -> n.equalsIgnoreCase(asked)).count());
      if (expected >= 0) {
        assertThat(XmlNode.nameKey(asked)).isEqualTo(XmlNode.nameKey(names.get(expected)));
      }
    }
  }

  static Stream<Long> nameSeeds() {
    return LongStream.range(0, 300).boxed();
  }

  private static String randomName(Random r, String letters, int length) {
    StringBuilder b = new StringBuilder();
    // an XML name starts with a letter
    b.append(letters.charAt(r.nextInt(14)));
    while (b.length() < length) {
      b.append(letters.charAt(r.nextInt(letters.length())));
    }
    return b.toString();
  }

  private static String recase(Random r, String name) {
    StringBuilder b = new StringBuilder();
    for (char c : name.toCharArray()) {
      int pick = r.nextInt(3);
      b.append(pick == 0 ? Character.toUpperCase(c) : pick == 1 ? Character.toLowerCase(c) : c);
    }
    return b.toString();
  }

  @Test
  void lookupsIgnoreCaseAndReturnTheFirstMatch() {
    XmlNode a =
        parse(
            "<a xmlns='urn:x'><status>1</status><Status>2</Status><STATUS>3</STATUS>"
                + "<Other><Deep u:flag='0' xmlns:u='urn:u'>d</Deep></Other><unknownName>u</unknownName>"
                + "</a>");
    assertThat(a.childText("Status")).contains("1");
    assertThat(a.childTextOrNull("STATUS")).isEqualTo("1");
    assertThat(a.child("status").map(XmlNode::text)).contains("1");
    assertThat(a.children("Status")).extracting(XmlNode::text).containsExactly("1", "2", "3");
    assertThat(a.children()).hasSize(5);
    assertThat(a.childText("UNKNOWNNAME")).contains("u");
    assertThat(a.find("deep").map(XmlNode::text)).contains("d");
    assertThat(a.findOrNull("a")).isSameAs(a);
    assertThat(a.findOrNull("nowhere")).isNull();
    XmlNode deep = a.findOrNull("Deep");
    assertThat(deep.namespace).isEqualTo("urn:x");
    assertThat(deep.attribute("FLAG")).contains("0");
    assertThat(deep.attributes.get(0)).containsExactly("urn:u", "flag", "0");
    assertThat(a.firstElementChild().map(XmlNode::text)).contains("1");
    assertThat(deep.firstElementChild()).isEmpty();
  }

  @Test
  void knownAndUnknownNamesAndNamespacesReadTheSame() {
    String soap = "http://schemas.xmlsoap.org/soap/envelope/";
    String mm7 = Mm7Version.REL_6_MM7_1_4.namespace();
    XmlNode env =
        parse(
            "<env:Envelope xmlns:env='"
                + soap
                + "'><env:Body><mm7:SubmitRsp xmlns:mm7='"
                + mm7
                + "'><mm7:Status><mm7:StatusCode>1000</mm7:StatusCode></mm7:Status>"
                + "<mm7:Caf\u00e9 \u00e9t\u00e9='\u00e0'>\u4e2d</mm7:Caf\u00e9>"
                + "<x:Status xmlns:x='"
                + mm7.replace("1-4", "1-&#52;")
                + "'/></mm7:SubmitRsp></env:Body></env:Envelope>");
    assertThat(env.namespace).isEqualTo(soap);
    assertThat(env.localName).isEqualTo("Envelope");
    XmlNode rsp = env.childOrNull("Body").firstElementChild().orElseThrow();
    assertThat(rsp.localName).isEqualTo("SubmitRsp");
    assertThat(rsp.namespace).isEqualTo(mm7);
    assertThat(rsp.childOrNull("Status").childText("StatusCode")).contains("1000");
    // known names are the interned strings, as the literals asking for them
    assertThat(rsp.childOrNull("Status").localName).isSameAs("Status");
    assertThat(env.namespace).isSameAs(soap.intern());
    XmlNode cafe = rsp.childOrNull("caf\u00e9");
    assertThat(cafe.localName).isEqualTo("Caf\u00e9");
    assertThat(cafe.text()).isEqualTo("\u4e2d");
    assertThat(cafe.attribute("\u00e9t\u00e9")).contains("\u00e0");
    assertThat(rsp.children().get(2).namespace).isEqualTo(mm7);
  }

  @Test
  void aParserReusedAfterFailuresAndLargeDocumentsStartsClean() {
    StringBuilder wide = new StringBuilder("<r xmlns:p='urn:p'>");
    for (int i = 0; i < 600; i++) {
      wide.append("<e").append(i % 7).append(" p:a='").append(i).append("'>t").append(i);
      wide.append("</e").append(i % 7).append('>');
    }
    XmlNode big = parse(wide.append("</r>").toString());
    assertThat(big.children()).hasSize(600);
    assertThat(big.children().get(599).attribute("a")).contains("599");
    assertThat(big.children().get(599).attributes.get(0)[0]).isEqualTo("urn:p");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse("<a xmlns:q='u'><q:b><c>"))
        .isInstanceOf(org.mmskit.core.MmsMalformedException.class);
    XmlNode small = parse("<x><y>1</y></x>");
    assertThat(small.children()).hasSize(1);
    assertThat(small.childText("y")).contains("1");
    assertThat(small.namespace).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse("<q:x/>"))
        .hasMessageContaining("not declared");
  }

  // ------------------------------------------------------------------ declared charset

  private static final Pattern ENCODING =
      Pattern.compile("^\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._\\-]+)[\"']");

  private static final String[] PIECES = {
    "<?xml",
    "<?XML",
    " ",
    "\t",
    "\n",
    "\u000b",
    "version='1.0'",
    "encoding",
    "Encoding",
    "=",
    " = ",
    "\"",
    "'",
    "UTF-8",
    "utf-8",
    "ISO-8859-1",
    "iso-8859-1",
    "UTF-16",
    "windows-1252",
    "bogus-x",
    "no such",
    ">",
    "?>",
    "standalone=\"yes\"",
    "encoding='",
    "x",
    ""
  };

  static Stream<Integer> seeds() {
    return IntStream.range(0, 300).boxed();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void declaredCharsetReadsAsThePatternDoes(int seed) {
    Random rnd = new Random(99_331L + seed);
    StringBuilder decl = new StringBuilder();
    if (rnd.nextInt(4) != 0) {
      decl.append(rnd.nextBoolean() ? "<?xml " : "  <?xml\n");
    }
    int pieces = rnd.nextInt(10);
    for (int i = 0; i < pieces; i++) {
      decl.append(PIECES[rnd.nextInt(PIECES.length)]);
    }
    if (rnd.nextBoolean()) {
      List<String> good =
          List.of(" encoding='UTF-8'", " encoding = \"ISO-8859-1\"", "encoding=\"utf-16'");
      decl.append(good.get(rnd.nextInt(good.size())));
    }
    decl.append(rnd.nextBoolean() ? "?>" : "");
    byte[] bytes = decl.toString().getBytes(StandardCharsets.ISO_8859_1);
    assertThat(XmlNode.declaredCharset(bytes, 0, bytes.length))
        .as(decl.toString())
        .isEqualTo(byPattern(decl.toString()));
  }

  private static Charset byPattern(String decl) {
    Matcher m = ENCODING.matcher(decl);
    if (m.find()) {
      try {
        return Charset.forName(m.group(1));
      } catch (IllegalArgumentException e) {
        return StandardCharsets.UTF_8;
      }
    }
    return StandardCharsets.UTF_8;
  }
}
