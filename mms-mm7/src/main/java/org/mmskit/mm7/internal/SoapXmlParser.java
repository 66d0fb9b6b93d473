package org.mmskit.mm7.internal;

import java.util.ArrayList;
import java.util.List;
import org.mmskit.core.MmsMalformedException;

/**
 * A small hand-written XML parser for SOAP documents that builds the {@link XmlNode} tree directly.
 * It knows elements, attributes, text, CDATA sections, comments, processing instructions, namespace
 * declarations and character and predefined entity references. It refuses any document type
 * declaration (so neither external nor expanding entities can exist), every other entity reference,
 * malformed markup, undeclared prefixes, duplicate attributes, characters XML forbids, nesting
 * deeper than {@link XmlNode#MAX_DEPTH} and more elements than the limits allow.
 *
 * <p>It works on the already decoded text (see {@link XmlNode#decode}), so any charset the JDK
 * knows is supported. Not thread-safe; one instance per document.
 */
final class SoapXmlParser {
  private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";
  private static final String XMLNS_NS = "http://www.w3.org/2000/xmlns/";

  /** No real SOAP element has this many attributes; more are refused to keep checks linear. */
  static final int MAX_ATTRIBUTES = 256;

  private final String s;
  private final int n;
  private final Mm7Limits limits;
  private int pos;

  // namespace bindings in scope, innermost last
  private String[] nsPrefix = new String[16];
  private String[] nsUri = new String[16];
  private int nsCount;

  // open elements
  private final List<XmlNode> open = new ArrayList<>();
  private final List<String> openQNames = new ArrayList<>();
  private int[] openNsMark = new int[16];

  // attributes of the start tag being read
  private final List<String> attrQNames = new ArrayList<>();
  private final List<String> attrValues = new ArrayList<>();
  private final StringBuilder scratch = new StringBuilder();

  private SoapXmlParser(String s, Mm7Limits limits) {
    this.s = s;
    this.n = s.length();
    this.limits = limits;
  }

  /** Parses decoded XML text into its root element. */
  static XmlNode parse(String xml, Mm7Limits limits) {
    return new SoapXmlParser(xml, limits).document();
  }

  private XmlNode document() {
    if (n > 0 && s.charAt(0) == '\uFEFF') {
      pos = 1;
    }
    if (s.startsWith("<?xml", pos) && pos + 5 < n && isSpace(s.charAt(pos + 5))) {
      int end = s.indexOf("?>", pos + 5);
      if (end < 0) {
        throw malformed("unterminated XML declaration");
      }
      checkChars(pos, end);
      pos = end + 2;
    }
    XmlNode root = null;
    int elements = 0;
    while (pos < n) {
      char c = s.charAt(pos);
      if (c == '<') {
        char next = pos + 1 < n ? s.charAt(pos + 1) : 0;
        if (next == '/') {
          endTag();
        } else if (next == '!') {
          if (s.startsWith("<!--", pos)) {
            comment();
          } else if (s.startsWith("<![CDATA[", pos)) {
            if (open.isEmpty()) {
              throw malformed("CDATA section outside the root element");
            }
            cdata();
          } else if (s.startsWith("<!DOCTYPE", pos)) {
            throw new MmsMalformedException(
                "XML with a DTD refused (entities are not allowed)", pos, "xml", null);
          } else {
            throw malformed("markup not allowed here");
          }
        } else if (next == '?') {
          processingInstruction();
        } else {
          if (open.isEmpty() && root != null) {
            throw malformed("content after the root element");
          }
          if (++elements > limits.maxXmlElements()) {
            throw new MmsMalformedException(
                "more than " + limits.maxXmlElements() + " XML elements", 0, "xml", null);
          }
          XmlNode node = startTag();
          if (root == null) {
            root = node;
          }
        }
      } else if (open.isEmpty()) {
        if (!isSpace(c)) {
          throw malformed("text outside the root element");
        }
        pos++;
      } else {
        text();
      }
    }
    if (!open.isEmpty()) {
      throw malformed("element <" + openQNames.get(openQNames.size() - 1) + "> not closed");
    }
    if (root == null) {
      throw new MmsMalformedException("no XML element found", 0, "xml", null);
    }
    return root;
  }

  // ------------------------------------------------------------------ markup

