package org.mmskit.mm4;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsListener;
import org.mmskit.core.ReadReply;
import org.mmskit.mm4.internal.InFlight;
import org.mmskit.mm4.internal.MimeLimits;
import org.mmskit.mm4.internal.Mm4Dispatcher;
import org.mmskit.mm4.internal.Mm4MailHandler;
import org.mmskit.mm4.internal.Mm4Reader;
import org.mmskit.mm4.internal.Mm4Responder;
import org.mmskit.server.CidrRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.SessionHandler;

/**
 * An embedded SMTP server receiving MM4 mails from peer MMSCs (or from the MTA in front of us).
 *
 * <pre>{@code
 * try (Mm4Listener listener = Mm4Listener.builder()
 *         .port(2525).allowFrom("198.51.100.0/24")
 *         .onMessage(m -> { store(m); return Acknowledgement.ok(); })
 *         .onDeliveryReport(r -> { update(r); return Acknowledgement.ok(); })
 *         .onResponse(res -> matchSubmit(res.transactionId(), res))
 *         .replyVia(mm4Client)
 *         .start()) {
 *   ...
 * }
 * }</pre>
 *
 * <p>{@code MM4_forward.REQ} and plain e-mails (no {@code X-Mms-Message-Type}) reach {@link
 * MmsListener#onMessage}, {@code MM4_delivery_report.REQ} {@link MmsListener#onDeliveryReport},
 * {@code MM4_read_reply_report.REQ} {@link MmsListener#onReadReply}, and the three {@code .RES}
 * kinds the {@link Builder#onResponse} callback. The SMTP {@code 250} is given only after the
 * callback accepted: a refusing acknowledgement, a callback not provided, or an exception gives
 * {@code 451} so the peer's MTA keeps the mail and retries; a malformed mail gets {@code 554} with
 * the reason, a too-large one {@code 552}. When an accepted request asks for it ({@code
 * X-Mms-Ack-Request: Yes}) its {@code .RES} is sent as a new mail through the {@link
 * Builder#replyVia} client to the request's originator system.
 *
 * <p>Callbacks run on the server's session threads, concurrently. {@link #close()} stops the
 * server.
 */
