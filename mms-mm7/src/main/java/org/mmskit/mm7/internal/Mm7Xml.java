package org.mmskit.mm7.internal;

import com.ctc.wstx.api.InvalidCharHandler;
import com.ctc.wstx.api.WstxOutputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import com.ctc.wstx.stax.WstxOutputFactory;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.jaxb.ObjectFactory;

/**
 * What the MM7 reader and writer share: the SOAP and canonical MM7 namespaces, the JAXB context of
 * the classes generated from the canonical REL-6-MM7-1-4 schema, the element names of that schema,
 * and hardened StAX factories.
 */
final class Mm7Xml {
  static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";

  /** The namespace of the generated classes; every MM7 namespace is read as this one. */
  static final String CANONICAL = Mm7Version.REL_6_MM7_1_4.namespace();

  private Mm7Xml() {}

  /** Created on first use; a JAXBContext is immutable and thread-safe. */
  private static final class Context {
    static final JAXBContext INSTANCE = create();

    private static JAXBContext create() {
      try {
        return JAXBContext.newInstance(ObjectFactory.class);
      } catch (JAXBException e) {
        throw new IllegalStateException("cannot create the MM7 JAXB context", e);
      }
    }
  }

  /** Element names of the canonical schema, by lower-case name. */
  private static final class Names {
    static final Map<String, String> BY_LOWER_CASE = load();

    private static Map<String, String> load() {
      Map<String, String> names = new HashMap<>();
      String xsd = "/xsd/" + Mm7Version.REL_6_MM7_1_4.schema() + ".xsd";
      try (InputStream in = Mm7Xml.class.getResourceAsStream(xsd)) {
        XMLStreamReader r = inputFactory().createXMLStreamReader(in);
        while (r.hasNext()) {
          if (r.next() == XMLStreamConstants.START_ELEMENT
              && r.getLocalName().equals("element")
              && r.getAttributeValue(null, "name") != null) {
            String name = r.getAttributeValue(null, "name");
            names.put(name.toLowerCase(Locale.ROOT), name);
          }
        }
      } catch (IOException | XMLStreamException | NullPointerException e) {
        throw new IllegalStateException("cannot read " + xsd, e);
      }
      return Map.copyOf(names);
    }
  }

  static JAXBContext context() {
    return Context.INSTANCE;
  }

  /** The schema's spelling of an element name matched without regard to case, or null. */
  static String schemaName(String localName) {
    return Names.BY_LOWER_CASE.get(localName.toLowerCase(Locale.ROOT));
  }

  /**
   * The input factory for untrusted XML: namespace aware, no DTD, no external entities, text
   * coalesced. Woodstox's factories are thread-safe once configured, and this one is configured
   * here and never changed; it also starts a reader far more cheaply than the JDK's, which builds
   * its buffers and symbol table anew for every document.
   */
  static XMLInputFactory inputFactory() {
    return Factories.INPUT;
  }

  /** The output factory for the SOAP writer; thread-safe, never changed after creation. */
  static XMLOutputFactory outputFactory() {
    return Factories.OUTPUT;
  }

  private static final class Factories {
    static final XMLInputFactory INPUT = newInputFactory();
    static final XMLOutputFactory OUTPUT = newOutputFactory();

    private static XMLOutputFactory newOutputFactory() {
      XMLOutputFactory f = new WstxOutputFactory();
      // XML 1.0 cannot carry most control characters: a value holding one (a subject, or an
      // error text quoting a damaged request) goes out with U+FFFD in its place instead of failing
      f.setProperty(
          WstxOutputProperties.P_OUTPUT_INVALID_CHAR_HANDLER,
          new InvalidCharHandler.ReplacingHandler('\uFFFD'));
      return f;
    }

    private static XMLInputFactory newInputFactory() {
      XMLInputFactory f = new WstxInputFactory();
      f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
      f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
      f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
      f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
      f.setProperty(XMLInputFactory.IS_COALESCING, true);
      // errors surface as exceptions; keep the parser from printing them
      f.setXMLReporter((message, type, info, location) -> {});
      return f;
    }
  }
}
