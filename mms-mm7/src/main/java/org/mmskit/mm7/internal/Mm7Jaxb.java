package org.mmskit.mm7.internal;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import java.io.ByteArrayInputStream;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.jaxb.ObjectFactory;

/**
 * Strict reading into the JAXB classes generated from the canonical REL-6-MM7-1-4 schema. Any 3GPP
 * MM7 namespace is mapped onto the canonical one while reading, so one set of classes serves every
 * version. Used where a schema-typed view is wanted (validation tooling, tests cross-checking the
 * lenient reader); the hot path uses {@link Mm7Reader}. Thread-safe.
 */
public final class Mm7Jaxb {
  private static final String CANONICAL = Mm7Version.REL_6_MM7_1_4.namespace();
  private static final XMLInputFactory FACTORY = newFactory();
  private static volatile JAXBContext context;

  private Mm7Jaxb() {}

  private static XMLInputFactory newFactory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    // errors surface as exceptions; keep the parser from printing them to stderr
    f.setXMLReporter((message, type, info, location) -> {});
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    try {
      f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    } catch (IllegalArgumentException e) {
      // not supported here; DTDs are off anyway
    }
    return f;
  }

  private static JAXBContext context() throws JAXBException {
    JAXBContext c = context;
    if (c == null) {
      synchronized (Mm7Jaxb.class) {
        c = context;
        if (c == null) {
          c = JAXBContext.newInstance(ObjectFactory.class);
          context = c;
        }
      }
    }
    return c;
  }

  /**
   * Unmarshals the first child of the SOAP Body (or of a Fault's detail) into its JAXB type, e.g.
   * {@code JAXBElement<SubmitReqType>}.
   *
   * @throws MmsMalformedException when the XML is not well-formed or holds no MM7 element
   */
  public static JAXBElement<?> unmarshalBody(byte[] soapXml) {
    XMLStreamReader r = null;
    try {
      r = new CanonicalNamespace(FACTORY.createXMLStreamReader(new ByteArrayInputStream(soapXml)));
      while (r.hasNext()) {
        int ev = r.next();
        if (ev == XMLStreamConstants.DTD) {
          throw new MmsMalformedException("XML with a DTD refused", 0, "xml", null);
        }
        if (ev == XMLStreamConstants.START_ELEMENT
            && CANONICAL.equals(r.getNamespaceURI())
            && !r.getLocalName().equals("TransactionID")) {
          Unmarshaller u = context().createUnmarshaller();
          return (JAXBElement<?>) u.unmarshal(r);
        }
      }
      throw new MmsMalformedException("no MM7 element in the SOAP body", 0, "Body", null);
    } catch (XMLStreamException | JAXBException e) {
      throw new MmsMalformedException("cannot unmarshal MM7 XML: " + e.getMessage(), e);
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

  /** Presents every MM7 namespace (and unqualified MM7 children) as the canonical namespace. */
  private static final class CanonicalNamespace extends StreamReaderDelegate {
    CanonicalNamespace(XMLStreamReader r) {
      super(r);
    }

    @Override
    public String getNamespaceURI() {
      String ns = super.getNamespaceURI();
      if (ns != null && Mm7Version.forNamespace(ns).isPresent()) {
        return CANONICAL;
      }
      return ns;
    }

    @Override
    public javax.xml.namespace.QName getName() {
      return new javax.xml.namespace.QName(getNamespaceURI(), getLocalName());
    }
  }
}
