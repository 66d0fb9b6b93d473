/**
 * MM7 implementation, not a public API: the SOAP/MIME codec ({@link
 * org.mmskit.mm7.internal.Mm7Codec}), the typed message values ({@link
 * org.mmskit.mm7.internal.Mm7Envelope}, {@link org.mmskit.mm7.internal.Mm7Body}), the answers a
 * listener sends ({@link org.mmskit.mm7.internal.Mm7Responses}), the status-code table and the HTTP
 * pieces of the client.
 *
 * <p>Receiving side in short:
 *
 * <pre>{@code
 * Mm7Envelope req = Mm7Codec.read(contentType, body, Mm7Limits.defaults()); // MmsMalformedException
 * if (req.body() instanceof Mm7Body.DeliveryReportReq dr) {
 *   Acknowledgement ack = listener.onDeliveryReport(dr.toDeliveryReport(context));
 *   Mm7Payload out = Mm7Codec.encode(Mm7Responses.answer(req, ack), Mm7WriteOptions.standard());
 *   // Content-Type: out.contentType(); body: out.writeTo(stream)
 * }
 * }</pre>
 *
 * <p>The JAXB classes in {@code org.mmskit.mm7.internal.jaxb} are generated at build time from
 * {@code src/main/resources/xsd/REL-6-MM7-1-4.xsd}, the canonical superset schema; {@link
 * org.mmskit.mm7.internal.Mm7Jaxb} reads any MM7 namespace into them. The writer is a hand-written
 * streaming one (element order per version). The lenient reader maps an {@link
 * org.mmskit.mm7.internal.XmlNode} tree, which {@link org.mmskit.mm7.internal.SoapXmlParser} parses
 * (tested against the JDK's StAX parser), or which {@link org.mmskit.mm7.internal.XmlShape} builds
 * without parsing when the document has the shape of a recent one.
 */
package org.mmskit.mm7.internal;
