package org.mmskit.mm7.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.mmskit.core.MmsMalformedException;

/**
 * A small read-only XML element tree, built by the hardened {@link SoapXmlParser} (or, as its
 * reference in tests, the JDK's StAX parser set up the same way): DTDs are refused (which also
 * rules out entity expansion and external entities), and element count, depth and size are bounded.
 * Lookups go by local name, ignoring namespaces and letter case, which is what lenient MM7 reading
 * needs; the {@code ...OrNull} forms do the same without an {@code Optional}.
 */
final class XmlNode {
  /**
   * One factory per thread, set to reset and reuse its last reader: creating a reader costs about
   * 14 KB of setup per document, reusing it almost nothing. Safe because {@link #parse} closes its
   * reader before returning and never re-enters itself on the same thread.
   */
  private static final ThreadLocal<XMLInputFactory> FACTORY =
      ThreadLocal.withInitial(XmlNode::newFactory);

  /** MM7 documents are about six levels deep; deeper nesting is refused before it costs stack. */
  static final int MAX_DEPTH = 64;

  final String namespace;
  final String localName;
  final List<String[]> attributes; // {namespace, localName, value}

  /** {@link #nameKey} of the local name. */
  private final int key;

  private static final XmlNode[] NONE = {};

  /** The child elements in document order; set once by the parser, never changed after. */
  private XmlNode[] kids = NONE;

  /**
   * One bit per child, at {@link #nameKey} of its local name: a lookup by a name whose bit is clear
   * is answered without comparing names. Most lookups are for optional elements that are absent.
   */
  private long kidKeys;

  // Own text: while it is one run of the document it stays the range [textFrom, textTo) of the
  // UTF-8 document textSource; from a second run or a replaced character on, it is collected in
  // textBuilder.
  private byte[] textSource;
  private int textFrom;
  private int textTo;
  private StringBuilder textBuilder;
  private String trimmed;

  /** Own text set whole by {@link #presetText}, or null. */
  private String preset;

  XmlNode(String namespace, String localName, List<String[]> attributes) {
    this(namespace, localName, nameKey(localName), attributes);
  }

  /** An element whose {@link #nameKey} the parser already knows. */
  XmlNode(String namespace, String localName, int key, List<String[]> attributes) {
    this.namespace = namespace == null ? "" : namespace;
    this.localName = localName;
    this.key = key;
    this.attributes = attributes;
  }

  private static XMLInputFactory newFactory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    // errors surface as exceptions; keep the parser from printing them to stderr
    f.setXMLReporter((message, type, info, location) -> {});
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    trySet(f, XMLConstants.ACCESS_EXTERNAL_DTD, "");
    trySet(f, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    // JDK StAX: reset and reuse the last reader instead of building a new one per document
    trySet(f, "reuse-instance", Boolean.TRUE);
    return f;
  }

  private static void trySet(XMLInputFactory f, String name, Object value) {
    try {
      f.setProperty(name, value);
    } catch (IllegalArgumentException e) {
      // property unknown to this StAX implementation; DTDs are refused anyway
    }
  }

  /**
   * Adds the UTF-8 text {@code s[from, to)} to this element's text. The range must not split a
   * UTF-8 sequence (the parser splits text only at ASCII characters).
   */
  void appendText(byte[] s, int from, int to) {
    if (to <= from) {
      return;
    }
    if (textBuilder != null) {
      textBuilder.append(utf8(s, from, to));
    } else if (textSource == null) {
      textSource = s;
      textFrom = from;
      textTo = to;
    } else {
      appendTarget().append(utf8(s, from, to));
    }
  }

  /** The builder to add replaced characters to; the text so far is moved into it first. */
  StringBuilder appendTarget() {
    if (textBuilder == null) {
      textBuilder = new StringBuilder(Math.max(16, (textTo - textFrom) + 16));
      if (textSource != null) {
        textBuilder.append(utf8(textSource, textFrom, textTo));
        textSource = null;
      }
    }
    return textBuilder;
  }

  private static String utf8(byte[] s, int from, int to) {
    return new String(s, from, to - from, StandardCharsets.UTF_8);
  }

  /** Sets this element's text, raw and trimmed, in place of any appended. */
  void presetText(String raw, String trimmedText) {
    textSource = null;
    textBuilder = null;
    preset = raw;
    trimmed = trimmedText;
  }

  /** Sets the children, once, when the element ends. */
  void setChildren(XmlNode[] nodes) {
    kids = nodes;
    long keys = 0;
    for (XmlNode c : nodes) {
      keys |= 1L << c.key;
    }
    kidKeys = keys;
  }

