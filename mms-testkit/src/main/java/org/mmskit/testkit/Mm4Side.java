package org.mmskit.testkit;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.core.ReadStatus;
import org.mmskit.core.Transport;
import org.mmskit.mm4.Mm4MessageType;
import org.mmskit.mm4.SmtpReply;
import org.mmskit.mm4.internal.Arrival;
import org.mmskit.mm4.internal.InboundMail;
import org.mmskit.mm4.internal.MimeLimits;
import org.mmskit.mm4.internal.Mm4Headers;
import org.mmskit.mm4.internal.Mm4Reader;
import org.mmskit.mm4.internal.Mm4WriteOptions;
import org.mmskit.mm4.internal.Mm4Writer;
import org.mmskit.mm4.internal.OutgoingMail;
import org.mmskit.mm4.internal.SmtpSecurityMode;
import org.mmskit.mm4.internal.SmtpSender;
import org.mmskit.mm4.internal.SmtpSettings;
import org.mmskit.server.HeaderMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

/**
 * The MMSC side of MM4: an SMTP server taking {@code MM4_forward.REQ} mails as submissions,
 * answering {@code .RES} mails when asked, and the sending of forwards, delivery reports and read
 * replies to the application's MM4 listener.
 */
final class Mm4Side implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MockMmsc.class);

  /** The mock MMSC's domain; {@code .invalid} so that nothing can leave loopback by mistake. */
  static final String DOMAIN = "mmsc.mock.invalid";

  static final String ORIGINATOR_SYSTEM = "mms@" + DOMAIN;

  private final MockMmsc mock;
  private final long maxSize;
  private final Mm4Reader reader = new Mm4Reader(MimeLimits.DEFAULT);
  private final Mm4Writer writer =
      new Mm4Writer(
          new Mm4WriteOptions(
              "6.10.0", ORIGINATOR_SYSTEM, DOMAIN, "peer.mock.invalid", false, false, null, null));
  private final String user;
  private final String password;
  private final Duration timeout;
  private final SMTPServer server;
  private final AtomicReference<URI> answersTo = new AtomicReference<>();
  private final ExecutorService answers;
  private volatile boolean started;

  Mm4Side(
      MockMmsc mock,
      InetAddress bind,
      int port,
      long maxSize,
      String user,
      String password,
      String account,
      String accountPassword,
      Duration timeout) {
    this.mock = mock;
    this.maxSize = maxSize;
    this.user = user;
    this.password = password;
    this.timeout = timeout;
    this.answers =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "mock-mmsc-mm4-answers");
              t.setDaemon(true);
              return t;
            });
    SMTPServer.Builder b =
        SMTPServer.port(port)
            .bindAddress(bind)
            .hostName(DOMAIN)
            .softwareName("MMSKit MockMmsc")
            .maxMessageSize((int) Math.min(maxSize, Integer.MAX_VALUE))
            .insertReceivedHeaders(false)
            .serverSocketFactory(NoDelayServerSocket::new)
            .messageHandlerFactory(Handler::new);
    if (account != null) {
      b.authenticationHandlerFactory(
              new EasyAuthenticationHandlerFactory(
                  (u, p, ctx) -> {
                    if (!account.equals(u) || !accountPassword.equals(p)) {
                      throw new LoginFailedException("wrong user or password");
                    }
                  }))
          .requireAuth(true);
    }
    this.server = b.build();
  }

  void start() {
    server.start();
    started = true;
  }

  int port() {
    return server.getPortAllocated();
  }

  /** Where {@code .RES} answers go from now on; null stops them. */
  void answersTo(URI smtpUri) {
    if (smtpUri != null) {
      target(smtpUri);
    }
    answersTo.set(smtpUri);
  }

  @Override
  public void close() {
    if (started) {
      server.stop();
    }
    answers.shutdown();
    try {
      if (!answers.awaitTermination(5, TimeUnit.SECONDS)) {
        answers.shutdownNow();
      }
    } catch (InterruptedException e) {
      answers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  // ---- towards the application ----

  /** Forwards a subscriber's message to the application as an {@code MM4_forward.REQ}. */
  VaspAnswer deliver(URI smtpUri, String id, MmsMessage message) {
    OutgoingMail mail =
        writer.forward(message.toBuilder().messageId(id).build(), message.from().orElseThrow());
    return send(smtpUri, mail, Mm4MessageType.FORWARD_REQ, id);
  }

  /** An {@code MM4_delivery_report.REQ} about {@code messageId}. */
  VaspAnswer deliveryReport(
      URI smtpUri,
      String messageId,
      Address recipient,
      Address originalSender,
      DeliveryStatus status) {
    OutgoingMail mail =
        writer.deliveryReport(messageId, recipient, sender(originalSender), status, null);
    return send(smtpUri, mail, Mm4MessageType.DELIVERY_REPORT_REQ, messageId);
  }

  /** An {@code MM4_read_reply_report.REQ} about {@code messageId}. */
  VaspAnswer readReply(
      URI smtpUri, String messageId, Address reader, Address originalSender, ReadStatus status) {
    OutgoingMail mail = writer.readReply(messageId, reader, sender(originalSender), status);
    return send(smtpUri, mail, Mm4MessageType.READ_REPLY_REPORT_REQ, messageId);
  }

  private static Address sender(Address originalSender) {
    if (originalSender == null) {
      throw new IllegalArgumentException("an MM4 report needs the original sender (its To)");
    }
    return originalSender;
  }

  private VaspAnswer send(URI smtpUri, OutgoingMail mail, Mm4MessageType type, String messageId) {
    try {
      SmtpReply r = sender(target(smtpUri)).send(mail);
      return new VaspAnswer(
          Transport.MM4, type.token(), messageId, r.code(), OptionalInt.empty(), r.text(), none());
    } catch (MmscRejectedException e) {
      SmtpReply r = e.detail(SmtpReply.class).orElseThrow();
      return new VaspAnswer(
          Transport.MM4, type.token(), messageId, r.code(), OptionalInt.empty(), r.text(), none());
    } catch (MmsTransportException e) {
      return new VaspAnswer(
          Transport.MM4,
          type.token(),
          messageId,
          0,
          OptionalInt.empty(),
          "",
          Optional.of(String.valueOf(e.getMessage())));
    }
  }

  private static Optional<String> none() {
    return Optional.empty();
  }

  private SmtpSender sender(InetSocketAddress target) {
    return new SmtpSender(
        new SmtpSettings(
            target.getHostString(),
            target.getPort(),
            SmtpSecurityMode.NONE,
            user,
            password,
            null,
            timeout,
            timeout,
            DOMAIN));
  }

  /** The host and port of an {@code smtp://host:port} URI. */
  private static InetSocketAddress target(URI uri) {
    if (!"smtp".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
      throw new IllegalArgumentException(
          "MM4 goes to an smtp://HOST:PORT address, e.g. smtp://127.0.0.1:2525, not " + uri);
    }
    return InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort());
  }

  // ---- from the application ----

  /**
   * Sends the {@code .RES} the request asked for, after the SMTP answer (on a thread of its own).
   */
  private void answer(InboundMail mail) {
    if (!mail.ackRequested() || mail.type().isEmpty() || mail.replyTo().isEmpty()) {
      return;
    }
    URI to = answersTo.get();
    if (to == null) {
      LOG.info(
          "MockMmsc has no MM4 address to answer {} at (see MockMmsc.mm4AnswersTo)",
          mail.transactionId().orElse("?"));
      return;
    }
    OutgoingMail res =
        writer.response(
            mail.type().get(),
            mail.transactionId().orElse(""),
            mail.messageId().orElse(""),
            "Ok",
            null,
            mail.replyTo().get());
    try {
      answers.execute(
          () -> {
            VaspAnswer a = send(to, res, Mm4MessageType.FORWARD_RES, mail.messageId().orElse(""));
            mock.mm4Answered(a);
          });
    } catch (RejectedExecutionException e) {
      LOG.debug("mock closed; no MM4_forward.RES for {}", res.transactionId());
    }
  }

  private final class Handler implements MessageHandler {
    private final MessageContext context;
    private String from = "";
    private final List<String> recipients = new ArrayList<>();

    Handler(MessageContext context) {
      this.context = context;
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
      byte[] bytes = data.readNBytes((int) Math.min(maxSize + 1, Integer.MAX_VALUE - 8));
      if (bytes.length > maxSize) {
        data.transferTo(OutputStream.nullOutputStream());
        throw reject(552, "5.3.4 Message too big");
      }
      SocketAddress remote = context.getRemoteAddress();
      Optional<String> account =
          context.getAuthenticationHandler().map(h -> h.getIdentity()).map(Object::toString);
      InboundMail mail;
      try {
        mail =
            reader.read(
                bytes,
                bytes.length,
                new Arrival(
                    account,
                    remote instanceof InetSocketAddress
                        ? Optional.of(((InetSocketAddress) remote).getAddress())
                        : Optional.empty(),
                    from,
                    recipients,
                    Instant.now()));
      } catch (MmsMalformedException e) {
        LOG.info("MockMmsc refused a malformed MM4 mail: {}", e.getMessage());
        throw reject(554, "5.6.0 " + oneLine(e.getMessage()));
      }
      if (mail.type().map(Mm4MessageType::isResponse).orElse(false)) {
        LOG.info("MockMmsc took {} {}", mail.type().get().token(), mail.transactionId().orElse(""));
        return "2.0.0 Ok";
      }
      if (!(mail.payload() instanceof IncomingMessage)) {
        throw reject(554, "5.5.1 MockMmsc takes MM4_forward.REQ, not " + mail.type().get().token());
      }
      MmsMessage message = ((IncomingMessage) mail.payload()).message();
      MmscReply reply = mock.nextReply();
      String id = mail.messageId().or(message::messageId).orElseGet(mock::newMessageId);
      HeaderMap headers = headers(bytes);
      mock.record(
          new Submission(
              Transport.MM4,
              Submission.Operation.SUBMIT,
              id,
              message,
              null,
              mail.transactionId().orElse(null),
              headers.first(Mm4Headers.VASP_ID).orElse(null),
              headers.first(Mm4Headers.VAS_ID).orElse(null),
              account.orElse(null),
              "",
              headers,
              bytes,
              Instant.now(),
              reply));
      Bodies.pause(reply.delay());
      switch (reply.kind()) {
        case DROP_CONNECTION:
          if (context instanceof Session) {
            ((Session) context).closeSocket();
          }
          throw new IOException("connection dropped as scripted");
        case HTTP_STATUS:
          throw reply.httpStatus() >= 500
              ? reject(451, "4.3.0 HTTP " + reply.httpStatus())
              : reject(554, "5.0.0 HTTP " + reply.httpStatus());
        default:
          break;
      }
      if (!reply.accepts()) {
        String text = reply.statusCode() + " " + oneLine(reply.statusText());
        // MM7's server errors (3xxx) are the ones worth retrying, as on EAIF
        throw reply.statusCode() >= 3000 && reply.statusCode() < 4000
            ? reject(451, "4.3.0 " + text)
            : reject(554, "5.0.0 " + text);
      }
      answer(mail);
      return "2.0.0 Ok " + mail.transactionId().orElse(id);
    }

    @Override
    public void done() {}

    /** Ends the mail transaction with the refusal, so the connection takes the next mail. */
    private RejectException reject(int code, String text) {
      if (context instanceof Session) {
        ((Session) context).resetMailTransaction();
      }
      return new RejectException(code, text);
    }
  }

  /** The mail's header block as a case-insensitive map, in order. */
  private static HeaderMap headers(byte[] mail) {
    HeaderMap.Builder b = HeaderMap.builder();
    try {
      Enumeration<Header> all = new InternetHeaders(new ByteArrayInputStream(mail)).getAllHeaders();
      while (all.hasMoreElements()) {
        Header h = all.nextElement();
        b.add(h.getName(), h.getValue() == null ? "" : MimeUtility.unfold(h.getValue()).trim());
      }
    } catch (MessagingException e) {
      // the reader accepted the mail, so its headers parse; keep what was read
      LOG.debug("MockMmsc could not list the mail's headers", e);
    }
    return b.build();
  }

  private static String oneLine(String text) {
    return String.valueOf(text).replaceAll("[^\\x20-\\x7e]", " ");
  }

  /** Accepted sockets get TCP_NODELAY: SMTP is a dialogue of short lines. */
  private static final class NoDelayServerSocket extends ServerSocket {
    NoDelayServerSocket() throws IOException {
      super();
    }

    @Override
    public Socket accept() throws IOException {
      Socket s = super.accept();
      s.setTcpNoDelay(true);
      return s;
    }
  }
}
