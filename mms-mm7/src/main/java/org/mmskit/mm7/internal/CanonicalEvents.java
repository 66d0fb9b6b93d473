package org.mmskit.mm7.internal;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLEventFactory;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.events.Attribute;
import javax.xml.stream.events.StartElement;
import javax.xml.stream.events.XMLEvent;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.mm7.Mm7Version;

/**
 * The StAX events of a SOAP document, with the MM7 element (the first child of the SOAP Body, or
 * the error response in a Fault's detail, or a bare MM7 root) presented as the canonical
 * REL-6-MM7-1-4 binding expects it: every element in the canonical namespace whatever namespace or
 * none the peer used, names in the schema's spelling ({@code MM7SubmitReq}, {@code submitreq}), the
 * aliases real MMSCs use ({@code Version}, {@code RFC822Address}, {@code AuxApplicID}, {@code
 * Date}/{@code TimeStamp}, a DeliverReq's sender inside {@code SenderIdentification}), and an
 * address given as plain text wrapped in the element its form calls for.
 *
 * <p>Also enforces the bounds on untrusted XML: no DTD, no entity references, at most {@link
 * #MAX_DEPTH} levels, {@link #MAX_ATTRIBUTES} attributes per element and {@link
 * Mm7Limits#maxXmlElements()} elements. One instance reads one document; not thread-safe.
 */
final class CanonicalEvents implements XMLEventReader {
  static final int MAX_DEPTH = 64;
  static final int MAX_ATTRIBUTES = 64;

  private static final String FLATTENED = "";
  private static final Set<String> ADDRESS_HOLDERS =
      Set.of("Sender", "Recipient", "SenderAddress", "To", "Cc", "Bcc");
  private static final Set<String> ADDRESS_VALUES = Set.of("Number", "RFC2822Address", "ShortCode");
  private static final Set<String> RECIPIENT_LISTS = Set.of("To", "Cc", "Bcc");
  private static final Set<String> ERROR_RESPONSES =
      Set.of("rserrorrsp", "vasperrorrsp", "mm7rserrorrsp", "mm7vasperrorrsp");

  private final XMLEventReader in;
  private final int maxElements;
  private final XMLEventFactory factory = XMLEventFactory.newDefaultFactory();
  private final ArrayDeque<XMLEvent> pending = new ArrayDeque<>();

  /** Raw local names of the open elements outside the MM7 element. */
  private final ArrayDeque<String> outer = new ArrayDeque<>();

  /** Canonical names of the open elements of the MM7 element ({@link #FLATTENED}: not shown). */
  private final ArrayDeque<String> inner = new ArrayDeque<>();

  private int elements;

  /** A recipient list whose end is held back: merged with the same list if it comes again. */
  private String heldListEnd;

  /** The recipient lists seen in the open {@code Recipients}. */
  private final java.util.Set<String> listsSeen = new java.util.HashSet<>();

  private StringBuilder addressText;
  private boolean addressHasChild;
  private Mm7Version version;
  private String mm7Namespace;

  CanonicalEvents(XMLEventReader in, Mm7Limits limits) {
    this.in = in;
    this.maxElements = limits.maxXmlElements();
  }

  /** The profile of the first 3GPP MM7 namespace on the MM7 element or within it, or null. */
  Mm7Version version() {
    return version;
  }

  /** The namespace the peer wrote on the MM7 element ("" for none), null before it is read. */
  String mm7Namespace() {
    return mm7Namespace;
  }

  @Override
  public XMLEvent nextEvent() throws XMLStreamException {
    fill();
    XMLEvent e = pending.poll();
    if (e == null) {
      throw new NoSuchElementException("end of document");
    }
    return e;
  }

  @Override
  public boolean hasNext() {
    try {
      fill();
    } catch (XMLStreamException e) {
      throw new MmsMalformedException("malformed XML: " + e.getMessage(), e);
    }
    return !pending.isEmpty();
  }

  @Override
  public XMLEvent peek() throws XMLStreamException {
    fill();
    return pending.peek();
  }

  @Override
  public Object next() {
    try {
      return nextEvent();
    } catch (XMLStreamException e) {
      throw new MmsMalformedException("malformed XML: " + e.getMessage(), e);
    }
  }

