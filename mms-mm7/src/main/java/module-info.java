/**
 * MMSKit MM7: the 3GPP TS 23.140 SOAP interface between a VASP and an MMSC. {@link
 * org.mmskit.mm7.Mm7Client} sends, {@link org.mmskit.mm7.Mm7Handler} and {@link
 * org.mmskit.mm7.Mm7Listener} receive.
 */
module org.mmskit.mm7 {
  requires transitive org.mmskit.core;
  requires transitive org.mmskit.server;
  requires jakarta.xml.bind;
  requires com.ctc.wstx;
  requires java.xml;
  requires org.mmskit.http;
  requires org.slf4j;

  exports org.mmskit.mm7;
  // the mock MMSC speaks MM7 with the same codec
  exports org.mmskit.mm7.internal to
      org.mmskit.testkit;

  // JAXB binds the generated classes by reflection
  opens org.mmskit.mm7.internal.jaxb to
      jakarta.xml.bind;
}
