package org.mmskit.mm7.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.mm7.Mm7Version;

/**
 * A small hand-written XML parser for SOAP documents that builds the {@link XmlNode} tree directly.
 * It knows elements, attributes, text, CDATA sections, comments, processing instructions, namespace
 * declarations and character and predefined entity references. It refuses any document type
 * declaration (so neither external nor expanding entities can exist), every other entity reference,
 * malformed markup, undeclared prefixes, duplicate attributes, characters XML forbids, nesting
 * deeper than {@link XmlNode#MAX_DEPTH} and more elements than the limits allow.
 *
 * <p>It reads UTF-8 bytes where they lie, without decoding the document first ({@link
 * XmlNode#parse} turns a document in another charset into UTF-8 before). Every byte that ends
 * markup is ASCII, and no ASCII byte occurs inside a UTF-8 sequence, so the markup is found byte by
 * byte; text, attribute values and names are decoded only when copied out, and bytes that are not
 * valid UTF-8 then become U+FFFD, as they did when whole documents were decoded. Names are kept as
 * positions in the document while the markup is checked (a name with non-ASCII characters is
 * decoded to be checked); local names, prefixes and namespace URIs that MM7 and SOAP use come from
 * a fixed table instead of being copied, and element text is kept as a range of the document until
 * it is asked for. Offsets in errors count bytes from the start of the document. Not thread-safe;
 * one instance per document.
 */
final class SoapXmlParser {
  private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";
  private static final String XMLNS_NS = "http://www.w3.org/2000/xmlns/";

  /** No real SOAP element has this many attributes; more are refused to keep checks linear. */
  static final int MAX_ATTRIBUTES = 256;

  /** Names MM7 and SOAP documents use: element and attribute local names and usual prefixes. */
  private static final Table NAMES =
      new Table(
          """
          Envelope Header Body Fault faultcode faultstring faultactor detail mustUnderstand
          encodingStyle actor type nil href TransactionID Transaction-ID MM7Header MM7Version
          Version SubmitReq SubmitRsp DeliverReq DeliverRsp CancelReq CancelRsp ReplaceReq
          ReplaceRsp DeliveryReportReq DeliveryReportRsp ReadReplyReq ReadReplyRsp RSErrorRsp
          VASPErrorRsp MM7RSErrorRsp MM7VASPErrorRsp MM7SubmitReq MM7SubmitRsp MM7DeliverReq
          MM7DeliverRsp MM7DeliveryReportReq MM7DeliveryReportRsp MM7ReadReplyReq
          MM7ReadReplyRsp SenderIdentification VASPID VASID SenderAddress Recipients Recipient
          To Cc Bcc Number ShortCode RFC2822Address Sender ServiceCode LinkedID MessageClass
          TimeStamp ReplyCharging ReplyChargingID replyChargingSize replyDeadline
          EarliestDeliveryTime ExpiryDate DeliveryReport ReadReply Priority Subject
          ChargedParty ChargedPartyID DistributionIndicator DeliveryCondition DC ApplicID
          ReplyApplicID AuxApplicInfo ContentClass DRMContent Content allowAdaptations
          MessageID Status StatusCode StatusText Details MMSRelayServerID Date MMStatus
          MMStatusExtension UACapabilities UAProf Previouslysentby PreviouslySentBy
          PreviouslySentDateAndTime UserAgent sequence addressCoding displayOnly id Extension
          AdditionalInformation env soap soapenv SOAP-ENV SOAP S s mm7 MM7 xsi xsd xmlns xml xs
          ns1 ns2
          """
              .strip()
              .split("\\s+"));

  /** Namespace URIs of SOAP, XML Schema and every standard MM7 profile. */
  private static final Table URIS = new Table(uris());

  private final byte[] s;
  private final int base;
  private final int n;
  private final Mm7Limits limits;
  private int pos;

  // the name last read by name(): [nameStart, nameEnd) and its colon (-1 if none)
  private int nameStart;
  private int nameEnd;
  private int nameColon;

  // namespace bindings in scope, innermost last
  private String[] nsPrefix = new String[4];
  private String[] nsUri = new String[4];
  private int nsCount;

  // open elements, and per open element (4 apart) where its qualified name starts and ends in
  // the document, how many namespace bindings and collected children there were before it
  private XmlNode[] open = new XmlNode[8];
  private int[] openInfo = new int[8 * 4];
  private int depth;

  // children of the open elements, outermost first
  private XmlNode[] kids = new XmlNode[16];
  private int kidCount;

