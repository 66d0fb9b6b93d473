package org.mmskit.mm7.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.InboundContext;
import org.mmskit.core.MmsListener;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.core.Transport;
import org.mmskit.mm7.Mm7InboundDetail;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7Body.DeliverReq;
import org.mmskit.mm7.internal.Mm7Body.DeliverRsp;
import org.mmskit.mm7.internal.Mm7Body.DeliveryReportReq;
import org.mmskit.mm7.internal.Mm7Body.DeliveryReportRsp;
import org.mmskit.mm7.internal.Mm7Body.ErrorRsp;
import org.mmskit.mm7.internal.Mm7Body.Fault;
import org.mmskit.mm7.internal.Mm7Body.ReadReplyReq;
import org.mmskit.mm7.internal.Mm7Body.ReadReplyRsp;
import org.mmskit.mm7.internal.Mm7Body.Status;
import org.mmskit.server.InboundRequest;
import org.mmskit.server.InboundResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work behind {@link org.mmskit.mm7.Mm7Handler}: reads an MM7 request with the codec, calls the
 * listener, writes the reply or a {@code VASPErrorRsp} fault. Stateless apart from its settings;
 * thread-safe.
 */
public final class Mm7InboundProcessor {
  private static final Logger LOG = LoggerFactory.getLogger("org.mmskit.mm7.Mm7Listener");
  private static final String XML = "text/xml; charset=utf-8";

  private final MmsListener listener;
  private final Mm7Version replyVersion;
  private final long maxRequestSize;
  private final Mm7Limits limits;
  private final int clientFaultStatus;

  /**
   * @param listener the callback
   * @param replyVersion the profile to answer in, null to echo the request's
   * @param maxRequestSize the largest body read
   * @param clientFaultStatus the HTTP status of a fault answering a request the listener cannot
   *     take (unreadable, not an operation a VASP serves): 500 as SOAP 1.1 section 6.2 says, or 400
   *     for peers that expect it
   */
  public Mm7InboundProcessor(
      MmsListener listener, Mm7Version replyVersion, long maxRequestSize, int clientFaultStatus) {
    this.listener = Objects.requireNonNull(listener, "listener");
    this.clientFaultStatus = clientFaultStatus;
    this.replyVersion = replyVersion;
    this.maxRequestSize = maxRequestSize;
    this.limits = Mm7Limits.defaults().withMaxBodyBytes(maxRequestSize);
  }

  /** Handles one request; I/O errors on the request body (peer gone) propagate. */
  public InboundResponse handle(InboundRequest request) throws IOException {
    if (!"POST".equalsIgnoreCase(request.method())) {
      return InboundResponse.builder(405)
          .header("Allow", "POST")
          .contentType("text/plain; charset=utf-8")
          .body("MM7 requests are POSTed\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .build();
    }
    if (request.contentLength().isPresent()
        && request.contentLength().getAsLong() > maxRequestSize) {
      return tooLarge(null);
    }
    Body raw;
    try {
      raw = readBody(request.body(), request.contentLength().orElse(-1), maxRequestSize);
    } catch (TooLargeException e) {
      return tooLarge(null);
    }
    Mm7Envelope env;
    try {
      env = Mm7Codec.read(request.contentType().orElse(""), raw.bytes, raw.length, limits);
    } catch (MmsMalformedException e) {
      LOG.info(
          "Refused a malformed MM7 request from {}: {}",
          request.remoteAddress().map(Object::toString).orElse("?"),
          e.getMessage());
      String tx =
          Mm7Codec.transactionId(request.contentType().orElse(""), raw.bytes, raw.length)
              .orElse(null);
      return fault(
          tx, null, clientFaultStatus, "Client", 2007, "Message format corrupt", e.getMessage());
    }
    Optional<String> tx = env.transactionId();
    Mm7Version version = replyVersion != null ? replyVersion : env.version();
    Mm7Body body = env.body();
    if (!(body instanceof DeliverReq)
        && !(body instanceof DeliveryReportReq)
        && !(body instanceof ReadReplyReq)) {
      LOG.info("Refused an MM7 {} (not sent to a VASP)", body.elementName());
      return fault(
          tx.orElse(null),
          version,
          clientFaultStatus,
          "Client",
          4003,
          "Unsupported operation",
          body.elementName() + " is not an operation a VASP serves");
    }
    Acknowledgement ack;
    Mm7Body reply;
    try {
      if (body instanceof DeliverReq d) {
        ack = listener.onMessage(d.toIncomingMessage(context(request, env, d.relayServerId())));
        reply = new DeliverRsp(status(ack), Optional.empty());
      } else if (body instanceof DeliveryReportReq r) {
        ack =
            listener.onDeliveryReport(r.toDeliveryReport(context(request, env, r.relayServerId())));
        reply = new DeliveryReportRsp(status(ack));
      } else {
        ReadReplyReq r = (ReadReplyReq) body;
        ack = listener.onReadReply(r.toReadReply(context(request, env, r.relayServerId())));
        reply = new ReadReplyRsp(status(ack));
      }
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError) {
        throw e;
      }
      LOG.error(
          "MM7 listener failed on {} (TransactionID {}); answering 3000 so the MMSC retries",
          body.elementName(),
          tx.orElse("none"),
          e);
      return fault(
          tx.orElse(null), version, 500, "Server", 3000, "Server error", "the application failed");
    }
    return reply(tx.orElse(null), version, reply);
  }