public final class Mm4Listener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Mm4Listener.class);

  private final SMTPServer server;
  private final Mm4Responder responder;
  private final InFlight inFlight;

  private Mm4Listener(SMTPServer server, Mm4Responder responder, InFlight inFlight) {
    this.server = server;
    this.responder = responder;
    this.inFlight = inFlight;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The bound port (the ephemeral one when the builder asked for port 0). */
  public int port() {
    return server.getPortAllocated();
  }

  /**
   * Waits (up to 10 s) for the replies to mails the application already took, stops accepting
   * connections, ends sessions, and sends the {@code .RES} mails still queued.
   */
  @Override
  public void close() {
    try {
      if (!inFlight.awaitIdle(Duration.ofSeconds(10))) {
        LOG.warn("closing the MM4 listener with mails still being answered");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.stop();
    if (responder != null) {
      responder.close(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public String toString() {
    return "Mm4Listener{" + server.getDisplayableLocalSocketAddress() + "}";
  }

  /** Builds and starts an {@link Mm4Listener}; not thread-safe. */
  public static final class Builder {
    /** Default message size cap, announced in EHLO {@code SIZE}. */
    public static final long DEFAULT_MAX_REQUEST_SIZE = 10L * 1024 * 1024;

    private InetAddress bindAddress;
    private int port;
    private final List<CidrRange> allowFrom = new ArrayList<>();
    private final Map<String, String> accounts = new LinkedHashMap<>();
    private SSLContext tls;
    private boolean requireTls;
    private boolean implicitTls;
    private long maxRequestSize = DEFAULT_MAX_REQUEST_SIZE;
    private int maxRecipients = 1000;
    private int maxConnections = 100;
    private Duration socketTimeout = Duration.ofMinutes(2);
    private String hostName;
    private MmsListener listener;
    private Function<IncomingMessage, Acknowledgement> onMessage;
    private Function<DeliveryReport, Acknowledgement> onDeliveryReport;
    private Function<ReadReply, Acknowledgement> onReadReply;
    private Consumer<Mm4Response> onResponse;
    private Mm4Client replyVia;
    private MimeLimits limits = MimeLimits.DEFAULT;

    private Builder() {}

    /** The local address to bind; default the loopback address. */
    public Builder bindAddress(InetAddress address) {
      this.bindAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The local address to bind, as a literal (never resolved), e.g. {@code 0.0.0.0}. */
    public Builder bindAddress(String literalAddress) {
      CidrRange literal = CidrRange.parse(literalAddress);
      if (literal.prefixLength() != (literal.isIpv6() ? 128 : 32)) {
        throw new IllegalArgumentException("not a single address: " + literalAddress);
      }
      return bindAddress(literal.network());
    }

    /** The TCP port; 0 (the default) picks a free one, see {@link Mm4Listener#port()}. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Accepts connections only from this address or CIDR range (IPv4 or IPv6); repeatable. Others
     * get {@code 554} on connect. Default: every peer.
     */
    public Builder allowFrom(String cidr) {
      allowFrom.add(CidrRange.parse(cidr));
      return this;
    }

    /** Requires SMTP AUTH (PLAIN or LOGIN) with one of the accounts added; repeatable. */
    public Builder account(String user, String password) {
      accounts.put(Objects.requireNonNull(user, "user"), Objects.requireNonNull(password, "pw"));
      return this;
    }

    /**
     * Offers STARTTLS with this context (the same material as the HTTP listeners' {@code tls}), or
     * SMTPS with {@link #implicitTls}.
     */
    public Builder tls(SSLContext context) {
      this.tls = Objects.requireNonNull(context, "context");
      return this;
    }

    /** Refuses mail before STARTTLS (needs {@link #tls}). Default false. */
    public Builder requireTls(boolean require) {
      this.requireTls = require;
      return this;
    }

    /**
     * With {@link #tls}: TLS from the first byte (SMTPS, usually port 465) instead of STARTTLS.
     * Default false.
     */
    public Builder implicitTls(boolean implicit) {
      this.implicitTls = implicit;
      return this;
    }

    /** Caps a mail's size, default 10 MiB, announced in EHLO {@code SIZE}; larger get 552. */
    public Builder maxRequestSize(long bytes) {
      if (bytes < 1024 || bytes > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("maxRequestSize must be 1024 to 2^31-1: " + bytes);
      }
      this.maxRequestSize = bytes;
      return this;
    }

    /** Most {@code RCPT TO} per mail, default 1000. */
    public Builder maxRecipients(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxRecipients must be >= 1");
      }
      this.maxRecipients = max;
      return this;
    }

    /** Most connections served at once, default 100; more get 421. */
    public Builder maxConnections(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxConnections must be >= 1");
      }
      this.maxConnections = max;
      return this;
    }

    /** How long a peer may stay silent before the connection is closed (default 2 min). */
    public Builder socketTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("socketTimeout out of range: " + timeout);
      }
      this.socketTimeout = timeout;
      return this;
    }

    /** The name in the greeting and EHLO reply; default the local host name. */
    public Builder hostName(String name) {
      this.hostName = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The callback receiving messages, delivery reports and read replies. */
    public Builder listener(MmsListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Receives forwarded messages and plain e-mails (instead of the listener's onMessage). */
    public Builder onMessage(Function<IncomingMessage, Acknowledgement> callback) {
      this.onMessage = Objects.requireNonNull(callback, "callback");
      return this;
    }

    /** Receives delivery reports (instead of the listener's onDeliveryReport). */
    public Builder onDeliveryReport(Function<DeliveryReport, Acknowledgement> callback) {
      this.onDeliveryReport = Objects.requireNonNull(callback, "callback");
      return this;
    }

    /** Receives read replies (instead of the listener's onReadReply). */
    public Builder onReadReply(Function<ReadReply, Acknowledgement> callback) {
      this.onReadReply = Objects.requireNonNull(callback, "callback");
      return this;
    }

    /**
     * Receives the peers' {@code .RES} mails (match them to submits by transaction ID). Returning
     * normally accepts the mail; throwing gives 451. Without this callback they get 451, like any
     * kind the application does not take.
     */
    public Builder onResponse(Consumer<Mm4Response> callback) {
      this.onResponse = Objects.requireNonNull(callback, "callback");
      return this;
    }

    /**
     * Sends the {@code .RES} answers through this client's SMTP settings, from its originator
     * system. Without it, requests asking for an answer are accepted but not answered (a warning is
     * logged).
     */
    public Builder replyVia(Mm4Client client) {
      this.replyVia = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Limits on header lines, body parts and nesting (defaults 1000, 1000, 8). */
    public Builder mimeLimits(int maxHeaderLines, int maxParts, int maxDepth) {
      if (maxHeaderLines < 10 || maxParts < 1 || maxDepth < 1) {
        throw new IllegalArgumentException("MIME limits too small");
      }
      this.limits = new MimeLimits(maxHeaderLines, maxParts, maxDepth);
      return this;
    }

    /**
     * Starts the server.
     *
     * @throws IllegalStateException when no callback is set or requireTls has no tls
     * @throws RuntimeException when the port cannot be bound
     */
    public Mm4Listener start() {
      if (listener == null
          && onMessage == null
          && onDeliveryReport == null
          && onReadReply == null
          && onResponse == null) {
        throw new IllegalStateException("listener(...) or an on...(...) callback is required");
      }
      if ((requireTls || implicitTls) && tls == null) {
        throw new IllegalStateException("requireTls and implicitTls need tls(...)");
      }
      Mm4Reader reader = new Mm4Reader(limits);
      InFlight inFlight = new InFlight();
      Mm4Dispatcher dispatcher = new Mm4Dispatcher(combined(), onResponse);
      Mm4Responder responder =
          replyVia == null ? null : new Mm4Responder(replyVia.writer(), replyVia.sender());
      long max = maxRequestSize;
      InetAddress bind = bindAddress != null ? bindAddress : InetAddress.getLoopbackAddress();
      SMTPServer.Builder s =
          SMTPServer.port(port)
              .bindAddress(bind)
              .softwareName("MMSKit MM4")
              .maxMessageSize((int) max)
              .maxRecipients(maxRecipients)
              .maxConnections(maxConnections)
              .connectionTimeout((int) socketTimeout.toMillis(), TimeUnit.MILLISECONDS)
              .insertReceivedHeaders(false)
              .serverSocketFactory(
                  () -> new NoDelayServerSocket(implicitTls ? tls.getSocketFactory() : null))
              .messageHandlerFactory(
                  ctx -> new Mm4MailHandler(ctx, reader, dispatcher, responder, max, inFlight));
      if (hostName != null) {
        s.hostName(hostName);
      }
      if (!allowFrom.isEmpty()) {
        List<CidrRange> ranges = List.copyOf(allowFrom);
        s.sessionHandler(
            new SessionHandler() {
              @Override
              public SessionAcceptance accept(org.subethamail.smtp.server.Session session) {
                InetSocketAddress peer = session.getRealRemoteAddress();
                if (peer != null && ranges.stream().anyMatch(r -> r.contains(peer.getAddress()))) {
                  return SessionAcceptance.success();
                }
                LOG.info("refused an SMTP connection from {}: not in allowFrom", peer);
                return SessionAcceptance.failure(554, "5.7.1 Not allowed from your address");
              }

              @Override
              public void onSessionEnd(org.subethamail.smtp.server.Session session) {}
            });
      }
      if (!accounts.isEmpty()) {
        Map<String, String> known = Map.copyOf(accounts);
        s.authenticationHandlerFactory(
                new EasyAuthenticationHandlerFactory(
                    (user, password, ctx) -> {
                      String expected = known.get(user);
                      if (expected == null
                          || !java.security.MessageDigest.isEqual(
                              expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                              password.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                        throw new LoginFailedException("wrong user or password");
                      }
                    }))
            .requireAuth(true);
      }
      if (tls != null && !implicitTls) {
        s.enableTLS(true).startTlsSocketFactory(tls).requireTLS(requireTls);
      }
      SMTPServer server = s.build();
      try {
        server.start();
      } catch (RuntimeException e) {
        if (responder != null) {
          responder.close(0, TimeUnit.SECONDS);
        }
        throw e;
      }
      return new Mm4Listener(server, responder, inFlight);
    }

    private MmsListener combined() {
      MmsListener base = listener != null ? listener : new MmsListener() {};
      Function<IncomingMessage, Acknowledgement> m = onMessage;
      Function<DeliveryReport, Acknowledgement> d = onDeliveryReport;
      Function<ReadReply, Acknowledgement> r = onReadReply;
      return new MmsListener() {
        @Override
        public Acknowledgement onMessage(IncomingMessage message) {
          return m != null ? m.apply(message) : base.onMessage(message);
        }

        @Override
        public Acknowledgement onDeliveryReport(DeliveryReport report) {
          return d != null ? d.apply(report) : base.onDeliveryReport(report);
        }

        @Override
        public Acknowledgement onReadReply(ReadReply reply) {
          return r != null ? r.apply(reply) : base.onReadReply(reply);
        }
      };
    }
  }

  /**
   * Accepted sockets get TCP_NODELAY (SMTP is a dialogue of short lines) and, for SMTPS, a TLS
   * layer whose handshake runs on the session's thread at its first read, not in the accept loop.
   */
  private static final class NoDelayServerSocket extends ServerSocket {
    private final SSLSocketFactory tls;

    NoDelayServerSocket(SSLSocketFactory tls) throws IOException {
      super();
      this.tls = tls;
    }

    @Override
    public Socket accept() throws IOException {
      Socket s = super.accept();
      s.setTcpNoDelay(true);
      if (tls == null) {
        return s;
      }
      // the server-mode layering: no bytes were read from the connection yet
      return tls.createSocket(s, null, true);
    }
  }
}
