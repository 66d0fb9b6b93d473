package org.mmskit.mm7.internal;

import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Set;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.mmskit.mm7.Mm7Dialect;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7Body.ErrorRsp;
import org.mmskit.mm7.internal.Mm7Body.Fault;

/**
 * Writes the SOAP envelope of an MM7 message: the envelope, header and fault with StAX, the MM7
 * element by marshalling its JAXB object (see {@link Mm7ToJaxb}) through {@link ProfileWriter},
 * which writes the chosen profile's namespace in place of the canonical one. The Ericsson RPC style
 * (not a 3GPP schema) wraps the same SubmitReq in its own envelope. Stateless.
 */
final class Mm7SoapWriter {
  private static final String ERICSSON_BODY_NS = "urn:MM7Submit.Req";
  private static final String SOAP_ENCODING = "http://schemas.xmlsoap.org/soap/encoding/";
  private static final String XSI_1999 = "http://www.w3.org/1999/XMLSchema-instance";
  private static final String XSD_1999 = "http://www.w3.org/1999/XMLSchema";

  private Mm7SoapWriter() {}

  /** Whether the envelope goes out in the Ericsson RPC style. */
  static boolean isEricsson(Mm7Envelope env, Mm7WriteOptions opts) {
    return opts.dialect() == Mm7Dialect.ERICSSON && env.body() instanceof Mm7Body.SubmitReq;
  }

