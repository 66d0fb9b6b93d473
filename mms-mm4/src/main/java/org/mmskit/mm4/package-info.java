/**
 * MMSKit MM4: MMS between MMSCs over SMTP (3GPP TS 23.140 §8, RFC 4356). {@link
 * org.mmskit.mm4.Mm4Client} sends {@code MM4_forward.REQ} mails, {@link org.mmskit.mm4.Mm4Listener}
 * receives requests and responses on an embedded SMTP server.
 */
package org.mmskit.mm4;