  private XmlNode startTag() {
    int tagStart = pos;
    pos++; // '<'
    String qname = name();
    attrQNames.clear();
    attrValues.clear();
    int nsMark = nsCount;
    boolean empty;
    while (true) {
      boolean space = skipSpace();
      if (pos >= n) {
        throw malformed("unterminated start tag <" + qname + ">");
      }
      char c = s.charAt(pos);
      if (c == '>') {
        pos++;
        empty = false;
        break;
      }
      if (c == '/') {
        if (pos + 1 < n && s.charAt(pos + 1) == '>') {
          pos += 2;
          empty = true;
          break;
        }
        throw malformed("'/' not followed by '>' in <" + qname + ">");
      }
      if (!space) {
        throw malformed("white space required between attributes in <" + qname + ">");
      }
      String aname = name();
      skipSpace();
      if (pos >= n || s.charAt(pos) != '=') {
        throw malformed("'=' expected after attribute " + aname);
      }
      pos++;
      skipSpace();
      String value = attributeValue();
      for (String q : attrQNames) {
        if (q.equals(aname)) {
          throw malformed("duplicate attribute " + aname);
        }
      }
      if (aname.equals("xmlns")) {
        bind("", value);
      } else if (aname.startsWith("xmlns:")) {
        String prefix = aname.substring(6);
        if (value.isEmpty()) {
          throw malformed("prefix " + prefix + " bound to an empty namespace");
        }
        if (prefix.equals("xmlns") || (prefix.equals("xml") && !value.equals(XML_NS))) {
          throw malformed("reserved prefix " + prefix + " redeclared");
        }
        bind(prefix, value);
      } else if (attrQNames.size() >= MAX_ATTRIBUTES) {
        throw malformed("more than " + MAX_ATTRIBUTES + " attributes in <" + qname + ">");
      }
      // namespace declarations take part in the duplicate check but are not attributes
      attrQNames.add(aname);
      attrValues.add(aname.equals("xmlns") || aname.startsWith("xmlns:") ? null : value);
    }
    int colon = qname.indexOf(':');
    String ns = colon < 0 ? lookup("") : lookupPrefixed(qname.substring(0, colon), qname);
    String local = colon < 0 ? qname : qname.substring(colon + 1);
    List<String[]> attrs = new ArrayList<>(attrQNames.size());
    for (int i = 0; i < attrQNames.size(); i++) {
      String v = attrValues.get(i);
      if (v == null) {
        continue;
      }
      String aq = attrQNames.get(i);
      int ac = aq.indexOf(':');
      String ans = ac < 0 ? null : lookupPrefixed(aq.substring(0, ac), aq);
      String alocal = ac < 0 ? aq : aq.substring(ac + 1);
      if (ans != null) {
        for (String[] other : attrs) {
          if (ans.equals(other[0]) && alocal.equals(other[1])) {
            throw malformed("duplicate attribute {" + ans + "}" + alocal);
          }
        }
      }
      attrs.add(new String[] {ans, alocal, v});
    }
    if (open.size() >= XmlNode.MAX_DEPTH) {
      throw new MmsMalformedException(
          "XML nested deeper than " + XmlNode.MAX_DEPTH + " elements", tagStart, "xml", null);
    }
    XmlNode node = new XmlNode(ns, local, attrs);
    if (!open.isEmpty()) {
      open.get(open.size() - 1).children.add(node);
    }
    if (empty) {
      nsCount = nsMark;
    } else {
      if (open.size() == openNsMark.length) {
        openNsMark = java.util.Arrays.copyOf(openNsMark, openNsMark.length * 2);
      }
      openNsMark[open.size()] = nsMark;
      open.add(node);
      openQNames.add(qname);
    }
    return node;
  }

  private void endTag() {
    pos += 2; // "</"
    String qname = name();
    skipSpace();
    if (pos >= n || s.charAt(pos) != '>') {
      throw malformed("'>' expected to end </" + qname);
    }
    pos++;
    if (open.isEmpty()) {
      throw malformed("end tag </" + qname + "> without a start tag");
    }
    int top = open.size() - 1;
    if (!openQNames.get(top).equals(qname)) {
      throw malformed("end tag </" + qname + "> does not match <" + openQNames.get(top) + ">");
    }
    nsCount = openNsMark[top];
    open.remove(top);
    openQNames.remove(top);
  }