  /**
   * The SOAP envelope as UTF-8.
   *
   * @param href the {@code Content} reference to the attached parts, null when there are none
   */
  static byte[] write(Mm7Envelope env, Mm7WriteOptions opts, String href) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try {
      XMLStreamWriter w = Mm7Xml.outputFactory().createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      if (isEricsson(env, opts)) {
        ericsson(w, env, opts, href);
      } else {
        standard(w, env, opts, href);
      }
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException | JAXBException e) {
      throw new IllegalArgumentException("cannot write the MM7 envelope: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  private static void standard(
      XMLStreamWriter w, Mm7Envelope env, Mm7WriteOptions opts, String href)
      throws XMLStreamException, JAXBException {
    String ns = env.version().namespace();
    boolean prefixed = opts.prefixElements();
    w.writeStartElement("env", "Envelope", Mm7Xml.SOAP_NS);
    w.writeNamespace("env", Mm7Xml.SOAP_NS);
    if (prefixed) {
      w.writeNamespace("mm7", ns);
    }
    if (env.transactionId().isPresent()) {
      w.writeStartElement("env", "Header", Mm7Xml.SOAP_NS);
      if (prefixed) {
        w.writeStartElement("mm7", "TransactionID", ns);
      } else {
        w.writeStartElement("", "TransactionID", ns);
        w.writeDefaultNamespace(ns);
      }
      w.writeAttribute("env", Mm7Xml.SOAP_NS, "mustUnderstand", "1");
      w.writeCharacters(env.transactionId().get());
      w.writeEndElement();
      w.writeEndElement();
    }
    w.writeStartElement("env", "Body", Mm7Xml.SOAP_NS);
    if (env.body() instanceof Fault f) {
      w.writeStartElement("env", "Fault", Mm7Xml.SOAP_NS);
      w.writeStartElement("faultcode");
      w.writeCharacters(f.faultCode().contains(":") ? f.faultCode() : "env:" + f.faultCode());
      w.writeEndElement();
      w.writeStartElement("faultstring");
      w.writeCharacters(f.faultString());
      w.writeEndElement();
      if (f.detail().isPresent()) {
        ErrorRsp e = f.detail().get();
        w.writeStartElement("detail");
        marshal(
            Mm7ToJaxb.element(e, env.version(), null),
            new ProfileWriter(w, ns, prefixed, true, false, false));
        w.writeEndElement();
      }
      w.writeEndElement();
    } else {
      marshal(
          Mm7ToJaxb.element(env.body(), env.version(), href),
          new ProfileWriter(w, ns, prefixed, !prefixed, opts.legacyTextAddresses(), false));
    }
    w.writeEndElement();
    w.writeEndElement();
  }

  /** The Ericsson RPC style: Transaction-ID in an MM7Header, MM7SubmitReq with Version. */
  private static void ericsson(
      XMLStreamWriter w, Mm7Envelope env, Mm7WriteOptions opts, String href)
      throws XMLStreamException, JAXBException {
    w.writeStartElement("SOAP-ENV", "Envelope", Mm7Xml.SOAP_NS);
    w.writeNamespace("SOAP-ENV", Mm7Xml.SOAP_NS);
    w.writeNamespace("xsi", XSI_1999);
    w.writeNamespace("xsd", XSD_1999);
    w.writeStartElement("SOAP-ENV", "Header", Mm7Xml.SOAP_NS);
    w.writeStartElement("", "MM7Header", "urn:xml-MM7Header");
    w.writeDefaultNamespace("urn:xml-MM7Header");
    w.writeAttribute("SOAP-ENV", Mm7Xml.SOAP_NS, "encodingStyle", SOAP_ENCODING);
    w.writeStartElement("", "Transaction-ID", "urn:xml-MM7Header");
    w.writeAttribute("xsi", XSI_1999, "type", "xsd:string");
    w.writeCharacters(env.transactionId().orElse(""));
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndElement();
    w.writeStartElement("SOAP-ENV", "Body", Mm7Xml.SOAP_NS);
    // the Ericsson body carries the Release 5 elements only
    Mm7Version r5 = Mm7Version.REL_5_MM7_1_0.withMm7Version(env.version().mm7Version());
    marshal(
        Mm7ToJaxb.element(env.body(), r5, href),
        new ProfileWriter(w, ERICSSON_BODY_NS, false, true, opts.legacyTextAddresses(), true));
    w.writeEndElement();
    w.writeEndElement();
  }

  private static void marshal(JAXBElement<?> element, XMLStreamWriter w) throws JAXBException {
    Marshaller m = Mm7Xml.context().createMarshaller();
    m.setProperty(Marshaller.JAXB_FRAGMENT, true);
    m.marshal(element, w);
  }

  /**
   * Writes a marshalled MM7 element in a profile's namespace: bound to {@code mm7} or as default
   * namespace, declared once on the element. With legacy text addresses, a sender's address value
   * is written as the text of its {@code Sender} or {@code SenderAddress}. {@code declare} false:
   * the namespace is declared on an enclosing element already. In the Ericsson style the element is
   * {@code MM7SubmitReq} and its version {@code Version}.
   */
  private static final class ProfileWriter extends DelegatingStreamWriter {
    private static final Set<String> LEGACY_HOLDERS = Set.of("Sender", "SenderAddress");

    private final String namespace;
    private final String prefix;
    private final boolean declare;
    private final boolean legacyText;
    private final boolean ericsson;

    /** The names of the open elements; null for one left out (its text is written). */
    private final ArrayDeque<String> open = new ArrayDeque<>();

    private int depth;

    ProfileWriter(
        XMLStreamWriter w,
        String namespace,
        boolean prefixed,
        boolean declare,
        boolean legacyText,
        boolean ericsson) {
      super(w);
      this.namespace = namespace;
      this.prefix = prefixed ? "mm7" : "";
      this.declare = declare;
      this.legacyText = legacyText;
      this.ericsson = ericsson;
    }

    @Override
    public void writeStartElement(String pfx, String localName, String ns)
        throws XMLStreamException {
      if (!Mm7Xml.CANONICAL.equals(ns)) {
        depth++;
        open.push(localName);
        super.writeStartElement(pfx, localName, ns);
        return;
      }
      String parent = open.peek();
      if (legacyText && parent != null && LEGACY_HOLDERS.contains(parent)) {
        open.push(SKIPPED);
        return;
      }
      String name = localName;
      if (ericsson && depth == 0) {
        name = "MM7" + localName;
      } else if (ericsson && name.equals("MM7Version")) {
        name = "Version";
      }
      open.push(localName);
      super.writeStartElement(prefix, name, namespace);
      if (depth++ == 0) {
        if (declare && prefix.isEmpty()) {
          super.writeDefaultNamespace(namespace);
        } else if (declare) {
          super.writeNamespace(prefix, namespace);
        }
        if (ericsson) {
          super.writeAttribute("SOAP-ENV", Mm7Xml.SOAP_NS, "encodingStyle", SOAP_ENCODING);
        }
      }
    }

    private static final String SKIPPED = "\u0000";

    @Override
    public void writeEndElement() throws XMLStreamException {
      String name = open.pop();
      if (name.equals(SKIPPED)) {
        return;
      }
      depth--;
      super.writeEndElement();
    }

    @Override
    public void writeNamespace(String pfx, String uri) throws XMLStreamException {
      if (!Mm7Xml.CANONICAL.equals(uri)) {
        super.writeNamespace(pfx, uri);
      }
    }

    @Override
    public void writeDefaultNamespace(String uri) throws XMLStreamException {
      if (!Mm7Xml.CANONICAL.equals(uri)) {
        super.writeDefaultNamespace(uri);
      }
    }

    @Override
    public void setPrefix(String pfx, String uri) throws XMLStreamException {
      if (!Mm7Xml.CANONICAL.equals(uri)) {
        super.setPrefix(pfx, uri);
      }
    }

    @Override
    public void writeAttribute(String localName, String value) throws XMLStreamException {
      if (!SKIPPED.equals(open.peek())) {
        super.writeAttribute(localName, value);
      }
    }

    @Override
    public void writeAttribute(String pfx, String ns, String localName, String value)
        throws XMLStreamException {
      if (!SKIPPED.equals(open.peek())) {
        super.writeAttribute(pfx, ns, localName, value);
      }
    }

    @Override
    public void writeAttribute(String ns, String localName, String value)
        throws XMLStreamException {
      if (!SKIPPED.equals(open.peek())) {
        super.writeAttribute(ns, localName, value);
      }
    }
  }
}
