package org.mmskit.mm7.internal;

import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.events.StartElement;
import javax.xml.stream.events.XMLEvent;
import org.mmskit.core.Header;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.mm7.Mm7Dialect;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.jaxb.ContentReferenceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an MM7 HTTP body: the MIME structure with {@link MimeReader}, the SOAP envelope with StAX,
 * the MM7 element with JAXB into the classes generated from the canonical schema (through {@link
 * CanonicalEvents}, which maps what real MMSCs send onto that binding), then {@link JaxbToMm7}.
 * Stateless.
 */
final class Mm7Reader {
  private static final Logger LOG = LoggerFactory.getLogger(Mm7Reader.class);

  private Mm7Reader() {}

  /** Reads {@code body[0, length)}; what is returned holds no reference to the array. */
  static Mm7Envelope read(String contentType, byte[] body, int length, Mm7Limits limits) {
    MimeEntity top = MimeReader.parseBody(contentType, body, length, limits);
    MimeEntity soap = top;
    List<MimeEntity> attachments = List.of();
    if (top.isMultipart()) {
      soap = soapRoot(top);
      attachments = new ArrayList<>(top.children());
      attachments.remove(soap);
    }
    if (soap.rawLength() == 0) {
      throw new MmsMalformedException("empty MM7 body", 0, "body", null);
    }
    ByteArrayInputStream xml;
    int xmlLength;
    if (soap.rawRange()) {
      xmlLength = soap.to() - soap.from();
      xml = new ByteArrayInputStream(soap.source(), soap.from(), xmlLength);
    } else {
      byte[] b = soap.body();
      xmlLength = b.length;
      xml = new ByteArrayInputStream(b);
    }
    if (xmlLength > limits.maxXmlBytes()) {
      throw new MmsMalformedException(
          "SOAP XML larger than " + limits.maxXmlBytes() + " bytes", 0, "xml", null);
    }
    List<MimeEntity> parts = attachments;
    return readSoap(xml, limits, (content, message) -> content(content, parts, message));
  }

  /** What the SOAP Header told. */
  private static final class HeaderInfo {
    String transactionId;
    String transactionNamespace = "";
    boolean ericsson;
  }

