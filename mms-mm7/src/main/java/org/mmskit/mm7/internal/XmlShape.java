package org.mmskit.mm7.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The shape of a SOAP document a peer has sent: its bytes apart from the <em>values</em>, which are
 * the text of each element without child elements and the value of each attribute that is not a
 * namespace declaration. A peer sends the same few shapes again and again with other values (an
 * MMSC's DeliverReq differs from the last one in its TransactionID, sender, time stamp and
 * subject), so a document is first tried against the shapes seen last: when its bytes outside the
 * values are those of a shape, byte for byte, and each value is plain, its tree is built from the
 * shape without parsing.
 *
 * <p>Why the tree is then the one {@link SoapXmlParser} builds: the parser's work on the bytes
 * outside the values (markup, namespace declarations, the text between child elements, comments)
 * depends only on those bytes and on what came before, so it is the same as for the recorded
 * document; and a plain value is what the parser takes as one run without looking at it twice: a
 * text value without {@code '<'}, {@code '&'}, {@code ']'}, CR, 0xEF (the lead byte of U+FFFE and
 * U+FFFF) or a control character other than tab and LF, ending at a {@code '<'}; an attribute value
 * without its quote, {@code '&'}, {@code '<'}, 0xEF or any control character, ending at its quote.
 * Anything else, and every byte that differs, sends the document to the parser. A shape also counts
 * its elements, so a lower element limit is still enforced.
 *
 * <p>Shapes are kept in a small table shared by all threads; each is immutable. Only a document
 * that missed every shape is recorded, and only one such document in {@link #RECORD_EVERY}. A new
 * shape takes the last place of a full table, and a shape that matches moves one place up, so the
 * shapes a peer keeps sending come first and the ones it sent once go. Past the first shape, a
 * shape is tried only when the document has as many {@code '<'} as the shape's bytes outside its
 * values (a plain value has none), which is counted once. A document that misses still costs up to
 * a pass over it per shape tried: after {@link #DROUGHT} documents in a row have missed, only one
 * in {@link #PROBE_EVERY} tries the shapes, and one in {@code RECORD_EVERY * PROBE_EVERY} is
 * recorded, until one matches again; so a peer whose documents differ each time costs little more
 * than the parse.
 */
final class XmlShape {
  /** Shapes kept. */
  static final int KEPT = 8;

  /** One document in this many that match no shape is recorded as a new shape. */
  static final int RECORD_EVERY = 8;

  /** Larger documents are not recorded: their parse costs more than a shape would save. */
  static final int MAX_RECORDED_BYTES = 16 * 1024;

  private static final byte TEXT = 0;

  /** After this many documents in a row that matched no shape, most skip the shapes. */
  static final int DROUGHT = 16;

  /** In a drought, one document in this many tries the shapes. */
  static final int PROBE_EVERY = 32;

  private static volatile XmlShape[] shapes = new XmlShape[0];

  // racy counters: they only pace recording and trying, so a lost update costs nothing
  private static int misses;
  private static int drought;

  /**
   * The recorded document with its values cut out: a shape keeps nothing of the message it was
   * recorded from (no TransactionID, address or subject), only markup.
   */
  private final byte[] fixed;

  /** Where in {@link #fixed} each value was cut out. */
  private final int[] gap;

  /** How many {@code '<'} {@link #fixed} has. */
  private final int tags;

  // the values, in document order: where they were in the recorded document, and the quote of an
  // attribute value (0 for text)
  private final int[] valueFrom;
  private final int[] valueTo;
  private final byte[] quote;

  // the elements, in document order
  private final String[] namespace;
  private final String[] localName;
  private final int[] key;

  /** Attributes of element i: indexes firstAttribute[i] to firstAttribute[i + 1]. */
  private final int[] firstAttribute;

  private final String[] attributeNamespace;
  private final String[] attributeName;

  /** The value index of each attribute. */
  private final int[] attributeValue;

  /** The value index of element i's text, or -1 when it has child elements or is empty-tagged. */
  private final int[] textValue;

  /** The text of an element with child elements (null when it has none), raw and trimmed. */
  private final String[] fixedRaw;

  private final String[] fixedTrimmed;

  /** Children of element i: kids[firstKid[i]] to kids[firstKid[i + 1]]. */
  private final int[] firstKid;

  private final int[] kids;

  /** The shape of {@code doc[from, to)}, whose elements and values {@code r} recorded. */
  private XmlShape(Recorder r, byte[] doc, int from, int to) {
    int values = r.valueCount;
    valueFrom = Arrays.copyOf(r.valueFrom, values);
    valueTo = Arrays.copyOf(r.valueTo, values);
    quote = Arrays.copyOf(r.quote, values);
    int cut = 0;
    for (int v = 0; v < values; v++) {
      cut += valueTo[v] - valueFrom[v];
    }
    fixed = new byte[to - from - cut];
    gap = new int[values];
    int f = 0;
    int at = 0;
    for (int v = 0; v < values; v++) {
      int len = valueFrom[v] - at;
      System.arraycopy(doc, from + at, fixed, f, len);
      f += len;
      gap[v] = f;
      at = valueTo[v];
    }
    System.arraycopy(doc, from + at, fixed, f, fixed.length - f);
    tags = tags(fixed, 0, fixed.length);
    int count = r.count;
    namespace = new String[count];
    localName = new String[count];
    key = new int[count];
    textValue = Arrays.copyOf(r.textValue, count);
    fixedRaw = new String[count];
    fixedTrimmed = new String[count];
    firstAttribute = Arrays.copyOf(r.firstAttribute, count + 1);
    firstAttribute[count] = r.attributeCount;
    attributeNamespace = new String[r.attributeCount];
    attributeName = new String[r.attributeCount];
    attributeValue = Arrays.copyOf(r.attributeValue, r.attributeCount);
    firstKid = new int[count + 1];
    for (int i = 1; i < count; i++) {
      firstKid[r.parent[i] + 1]++;
    }
    for (int i = 0; i < count; i++) {
      firstKid[i + 1] += firstKid[i];
    }
    kids = new int[Math.max(0, count - 1)];
    int[] filled = Arrays.copyOf(firstKid, count);
    for (int i = 1; i < count; i++) {
      kids[filled[r.parent[i]]++] = i; // children come after their parent, in document order
    }
    for (int i = 0; i < count; i++) {
      XmlNode node = r.nodes[i];
      namespace[i] = node.namespace;
      localName[i] = node.localName;
      key[i] = XmlNode.nameKey(node.localName);
      for (int a = firstAttribute[i]; a < firstAttribute[i + 1]; a++) {
        String[] attr = node.attributes.get(a - firstAttribute[i]);
        attributeNamespace[a] = attr[0];
        attributeName[a] = attr[1];
      }
      if (node.childCount() > 0) {
        fixedRaw[i] = node.rawText();
        fixedTrimmed[i] = node.text();
      }
    }
  }

  /**
   * The tree of {@code s[from, to)} built from the first shape it has; null when it has none, or
   * when shapes are not tried for it (see the class comment).
   */
  static XmlNode match(byte[] s, int from, int to, Mm7Limits limits) {
    XmlShape[] kept = shapes;
    int n = kept.length;
    if (n == 0) {
      return null;
    }
    int d = drought;
    if (d >= DROUGHT && d % PROBE_EVERY != 0) {
      drought = (d + 1) & DROUGHT_MASK;
      return null;
    }
    int count = -1;
    for (int i = 0; i < n; i++) {
      XmlShape shape = kept[i];
      if (i > 0) {
        if (count < 0) {
          count = tags(s, from, to);
        }
        if (count != shape.tags) {
          continue;
        }
      }
      XmlNode root = shape.build(s, from, to, limits);
      if (root != null) {
        if (d != 0) {
          drought = 0;
        }
        if (i > 0) {
          // one place up; a change made meanwhile by another thread may be lost: only an order
          XmlShape[] next = kept.clone();
          next[i] = kept[i - 1];
          next[i - 1] = kept[i];
          shapes = next;
        }
        return root;
      }
    }
    drought = (d + 1) & DROUGHT_MASK;
    return null;
  }

  /** Wraps the drought count now and then, which then tries the shapes a few times in a row. */
  private static final int DROUGHT_MASK = (1 << 20) - 1;

  /** Whether the document that missed every shape should be recorded as one. */
  static boolean shouldRecord(int length) {
    if (length > MAX_RECORDED_BYTES) {
      return false;
    }
    int every = drought < DROUGHT ? RECORD_EVERY : RECORD_EVERY * PROBE_EVERY;
    return misses++ % every == 0;
  }

  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
  private static final long LTS = 0x3C3C3C3C3C3C3C3CL;

  /**
   * How many {@code '<'} are in {@code s[from, to)}, eight bytes at a time: after XOR with a word
   * of {@code '<'}, a byte is zero where one was, and {@code ((x & 0x7F..) + 0x7F..) | x} has the
   * top bit of exactly the other bytes set.
   */
  static int tags(byte[] s, int from, int to) {
    int zeros = 0;
    int i = from;
    for (int last = to - 8; i <= last; i += 8) {
      long x = (long) LONG_LE.get(s, i) ^ LTS;
      long nonZero = (((x & LOW7) + LOW7) | x) & ~LOW7;
      zeros += 8 - Long.bitCount(nonZero);
    }
    for (; i < to; i++) {
      if (s[i] == '<') {
        zeros++;
      }
    }
    return zeros;
  }

  /** Keeps a shape: last, in place of the last one when the table is full. */
  static void keep(XmlShape shape) {
    XmlShape[] kept = shapes;
    XmlShape[] next = Arrays.copyOf(kept, Math.min(kept.length + 1, KEPT));
    next[next.length - 1] = shape;
    shapes = next;
  }

  /** Forgets every shape and the drought (for tests). */
  static void forgetAll() {
    shapes = new XmlShape[0];
    drought = 0;
    misses = 0;
  }

  /** The shapes kept, first tried first (for tests). */
  static List<XmlShape> kept() {
    return List.of(shapes);
  }

  /** This shape's tree of {@code s[from, to)}, or null when the document does not have it. */
  XmlNode build(byte[] s, int from, int to, Mm7Limits limits) {
    int count = namespace.length;
    if (count > limits.maxXmlElements()) {
      return null;
    }
    int values = valueFrom.length;
    int[] at = new int[2 * values];
    byte[] fixed = this.fixed;
    int p = from;
    int f = 0;
    for (int v = 0; v < values; v++) {
      int len = gap[v] - f;
      if (to - p < len || !Arrays.equals(s, p, p + len, fixed, f, gap[v])) {
        return null;
      }
      p += len;
      int end = quote[v] == TEXT ? textEnd(s, p, to) : valueEnd(s, p, to, quote[v]);
      if (end < 0) {
        return null;
      }
      at[2 * v] = p;
      at[2 * v + 1] = end;
      p = end;
      f = gap[v];
    }
    if (!Arrays.equals(s, p, to, fixed, f, fixed.length)) {
      return null;
    }
    XmlNode[] nodes = new XmlNode[count];
    for (int i = 0; i < count; i++) {
      XmlNode node = new XmlNode(namespace[i], localName[i], key[i], attributes(i, s, at));
      int t = textValue[i];
      if (t >= 0) {
        node.appendText(s, at[2 * t], at[2 * t + 1]);
      } else if (fixedRaw[i] != null) {
        node.presetText(fixedRaw[i], fixedTrimmed[i]);
      }
      nodes[i] = node;
    }
    for (int i = 0; i < count; i++) {
      int k0 = firstKid[i];
      int k1 = firstKid[i + 1];
      if (k1 > k0) {
        XmlNode[] children = new XmlNode[k1 - k0];
        for (int k = k0; k < k1; k++) {
          children[k - k0] = nodes[kids[k]];
        }
        nodes[i].setChildren(children);
      }
    }
    return nodes[0];
  }

  private List<String[]> attributes(int i, byte[] s, int[] at) {
    int a0 = firstAttribute[i];
    int a1 = firstAttribute[i + 1];
    if (a1 == a0) {
      return List.of();
    }
    String[][] out = new String[a1 - a0][];
    for (int a = a0; a < a1; a++) {
      int v = attributeValue[a];
      out[a - a0] =
          new String[] {
            attributeNamespace[a],
            attributeName[a],
            SoapXmlParser.plainValue(s, at[2 * v], at[2 * v + 1])
          };
    }
    return out.length == 1 ? List.<String[]>of(out[0]) : Arrays.asList(out);
  }

  /** The index of the {@code '<'} that ends a plain text value starting at {@code p}, or -1. */
  private static int textEnd(byte[] s, int p, int to) {
    for (; p < to; p++) {
      int c = s[p] & 0xff;
      if (c == '<') {
        return p;
      }
      if (c == '&' || c == ']' || c == 0xEF || (c < 0x20 && c != '\t' && c != '\n')) {
        return -1;
      }
    }
    return -1;
  }

  /** The index of the quote that ends a plain attribute value starting at {@code p}, or -1. */
  private static int valueEnd(byte[] s, int p, int to, byte quote) {
    for (; p < to; p++) {
      int c = s[p] & 0xff;
      if (c == quote) {
        return p;
      }
      if (c == '&' || c == '<' || c == 0xEF || c < 0x20) {
        return -1;
      }
    }
    return -1;
  }

  // ------------------------------------------------------------------ for tests

  /** The number of values. */
  int valueCount() {
    return valueFrom.length;
  }

  /** Where value {@code v} starts in the recorded document. */
  int valueFrom(int v) {
    return valueFrom[v];
  }

  /** What the shape keeps of the recorded document: its bytes outside the values. */
  String markup() {
    return new String(fixed, StandardCharsets.UTF_8);
  }

  /** Whether value {@code v} is an attribute's (else it is an element's text). */
  boolean isAttribute(int v) {
    return quote[v] != TEXT;
  }

  /** Where value {@code v} ends in the recorded document. */
  int valueTo(int v) {
    return valueTo[v];
  }

  // ------------------------------------------------------------------ recording

  /**
   * Collects, while {@link SoapXmlParser} reads a document, where its elements and values are. It
   * is given positions in the parser's array and keeps them as offsets from the document's start.
   */
  static final class Recorder {
    private final int base;
    private XmlNode[] nodes = new XmlNode[16];
    private int[] parent = new int[16];
    private int[] textValue = new int[16];
    private int[] firstAttribute = new int[16];
    private int count;

    private int[] valueFrom = new int[16];
    private int[] valueTo = new int[16];
    private byte[] quote = new byte[16];
    private int valueCount;

    private int[] attributeValue = new int[16];
    private int attributeCount;

    /** How many attributes had been given when the last element was. */
    private int attributesBefore;

    // the open elements: their index, and where their content starts
    private final int[] open = new int[XmlNode.MAX_DEPTH];
    private final int[] contentStart = new int[XmlNode.MAX_DEPTH];
    private int depth;

    Recorder(int base) {
      this.base = base;
    }

    /**
     * An attribute of the start tag being read, not a namespace declaration: its value is {@code
     * [from, to)}, between the quotes {@code q}.
     */
    void attribute(int from, int to, byte q) {
      if (attributeCount == attributeValue.length) {
        attributeValue = Arrays.copyOf(attributeValue, attributeCount * 2);
      }
      attributeValue[attributeCount++] = value(from, to, q);
    }

    /**
     * The element whose start tag was just read, with the attributes given since the last one;
     * {@code contentFrom} is where its content starts, or -1 after an empty-element tag.
     */
    void element(XmlNode node, int contentFrom) {
      if (count == nodes.length) {
        nodes = Arrays.copyOf(nodes, count * 2);
        parent = Arrays.copyOf(parent, count * 2);
        textValue = Arrays.copyOf(textValue, count * 2);
        firstAttribute = Arrays.copyOf(firstAttribute, count * 2);
      }
      int index = count++;
      nodes[index] = node;
      parent[index] = depth == 0 ? -1 : open[depth - 1];
      textValue[index] = -1;
      firstAttribute[index] = attributesBefore;
      attributesBefore = attributeCount;
      if (contentFrom >= 0) {
        open[depth] = index;
        contentStart[depth] = contentFrom;
        depth++;
      }
    }

    /**
     * The end tag of the innermost open element starts at {@code tagFrom}; {@code leaf} when the
     * element had no child elements, so that its content is its text value.
     */
    void end(int tagFrom, boolean leaf) {
      depth--;
      if (leaf) {
        textValue[open[depth]] = value(contentStart[depth], tagFrom, TEXT);
      }
    }

    private int value(int from, int to, byte q) {
      if (valueCount == valueFrom.length) {
        valueFrom = Arrays.copyOf(valueFrom, valueCount * 2);
        valueTo = Arrays.copyOf(valueTo, valueCount * 2);
        quote = Arrays.copyOf(quote, valueCount * 2);
      }
      valueFrom[valueCount] = from - base;
      valueTo[valueCount] = to - base;
      quote[valueCount] = q;
      return valueCount++;
    }

    /** The shape of the document {@code s[base, to)}, which the parser has just read whole. */
    XmlShape shape(byte[] s, int to) {
      if (count == 0 || depth != 0) {
        throw new IllegalStateException("shape of a document not read whole");
      }
      return new XmlShape(this, s, base, to);
    }
  }
}
