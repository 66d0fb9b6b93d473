package org.mmskit.mm7;

/**
 * The SOAP style an MMSC speaks. Chosen per connection; receiving accepts all of them.
 *
 * <ul>
 *   <li>{@link #STANDARD}: 3GPP TS 23.140 document/literal SOAP, a {@code TransactionID} header and
 *       the schema elements of the chosen {@link Mm7Version}.
 *   <li>{@link #ERICSSON}: the pre-schema RPC/encoded style some Ericsson MMSCs speak (from TS
 *       23.140 v5.2.0): an {@code MM7Header} header block holding {@code Transaction-ID}, body
 *       elements such as {@code <MM7SubmitReq xmlns="urn:MM7Submit.Req">} with {@code Version}
 *       instead of {@code MM7Version}, and {@code xsi:type} on values. Submit and cancel are
 *       written in this style ({@code MM7CancelReq} in {@code urn:MM7Cancel.Req}, by analogy with
 *       submit); the public record of it is a fragment, so the element list after {@code Version}
 *       follows the 3GPP names.
 *   <li>{@link #LOGICACMG}: LogicaCMG MMSCs. No public description of a distinct wire format was
 *       found; it writes the 3GPP format with the MM7 namespace as default namespace (no element
 *       prefixes) and plain-text sender addresses, the traits reported of pre-schema
 *       implementations. Treat it as a starting point to adjust with the client's switches.
 * </ul>
 */
public enum Mm7Dialect {
  STANDARD,
  ERICSSON,
  LOGICACMG
}
