package org.mmskit.mm4.internal;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.eclipse.angus.mail.util.MailConnectException;
import org.mmskit.core.MmsException;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.mm4.SmtpReply;

/**
 * Sends mails over SMTP with Angus Mail, one connection per mail, and turns the server's replies
 * into the SDK's exceptions. Thread-safe.
 */
public final class SmtpSender {
  private static final Pattern REPLY =
      Pattern.compile(
          "(?s)\\s*([2-5][0-9][0-9])[ -]?(?:([2-5]\\.[0-9]{1,3}\\.[0-9]{1,3})\\s*)?(.*)");

  private final SmtpSettings settings;
  private final Session session;
  private final String protocol;

  public SmtpSender(SmtpSettings settings) {
    this.settings = settings;
    this.protocol = settings.security() == SmtpSecurityMode.SMTPS ? "smtps" : "smtp";
    String p = "mail." + protocol + ".";
    Properties props = new Properties();
    props.setProperty(p + "host", settings.host());
    props.setProperty(p + "port", Integer.toString(settings.port()));
    props.setProperty(p + "connectiontimeout", millis(settings.connectTimeout().toMillis()));
    props.setProperty(p + "timeout", millis(settings.responseTimeout().toMillis()));
    props.setProperty(p + "writetimeout", millis(settings.responseTimeout().toMillis()));
    props.setProperty(p + "localhost", settings.heloName());
    props.setProperty(p + "auth", Boolean.toString(settings.user() != null));
    switch (settings.security()) {
      case STARTTLS_REQUIRED:
        props.setProperty(p + "starttls.required", "true");
        props.setProperty(p + "starttls.enable", "true");
        break;
      case STARTTLS_OPPORTUNISTIC:
        props.setProperty(p + "starttls.enable", "true");
        break;
      default:
        break;
    }
    if (settings.security() == SmtpSecurityMode.SMTPS) {
      props.setProperty(p + "ssl.enable", "true");
    } else {
      props.put(p + "socketFactory", new NoDelaySocketFactory());
    }
    if (settings.security() != SmtpSecurityMode.NONE) {
      props.setProperty(p + "ssl.checkserveridentity", "true");
      if (settings.sslContext() != null) {
        props.put(p + "ssl.socketFactory", settings.sslContext().getSocketFactory());
      }
    }
    this.session = Session.getInstance(props);
  }

  private static String millis(long ms) {
    return Long.toString(Math.max(1, Math.min(ms, Integer.MAX_VALUE)));
  }

  public SmtpSettings settings() {
    return settings;
  }

  /**
   * Sends the mail and returns the server's final reply.
   *
   * @throws MmscRejectedException when the server refused (carrying an {@link SmtpReply})
   * @throws MmsTransportException when it could not be reached or stopped answering
   */
  public SmtpReply send(OutgoingMail mail) {
    InternetAddress[] rcpts = new InternetAddress[mail.envelopeTo().size()];
    for (int i = 0; i < rcpts.length; i++) {
      try {
        rcpts[i] = new InternetAddress(mail.envelopeTo().get(i), false);
      } catch (AddressException e) {
        throw new IllegalArgumentException(
            "not usable as an SMTP recipient: " + mail.envelopeTo().get(i), e);
      }
    }
    try (Transport t = session.getTransport(protocol)) {
      t.connect(settings.host(), settings.port(), settings.user(), settings.password());
      t.sendMessage(mail.mail(), rcpts);
      String last = ((SMTPTransport) t).getLastServerResponse();
      return parse(last).orElse(new SmtpReply(250, "", last == null ? "" : last.trim()));
    } catch (MessagingException e) {
      throw translate(e);
    }
  }

  static java.util.Optional<SmtpReply> parse(String response) {
    if (response == null) {
      return java.util.Optional.empty();
    }
    Matcher m = REPLY.matcher(response);
    if (!m.matches()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new SmtpReply(
            Integer.parseInt(m.group(1)), m.group(2) == null ? "" : m.group(2), m.group(3).trim()));
  }

  private MmsException translate(MessagingException e) {
    for (Exception x = e; x != null; ) {
      int code = -1;
      if (x instanceof SMTPSendFailedException) {
        code = ((SMTPSendFailedException) x).getReturnCode();
      } else if (x instanceof SMTPAddressFailedException) {
        code = ((SMTPAddressFailedException) x).getReturnCode();
      } else if (x instanceof SMTPSenderFailedException) {
        code = ((SMTPSenderFailedException) x).getReturnCode();
      } else if (x instanceof AuthenticationFailedException) {
        code = parse(x.getMessage()).map(SmtpReply::code).orElse(535);
      }
      if (code >= 400) {
        return refusal(code, x.getMessage());
      }
      x = x instanceof MessagingException ? ((MessagingException) x).getNextException() : null;
    }
    boolean sent = !(e instanceof MailConnectException);
    return new MmsTransportException(
        "MM4 peer "
            + settings.host()
            + ":"
            + settings.port()
            + (sent ? " failed: " : " unreachable: ")
            + e.getMessage(),
        e,
        sent);
  }

  private static MmscRejectedException refusal(int code, String message) {
    SmtpReply reply =
        parse(message)
            .filter(r -> r.code() == code)
            .orElse(new SmtpReply(code, "", message == null ? "" : message.trim()));
    return MmscRejectedException.builder(
            org.mmskit.core.Transport.MM4, MmscRejectedException.Kind.TRANSPORT)
        .detail(reply)
        .statusText(reply.text())
        .retryable(reply.isRetryable())
        .explanation(
            reply.isRetryable()
                ? "the peer's mail server asks to try again later"
                : "the peer's mail server refused the mail for good")
        .build();
  }
}
