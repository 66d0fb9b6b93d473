package org.mmskit.mm4.internal;

import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Where and how to send mails.
 *
 * @param host the SMTP server
 * @param port its port
 * @param security plain, STARTTLS (opportunistic or required) or SMTPS
 * @param user the AUTH user, or null for no AUTH
 * @param password the AUTH password, or null
 * @param sslContext the TLS context, or null for the JVM default
 * @param connectTimeout how long to wait for the connection
 * @param responseTimeout how long to wait for each reply (and each write)
 * @param heloName the name given in EHLO
 */
public record SmtpSettings(
    String host,
    int port,
    SmtpSecurityMode security,
    String user,
    String password,
    SSLContext sslContext,
    Duration connectTimeout,
    Duration responseTimeout,
    String heloName) {
  public SmtpSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(responseTimeout, "responseTimeout");
    Objects.requireNonNull(heloName, "heloName");
  }
}
