package org.mmskit.mm4.internal;

import java.util.Objects;

/**
 * How one connection writes MM4 mails.
 *
 * @param version the {@code X-Mms-3GPP-MMS-Version} written
 * @param originatorSystem our {@code X-Mms-Originator-System}, where peers send their {@code .RES}
 * @param mmscDomain our MMSC's domain: appended to the sender in {@code Sender} and {@code MAIL
 *     FROM}, and to generated IDs
 * @param recipientDomain the peer's domain, appended to recipients in {@code RCPT TO}
 * @param domainInHeaders also append the domains in {@code From}, {@code To} and {@code Cc}
 * @param ackRequest ask the peer for a {@code .RES}
 * @param vaspId the {@code X-Mms-VASP-ID} written, or null
 * @param vasId the {@code X-Mms-VAS-ID} written, or null
 */
public record Mm4WriteOptions(
    String version,
    String originatorSystem,
    String mmscDomain,
    String recipientDomain,
    boolean domainInHeaders,
    boolean ackRequest,
    String vaspId,
    String vasId) {
  public Mm4WriteOptions {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(originatorSystem, "originatorSystem");
    Objects.requireNonNull(mmscDomain, "mmscDomain");
    Objects.requireNonNull(recipientDomain, "recipientDomain");
  }
}