  /**
   * A 6-bit digest of a name that names equal ignoring case share: their length (in chars) and
   * their first char folded the way {@link String#equalsIgnoreCase} compares chars (upper case,
   * then lower case; so that, for example, U+017F and {@code s} fold alike).
   */
  static int nameKey(String name) {
    int n = name.length();
    if (n == 0) {
      return 0;
    }
    char c = name.charAt(0);
    int folded;
    if (c < 0x80) {
      folded = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    } else {
      folded = Character.toLowerCase(Character.toUpperCase(c));
    }
    return (n * 31 + folded) & 63;
  }

  /** Whether no child can have this local name (the digest rules it out). */
  private boolean noChildNamed(String name) {
    return (kidKeys & (1L << nameKey(name))) == 0;
  }

  /** The text content of this element exactly as parsed (not trimmed, children's left out). */
  String rawText() {
    if (preset != null) {
      return preset;
    }
    if (textBuilder != null) {
      return textBuilder.toString();
    }
    return textSource == null ? "" : utf8(textSource, textFrom, textTo);
  }

  /**
   * Parses a document with {@link SoapXmlParser}; DTDs, entities other than the predefined ones and
   * malformed XML are refused.
   */
  static XmlNode parse(byte[] xml, Mm7Limits limits) {
    return parse(xml, 0, xml.length, limits);
  }

  /**
   * {@link #parse(byte[], Mm7Limits)} of the document {@code xml[from, to)}. A UTF-8 document (the
   * usual case: no byte-order mark for UTF-16 and no other charset declared) is parsed where it
   * lies; any other is decoded with its charset and parsed as UTF-8.
   */
  static XmlNode parse(byte[] xml, int from, int to, Mm7Limits limits) {
    checkSize(to - from, limits);
    int bom = bomLength(xml, from, to);
    Charset cs =
        SoapXmlParser.commonDeclaration(xml, from + bom, to) > 0
            ? StandardCharsets.UTF_8
            : documentCharset(xml, from, to, bom);
    if (cs != StandardCharsets.UTF_8) {
      byte[] utf8 =
          new String(xml, from + bom, to - from - bom, cs).getBytes(StandardCharsets.UTF_8);
      return SoapXmlParser.parse(utf8, 0, utf8.length, limits);
    }
    return SoapXmlParser.parse(xml, from + bom, to, limits);
  }

  private static void checkSize(int length, Mm7Limits limits) {
    if (length > limits.maxXmlBytes()) {
      throw new MmsMalformedException(
          "SOAP XML larger than " + limits.maxXmlBytes() + " bytes", 0, "xml", null);
    }
  }