  /** The TransactionID of a SOAP document, if it can be read whatever the rest holds. */
  static Optional<String> transactionId(byte[] body, int length, String contentType) {
    try {
      MimeEntity top = MimeReader.parseBody(contentType, body, length, Mm7Limits.defaults());
      MimeEntity soap = top.isMultipart() ? soapRoot(top) : top;
      byte[] xml = soap.rawRange() ? null : soap.body();
      ByteArrayInputStream in =
          xml == null
              ? new ByteArrayInputStream(soap.source(), soap.from(), soap.to() - soap.from())
              : new ByteArrayInputStream(xml);
      CanonicalEvents ev =
          new CanonicalEvents(Mm7Xml.inputFactory().createXMLEventReader(in), Mm7Limits.defaults());
      StartElement root = nextStart(ev);
      if (root == null || !root.getName().getLocalPart().equalsIgnoreCase("Envelope")) {
        return Optional.empty();
      }
      ev.nextEvent();
      StartElement child = nextStart(ev);
      if (child != null && child.getName().getLocalPart().equalsIgnoreCase("Header")) {
        ev.nextEvent();
        return Optional.ofNullable(readHeader(ev).transactionId);
      }
      return Optional.empty();
    } catch (XMLStreamException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Mm7Envelope readSoap(
      ByteArrayInputStream xml, Mm7Limits limits, JaxbToMm7.Parts parts) {
    CanonicalEvents ev;
    try {
      ev = new CanonicalEvents(Mm7Xml.inputFactory().createXMLEventReader(xml), limits);
    } catch (XMLStreamException e) {
      throw new MmsMalformedException("malformed XML: " + e.getMessage(), e);
    }
    try {
      HeaderInfo header = new HeaderInfo();
      StartElement root = nextStart(ev);
      if (root == null) {
        throw new MmsMalformedException("no XML element in the MM7 body", 0, "xml", null);
      }
      if (!isMm7(root)) {
        if (!root.getName().getLocalPart().equalsIgnoreCase("Envelope")) {
          throw new MmsMalformedException("not an MM7 document", 0, "xml", null);
        }
        ev.nextEvent();
        boolean body = false;
        while (!body) {
          StartElement s = nextStart(ev);
          if (s == null) {
            break;
          }
          String name = s.getName().getLocalPart();
          ev.nextEvent();
          if (name.equalsIgnoreCase("Header")) {
            header = readHeader(ev);
          } else if (name.equalsIgnoreCase("Body")) {
            body = true;
          } else {
            skip(ev);
          }
        }
        if (!body) {
          throw new MmsMalformedException("SOAP envelope without a Body element", 0, "Body", null);
        }
        StartElement first = nextStart(ev);
        if (first == null) {
          throw new MmsMalformedException("empty SOAP Body", 0, "Body", null);
        }
        if (!isMm7(first)) {
          ev.nextEvent();
          return fault(ev, header, parts);
        }
      }
      JAXBElement<?> element = unmarshal(ev);
      Mm7Body body = JaxbToMm7.body(element, parts);
      return new Mm7Envelope(
          Optional.ofNullable(header.transactionId),
          version(ev, header, JaxbToMm7.mm7Version(element.getValue())),
          dialect(ev, header),
          body);
    } catch (XMLStreamException e) {
      throw new MmsMalformedException("malformed XML: " + e.getMessage(), e);
    }
  }

  /** Whether the layer presents this element as the MM7 element. */
  private static boolean isMm7(StartElement s) {
    return Mm7Xml.CANONICAL.equals(s.getName().getNamespaceURI());
  }

  /** Skips to the next start tag at this level and returns it (not consumed); null at an end. */
  private static StartElement nextStart(XMLEventReader ev) throws XMLStreamException {
    while (ev.hasNext()) {
      XMLEvent e = ev.peek();
      if (e.isStartElement()) {
        return e.asStartElement();
      }
      if (e.isEndElement()) {
        ev.nextEvent();
        return null;
      }
      ev.nextEvent();
    }
    return null;
  }

  /** Skips the rest of the element just entered. */
  private static void skip(XMLEventReader ev) throws XMLStreamException {
    int depth = 0;
    while (ev.hasNext()) {
      XMLEvent e = ev.nextEvent();
      if (e.isStartElement()) {
        depth++;
      } else if (e.isEndElement() && depth-- == 0) {
        return;
      }
    }
  }

  /** Reads the SOAP Header just entered, up to its end. */
  private static HeaderInfo readHeader(XMLEventReader ev) throws XMLStreamException {
    HeaderInfo h = new HeaderInfo();
    int depth = 0;
    while (ev.hasNext()) {
      XMLEvent e = ev.nextEvent();
      if (e.isStartElement()) {
        String name = e.asStartElement().getName().getLocalPart();
        if (name.equalsIgnoreCase("TransactionID") || name.equalsIgnoreCase("Transaction-ID")) {
          h.transactionId = ev.getElementText().strip();
          h.transactionNamespace = e.asStartElement().getName().getNamespaceURI();
          h.ericsson |= name.equalsIgnoreCase("Transaction-ID");
        } else {
          h.ericsson |= name.equalsIgnoreCase("MM7Header");
          depth++;
        }
      } else if (e.isEndElement() && depth-- == 0) {
        break;
      }
    }
    return h;
  }

  /** Reads the SOAP Fault just entered: code, string, and the error response in its detail. */
  private static Mm7Envelope fault(CanonicalEvents ev, HeaderInfo header, JaxbToMm7.Parts parts)
      throws XMLStreamException {
    String code = "";
    String text = "";
    JAXBElement<?> error = null;
    for (StartElement s = nextStart(ev); s != null; s = nextStart(ev)) {
      String name = s.getName().getLocalPart();
      ev.nextEvent();
      if (name.equalsIgnoreCase("faultcode")) {
        code = ev.getElementText().strip();
      } else if (name.equalsIgnoreCase("faultstring")) {
        text = ev.getElementText().strip();
      } else if (name.equalsIgnoreCase("detail") && error == null) {
        error = errorResponse(ev);
      } else {
        skip(ev);
      }
    }
    Optional<Mm7Body.ErrorRsp> detail = Optional.empty();
    String value = null;
    if (error != null) {
      detail = Optional.of((Mm7Body.ErrorRsp) JaxbToMm7.body(error, parts));
      value = JaxbToMm7.mm7Version(error.getValue());
    }
    return new Mm7Envelope(
        Optional.ofNullable(header.transactionId),
        version(ev, header, value),
        dialect(ev, header),
        new Mm7Body.Fault(code, text, detail));
  }

  /** The error response anywhere in the detail just entered, or null; reads to its end. */
  private static JAXBElement<?> errorResponse(CanonicalEvents ev) throws XMLStreamException {
    JAXBElement<?> found = null;
    int depth = 0;
    while (ev.hasNext()) {
      XMLEvent e = ev.peek();
      if (e.isStartElement() && isMm7(e.asStartElement()) && found == null) {
        found = unmarshal(ev);
        continue;
      }
      ev.nextEvent();
      if (e.isStartElement()) {
        depth++;
      } else if (e.isEndElement() && depth-- == 0) {
        break;
      }
    }
    return found;
  }

  private static JAXBElement<?> unmarshal(CanonicalEvents ev) {
    try {
      Unmarshaller u = Mm7Xml.context().createUnmarshaller();
      // unknown elements and attributes are ignored, as the reader promises
      u.setEventHandler(
          event -> {
            LOG.debug("MM7 reader: {}", event.getMessage());
            return true;
          });
      StartElement s = ev.peek().asStartElement();
      String name = s.getName().getLocalPart();
      Object o = u.unmarshal(ev);
      if (!(o instanceof JAXBElement<?> element) || name.equals("TransactionID")) {
        throw new MmsMalformedException("unknown MM7 message <" + name + ">", 0, name, null);
      }
      return element;
    } catch (JAXBException | XMLStreamException e) {
      throw malformed(e);
    } catch (RuntimeException e) {
      // the layer's refusals reach here wrapped by JAXB; anything else is a bug to surface
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof MmsMalformedException m) {
          throw m;
        }
      }
      throw e;
    }
  }

