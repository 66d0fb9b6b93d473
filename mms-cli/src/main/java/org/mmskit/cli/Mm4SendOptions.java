package org.mmskit.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mmskit.core.SubmitResult;
import org.mmskit.mm4.Mm4Client;
import picocli.CommandLine.Option;

/**
 * The {@code mmskit send --via mm4} options: where the peer's SMTP server is and how our MMSC
 * presents itself. The message options ({@code --from}, {@code --to}, {@code --file}...) are the
 * command's own.
 */
final class Mm4SendOptions {
  @Option(names = "--smtp-host", paramLabel = "HOST", description = "MM4: the peer's SMTP server")
  String smtpHost;

  @Option(
      names = "--smtp-port",
      paramLabel = "PORT",
      description = "MM4: its port (default 25, 465 with --smtps)")
  Integer smtpPort;

  @Option(
      names = "--starttls",
      description =
          "MM4: require STARTTLS (the server certificate is checked against the JVM's trust store)")
  boolean starttls;

  @Option(names = "--smtps", description = "MM4: TLS from the first byte (SMTPS)")
  boolean smtps;

  @Option(
      names = "--smtp-user",
      paramLabel = "USER",
      description =
          "MM4: SMTP AUTH user; the password from --password-file or MMSKIT_PASSWORD"
              + " (or --password)")
  String smtpUser;

  @Option(
      names = "--originator-system",
      paramLabel = "ADDRESS",
      description =
          "MM4: our X-Mms-Originator-System, where the peer sends its answers, e.g."
              + " mms@mms.mnc001.mcc001.gprs")
  String originatorSystem;

  @Option(
      names = "--mmsc-domain",
      paramLabel = "DOMAIN",
      description = "MM4: our MMSC's domain (default: the domain of --originator-system)")
  String mmscDomain;

  @Option(
      names = "--recipient-domain",
      paramLabel = "DOMAIN",
      description = "MM4: the peer's domain, appended to recipients in RCPT TO")
  String recipientDomain;

  @Option(
      names = "--domain-in-headers",
      description = "MM4: also write @domain after the addresses in From, To and Cc")
  boolean domainInHeaders;

  @Option(
      names = "--mm4-version",
      paramLabel = "VERSION",
      description = "MM4: X-Mms-3GPP-MMS-Version written (default 5.5.0)")
  String version;

  @Option(names = "--ack-request", description = "MM4: ask the peer for an MM4_forward.RES")
  boolean ackRequest;

  /** True when an MM4-only option was given (they make no sense with --via mm7 or eaif). */
  boolean anyGiven() {
    return smtpHost != null
        || smtpPort != null
        || starttls
        || smtps
        || smtpUser != null
        || originatorSystem != null
        || mmscDomain != null
        || recipientDomain != null
        || domainInHeaders
        || version != null
        || ackRequest;
  }

  /**
   * A client for these options.
   *
   * @param password the SMTP AUTH password, or null without {@code --smtp-user}
   * @param timeout the command's {@code --timeout}, or null
   * @throws IllegalArgumentException naming the option missing or wrong
   */
  Mm4Client client(String password, Duration timeout, String vaspId, String vasId) {
    require(smtpHost, "--smtp-host");
    require(originatorSystem, "--originator-system");
    require(recipientDomain, "--recipient-domain");
    if (starttls && smtps) {
      throw new IllegalArgumentException("give --starttls or --smtps, not both");
    }
    String domain = mmscDomain;
    if (domain == null) {
      int at = originatorSystem.lastIndexOf('@');
      if (at < 0 || at == originatorSystem.length() - 1) {
        throw new IllegalArgumentException(
            "--originator-system "
                + originatorSystem
                + " has no @domain: give one, or --mmsc-domain");
      }
      domain = originatorSystem.substring(at + 1);
    }
    Mm4Client.Builder b =
        Mm4Client.builder()
            .smtpHost(smtpHost)
            .smtpPort(smtpPort != null ? smtpPort : smtps ? 465 : 25)
            .security(
                smtps
                    ? Mm4Client.Security.SMTPS
                    : starttls ? Mm4Client.Security.STARTTLS : Mm4Client.Security.NONE)
            .originatorSystem(originatorSystem)
            .mmscDomain(domain)
            .recipientDomain(recipientDomain)
            .domainInHeaders(domainInHeaders)
            .ackRequest(ackRequest);
    if (version != null) {
      b.version(version);
    }
    if (smtpUser != null) {
      b.credentials(smtpUser, password);
    }
    if (timeout != null) {
      b.connectTimeout(timeout).responseTimeout(timeout);
    }
    if (vaspId != null) {
      b.vaspId(vaspId);
    }
    if (vasId != null) {
      b.vasId(vasId);
    }
    return b.build();
  }

  private static void require(String value, String option) {
    if (value == null) {
      throw new IllegalArgumentException("--via mm4 needs " + option);
    }
  }

  /** The line printed when the peer's server accepted the mail. */
  static Map<String, Object> accepted(SubmitResult r) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("messageId", r.messageId());
    line.put("transactionId", r.transactionId().orElse(null));
    line.put("smtpReply", (r.statusCode() + " " + r.statusText()).trim());
    return line;
  }
}
