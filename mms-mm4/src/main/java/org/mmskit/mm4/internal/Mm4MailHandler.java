package org.mmskit.mm4.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.MmsMalformedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.Session;

/**
 * One mail transaction on the embedded SMTP server: reads the data (capped), reads the mail, hands
 * it to the application and answers 250 only when the application took it; 451 when it refused or
 * threw (the peer's MTA keeps the mail and retries), 552 when too large, 554 when malformed.
 */
public final class Mm4MailHandler implements MessageHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Mm4MailHandler.class);
  private static final int MAX_REPLY_TEXT = 300;

  private final MessageContext context;
  private final Mm4Reader reader;
  private final Mm4Dispatcher dispatcher;
  private final Mm4Responder responder;
  private final long maxSize;
  private final InFlight inFlight;
  private boolean begun;
  private String from = "";
  private final List<String> recipients = new ArrayList<>();

  public Mm4MailHandler(
      MessageContext context,
      Mm4Reader reader,
      Mm4Dispatcher dispatcher,
      Mm4Responder responder,
      long maxSize,
      InFlight inFlight) {
    this.context = context;
    this.inFlight = inFlight;
    this.reader = reader;
    this.dispatcher = dispatcher;
    this.responder = responder;
    this.maxSize = maxSize;
  }

  @Override
  public void from(String from) {
    this.from = from == null ? "" : from;
  }

  @Override
  public void recipient(String recipient) {
    recipients.add(recipient);
  }

  @Override
  public String data(InputStream data) throws RejectException, IOException {
    byte[] buf = new byte[(int) Math.min(64 * 1024, maxSize + 1)];
    int len = 0;
    int n;
    while ((n = data.read(buf, len, buf.length - len)) >= 0) {
      len += n;
      if (len == buf.length) {
        if (len > maxSize) {
          // the server reads commands from the same stream: skip the rest of the data first
          data.transferTo(java.io.OutputStream.nullOutputStream());
          throw reject(552, "5.3.4 Message too big: more than " + maxSize + " bytes");
        }
        buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxSize + 1));
      }
    }
    Arrival arrival =
        new Arrival(
            account(),
            remote().map(InetSocketAddress::getAddress),
            from,
            recipients,
            Instant.now());
    InboundMail mail;
    try {
      mail = reader.read(buf, len, arrival);
    } catch (MmsMalformedException e) {
      LOG.info("refused a malformed MM4 mail from {}: {}", remoteText(), e.getMessage());
      throw reject(554, "5.6.0 " + oneLine(e.getMessage()));
    }
    // from here the application may take the mail: its reply must reach the peer even on close
    inFlight.begin();
    begun = true;
    try {
      return dispatch(mail);
    } catch (RejectException | RuntimeException e) {
      finish();
      throw e;
    }
  }

  private String dispatch(InboundMail mail) throws RejectException {
    Acknowledgement ack;
    try {
      ack = dispatcher.dispatch(mail);
    } catch (RuntimeException e) {
      LOG.warn("the application failed on an MM4 mail from {}; answered 451", remoteText(), e);
      throw reject(451, "4.3.0 Not accepted, try again later");
    }
    if (ack == null || !ack.isSuccess()) {
      throw reject(
          451,
          "4.3.0 Not accepted, try again later"
              + (ack == null ? "" : ": " + ack.statusCode() + " " + oneLine(ack.statusText())));
    }
    if (responder != null) {
      responder.acknowledge(mail);
    } else if (mail.ackRequested() && mail.type().isPresent() && !mail.type().get().isResponse()) {
      LOG.warn(
          "MM4 {} {} asked for a response, but the listener has no relay to send it through",
          mail.type().get().token(),
          mail.transactionId().orElse("?"));
    }
    return "2.0.0 Ok" + mail.transactionId().map(id -> " " + oneLine(id)).orElse("");
  }

  /** Called by the server once the reply to the data is written (or the transaction reset). */
  @Override
  public void done() {
    finish();
  }

  private void finish() {
    if (begun) {
      begun = false;
      inFlight.end();
    }
  }

  /**
   * The refusal to throw, after ending the mail transaction: subethasmtp 7.2 leaves it open after a
   * refused DATA, so the peer's next MAIL FROM on the connection would get 503 (RFC 5321 §4.1.1.4
   * ends the transaction with the reply to the data, whatever it is).
   */
  private RejectException reject(int code, String text) {
    if (context instanceof Session) {
      ((Session) context).resetMailTransaction();
    }
    return new RejectException(code, text);
  }

  private Optional<String> account() {
    return context.getAuthenticationHandler().map(h -> h.getIdentity()).map(Object::toString);
  }

  private Optional<InetSocketAddress> remote() {
    SocketAddress a = context.getRemoteAddress();
    return a instanceof InetSocketAddress ? Optional.of((InetSocketAddress) a) : Optional.empty();
  }

  private String remoteText() {
    return remote().map(InetSocketAddress::toString).orElse("?");
  }

  /** Reply text on one line of bounded length, from printable ASCII. */
  static String oneLine(String text) {
    StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_REPLY_TEXT));
    for (int i = 0; i < text.length() && sb.length() < MAX_REPLY_TEXT; i++) {
      char c = text.charAt(i);
      sb.append(c >= 0x20 && c < 0x7f ? c : ' ');
    }
    return sb.toString();
  }
}
