/**
 * MM7 (3GPP TS 23.140 SOAP over HTTP) for value-added service providers: {@link
 * org.mmskit.mm7.Mm7Client} submits, cancels and replaces messages at an MMSC; {@link
 * org.mmskit.mm7.Mm7Version} and {@link org.mmskit.mm7.Mm7Dialect} pick the schema and SOAP style a
 * given MMSC speaks.
 *
 * <p>Everything here is non-null unless typed {@link java.util.Optional}. Wire trace: set the SLF4J
 * logger {@code org.mmskit.wire} to DEBUG.
 */
package org.mmskit.mm7;