  @Override
  public String getElementText() throws XMLStreamException {
    StringBuilder sb = new StringBuilder();
    int depth = 0;
    while (true) {
      XMLEvent e = nextEvent();
      if (e.isCharacters()) {
        sb.append(e.asCharacters().getData());
      } else if (e.isStartElement()) {
        depth++;
      } else if (e.isEndElement() && depth-- == 0) {
        return sb.toString();
      }
    }
  }

  @Override
  public XMLEvent nextTag() throws XMLStreamException {
    while (true) {
      XMLEvent e = nextEvent();
      if (e.isStartElement() || e.isEndElement()) {
        return e;
      }
    }
  }

  @Override
  public Object getProperty(String name) {
    return in.getProperty(name);
  }

  @Override
  public void close() throws XMLStreamException {
    in.close();
  }

  /** Reads raw events until there is one to hand out or the document ends. */
  private void fill() throws XMLStreamException {
    while (pending.isEmpty() && in.hasNext()) {
      take(in.nextEvent());
    }
  }

  private void take(XMLEvent e) throws XMLStreamException {
    switch (e.getEventType()) {
      case XMLEvent.DTD:
        throw new MmsMalformedException("XML with a DTD refused", 0, "xml", null);
      case XMLEvent.ENTITY_REFERENCE:
        throw new MmsMalformedException("XML entity references refused", 0, "xml", null);
      case XMLEvent.START_ELEMENT:
        start(e.asStartElement());
        break;
      case XMLEvent.END_ELEMENT:
        end(e);
        break;
      case XMLEvent.CHARACTERS:
      case XMLEvent.CDATA:
      case XMLEvent.SPACE:
        if (heldListEnd != null) {
          break; // between recipient lists: only white space matters here
        }
        if (inMm7() && holdsAddress(inner.peek())) {
          if (!addressHasChild) {
            addressText.append(e.asCharacters().getData());
          }
        } else {
          pending.add(e);
        }
        break;
      case XMLEvent.COMMENT:
      case XMLEvent.PROCESSING_INSTRUCTION:
        break;
      default:
        pending.add(e);
    }
  }

  /** Whether the element holds an address (null: no open element). */
  private static boolean holdsAddress(String name) {
    return name != null && ADDRESS_HOLDERS.contains(name);
  }

  private boolean inMm7() {
    return !inner.isEmpty();
  }

  private void start(StartElement s) {
    if (outer.size() + inner.size() >= MAX_DEPTH) {
      throw new MmsMalformedException(
          "XML nested deeper than " + MAX_DEPTH + " levels", 0, "xml", null);
    }
    if (++elements > maxElements) {
      throw new MmsMalformedException("more than " + maxElements + " XML elements", 0, "xml", null);
    }
    int attributes = 0;
    for (Iterator<Attribute> i = s.getAttributes(); i.hasNext(); i.next()) {
      if (++attributes > MAX_ATTRIBUTES) {
        throw new MmsMalformedException(
            "more than " + MAX_ATTRIBUTES + " attributes on <" + s.getName().getLocalPart() + ">",
            0,
            s.getName().getLocalPart(),
            null);
      }
    }
    String local = s.getName().getLocalPart();
    if (!inMm7() && !startsMm7(local)) {
      outer.push(local);
      pending.add(s);
      return;
    }
    String ns = s.getName().getNamespaceURI();
    if (mm7Namespace == null) {
      mm7Namespace = ns;
    }
    if (version == null && !ns.isEmpty()) {
      version = Mm7Version.forNamespace(ns).orElse(null);
    }
    String name = canonicalName(local);
    if ("Recipients".equals(inner.peek()) && RECIPIENT_LISTS.contains(name)) {
      if (name.equals(heldListEnd)) {
        heldListEnd = null; // the same list again: one list, so no recipient is lost
        inner.push(name);
        addressText = new StringBuilder();
        addressHasChild = false;
        return;
      }
      if (!listsSeen.add(name)) {
        throw new MmsMalformedException(
            "<" + local + "> given twice in <Recipients>", 0, local, null);
      }
    }
    releaseHeldList();
    if (name.equals("Recipients")) {
      listsSeen.clear();
    }
    if (holdsAddress(inner.peek())) {
      if (!ADDRESS_VALUES.contains(name)) {
        throw new MmsMalformedException(
            "unknown address element <" + local + "> in <" + inner.peek() + ">", 0, local, null);
      }
      addressHasChild = true;
    }
    inner.push(name);
    if (name.equals(FLATTENED)) {
      return;
    }
    if (ADDRESS_HOLDERS.contains(name)) {
      addressText = new StringBuilder();
      addressHasChild = false;
    }
    pending.add(
        factory.createStartElement(
            new QName(Mm7Xml.CANONICAL, name), s.getAttributes(), s.getNamespaces()));
  }

