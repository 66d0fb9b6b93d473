package org.mmskit.mm4.internal;

/** How the SMTP connection is protected (mirrors the public {@code Mm4Client.Security}). */
public enum SmtpSecurityMode {
  NONE,
  STARTTLS_OPPORTUNISTIC,
  STARTTLS_REQUIRED,
  SMTPS
}