  private void comment() {
    int start = pos + 4;
    int dashes = s.indexOf("--", start);
    if (dashes < 0) {
      throw malformed("unterminated comment");
    }
    if (dashes + 2 >= n || s.charAt(dashes + 2) != '>') {
      throw malformed("'--' inside a comment");
    }
    checkChars(start, dashes);
    pos = dashes + 3;
  }

  private void cdata() {
    int start = pos + 9;
    int end = s.indexOf("]]>", start);
    if (end < 0) {
      throw malformed("unterminated CDATA section");
    }
    XmlNode node = open.get(open.size() - 1);
    appendNormalized(node, start, end);
    pos = end + 3;
  }

  private void processingInstruction() {
    pos += 2; // "<?"
    String target = name();
    if (target.equalsIgnoreCase("xml")) {
      throw malformed("XML declaration not at the start of the document");
    }
    if (target.indexOf(':') >= 0) {
      throw malformed("colon in processing instruction target " + target);
    }
    int end = s.indexOf("?>", pos);
    if (end < 0) {
      throw malformed("unterminated processing instruction");
    }
    if (end > pos && !isSpace(s.charAt(pos))) {
      throw malformed("white space required after processing instruction target");
    }
    checkChars(pos, end);
    pos = end + 2;
  }

  // ------------------------------------------------------------------ text

  private void text() {
    XmlNode node = open.get(open.size() - 1);
    int run = pos;
    while (pos < n) {
      char c = s.charAt(pos);
      if (c == '<') {
        break;
      }
      if (c == '&' || c == '\r' || c == ']' || c < 0x20 || c >= 0xFFFE) {
        if (c == ']') {
          if (s.startsWith("]]>", pos)) {
            throw malformed("']]>' in text");
          }
          pos++;
          continue;
        }
        if (c == '\t' || c == '\n') {
          pos++;
          continue;
        }
        node.appendText(s, run, pos);
        if (c == '&') {
          reference(node.textBuilder());
        } else if (c == '\r') {
          node.textBuilder().append('\n');
          pos += pos + 1 < n && s.charAt(pos + 1) == '\n' ? 2 : 1;
        } else {
          throw badChar(c);
        }
        run = pos;
        continue;
      }
      pos++;
    }
    node.appendText(s, run, pos);
  }