  // attributes of the start tag being read: per attribute (3 apart) name start, end and colon
  private int[] attrInfo = new int[4 * 3];
  private String[] attrValue = new String[4];
  private int attrCount;
  private StringBuilder scratch;
  private int valueFrom;
  private int valueTo;

  /** Where elements and values are, when this document is recorded as a shape; else null. */
  private XmlShape.Recorder recorder;

  private SoapXmlParser(byte[] xml, int from, int to, Mm7Limits limits) {
    s = xml;
    base = from;
    n = to;
    this.limits = limits;
    pos = from;
  }

  /**
   * Parses the UTF-8 document {@code xml[from, to)} into its root element. A new parser each time
   * parsed a DeliverReq's SOAP XML 6 % faster than one kept per thread: its arrays are as young as
   * the nodes stored into them, and the G1 collector's write barrier passes such stores quickly,
   * where it takes its slow path for each store into a kept (old) array.
   */
  static XmlNode parse(byte[] xml, int from, int to, Mm7Limits limits) {
    XmlNode known = XmlShape.match(xml, from, to, limits);
    if (known != null) {
      return known;
    }
    SoapXmlParser p = new SoapXmlParser(xml, from, to, limits);
    if (XmlShape.shouldRecord(to - from)) {
      p.recorder = new XmlShape.Recorder(from);
    }
    XmlNode root = p.document(commonDeclaration(xml, from, to));
    if (p.recorder != null) {
      XmlShape.keep(p.recorder.shape(xml, to));
    }
    return root;
  }

  /** {@link #parse} without trying or recording shapes. */
  static XmlNode parseOnly(byte[] xml, int from, int to, Mm7Limits limits) {
    return new SoapXmlParser(xml, from, to, limits).document(commonDeclaration(xml, from, to));
  }

  /** Parses {@code xml[from, to)} as {@link #parseOnly} does and returns its shape. */
  static XmlShape record(byte[] xml, int from, int to, Mm7Limits limits) {
    SoapXmlParser p = new SoapXmlParser(xml, from, to, limits);
    p.recorder = new XmlShape.Recorder(from);
    p.document(commonDeclaration(xml, from, to));
    return p.recorder.shape(xml, to);
  }