  private static MmsMalformedException malformed(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MmsMalformedException m) {
        return m;
      }
    }
    return new MmsMalformedException("unreadable MM7 element: " + describe(e), e);
  }

  private static String describe(Throwable e) {
    Throwable t = e;
    while (t.getMessage() == null && t.getCause() != null) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }

  private static Mm7Dialect dialect(CanonicalEvents ev, HeaderInfo header) {
    String ns = ev.mm7Namespace();
    return header.ericsson || (ns != null && ns.startsWith("urn:MM7"))
        ? Mm7Dialect.ERICSSON
        : Mm7Dialect.STANDARD;
  }

  /**
   * The profile of the first MM7 namespace seen on the MM7 element or in it, else on the
   * TransactionID; with none, the release the {@code MM7Version} value names. The value read
   * replaces the profile's default.
   */
  private static Mm7Version version(CanonicalEvents ev, HeaderInfo header, String value) {
    Mm7Version v = ev.version();
    if (v == null && !header.transactionNamespace.isEmpty()) {
      v = Mm7Version.forNamespace(header.transactionNamespace).orElse(null);
    }
    String written = Mm7Values.text(value);
    if (v == null) {
      v =
          written != null && written.startsWith("5.")
              ? Mm7Version.REL_5_MM7_1_0
              : Mm7Version.REL_6_MM7_1_4;
    }
    return written != null && Mm7Values.isVersionValue(written) ? v.withMm7Version(written) : v;
  }

  /** The SOAP part: the one {@code start} names, else the first XML part, else the first part. */
  private static MimeEntity soapRoot(MimeEntity top) {
    String start = top.contentType().parameters().get("start");
    if (start != null) {
      String id = MimeEntity.normaliseId(start);
      for (MimeEntity c : top.children()) {
        if (id.equals(c.contentIdOrNull())) {
          return c;
        }
      }
    }
    for (MimeEntity c : top.children()) {
      String mt = c.mediaType();
      if (mt.equals("text/xml") || mt.equals("application/xml") || mt.endsWith("+xml")) {
        return c;
      }
    }
    return top.children().get(0);
  }

  // ---------------------------------------------------------------- MIME content

  /** Resolves {@code <Content href>} to the attached parts and puts them into the message. */
  private static void content(
      ContentReferenceType content, List<MimeEntity> attachments, MmsMessage.Builder b) {
    if (content != null) {
      Mm7Values.bool(content.getAllowAdaptations(), "allowAdaptations")
          .ifPresent(b::adaptationsAllowed);
    }
    if (attachments.isEmpty()) {
      return;
    }
    List<MimeEntity> chosen = new ArrayList<>();
    String hrefValue = content == null ? null : Mm7Values.text(content.getHref());
    if (hrefValue != null) {
      String href = MimeEntity.normaliseId(hrefValue);
      for (MimeEntity a : attachments) {
        if (href.equals(a.contentIdOrNull()) || href.equals(a.contentLocationOrNull())) {
          chosen.add(a);
        }
      }
    }
    if (chosen.isEmpty()) {
      chosen.addAll(attachments); // unresolved or missing href: every non-SOAP part
    }
    for (MimeEntity e : chosen) {
      addParts(e, b);
    }
  }

  private static void addParts(MimeEntity e, MmsMessage.Builder b) {
    if (!e.isMultipart()) {
      b.addPart(toPart(e));
      return;
    }
    MimeEntity start = null;
    if (e.mediaType().equals("multipart/related")) {
      Optional<String> s = e.contentType().parameter("start").map(MimeEntity::normaliseId);
      if (s.isPresent()) {
        for (MimeEntity c : e.children()) {
          if (c.contentId().filter(s.get()::equals).isPresent()) {
            start = c;
          }
        }
      }
      if (start == null) {
        for (MimeEntity c : e.children()) {
          if (c.mediaType().equals("application/smil")) {
            start = c;
            break;
          }
        }
      }
    }
    for (MimeEntity c : e.children()) {
      if (c == start && !c.isMultipart() && c.mediaType().equals("application/smil")) {
        b.presentation(toPart(c));
      } else {
        addParts(c, b);
      }
    }
  }

  private static MmsPart toPart(MimeEntity e) {
    MmsPart.Builder p = MmsPart.builder().contentType(e.contentType()).body(e.body());
    String id = e.contentIdOrNull();
    if (id != null) {
      p.contentId(id);
    }
    String location = e.contentLocationOrNull();
    if (location != null) {
      p.contentLocation(location);
    }
    for (Header h : e.headers()) {
      String n = h.name();
      if (n.equalsIgnoreCase("Content-Disposition")) {
        p.disposition(h.value());
      } else if (!n.equalsIgnoreCase("Content-Type")
          && !n.equalsIgnoreCase("Content-ID")
          && !n.equalsIgnoreCase("Content-Location")
          && !n.equalsIgnoreCase("Content-Transfer-Encoding")) {
        p.addHeader(h.name(), h.value());
      }
    }
    return p.build();
  }
}
