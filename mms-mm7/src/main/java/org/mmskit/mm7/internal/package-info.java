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
 * <p>SOAP bodies go through the JAXB classes in {@code org.mmskit.mm7.internal.jaxb}, generated at
 * build time from {@code src/main/resources/xsd/REL-6-MM7-1-4.xsd}, the canonical superset schema.
 * Reading: the JDK's StAX parser, {@link org.mmskit.mm7.internal.CanonicalEvents} presenting any
 * MM7 namespace and the quirks of real MMSCs as that binding, JAXB, then a mapper onto {@link
 * org.mmskit.mm7.internal.Mm7Body}. Writing: the JAXB objects marshalled in the chosen profile's
 * namespace, Release 6 elements left out for Release 5 profiles.
 */
package org.mmskit.mm7.internal;