  private static InboundResponse reply(String tx, Mm7Version version, Mm7Body reply) {
    return xml(200, Mm7Envelope.of(tx, version, reply));
  }

  private static Status status(Acknowledgement ack) {
    if (ack == null) {
      throw new IllegalStateException("the listener returned no Acknowledgement");
    }
    return Status.of(ack.statusCode(), ack.statusText());
  }

  private static InboundContext context(
      InboundRequest request, Mm7Envelope env, Optional<String> relayServerId) {
    return new InboundContext(
        Transport.MM7,
        request.account(),
        request.remoteAddress(),
        env.transactionId(),
        Optional.of(env.version().mm7Version()),
        request.receivedAt(),
        List.of(new Mm7InboundDetail(env.version().namespace(), relayServerId)));
  }

  private InboundResponse tooLarge(String tx) {
    return fault(
        tx,
        null,
        413,
        "Client",
        2004,
        "Multimedia content refused",
        "request larger than " + maxRequestSize + " bytes");
  }

  private InboundResponse fault(
      String tx,
      Mm7Version version,
      int httpStatus,
      String faultCode,
      int statusCode,
      String statusText,
      String details) {
    Mm7Version v =
        version != null ? version : replyVersion != null ? replyVersion : Mm7Version.DEFAULT;
    Status s = new Status(statusCode, statusText, Optional.ofNullable(details));
    Fault f = new Fault(faultCode, statusText, Optional.of(new ErrorRsp(false, s)));
    return xml(httpStatus, Mm7Envelope.of(tx, v, f));
  }

  private static InboundResponse xml(int httpStatus, Mm7Envelope env) {
    try {
      return InboundResponse.of(
          httpStatus, XML, Mm7Codec.encode(env, Mm7WriteOptions.standard()).toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A body over the cap. */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(long max) {
      super("request body larger than " + max + " bytes");
    }
  }

  /** A request body: the first {@code length} bytes of {@code bytes}. */
  record Body(byte[] bytes, int length) {}

  /**
   * Reads the whole body, at most {@code max} bytes: into an array of the declared length when
   * there is one, else growing.
   */
  static Body readBody(InputStream in, long declared, long max) throws IOException {
    if (declared > max) {
      throw new TooLargeException(max);
    }
    if (declared >= 0) {
      int n = (int) declared;
      byte[] b = new byte[n];
      int read = in.readNBytes(b, 0, n);
      if (read < n) {
        throw new java.io.EOFException(
            "request body ended after " + read + " of " + declared + " bytes");
      }
      return new Body(b, n);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    byte[] buf = new byte[8192];
    long total = 0;
    for (int n; (n = in.read(buf)) > 0; ) {
      total += n;
      if (total > max) {
        throw new TooLargeException(max);
      }
      out.write(buf, 0, n);
    }
    byte[] all = out.toByteArray();
    return new Body(all, all.length);
  }
}