  /** Whether an element outside the MM7 element starts it. */
  private boolean startsMm7(String local) {
    if (outer.isEmpty()) {
      return !local.equalsIgnoreCase("Envelope"); // a bare MM7 element, as some peers post
    }
    if (outer.size() == 2 && outer.peek().equalsIgnoreCase("Body")) {
      return !local.equalsIgnoreCase("Fault");
    }
    return outer.size() >= 4
        && outer.contains("detail")
        && ERROR_RESPONSES.contains(local.toLowerCase(Locale.ROOT));
  }

  private void end(XMLEvent e) {
    if (!inMm7()) {
      outer.pop();
      pending.add(e);
      return;
    }
    String name = inner.pop();
    if (name.equals(FLATTENED)) {
      return;
    }
    releaseHeldList();
    if (ADDRESS_HOLDERS.contains(name) && !addressHasChild) {
      String text = addressText.toString().strip();
      if (!text.isEmpty()) {
        wrapAddress(text);
      }
    }
    if (ADDRESS_VALUES.contains(name)) {
      addressHasChild = true;
    }
    if (RECIPIENT_LISTS.contains(name) && "Recipients".equals(inner.peek())) {
      heldListEnd = name;
      return;
    }
    pending.add(factory.createEndElement(new QName(Mm7Xml.CANONICAL, name), null));
  }

  private void releaseHeldList() {
    if (heldListEnd != null) {
      pending.add(factory.createEndElement(new QName(Mm7Xml.CANONICAL, heldListEnd), null));
      heldListEnd = null;
    }
  }

  /** A legacy address given as text: the element its form calls for around it. */
  private void wrapAddress(String text) {
    Address a;
    try {
      a = Address.parse(text);
    } catch (IllegalArgumentException ex) {
      throw new MmsMalformedException("unreadable address: " + text, 0, "address", ex);
    }
    String element =
        switch (a.kind()) {
          case EMAIL -> "RFC2822Address";
          case SHORT_CODE -> "ShortCode";
          default -> "Number";
        };
    QName q = new QName(Mm7Xml.CANONICAL, element);
    pending.add(factory.createStartElement(q, null, null));
    pending.add(factory.createCharacters(text));
    pending.add(factory.createEndElement(q, null));
  }

  /** The schema's name for an element of the MM7 element, given its parent's. */
  private String canonicalName(String local) {
    String parent = null;
    for (String n : inner) {
      if (!n.equals(FLATTENED)) {
        parent = n;
        break;
      }
    }
    String name = local;
    if (parent == null
        && name.length() > 3
        && name.regionMatches(true, 0, "MM7", 0, 3)
        && Character.isUpperCase(name.charAt(3))
        && !name.equalsIgnoreCase("MM7Version")) {
      name = name.substring(3); // MM7SubmitReq, MM7VASPErrorRsp
    }
    String known = Mm7Xml.schemaName(name);
    if (known != null) {
      name = known;
    } else {
      name =
          switch (name.toLowerCase(Locale.ROOT)) {
            case "version" -> "MM7Version";
            case "rfc822address" -> "RFC2822Address";
            case "auxapplicid" -> "AuxApplicInfo";
            default -> name;
          };
    }
    if ("DeliveryReportReq".equals(parent) && name.equals("TimeStamp")) {
      return "Date";
    }
    if ("ReadReplyReq".equals(parent) && name.equals("Date")) {
      return "TimeStamp";
    }
    if ("DeliverReq".equals(parent)) {
      // seen in the field: a DeliverReq's sender inside SenderIdentification/SenderAddress
      if (name.equals("SenderIdentification")) {
        return FLATTENED;
      }
      if (name.equals("SenderAddress")) {
        return "Sender";
      }
    }
    return name;
  }
}
