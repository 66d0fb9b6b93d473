package org.mmskit.mm7.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.mm7.Mm7Version;

class SoapXmlParserTest {
  private static final Mm7Limits LIMITS = Mm7Limits.defaults();

  private static XmlNode parse(String xml) {
    return XmlNode.parse(xml.getBytes(StandardCharsets.UTF_8), LIMITS);
  }

  private static String raw(XmlNode n) {
    return n.rawText();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "text only",
        "<a>",
        "<a></b>",
        "<a><b></a></b>",
        "</a>",
        "<a/><b/>",
        "<a/>trailing",
        "lead<a/>",
        "<a x='1' x='2'/>",
        "<a x='1'y='2'/>",
        "<a x=1/>",
        "<a x='<'/>",
        "<a x='1/>",
        "<a>&unknown;</a>",
        "<a>&amp</a>",
        "<a>&#0;</a>",
        "<a>&#xD800;</a>",
        "<a>&#xZZ;</a>",
        "<a>&#;</a>",
        "<a>]]></a>",
        "<a><!-- x -- y --></a>",
        "<a><!-- open</a>",
        "<a><![CDATA[open</a>",
        "<a><?pi open</a>",
        "<a><?xml version='1.0'?></a>",
        " <?xml version='1.0'?><a/>",
        "<p:a/>",
        "<a p:x='1'/>",
        "<a xmlns:p=''/>",
        "<a:b:c xmlns:a='u'/>",
        "<a xmlns:p='u' xmlns:q='u' p:x='1' q:x='2'/>",
        "<1a/>",
        "<a>\u0001</a>",
        "<a x='\u0002'/>",
        "<a><!ELEMENT a ANY></a>",
        "<![CDATA[x]]><a/>",
        "<a></a \u0000>",
        "<ab></a>",
        "<a></ab>",
        "<a></a",
        "<a></a:>",
        "<p:a xmlns:p='u'></p:a:b>",
        "<p:a xmlns:p='u'></p:a.>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><?xml version=\"1.0\"?><a/>",
        "<?xml version='1.0' encoding='utf-8'?>\uFEFF<a/>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a xmlns:p='http://schemas.xmlsoap.org/soap/envelope/"
            + "'/><p:b/>",
      })
  void malformedDocumentsAreRefused(String xml) {
    assertThatThrownBy(() -> parse(xml)).isInstanceOf(MmsMalformedException.class);
  }

  @Test
  void predefinedAndCharacterReferencesAreReplaced() {
    XmlNode a = parse("<a v='&lt;&#x41;&#66;&quot;'>&amp;&lt;&gt;&apos;&quot;&#233;&#x1F600;</a>");
    assertThat(raw(a)).isEqualTo("&<>'\"\u00e9\uD83D\uDE00");
    assertThat(a.attribute("v")).contains("<AB\"");
  }

  @Test
  void aNamespaceThatOnlyStartsLikeTheLastOneIsReadWhole() {
    String ns = Mm7Version.DEFAULT.namespace();
    // the first document makes this namespace the one the parser tries first
    assertThat(parse("<m:a xmlns:m='" + ns + "'/>").namespace).isSameAs(ns);
    assertThat(parse("<m:a xmlns:m='" + ns + "x'/>").namespace).isEqualTo(ns + "x");
    assertThat(parse("<a xmlns=\"" + ns + "/y\"/>").namespace).isEqualTo(ns + "/y");
    assertThat(parse("<m:a xmlns:m='" + ns + "\"'/>").namespace).isEqualTo(ns + "\"");
    assertThat(parse("<m:a xmlns:m=\"" + ns + "'\"/>").namespace).isEqualTo(ns + "'");
    assertThat(parse("<a xmlns='" + ns.substring(0, 10) + "'/>").namespace)
        .isEqualTo(ns.substring(0, 10));
    assertThat(parse("<a xmlns='" + ns + "'/>").namespace).isSameAs(ns);
    assertThatThrownBy(() -> parse("<m:a xmlns:m='" + ns))
        .isInstanceOf(MmsMalformedException.class);
  }

  @Test
  void otherEntityReferencesAreRefused() {
    assertThatThrownBy(() -> parse("<a>&e;</a>"))
        .isInstanceOf(MmsMalformedException.class)
        .hasMessageContaining("&e;");
  }

  @Test
  void cdataIsTextAndMarkupInsideIsNotParsed() {
    XmlNode a = parse("<a>x<![CDATA[<b>&amp;</b>]]>y<!-- c --><?pi data?>z</a>");
    assertThat(raw(a)).isEqualTo("x<b>&amp;</b>yz");
    assertThat(a.children()).isEmpty();
  }

  @Test
  void lineEndsAndAttributeWhitespaceAreNormalised() {
    XmlNode a = parse("<a v='1\t2\r\n3\n4&#10;5'>x\r\ny\rz</a>");
    assertThat(raw(a)).isEqualTo("x\ny\nz");
    assertThat(a.attribute("v")).contains("1 2 3 4\n5");
  }

  @Test
  void namespacesResolveWithScopeAndDefaults() {
    XmlNode env =
        parse(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<env:Envelope xmlns:env='urn:soap' xmlns='urn:default' a='1' env:b='2'>"
                + "<Body><m:Req xmlns:m='urn:mm7'><m:X/><Y xmlns=''/><env:Z xmlns:env='urn:other'/>"
                + "</m:Req></Body></env:Envelope>");
    assertThat(env.namespace).isEqualTo("urn:soap");
    assertThat(env.localName).isEqualTo("Envelope");
    assertThat(env.attributes).hasSize(2);
    assertThat(env.attributes.get(0)).containsExactly(null, "a", "1");
    assertThat(env.attributes.get(1)).containsExactly("urn:soap", "b", "2");
    XmlNode body = env.children().get(0);
    assertThat(body.namespace).isEqualTo("urn:default");
    XmlNode req = body.children().get(0);
    assertThat(req.namespace).isEqualTo("urn:mm7");
    assertThat(req.children().get(0).namespace).isEqualTo("urn:mm7");
    assertThat(req.children().get(1).namespace).isEmpty();
    assertThat(req.children().get(2).namespace).isEqualTo("urn:other");
  }

  @Test
  void prefixOutOfScopeIsRefused() {
    assertThatThrownBy(() -> parse("<a><b xmlns:p='u'/><p:c/></a>"))
        .isInstanceOf(MmsMalformedException.class)
        .hasMessageContaining("not declared");
  }

  @Test
  void doctypeIsRefused() {
    assertThatThrownBy(() -> parse("<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>"))
        .isInstanceOf(MmsMalformedException.class)
        .hasMessageContaining("DTD");
    assertThatThrownBy(() -> parse("<?xml version='1.0'?>\n<!DOCTYPE a SYSTEM 'http://x/'><a/>"))
        .isInstanceOf(MmsMalformedException.class)
        .hasMessageContaining("DTD");
  }

  @Test
  void deepNestingIsRefused() {
    int ok = XmlNode.MAX_DEPTH;
    assertThat(parse("<a>".repeat(ok) + "</a>".repeat(ok)).localName).isEqualTo("a");
    int deep = XmlNode.MAX_DEPTH + 1;
    assertThatThrownBy(() -> parse("<a>".repeat(deep) + "</a>".repeat(deep)))
        .isInstanceOf(MmsMalformedException.class)
        .hasMessageContaining("nested deeper");
  }

  @Test
  void elementCountAndSizeLimitsAreEnforced() {
    Mm7Limits small = new Mm7Limits(1 << 20, 200, 10, 4, 1024, 5);
    byte[] many = ("<a>" + "<b/>".repeat(5) + "</a>").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> XmlNode.parse(many, small))
        .isInstanceOf(MmsMalformedException.class)
        .hasMessageContaining("elements");
    byte[] big = ("<a>" + "x".repeat(300) + "</a>").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> XmlNode.parse(big, small))
        .isInstanceOf(MmsMalformedException.class)
        .hasMessageContaining("larger");
  }

  @Test
  void declaredEncodingIsHonoured() {
    byte[] latin1 =
        "<?xml version='1.0' encoding='ISO-8859-1'?><a>caf\u00e9</a>"
            .getBytes(StandardCharsets.ISO_8859_1);
    assertThat(raw(XmlNode.parse(latin1, LIMITS))).isEqualTo("caf\u00e9");
    byte[] utf16 = "\uFEFF<a>\u00e9\u4e2d</a>".getBytes(StandardCharsets.UTF_16BE);
    assertThat(raw(XmlNode.parse(utf16, LIMITS))).isEqualTo("\u00e9\u4e2d");
  }

  // ------------------------------------------------------------------ bytes

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<a>x\uFFFE</a>",
        "<a>\uFFFFx</a>",
        "<a v='\uFFFE'/>",
        "<a v='&amp;\uFFFF'/>",
        "<a><![CDATA[\uFFFE]]></a>",
        "<a><!-- \uFFFF --></a>",
        "<a><?pi \uFFFE?></a>",
        "<\u00d7a/>",
        "<a\u00d7/>",
        "<p:\u00f7 xmlns:p='u'/>",
      })
  void nonCharactersAndBadNameCharactersInUtf8AreRefused(String xml) {
    assertThatThrownBy(() -> parse(xml)).isInstanceOf(MmsMalformedException.class);
    assertThatThrownBy(() -> XmlNode.parseWithStax(xml.getBytes(StandardCharsets.UTF_8), LIMITS))
        .isInstanceOf(MmsMalformedException.class);
  }

  @Test
  void charactersNextToTheNonCharactersAreText() {
    // EF BF BD (U+FFFD) and EF BB BF (U+FEFF) share the lead byte of U+FFFE and U+FFFF
    XmlNode a = parse("<a v='\uFFFD\uFEFF'>\uFFFD\uFEFF\uEFBF<![CDATA[\uFFFD]]></a>");
    assertThat(raw(a)).isEqualTo("\uFFFD\uFEFF\uEFBF\uFFFD");
    assertThat(a.attribute("v")).contains("\uFFFD\uFEFF");
  }

  @Test
  void nonAsciiNamesAndPrefixesResolve() {
    XmlNode a =
        parse(
            "<\u00f1:d\u00eda xmlns:\u00f1='urn:x' \u00f1:h\u00e9='1'><\u540d\u524d>v"
                + "</\u540d\u524d></\u00f1:d\u00eda>");
    assertThat(a.namespace).isEqualTo("urn:x");
    assertThat(a.localName).isEqualTo("d\u00eda");
    assertThat(a.attributes.get(0)).containsExactly("urn:x", "h\u00e9", "1");
    assertThat(a.childText("\u540d\u524d")).contains("v");
  }

  @Test
  void bytesThatAreNotUtf8BecomeReplacementCharacters() {
    byte[] doc = {
      '<',
      'a',
      ' ',
      'v',
      '=',
      '\'',
      (byte) 0xC3,
      '\'',
      '>',
      'x',
      (byte) 0xFF,
      'y',
      '<',
      '/',
      'a',
      '>'
    };
    XmlNode a = XmlNode.parse(doc, LIMITS);
    assertThat(raw(a)).isEqualTo("x\uFFFDy");
    assertThat(a.attribute("v")).contains("\uFFFD");
  }

  /**
   * Attribute values are scanned eight bytes at a time until a byte needs a look: every length up
   * to 40, with a reference, white space, a forbidden or an allowed character at every place, in
   * both quotes, read as the JDK's parser reads them (or refused by both).
   */
  @Test
  void attributeValuesOfEveryLengthWithASpecialCharacterAnywhere() {
    String[] specials = {"&amp;", "\t", "<", "\uFFFD", "\uFFFE", "\u0001", "'", "\""};
    int checked = 0;
    for (int len = 0; len <= 40; len++) {
      for (int at = 0; at <= len; at++) {
        for (String special : specials) {
          for (char quote : new char[] {'"', '\''}) {
            String value = "v".repeat(at) + special + "w".repeat(len - at);
            String doc = "<a x=" + quote + value + quote + "/>";
            byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
            String jdk;
            try {
              jdk = XmlNode.parseWithStax(bytes, LIMITS).attribute("x").orElseThrow();
            } catch (MmsMalformedException e) {
              jdk = null;
            }
            if (jdk == null) {
              assertThatThrownBy(() -> XmlNode.parse(bytes, LIMITS))
                  .as(doc)
                  .isInstanceOf(MmsMalformedException.class);
            } else {
              assertThat(XmlNode.parse(bytes, LIMITS).attribute("x")).as(doc).contains(jdk);
            }
            checked++;
          }
        }
      }
    }
    assertThat(checked).isEqualTo(2 * 8 * (41 * 42 / 2));
  }

  /** A document in the middle of a larger array is read within its range only. */
  @Test
  void aRangeOfALargerArrayIsReadAlone() {
    byte[] doc = "<a><b>t\u00e9</b></a>".getBytes(StandardCharsets.UTF_8);
    byte[] around = new byte[doc.length + 20];
    java.util.Arrays.fill(around, (byte) '<');
    System.arraycopy(doc, 0, around, 10, doc.length);
    XmlNode a = XmlNode.parse(around, 10, 10 + doc.length, LIMITS);
    assertThat(a.childText("b")).contains("t\u00e9");
    assertThatThrownBy(() -> XmlNode.parse(around, 10, 10 + doc.length - 1, LIMITS))
        .isInstanceOf(MmsMalformedException.class)
        .satisfies(
            e -> assertThat(((MmsMalformedException) e).offset()).isBetween(0L, (long) doc.length));
  }

  // ------------------------------------------------------------------ random round trip

  static Stream<Integer> seeds() {
    return IntStream.range(0, 200).boxed();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void sameTreeAsTheJdkParser(int seed) {
    Random rnd = new Random(20261125L + seed);
    StringBuilder doc = new StringBuilder();
    doc.append(DECLARATIONS[rnd.nextInt(DECLARATIONS.length)]);
    if (rnd.nextBoolean()) {
      doc.append("<!-- prolog -->\n");
    }
    element(rnd, doc, 0, new ArrayList<>(List.of("")));
    if (rnd.nextBoolean()) {
      doc.append("\n<?trailing pi?>\n");
    }
    byte[] bytes = doc.toString().getBytes(StandardCharsets.UTF_8);
    XmlNode mine = XmlNode.parse(bytes, LIMITS);
    XmlNode jdk = XmlNode.parseWithStax(bytes, LIMITS);
    assertSameTree(mine, jdk, doc.toString());
  }

  /** No declaration, the common ones the parser steps over unread, and others it reads. */
  static final String[] DECLARATIONS = {
    "",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
    "<?xml version='1.0' encoding='utf-8'?>",
    "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>",
    "<?xml version=\"1.0\"?>"
  };

  private static final String MM7_NS = Mm7Version.DEFAULT.namespace();
  private static final String ENV_NS = "http://schemas.xmlsoap.org/soap/envelope/";

  /**
   * Namespace URIs to declare: known ones (which the parser tries to match whole), near misses of
   * them, and a known one spelt with a character reference.
   */
  private static final String[] NAMESPACES = {
    MM7_NS,
    ENV_NS,
    Mm7Version.REL_5_MM7_1_0.namespace(),
    MM7_NS + "x",
    MM7_NS.substring(0, MM7_NS.length() - 1),
    ENV_NS.substring(0, 20) + "&#x73;" + ENV_NS.substring(21),
    ENV_NS + "?a=1&amp;b=2"
  };

  private static final String[] NAMES = {
    "Envelope",
    "Body",
    "SubmitReq",
    "To",
    "a",
    "x-y",
    "n.1",
    "donn\u00e9es",
    "\u540d\u524d",
    "\u00e9t\u00e9"
  };
  private static final String[] TEXTS = {
    "plain",
    " ",
    "\n  ",
    "a&amp;b",
    "&lt;tag&gt;",
    "&#233;&#x4E2D;",
    "\u00e9t\u00e9",
    "x\r\ny",
    "tab\there",
    "]",
    "]]",
    "q\"'",
    "\uD83D\uDE00"
  };

  static void element(Random rnd, StringBuilder out, int depth, List<String> prefixes) {
    List<String> scope = new ArrayList<>(prefixes);
    StringBuilder attrs = new StringBuilder();
    if (rnd.nextInt(4) == 0) {
      String p = rnd.nextInt(4) == 0 ? "\u00f1" + rnd.nextInt(3) : "p" + rnd.nextInt(3);
      String uri =
          rnd.nextBoolean()
              ? "urn:" + p + depth
              : NAMESPACES[rnd.nextInt(NAMESPACES.length)] + (rnd.nextInt(8) == 0 ? depth : "");
      attrs.append(" xmlns:").append(p).append("='").append(uri).append('\'');
      scope.add(p);
    }
    if (rnd.nextInt(5) == 0) {
      attrs
          .append(" xmlns=\"")
          .append(rnd.nextBoolean() ? "urn:d" + depth : NAMESPACES[rnd.nextInt(NAMESPACES.length)])
          .append('"');
    }
    int nattrs = rnd.nextInt(3);
    for (int i = 0; i < nattrs; i++) {
      String pre = scope.get(rnd.nextInt(scope.size()));
      attrs.append(' ');
      if (!pre.isEmpty()) {
        attrs.append(pre).append(':');
      }
      char q = rnd.nextBoolean() ? '"' : '\'';
      attrs.append("at").append(i).append('=').append(q);
      attrs.append(rnd.nextBoolean() ? "v\t1\r\n&amp;&#10;" : "val " + i).append(q);
    }
    String pre = scope.get(rnd.nextInt(scope.size()));
    String name = (pre.isEmpty() ? "" : pre + ":") + NAMES[rnd.nextInt(NAMES.length)];
    out.append('<').append(name).append(attrs);
    if (depth > 5 || rnd.nextInt(6) == 0) {
      out.append(rnd.nextBoolean() ? "/>" : " />");
      return;
    }
    out.append('>');
    int items = rnd.nextInt(5);
    for (int i = 0; i < items; i++) {
      switch (rnd.nextInt(6)) {
        case 0:
        case 1:
          element(rnd, out, depth + 1, scope);
          break;
        case 2:
          out.append("<![CDATA[").append(rnd.nextBoolean() ? "<x>&amp;" : "a\r\nb").append("]]>");
          break;
        case 3:
          out.append(rnd.nextBoolean() ? "<!-- c -->" : "<?pi x?>");
          break;
        default:
          out.append(TEXTS[rnd.nextInt(TEXTS.length)]);
      }
    }
    out.append("</").append(name).append(rnd.nextBoolean() ? ">" : " >");
  }

  static void assertSameTree(XmlNode mine, XmlNode jdk, String doc) {
    assertThat(mine.namespace).as(doc).isEqualTo(jdk.namespace);
    assertThat(mine.localName).as(doc).isEqualTo(jdk.localName);
    assertThat(raw(mine)).as(doc).isEqualTo(raw(jdk));
    assertThat(mine.attributes).as(doc).hasSameSizeAs(jdk.attributes);
    for (int i = 0; i < mine.attributes.size(); i++) {
      String[] a = mine.attributes.get(i);
      String[] b = jdk.attributes.get(i);
      assertThat(a[0] == null ? "" : a[0]).as(doc).isEqualTo(b[0] == null ? "" : b[0]);
      assertThat(a[1]).as(doc).isEqualTo(b[1]);
      assertThat(a[2]).as(doc).isEqualTo(b[2]);
    }
    assertThat(mine.children()).as(doc).hasSameSizeAs(jdk.children());
    for (int i = 0; i < mine.children().size(); i++) {
      assertSameTree(mine.children().get(i), jdk.children().get(i), doc);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void malformedVariantsAreRefusedByBoth(int seed) {
    // cut a generated document short: both parsers must refuse it
    Random rnd = new Random(7L * seed + 3);
    StringBuilder doc = new StringBuilder();
    element(rnd, doc, 0, new ArrayList<>(List.of("")));
    int cut = 1 + rnd.nextInt(doc.length() - 1);
    byte[] bytes = doc.substring(0, cut).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> XmlNode.parse(bytes, LIMITS))
        .isInstanceOf(MmsMalformedException.class);
    assertThatThrownBy(() -> XmlNode.parseWithStax(bytes, LIMITS))
        .isInstanceOf(MmsMalformedException.class);
  }
}