  /** Appends {@code s[from, to)} with line ends normalised, refusing characters XML forbids. */
  private void appendNormalized(XmlNode node, int from, int to) {
    int run = from;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c >= 0xFFFE) {
        if (c == '\r') {
          node.appendText(s, run, i);
          node.textBuilder().append('\n');
          if (i + 1 < to && s.charAt(i + 1) == '\n') {
            i++;
          }
          run = i + 1;
        } else if (c != '\t' && c != '\n') {
          pos = i;
          throw badChar(c);
        }
      }
    }
    node.appendText(s, run, to);
  }

  private String attributeValue() {
    if (pos >= n || (s.charAt(pos) != '"' && s.charAt(pos) != '\'')) {
      throw malformed("quoted attribute value expected");
    }
    char quote = s.charAt(pos++);
    int start = pos;
    // fast path: nothing to replace
    while (pos < n) {
      char c = s.charAt(pos);
      if (c == quote) {
        String v = s.substring(start, pos);
        pos++;
        return v;
      }
      if (c == '&' || c == '<' || c < 0x20 || c >= 0xFFFE) {
        break;
      }
      pos++;
    }
    StringBuilder b = scratch;
    b.setLength(0);
    b.append(s, start, pos);
    while (pos < n) {
      char c = s.charAt(pos);
      if (c == quote) {
        pos++;
        return b.toString();
      }
      if (c == '<') {
        throw malformed("'<' in an attribute value");
      }
      if (c == '&') {
        reference(b);
        continue;
      }
      if (c == '\r') {
        b.append(' ');
        pos += pos + 1 < n && s.charAt(pos + 1) == '\n' ? 2 : 1;
        continue;
      }
      if (c == '\t' || c == '\n') {
        b.append(' ');
      } else if (c < 0x20 || c >= 0xFFFE) {
        throw badChar(c);
      } else {
        b.append(c);
      }
      pos++;
    }
    throw malformed("unterminated attribute value");
  }

  /** Reads a reference at {@code pos} (on '&') and appends what it stands for. */
  private void reference(StringBuilder out) {
    int semi = s.indexOf(';', pos + 1);
    if (semi < 0 || semi - pos > 12) {
      throw malformed("unterminated reference");
    }
    String ref = s.substring(pos + 1, semi);
    if (ref.startsWith("#")) {
      int cp;
      try {
        cp =
            ref.startsWith("#x")
                ? Integer.parseInt(checkDigits(ref.substring(2), 16), 16)
                : Integer.parseInt(checkDigits(ref.substring(1), 10), 10);
      } catch (NumberFormatException e) {
        throw malformed("bad character reference &" + ref + ";");
      }
      if (!isXmlChar(cp)) {
        throw malformed("character reference &" + ref + "; is not an XML character");
      }
      out.appendCodePoint(cp);
    } else {
      switch (ref) {
        case "lt":
          out.append('<');
          break;
        case "gt":
          out.append('>');
          break;
        case "amp":
          out.append('&');
          break;
        case "apos":
          out.append('\'');
          break;
        case "quot":
          out.append('"');
          break;
        default:
          throw new MmsMalformedException(
              "XML entity reference refused: &" + ref + ";", pos, "xml", null);
      }
    }
    pos = semi + 1;
  }

  private static String checkDigits(String d, int radix) {
    if (d.isEmpty()) {
      throw new NumberFormatException(d);
    }
    for (int i = 0; i < d.length(); i++) {
      if (Character.digit(d.charAt(i), radix) < 0) {
        throw new NumberFormatException(d);
      }
    }
    return d;
  }

  // ------------------------------------------------------------------ names and namespaces

  private String name() {
    int start = pos;
    if (pos >= n || !isNameStart(s.charAt(pos))) {
      throw malformed("name expected");
    }
    pos++;
    while (pos < n && isNameChar(s.charAt(pos))) {
      pos++;
    }
    String name = s.substring(start, pos);
    int colon = name.indexOf(':');
    if (colon == 0
        || colon == name.length() - 1
        || (colon > 0 && name.indexOf(':', colon + 1) >= 0)
        || (colon > 0 && !isNameStart(name.charAt(colon + 1)))) {
      throw malformed("bad qualified name " + name);
    }
    return name;
  }

  private void bind(String prefix, String uri) {
    if (nsCount == nsPrefix.length) {
      nsPrefix = java.util.Arrays.copyOf(nsPrefix, nsCount * 2);
      nsUri = java.util.Arrays.copyOf(nsUri, nsCount * 2);
    }
    nsPrefix[nsCount] = prefix;
    nsUri[nsCount] = uri;
    nsCount++;
  }

  /** The URI bound to a prefix ("" for the default namespace), null when unbound. */
  private String lookup(String prefix) {
    for (int i = nsCount - 1; i >= 0; i--) {
      if (nsPrefix[i].equals(prefix)) {
        return nsUri[i].isEmpty() ? null : nsUri[i];
      }
    }
    return null;
  }

  private String lookupPrefixed(String prefix, String qname) {
    if (prefix.equals("xml")) {
      return XML_NS;
    }
    if (prefix.equals("xmlns")) {
      return XMLNS_NS;
    }
    String uri = lookup(prefix);
    if (uri == null) {
      throw malformed("prefix " + prefix + " of " + qname + " is not declared");
    }
    return uri;
  }

  // ------------------------------------------------------------------ characters

  private boolean skipSpace() {
    int start = pos;
    while (pos < n && isSpace(s.charAt(pos))) {
      pos++;
    }
    return pos > start;
  }

  private void checkChars(int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c >= 0xFFFE) {
        pos = i;
        throw badChar(c);
      }
    }
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
  }

  private static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || c == '_'
        || c == ':'
        || (c >= 0xC0 && c != 0xD7 && c != 0xF7 && c < 0xFFFE && c != 0x37E);
  }

  private static boolean isNameChar(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == 0xB7;
  }

  private static boolean isXmlChar(int cp) {
    return cp == 0x9
        || cp == 0xA
        || cp == 0xD
        || (cp >= 0x20 && cp <= 0xD7FF)
        || (cp >= 0xE000 && cp <= 0xFFFD)
        || (cp >= 0x10000 && cp <= 0x10FFFF);
  }

  private MmsMalformedException badChar(char c) {
    return malformed(String.format("character U+%04X not allowed in XML", (int) c));
  }

  private MmsMalformedException malformed(String why) {
    return new MmsMalformedException("malformed XML: " + why, pos, "xml", null);
  }
}