  /**
   * The XML declarations nearly every peer writes, byte for byte: a document that starts with one
   * of them needs it neither checked nor searched for an encoding (it names UTF-8).
   */
  private static final byte[][] COMMON_DECLARATIONS = {
    ascii("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
    ascii("<?xml version=\"1.0\" encoding=\"utf-8\"?>"),
    ascii("<?xml version='1.0' encoding='UTF-8'?>"),
    ascii("<?xml version='1.0' encoding='utf-8'?>")
  };

  /** The length of the common declaration {@code xml} starts with at {@code from}, or 0. */
  static int commonDeclaration(byte[] xml, int from, int to) {
    for (byte[] d : COMMON_DECLARATIONS) {
      if (to - from >= d.length && Arrays.equals(xml, from, from + d.length, d, 0, d.length)) {
        return d.length;
      }
    }
    return 0;
  }

  /** Parses the document whose first {@code declared} bytes are a common declaration. */
  private XmlNode document(int declared) {
    if (declared > 0) {
      pos += declared; // the declaration is all that may come before this point
    } else {
      declaration();
    }
    return elements();
  }

  /** Steps over a byte-order mark and an XML declaration at the start, checking the latter. */
  private void declaration() {
    if (has(BOM, pos)) {
      pos += BOM.length;
    }
    if (has(XML_DECL, pos) && pos + 5 < n && isSpace(s[pos + 5])) {
      int end = indexOf(QUESTION_GT, pos + 5);
      if (end < 0) {
        throw malformed("unterminated XML declaration");
      }
      checkChars(pos, end);
      pos = end + 2;
    }
  }

  private XmlNode elements() {
    XmlNode root = null;
    int elements = 0;
    while (pos < n) {
      byte c = s[pos];
      if (c == '<') {
        byte next = pos + 1 < n ? s[pos + 1] : 0;
        if (next == '/') {
          endTag();
        } else if (next == '!') {
          if (has(COMMENT, pos)) {
            comment();
          } else if (has(CDATA, pos)) {
            if (depth == 0) {
              throw malformed("CDATA section outside the root element");
            }
            cdata();
          } else if (has(DOCTYPE, pos)) {
            throw new MmsMalformedException(
                "XML with a DTD refused (entities are not allowed)", pos - base, "xml", null);
          } else {
            throw malformed("markup not allowed here");
          }
        } else if (next == '?') {
          processingInstruction();
        } else {
          if (depth == 0 && root != null) {
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
      } else if (depth == 0) {
        if (!isSpace(c)) {
          throw malformed("text outside the root element");
        }
        pos++;
      } else {
        text();
      }
    }
    if (depth > 0) {
      throw malformed(
          "element <"
              + string(openInfo[4 * (depth - 1)], openInfo[4 * (depth - 1) + 1])
              + "> not closed");
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
    name();
    final int qStart = nameStart;
    final int qEnd = nameEnd;
    final int qColon = nameColon;
    attrCount = 0;
    int nsMark = nsCount;
    int plain = 0; // attributes that are not namespace declarations
    boolean empty;
    while (true) {
      boolean space = skipSpace();
      if (pos >= n) {
        throw malformed("unterminated start tag <" + string(qStart, qEnd) + ">");
      }
      byte c = s[pos];
      if (c == '>') {
        pos++;
        empty = false;
        break;
      }
      if (c == '/') {
        if (pos + 1 < n && s[pos + 1] == '>') {
          pos += 2;
          empty = true;
          break;
        }
        throw malformed("'/' not followed by '>' in <" + string(qStart, qEnd) + ">");
      }
      if (!space) {
        throw malformed(
            "white space required between attributes in <" + string(qStart, qEnd) + ">");
      }
      name();
      final int aStart = nameStart;
      final int aEnd = nameEnd;
      final int aLen = aEnd - aStart;
      final int aColon = nameColon;
      skipSpace();
      if (pos >= n || s[pos] != '=') {
        throw malformed("'=' expected after attribute " + string(aStart, aEnd));
      }
      pos++;
      skipSpace();
      boolean declaration = (aLen == 5 || aColon == aStart + 5) && has(XMLNS, aStart);
      String value = declaration ? namespaceValue() : attributeValue();
      for (int i = 0; i < attrCount; i++) {
        int other = attrInfo[3 * i];
        if (attrInfo[3 * i + 1] - other == aLen && same(other, aStart, aLen)) {
          throw malformed("duplicate attribute " + string(aStart, aEnd));
        }
      }
      if (declaration && aLen == 5) {
        bind("", value); // a declaration's value is never left null
      } else if (declaration) {
        String prefix = intern(NAMES, aColon + 1, aEnd);
        String uri = value;
        if (uri.isEmpty()) {
          throw malformed("prefix " + prefix + " bound to an empty namespace");
        }
        if (prefix.equals("xmlns") || (prefix.equals("xml") && !uri.equals(XML_NS))) {
          throw malformed("reserved prefix " + prefix + " redeclared");
        }
        bind(prefix, uri);
      } else if (attrCount >= MAX_ATTRIBUTES) {
        throw malformed(
            "more than " + MAX_ATTRIBUTES + " attributes in <" + string(qStart, qEnd) + ">");
      }
      // namespace declarations take part in the duplicate check but are not attributes
      if (attrCount == attrValue.length) {
        attrValue = Arrays.copyOf(attrValue, attrCount * 2);
        attrInfo = Arrays.copyOf(attrInfo, attrCount * 2 * 3);
      }
      int a = 3 * attrCount;
      attrInfo[a] = aStart;
      attrInfo[a + 1] = aEnd;
      attrInfo[a + 2] = aColon;
      attrValue[attrCount] =
          declaration ? null : value != null ? value : plainValue(s, valueFrom, valueTo);
      if (recorder != null && !declaration) {
        recorder.attribute(valueFrom, valueTo, s[valueTo]);
      }
      attrCount++;
      if (!declaration) {
        plain++;
      }
    }
    String ns = qColon < 0 ? lookup() : lookupPrefixed(qStart, qColon, qEnd);
    int localStart = qColon < 0 ? qStart : qColon + 1;
    int known = NAMES.index(s, localStart, qEnd);
    String local = known >= 0 ? NAMES.strings[known] : string(localStart, qEnd);
    int key = known >= 0 ? NAMES.keys[known] : XmlNode.nameKey(local);
    List<String[]> attrs = plain == 0 ? List.of() : attributes(plain);
    if (depth >= XmlNode.MAX_DEPTH) {
      throw new MmsMalformedException(
          "XML nested deeper than " + XmlNode.MAX_DEPTH + " elements",
          tagStart - base,
          "xml",
          null);
    }
    XmlNode node = new XmlNode(ns, local, key, attrs);
    if (recorder != null) {
      recorder.element(node, empty ? -1 : pos);
    }
    if (depth > 0) {
      if (kidCount == kids.length) {
        kids = Arrays.copyOf(kids, kidCount * 2);
      }
      kids[kidCount++] = node;
    }
    if (empty) {
      nsCount = nsMark;
    } else {
      if (depth == open.length) {
        open = Arrays.copyOf(open, depth * 2);
        openInfo = Arrays.copyOf(openInfo, depth * 2 * 4);
      }
      open[depth] = node;
      int o = 4 * depth;
      openInfo[o] = qStart;
      openInfo[o + 1] = qEnd;
      openInfo[o + 2] = nsMark;
      openInfo[o + 3] = kidCount;
      depth++;
    }
    return node;
  }

  /** The attributes read, namespace declarations left out, as {namespace, localName, value}. */
  private List<String[]> attributes(int count) {
    String[][] out = new String[count][];
    int k = 0;
    for (int i = 0; i < attrCount; i++) {
      String v = attrValue[i];
      if (v == null) {
        continue;
      }
      int a = 3 * i;
      int as = attrInfo[a];
      int ae = attrInfo[a + 1];
      int ac = attrInfo[a + 2];
      String ans = ac < 0 ? null : lookupPrefixed(as, ac, ae);
      String alocal = intern(NAMES, ac < 0 ? as : ac + 1, ae);
      if (ans != null) {
        for (int j = 0; j < k; j++) {
          if (ans.equals(out[j][0]) && alocal.equals(out[j][1])) {
            throw malformed("duplicate attribute {" + ans + "}" + alocal);
          }
        }
      }
      out[k++] = new String[] {ans, alocal, v};
    }
    return count == 1 ? List.<String[]>of(out[0]) : Arrays.asList(out);
  }

  /** An attribute value as written; the usual one-character flags are not copied. */
  static String plainValue(byte[] s, int from, int to) {
    if (to - from == 1) {
      byte c = s[from];
      if (c == '1') {
        return "1";
      }
      if (c == '0') {
        return "0";
      }
    }
    return new String(s, from, to - from, StandardCharsets.UTF_8);
  }

  private void endTag() {
    int tagFrom = pos;
    pos += 2; // "</"
    int start = pos;
    int len;
    boolean matched = depth > 0 && closesTop(start);
    if (matched) {
      // the name is the open element's, already checked: step over it
      len = openInfo[4 * (depth - 1) + 1] - openInfo[4 * (depth - 1)];
      pos += len;
    } else {
      name();
      len = nameEnd - start;
    }
    skipSpace();
    if (pos >= n || s[pos] != '>') {
      throw malformed("'>' expected to end </" + string(start, start + len));
    }
    pos++;
    if (depth == 0) {
      throw malformed("end tag </" + string(start, start + len) + "> without a start tag");
    }
    int top = depth - 1;
    int o = 4 * top;
    int openStart = openInfo[o];
    if (!matched && (openInfo[o + 1] - openStart != len || !same(openStart, start, len))) {
      throw malformed(
          "end tag </"
              + string(start, start + len)
              + "> does not match <"
              + string(openStart, openInfo[o + 1])
              + ">");
    }
    nsCount = openInfo[o + 2];
    int mark = openInfo[o + 3];
    if (recorder != null) {
      recorder.end(tagFrom, kidCount == mark);
    }
    if (kidCount > mark) {
      open[top].setChildren(Arrays.copyOfRange(kids, mark, kidCount));
    }
    kidCount = mark;
    open[top] = null;
    depth = top;
  }

  /** Whether the name at {@code at} is the qualified name of the innermost open element. */
  private boolean closesTop(int at) {
    int o = 4 * (depth - 1);
    int openStart = openInfo[o];
    int len = openInfo[o + 1] - openStart;
    if (at + len > n || !same(at, openStart, len)) {
      return false;
    }
    if (at + len == n) {
      return true;
    }
    int after = s[at + len] & 0xff;
    // a non-ASCII byte would continue the name
    return after < 0x80 && !ASCII_NAME[after];
  }

  private void comment() {
    int start = pos + 4;
    int dashes = indexOf(DASHES, start);
    if (dashes < 0) {
      throw malformed("unterminated comment");
    }
    if (dashes + 2 >= n || s[dashes + 2] != '>') {
      throw malformed("'--' inside a comment");
    }
    checkChars(start, dashes);
    pos = dashes + 3;
  }

  private void cdata() {
    int start = pos + 9;
    int end = indexOf(CDATA_END, start);
    if (end < 0) {
      throw malformed("unterminated CDATA section");
    }
    XmlNode node = open[depth - 1];
    appendNormalized(node, start, end);
    pos = end + 3;
  }

  private void processingInstruction() {
    pos += 2; // "<?"
    name();
    String target = string(nameStart, nameEnd);
    if (target.equalsIgnoreCase("xml")) {
      throw malformed("XML declaration not at the start of the document");
    }
    if (target.indexOf(':') >= 0) {
      throw malformed("colon in processing instruction target " + target);
    }
    int end = indexOf(QUESTION_GT, pos);
    if (end < 0) {
      throw malformed("unterminated processing instruction");
    }
    if (end > pos && !isSpace(s[pos])) {
      throw malformed("white space required after processing instruction target");
    }
    checkChars(pos, end);
    pos = end + 2;
  }

  // ------------------------------------------------------------------ text

  private void text() {
    XmlNode node = open[depth - 1];
    final byte[] s = this.s;
    int run = pos;
    while (pos < n) {
      int c = s[pos] & 0xff;
      if (c == '<') {
        break;
      }
      if (c == '&' || c == '\r' || c == ']' || c < 0x20 || c == 0xEF) {
        if (c == ']') {
          if (has(CDATA_END, pos)) {
            throw malformed("']]>' in text");
          }
          pos++;
          continue;
        }
        if (c == '\t' || c == '\n') {
          pos++;
          continue;
        }
        if (c == 0xEF) {
          checkNonCharacter(pos);
          pos++;
          continue;
        }
        node.appendText(s, run, pos);
        if (c == '&') {
          reference(node.appendTarget());
        } else if (c == '\r') {
          node.appendTarget().append('\n');
          pos += pos + 1 < n && s[pos + 1] == '\n' ? 2 : 1;
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
      int c = s[i] & 0xff;
      if (c < 0x20) {
        if (c == '\r') {
          node.appendText(s, run, i);
          node.appendTarget().append('\n');
          if (i + 1 < to && s[i + 1] == '\n') {
            i++;
          }
          run = i + 1;
        } else if (c != '\t' && c != '\n') {
          pos = i;
          throw badChar(c);
        }
      } else if (c == 0xEF) {
        checkNonCharacter(i);
      }
    }
    node.appendText(s, run, to);
  }

  /**
   * The URI a namespace declaration binds, read at {@code pos} (on the opening quote). It first
   * tries the known namespace that the last declaration named (in any document: a peer sends the
   * same few), which the bytes then need to spell out up to the closing quote; a known URI has no
   * character that would need a closer look.
   */
  private String namespaceValue() {
    int guess = lastNamespace;
    if (guess >= 0 && pos < n) {
      byte quote = s[pos];
      byte[] known = URIS.bytes[guess];
      int from = pos + 1;
      int end = from + known.length;
      if ((quote == '"' || quote == '\'')
          && end < n
          && s[end] == quote
          && Arrays.equals(s, from, end, known, 0, known.length)) {
        valueFrom = from;
        valueTo = end;
        pos = end + 1;
        return URIS.strings[guess];
      }
    }
    String value = attributeValue();
    if (value != null) {
      return value;
    }
    int i = URIS.index(s, valueFrom, valueTo);
    if (i < 0) {
      return string(valueFrom, valueTo);
    }
    if (i != guess) {
      lastNamespace = i;
    }
    return URIS.strings[i];
  }

  /**
   * Where in {@link #URIS} the namespace last declared is, or -1: only a guess to try first, so
   * threads may read it stale (a plain field, written only when it changes).
   */
  private static int lastNamespace = -1;

  /**
   * Reads a quoted attribute value; null when it is {@code s[valueFrom, valueTo)} as written (no
   * reference, no white space to normalise), so the caller copies it only if it needs to.
   */
  private String attributeValue() {
    if (pos >= n || (s[pos] != '"' && s[pos] != '\'')) {
      throw malformed("quoted attribute value expected");
    }
    byte quote = s[pos++];
    int start = pos;
    // fast path: nothing to replace; eight bytes at a time while none needs a look
    pos = plainRun(pos, quote);
    while (pos < n) {
      int c = s[pos] & 0xff;
      if (c == quote) {
        valueFrom = start;
        valueTo = pos;
        pos++;
        return null;
      }
      if (c == '&' || c == '<' || c < 0x20 || c == 0xEF) {
        break;
      }
      pos++;
    }
    StringBuilder b = scratch;
    if (b == null) {
      b = scratch = new StringBuilder();
    }
    b.setLength(0);
    int run = start;
    while (pos < n) {
      int c = s[pos] & 0xff;
      if (c == quote) {
        appendDecoded(b, run, pos);
        valueFrom = start;
        valueTo = pos;
        pos++;
        return b.toString();
      }
      if (c == '<') {
        throw malformed("'<' in an attribute value");
      }
      if (c == 0xEF) {
        checkNonCharacter(pos);
        pos++;
        continue;
      }
      if (c != '&' && c >= 0x20) {
        pos++;
        continue;
      }
      appendDecoded(b, run, pos);
      if (c == '&') {
        reference(b);
      } else if (c == '\r') {
        b.append(' ');
        pos += pos + 1 < n && s[pos + 1] == '\n' ? 2 : 1;
      } else if (c == '\t' || c == '\n') {
        b.append(' ');
        pos++;
      } else {
        throw badChar(c);
      }
      run = pos;
    }
    throw malformed("unterminated attribute value");
  }

  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /**
   * The index of the first 8-byte word from {@code from} that may hold the quote, {@code '&'},
   * {@code '<'}, a control character or 0xEF (the lead byte of U+FFFE and U+FFFF), or the end of
   * the whole words; the bytes before it are plain value text. A byte is found equal to {@code b}
   * when {@code w ^ b*ONES} has a zero byte, and below 0x20 by {@code (w - 0x20*ONES) & ~w & HIGHS}
   * (both may also flag a byte after a real hit, never one before).
   */
  private int plainRun(int from, byte quote) {
    final byte[] s = this.s;
    int i = from;
    long q = (quote & 0xffL) * ONES;
    for (int last = n - 8; i <= last; i += 8) {
      long w = (long) LONG_LE.get(s, i);
      long hit =
          zeroByte(w ^ q)
              | zeroByte(w ^ ('&' * ONES))
              | zeroByte(w ^ ('<' * ONES))
              | zeroByte(w ^ (0xEFL * ONES))
              | ((w - 0x20 * ONES) & ~w & HIGHS);
      if (hit != 0) {
        return i;
      }
    }
    return i;
  }

  private static long zeroByte(long w) {
    return (w - ONES) & ~w & HIGHS;
  }

  /** Appends the UTF-8 text {@code s[from, to)}. */
  private void appendDecoded(StringBuilder b, int from, int to) {
    if (to > from) {
      b.append(string(from, to));
    }
  }

  /** Reads a reference at {@code pos} (on '&') and appends what it stands for. */
  private void reference(StringBuilder out) {
    int semi = indexOf(SEMICOLON, pos + 1);
    if (semi < 0 || semi - pos > 12) {
      throw malformed("unterminated reference");
    }
    String ref = string(pos + 1, semi);
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
              "XML entity reference refused: &" + ref + ";", pos - base, "xml", null);
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

  /**
   * Reads a name at {@code pos} into {@link #nameStart}, {@link #nameEnd} and {@link #nameColon}.
   * Non-ASCII bytes are taken into the name, which is then decoded and checked character by
   * character.
   */
  private void name() {
    final int start = pos;
    final byte[] s = this.s;
    final int n = this.n;
    if (start >= n || !startsName(s[start])) {
      throw malformed("name expected");
    }
    int p = start;
    int colon = -1;
    boolean second = false;
    boolean wide = false;
    while (p < n) {
      int c = s[p] & 0xff;
      if (c >= 0x80) {
        wide = true;
      } else if (!ASCII_NAME[c]) {
        break;
      } else if (c == ':') {
        if (colon < 0) {
          colon = p;
        } else {
          second = true;
        }
      }
      p++;
    }
    pos = p;
    if (colon == start
        || colon == p - 1
        || second
        || (colon >= 0 && !startsName(s[colon + 1]))
        || (wide && !validWideName(start, colon, p))) {
      throw malformed("bad qualified name " + string(start, p));
    }
    nameStart = start;
    nameEnd = p;
    nameColon = colon;
  }

  /** Whether a name may start with this byte (a non-ASCII one is checked once decoded). */
  private static boolean startsName(byte b) {
    int c = b & 0xff;
    return c >= 0x80 || isNameStart((char) c);
  }

  /** Checks a name with non-ASCII characters as the decoded characters XML allows in names. */
  private boolean validWideName(int start, int colon, int end) {
    String name = string(start, end);
    int localStart = colon < 0 ? 0 : string(start, colon).length() + 1;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = i == 0 || i == localStart ? isNameStart(c) : isNameChar(c);
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private void bind(String prefix, String uri) {
    if (nsCount == nsPrefix.length) {
      nsPrefix = Arrays.copyOf(nsPrefix, nsCount * 2);
      nsUri = Arrays.copyOf(nsUri, nsCount * 2);
    }
    nsPrefix[nsCount] = prefix;
    nsUri[nsCount] = uri;
    nsCount++;
  }

  /** The URI bound to the default namespace, null when there is none. */
  private String lookup() {
    for (int i = nsCount - 1; i >= 0; i--) {
      if (nsPrefix[i].isEmpty()) {
        return nsUri[i].isEmpty() ? null : nsUri[i];
      }
    }
    return null;
  }

  /** The URI bound to the prefix {@code s[start, colon)} of the name ending at {@code end}. */
  private String lookupPrefixed(int start, int colon, int end) {
    int len = colon - start;
    if (len == 3 && has(XML, start)) {
      return XML_NS;
    }
    if (len == 5 && has(XMLNS, start)) {
      return XMLNS_NS;
    }
    String wide = null;
    for (int i = nsCount - 1; i >= 0; i--) {
      String p = nsPrefix[i];
      boolean match;
      if (p.length() == len && same(start, p)) {
        match = true;
      } else if (p.length() < len && !ascii(start, colon)) {
        // a non-ASCII prefix has more bytes than characters: compare it decoded
        if (wide == null) {
          wide = string(start, colon);
        }
        match = wide.equals(p);
      } else {
        match = false;
      }
      if (match) {
        if (nsUri[i].isEmpty()) {
          break;
        }
        return nsUri[i];
      }
    }
    String prefix = string(start, colon);
    throw malformed("prefix " + prefix + " of " + string(start, end) + " is not declared");
  }

  /** {@code s[from, to)} as a string, the one in {@code table} if it is there. */
  private String intern(Table table, int from, int to) {
    int known = table.index(s, from, to);
    return known >= 0 ? table.strings[known] : string(from, to);
  }

  /**
   * Known names or URIs by their bytes, in an open-addressing table found by a {@link #signature}
   * of a few bytes instead of a hash of all of them: a hash over every byte of an 80-byte MM7
   * namespace is a chain of 80 dependent multiplications. The strings are the JVM's interned ones,
   * the same instances as the literals code asks {@link XmlNode} for, so most lookups there match
   * on identity.
   */
  private static final class Table {
    final String[] strings;

    /** {@link XmlNode#nameKey} of each string. */
    final int[] keys;

    final byte[][] bytes;
    private final int mask;

    Table(String... names) {
      int size = Integer.highestOneBit(names.length * 4);
      strings = new String[size];
      keys = new int[size];
      bytes = new byte[size][];
      mask = size - 1;
      for (String name : names) {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        int i = signature(b, 0, b.length) & mask;
        while (strings[i] != null && !strings[i].equals(name)) {
          i = (i + 1) & mask;
        }
        strings[i] = name.intern();
        keys[i] = XmlNode.nameKey(name);
        bytes[i] = b;
      }
    }

    /** Where {@code s[from, to)} is in the table, or -1. */
    int index(byte[] s, int from, int to) {
      int len = to - from;
      int i = signature(s, from, to) & mask;
      byte[] cand;
      while ((cand = bytes[i]) != null) {
        if (cand.length == len && sameBytes(s, from, cand, len)) {
          return i;
        }
        i = (i + 1) & mask;
      }
      return -1;
    }

    private static boolean sameBytes(byte[] s, int from, byte[] cand, int len) {
      if (len >= 16) {
        // namespace URIs: the JDK's vectorised comparison
        return Arrays.equals(s, from, from + len, cand, 0, len);
      }
      if (len >= 8) {
        // the first and the last eight bytes, overlapping when shorter than 16
        return (long) LONG_LE.get(s, from) == (long) LONG_LE.get(cand, 0)
            && (long) LONG_LE.get(s, from + len - 8) == (long) LONG_LE.get(cand, len - 8);
      }
      for (int k = 0; k < len; k++) {
        if (s[from + k] != cand[k]) {
          return false;
        }
      }
      return true;
    }

    /**
     * A hash of the length and a few bytes: the first, the middle, the last, and the ninth from the
     * end, where MM7 namespaces differ ({@code REL-5-MM7-1-0}, {@code REL-6-MM7-1-0}).
     */
    static int signature(byte[] s, int from, int to) {
      int len = to - from;
      if (len == 0) {
        return 0;
      }
      int h = len;
      h = 31 * h + s[from];
      h = 31 * h + s[from + (len >>> 1)];
      h = 31 * h + s[to - 1];
      if (len >= 9) {
        h = 31 * h + s[to - 9];
      }
      return h ^ (h >>> 7) ^ (h >>> 15);
    }
  }

  /** The UTF-8 text {@code s[from, to)}. */
  private String string(int from, int to) {
    return new String(s, from, to - from, StandardCharsets.UTF_8);
  }

  private boolean ascii(int from, int to) {
    for (int i = from; i < to; i++) {
      if (s[i] < 0) {
        return false;
      }
    }
    return true;
  }

  /** Whether the document holds the ASCII {@code literal} at {@code at}. */
  private boolean has(byte[] literal, int at) {
    int len = literal.length;
    if (at < base || at > n - len) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (s[at + i] != literal[i]) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code s[a, a + len)} equals {@code s[b, b + len)}, both in range. */
  private boolean same(int a, int b, int len) {
    final byte[] s = this.s;
    int i = 0;
    for (; i + 8 <= len; i += 8) {
      if ((long) LONG_LE.get(s, a + i) != (long) LONG_LE.get(s, b + i)) {
        return false;
      }
    }
    for (; i < len; i++) {
      if (s[a + i] != s[b + i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the bytes at {@code at} are the ASCII string {@code ascii} ({@code ascii.length()}
   * bytes, in range). A non-ASCII byte is negative and never equals a char of it.
   */
  private boolean same(int at, String ascii) {
    final byte[] s = this.s;
    for (int i = 0, len = ascii.length(); i < len; i++) {
      if (s[at + i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The first index of the ASCII {@code what} at or after {@code from}, or -1. */
  private int indexOf(byte[] what, int from) {
    byte first = what[0];
    for (int i = from, last = n - what.length; i <= last; i++) {
      if (s[i] == first && has(what, i)) {
        return i;
      }
    }
    return -1;
  }

  private static String[] uris() {
    List<Mm7Version> versions = Mm7Version.standardVersions();
    String[] u = new String[versions.size() + 6];
    int k = 0;
    u[k++] = "http://schemas.xmlsoap.org/soap/envelope/";
    u[k++] = "http://www.w3.org/2003/05/soap-envelope";
    u[k++] = "http://schemas.xmlsoap.org/soap/encoding/";
    u[k++] = "http://www.w3.org/2001/XMLSchema-instance";
    u[k++] = "http://www.w3.org/2001/XMLSchema";
    u[k++] = XML_NS;
    for (Mm7Version v : versions) {
      u[k++] = v.namespace();
    }
    return u;
  }

  // ------------------------------------------------------------------ characters

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final byte[] XML_DECL = ascii("<?xml");
  private static final byte[] QUESTION_GT = ascii("?>");
  private static final byte[] COMMENT = ascii("<!--");
  private static final byte[] DASHES = ascii("--");
  private static final byte[] CDATA = ascii("<![CDATA[");
  private static final byte[] CDATA_END = ascii("]]>");
  private static final byte[] DOCTYPE = ascii("<!DOCTYPE");
  private static final byte[] XML = ascii("xml");
  private static final byte[] XMLNS = ascii("xmlns");
  private static final byte[] SEMICOLON = ascii(";");

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private boolean skipSpace() {
    int start = pos;
    while (pos < n && isSpace(s[pos])) {
      pos++;
    }
    return pos > start;
  }

  private void checkChars(int from, int to) {
    for (int i = from; i < to; i++) {
      int c = s[i] & 0xff;
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        pos = i;
        throw badChar(c);
      }
      if (c == 0xEF) {
        checkNonCharacter(i);
      }
    }
  }

  /**
   * Refuses U+FFFE and U+FFFF (EF BF BE and EF BF BF in UTF-8), which XML forbids, at {@code i} (on
   * a 0xEF byte).
   */
  private void checkNonCharacter(int i) {
    if (i + 2 < n && s[i + 1] == (byte) 0xBF && (s[i + 2] & 0xfe) == 0xBE) {
      pos = i;
      throw badChar(0xFFFE | (s[i + 2] & 1));
    }
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
  }

  /** Which ASCII characters {@link #isNameChar} accepts. */
  private static final boolean[] ASCII_NAME = new boolean[0x80];

  static {
    for (char c = 0; c < 0x80; c++) {
      ASCII_NAME[c] = isNameChar(c);
    }
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

  private MmsMalformedException badChar(int c) {
    return malformed(String.format("character U+%04X not allowed in XML", c));
  }

  private MmsMalformedException malformed(String why) {
    return new MmsMalformedException("malformed XML: " + why, pos - base, "xml", null);
  }
}