  /**
   * Parses a document with the JDK's hardened StAX parser into the same tree as {@link #parse};
   * kept as the reference the hand-written parser is tested against.
   */
  static XmlNode parseWithStax(byte[] xml, Mm7Limits limits) {
    checkSize(xml.length, limits);
    XMLStreamReader r = null;
    try {
      r = FACTORY.get().createXMLStreamReader(new java.io.StringReader(decode(xml)));
      List<XmlNode> stack = new ArrayList<>();
      List<List<XmlNode>> kidStack = new ArrayList<>();
      XmlNode root = null;
      int elements = 0;
      while (r.hasNext()) {
        int ev = r.next();
        switch (ev) {
          case XMLStreamConstants.DTD:
            throw new MmsMalformedException(
                "XML with a DTD refused (entities are not allowed)",
                r.getLocation().getCharacterOffset(),
                "xml",
                null);
          case XMLStreamConstants.ENTITY_REFERENCE:
            throw new MmsMalformedException(
                "XML entity reference refused: &" + r.getLocalName() + ";",
                r.getLocation().getCharacterOffset(),
                "xml",
                null);
          case XMLStreamConstants.START_ELEMENT:
            if (++elements > limits.maxXmlElements()) {
              throw new MmsMalformedException(
                  "more than " + limits.maxXmlElements() + " XML elements", 0, "xml", null);
            }
            List<String[]> attrs = new ArrayList<>(r.getAttributeCount());
            for (int i = 0; i < r.getAttributeCount(); i++) {
              attrs.add(
                  new String[] {
                    r.getAttributeNamespace(i), r.getAttributeLocalName(i), r.getAttributeValue(i)
                  });
            }
            if (stack.size() >= MAX_DEPTH) {
              throw new MmsMalformedException(
                  "XML nested deeper than " + MAX_DEPTH + " elements",
                  r.getLocation().getCharacterOffset(),
                  "xml",
                  null);
            }
            XmlNode n = new XmlNode(r.getNamespaceURI(), r.getLocalName(), attrs);
            if (stack.isEmpty()) {
              root = n;
            } else {
              kidStack.get(kidStack.size() - 1).add(n);
            }
            stack.add(n);
            kidStack.add(new ArrayList<>());
            break;
          case XMLStreamConstants.END_ELEMENT:
            List<XmlNode> kids = kidStack.remove(kidStack.size() - 1);
            if (!kids.isEmpty()) {
              stack.get(stack.size() - 1).setChildren(kids.toArray(NONE));
            }
            stack.remove(stack.size() - 1);
            break;
          case XMLStreamConstants.CHARACTERS:
          case XMLStreamConstants.CDATA:
          case XMLStreamConstants.SPACE:
            if (!stack.isEmpty()) {
              stack.get(stack.size() - 1).appendTarget().append(r.getText());
            }
            break;
          default:
            break;
        }
      }
      if (root == null) {
        throw new MmsMalformedException("no XML element found", 0, "xml", null);
      }
      return root;
    } catch (XMLStreamException e) {
      long off = e.getLocation() == null ? -1 : e.getLocation().getCharacterOffset();
      throw new MmsMalformedException("malformed XML: " + e.getMessage(), off, "xml", e);
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException e) {
          // nothing to release
        }
      }
    }
  }

  /**
   * Decodes the XML bytes with the charset its declaration names (UTF-8 by default, UTF-16 by
   * byte-order mark). Bytes invalid in that charset become U+FFFD rather than failing the message,
   * as real MMSCs send mis-encoded subjects.
   */
  static String decode(byte[] xml) {
    int bom = bomLength(xml, 0, xml.length);
    return new String(xml, bom, xml.length - bom, documentCharset(xml, 0, xml.length, bom));
  }

  /** The length of a leading byte-order mark: 2 for UTF-16, 3 for UTF-8, 0 when none. */
  private static int bomLength(byte[] xml, int from, int to) {
    int len = to - from;
    int b0 = len > 0 ? xml[from] & 0xff : -1;
    int b1 = len > 1 ? xml[from + 1] & 0xff : -1;
    if ((b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE)) {
      return 2;
    }
    return b0 == 0xEF && b1 == 0xBB && len > 2 && (xml[from + 2] & 0xff) == 0xBF ? 3 : 0;
  }

  /**
   * The charset of {@code xml[from, to)}, whose byte-order mark is {@code bom} bytes long: UTF-16
   * by its mark, else the one the declaration names, else UTF-8.
   */
  private static Charset documentCharset(byte[] xml, int from, int to, int bom) {
    if (bom == 2) {
      return (xml[from] & 0xff) == 0xFE ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE;
    }
    int declEnd = declarationEnd(xml, from + bom, to);
    return declEnd > 0 ? declaredCharset(xml, from + bom, declEnd) : StandardCharsets.UTF_8;
  }

  private static final byte[] XML_DECL = {'<', '?', 'x', 'm', 'l'};
  private static final byte[] ENCODING = {'e', 'n', 'c', 'o', 'd', 'i', 'n', 'g'};

  /**
   * The charset named by {@code encoding="..."} in the declaration {@code xml[off, end)}, UTF-8
   * when none is named or the name is unknown. Reads as the pattern {@code
   * ^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._\-]+)["']} would, on the bytes as ISO-8859-1.
   */
  static Charset declaredCharset(byte[] xml, int off, int end) {
    int i = off;
    while (i < end && isRegexSpace(xml[i])) {
      i++;
    }
    if (!startsWith(xml, i, end, XML_DECL)) {
      return StandardCharsets.UTF_8;
    }
    for (int p = i + XML_DECL.length; p < end && xml[p] != '>'; p++) {
      if (!startsWith(xml, p, end, ENCODING)) {
        continue;
      }
      int k = p + ENCODING.length;
      while (k < end && isRegexSpace(xml[k])) {
        k++;
      }
      if (k >= end || xml[k] != '=') {
        continue;
      }
      k++;
      while (k < end && isRegexSpace(xml[k])) {
        k++;
      }
      if (k >= end || (xml[k] != '"' && xml[k] != '\'')) {
        continue;
      }
      int nameStart = ++k;
      while (k < end && isCharsetNameByte(xml[k])) {
        k++;
      }
      if (k == nameStart || k >= end || (xml[k] != '"' && xml[k] != '\'')) {
        continue;
      }
      return charset(xml, nameStart, k);
    }
    return StandardCharsets.UTF_8;
  }

  private static Charset charset(byte[] xml, int from, int to) {
    if (to - from == 5
        && (xml[from] | 0x20) == 'u'
        && (xml[from + 1] | 0x20) == 't'
        && (xml[from + 2] | 0x20) == 'f'
        && xml[from + 3] == '-'
        && xml[from + 4] == '8') {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(new String(xml, from, to - from, StandardCharsets.ISO_8859_1));
    } catch (IllegalArgumentException e) {
      return StandardCharsets.UTF_8; // unknown name: keep UTF-8
    }
  }

  private static boolean startsWith(byte[] b, int at, int end, byte[] prefix) {
    if (end - at < prefix.length) {
      return false;
    }
    for (int j = 0; j < prefix.length; j++) {
      if (b[at + j] != prefix[j]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isCharsetNameByte(byte b) {
    return (b >= 'A' && b <= 'Z')
        || (b >= 'a' && b <= 'z')
        || (b >= '0' && b <= '9')
        || b == '.'
        || b == '_'
        || b == '-';
  }

  /**
   * The end of a leading {@code <?xml ... ?>} declaration within the first 200 bytes (the index
   * after {@code ?>}), or -1: only a document with a declaration needs the encoding looked up.
   */
  private static int declarationEnd(byte[] xml, int off, int to) {
    int i = off;
    while (i < to && i - off < 200 && isRegexSpace(xml[i])) {
      i++;
    }
    if (i + 5 > to
        || xml[i] != '<'
        || xml[i + 1] != '?'
        || (xml[i + 2] | 0x20) != 'x'
        || (xml[i + 3] | 0x20) != 'm'
        || (xml[i + 4] | 0x20) != 'l') {
      return -1;
    }
    int limit = Math.min(to, off + 200);
    for (int k = i + 5; k + 1 < limit; k++) {
      if (xml[k] == '?' && xml[k + 1] == '>') {
        return k + 2;
      }
    }
    return Math.min(to, off + 200);
  }

  private static boolean isRegexSpace(byte b) {
    return b == ' ' || (b >= 0x09 && b <= 0x0D);
  }

  /** The first child with this local name (case-insensitive), if any. */
  Optional<XmlNode> child(String name) {
    return Optional.ofNullable(childOrNull(name));
  }

  /**
   * The first child with this local name (case-insensitive), or null: {@link #child} without the
   * {@code Optional}. Names MM7 and SOAP use are the same string instances as the literals asking
   * for them, so the usual match is an identity check.
   */
  XmlNode childOrNull(String name) {
    if (noChildNamed(name)) {
      return null;
    }
    for (XmlNode c : kids) {
      if (c.localName == name || c.localName.equalsIgnoreCase(name)) {
        return c;
      }
    }
    return null;
  }

  /** The number of child elements. */
  int childCount() {
    return kids.length;
  }

  /** The child element at {@code i} in document order. */
  XmlNode child(int i) {
    return kids[i];
  }

  /** The child elements in document order (a read-only view). */
  List<XmlNode> children() {
    return kids.length == 0 ? List.of() : Collections.unmodifiableList(Arrays.asList(kids));
  }

  List<XmlNode> children(String name) {
    if (noChildNamed(name)) {
      return List.of();
    }
    List<XmlNode> out = new ArrayList<>();
    for (XmlNode c : kids) {
      if (c.localName.equalsIgnoreCase(name)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The first descendant (depth-first, this node included) with this local name. */
  Optional<XmlNode> find(String name) {
    return Optional.ofNullable(findOrNull(name));
  }

  /** {@link #find} without the {@code Optional}: the node, or null. */
  XmlNode findOrNull(String name) {
    if (localName.equalsIgnoreCase(name)) {
      return this;
    }
    for (XmlNode c : kids) {
      XmlNode f = c.findOrNull(name);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  /** The trimmed text of the first child of this name, empty when absent or blank. */
  Optional<String> childText(String name) {
    String t = childTextOrNull(name);
    return t == null ? Optional.empty() : Optional.of(t);
  }

  /** {@link #childText} without the {@code Optional}: the non-blank trimmed text, or null. */
  String childTextOrNull(String name) {
    XmlNode c = childOrNull(name);
    if (c == null) {
      return null;
    }
    String t = c.text();
    return t.isEmpty() ? null : t;
  }

  /** The trimmed text content of this element (its own text, not its children's). */
  String text() {
    String t = trimmed;
    if (t == null) {
      t = trimmed = trim();
    }
    return t;
  }

  private String trim() {
    if (textBuilder != null) {
      return textBuilder.toString().trim();
    }
    byte[] s = textSource;
    if (s == null) {
      return "";
    }
    // the bytes up to a space are the characters String.trim removes
    int from = textFrom;
    int to = textTo;
    while (from < to && (s[from] & 0xff) <= ' ') {
      from++;
    }
    while (to > from && (s[to - 1] & 0xff) <= ' ') {
      to--;
    }
    return from == to ? "" : utf8(s, from, to);
  }

  /** An attribute by local name, any namespace, case-insensitive. */
  Optional<String> attribute(String name) {
    return Optional.ofNullable(attributeOrNull(name));
  }

  /** As {@link #attribute}, null when absent. */
  String attributeOrNull(String name) {
    for (int i = 0, k = attributes.size(); i < k; i++) {
      String[] a = attributes.get(i);
      if (a[1].equalsIgnoreCase(name)) {
        return a[2];
      }
    }
    return null;
  }

  Optional<XmlNode> firstElementChild() {
    return kids.length == 0 ? Optional.empty() : Optional.of(kids[0]);
  }
}
