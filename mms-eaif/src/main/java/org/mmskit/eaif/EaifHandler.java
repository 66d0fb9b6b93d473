package org.mmskit.eaif;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.InboundContext;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsListener;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.ReadReply;
import org.mmskit.core.Transport;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.MmsPduDecoder;
import org.mmskit.core.pdu.PduLimits;
import org.mmskit.core.pdu.PduMessages;
import org.mmskit.eaif.internal.EaifPdus;
import org.mmskit.http.internal.WireTrace;
import org.mmskit.server.HeaderMap;
import org.mmskit.server.InboundHandler;
import org.mmskit.server.InboundRequest;
import org.mmskit.server.InboundResponse;
import org.mmskit.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives what an MMSC posts over EAIF and hands it to an {@link MmsListener}: an MO m-send-req or
 * m-retrieve-conf becomes {@link MmsListener#onMessage}, an m-delivery-ind {@link
 * MmsListener#onDeliveryReport}, an m-read-orig-ind or m-read-rec-ind {@link
 * MmsListener#onReadReply}; the same callbacks and model as MM7.
 *
 * <p>Mount it on the shared {@link org.mmskit.server.MmsServer} with {@link #route(String,
 * MmsListener)} (accounts, IP allow-lists and TLS are the server's), start a one-route server with
 * {@link EaifListener}, or call {@link #handle} from any HTTP stack:
 *
 * <pre>{@code
 * MmsServer server = MmsServer.builder().port(8080)
 *     .route(EaifHandler.route("/eaif", listener).account("mmsc", secret).build())
 *     .build().start();
 * }</pre>
 *
 * <p>Headers honoured: {@code X-NOKIA-MMSC-To} (repeated or comma-separated) replaces the PDU's
 * recipients and {@code X-NOKIA-MMSC-From} its sender; {@code X-NOKIA-MMSC-Message-Id} is the
 * message ID (of the message, or of the message a report is about). For reports the headers only
 * fill addresses the PDU lacks. {@link InboundContext#transport()} is {@link Transport#EAIF}, its
 * protocol version the PDU's MMS version.
 *
 * <p>Answers: {@code 204} when the callback accepted; {@code 400} with a text reason for an empty
 * or malformed PDU, a PDU type EAIF does not deliver, or an unreadable address header; {@code 405}
 * for a method other than POST; {@code 413} for a body above {@link Builder#maxRequestSize}; {@code
 * 415} for a content type other than {@code application/vnd.wap.mms-message} (or the dotted
 * spelling); {@code 500} when the callback throws or returns a non-success {@link Acknowledgement},
 * so the MMSC tries again later. Every answer carries {@code X-NOKIA-MMSC-Version}.
 *
 * <p>Thread-safe: callbacks run on the calling (server worker) thread, possibly several at once.
 */
public final class EaifHandler implements InboundHandler {
  private static final Logger LOG = LoggerFactory.getLogger(EaifHandler.class);

  /** Default largest body accepted: 8 MiB. */
  public static final long DEFAULT_MAX_REQUEST_SIZE = 8 << 20;

  private final MmsListener listener;
  private final String eaifVersion;
  private final int maxRequestSize;
  private final PduLimits limits;

  private EaifHandler(Builder b) {
    this.listener = b.listener;
    this.eaifVersion = b.eaifVersion;
    this.maxRequestSize = b.maxRequestSize;
    this.limits = PduLimits.DEFAULT.withMaxPduSize(b.maxRequestSize);
  }

  /** A handler with default settings passing everything to {@code listener}. */
  public static EaifHandler of(MmsListener listener) {
    return builder(listener).build();
  }

  /** A builder for a handler passing everything to {@code listener}. */
  public static Builder builder(MmsListener listener) {
    return new Builder(listener);
  }

  /**
   * A route builder for the embedded server with a default handler on {@code path} (e.g. {@code
   * /eaif}); add accounts ({@code .account(name, password)}) or call {@code .open()}, then {@code
   * build()} and pass it to {@code MmsServer.Builder.route}.
   */
  public static Route.Builder route(String path, MmsListener listener) {
    return Route.builder(path, of(listener));
  }

  /** A route builder for the embedded server with this handler on {@code path}. */
  public Route.Builder route(String path) {
    return Route.builder(path, this);
  }

  @Override
  public InboundResponse handle(InboundRequest request) throws IOException {
    String version = request.header(EaifHeaders.VERSION).map(String::trim).orElse(eaifVersion);
    if (!EaifHeaders.isVersion(version)) {
      version = eaifVersion;
    }
    if (!"POST".equals(request.method())) {
      return log(
          request,
          null,
          InboundResponse.builder(405)
              .header("Allow", "POST")
              .header(EaifHeaders.VERSION, version)
              .contentType("text/plain; charset=UTF-8")
              .body(bytes("EAIF takes POST only"))
              .build());
    }
    Optional<String> contentType = request.contentType();
    if (!EaifHeaders.isMmsContentType(contentType.orElse(null))) {
      return log(
          request,
          null,
          text(
              415,
              version,
              "unsupported content type "
                  + contentType.orElse("(none)")
                  + ": EAIF takes "
                  + EaifHeaders.CONTENT_TYPE));
    }
    if (request.contentLength().isPresent()
        && request.contentLength().getAsLong() > maxRequestSize) {
      return log(
          request, null, text(413, version, "body larger than " + maxRequestSize + " bytes"));
    }
    byte[] body;
    try (InputStream in = request.body()) {
      body = in.readNBytes(maxRequestSize + 1);
    }
    if (body.length > maxRequestSize) {
      return log(
          request, null, text(413, version, "body larger than " + maxRequestSize + " bytes"));
    }
    if (body.length == 0) {
      return log(request, body, text(400, version, "empty body: an MMS PDU was expected"));
    }
    MmsPdu pdu;
    try {
      pdu = MmsPduDecoder.decode(body, limits);
    } catch (MmsMalformedException e) {
      LOG.debug("malformed EAIF PDU from {}: {}", remote(request), e.getMessage());
      return log(request, body, text(400, version, "malformed MMS PDU: " + e.getMessage()));
    } catch (RuntimeException e) {
      // The decoder should only throw MmsPduException; anything else is still bad input.
      LOG.warn("PDU decoder failed unexpectedly on input from {}", remote(request), e);
      return log(request, body, text(400, version, "malformed MMS PDU: " + e.getMessage()));
    }
    InboundContext context =
        new InboundContext(
            Transport.EAIF,
            request.account(),
            request.remoteAddress(),
            pdu.transactionId(),
            Optional.of(pdu.version().toString()),
            request.receivedAt(),
            List.of());
    Optional<String> headerId =
        request.header(EaifHeaders.MESSAGE_ID).map(String::trim).filter(s -> !s.isEmpty());
    List<Address> headerTo;
    Optional<Address> headerFrom;
    try {
      headerTo = addresses(request.headers().all(EaifHeaders.TO));
      headerFrom =
          request
              .header(EaifHeaders.FROM)
              .map(String::trim)
              .filter(s -> !s.isEmpty())
              .map(Address::parse);
    } catch (IllegalArgumentException e) {
      return log(request, body, text(400, version, "bad address header: " + e.getMessage()));
    }

    Acknowledgement ack;
    String what;
    try {
      switch (pdu.type()) {
        case SEND_REQ:
        case RETRIEVE_CONF:
          {
            MmsMessage m;
            try {
              m = message(pdu, headerTo, headerFrom, headerId);
            } catch (MmsMalformedException | IllegalArgumentException e) {
              return log(request, body, text(400, version, "unusable message: " + e.getMessage()));
            }
            what = "message";
            ack = listener.onMessage(new IncomingMessage(m, context));
            break;
          }
        case DELIVERY_IND:
          {
            DeliveryReport r;
            try {
              r = deliveryReport(pdu, context, headerTo, headerFrom, headerId);
            } catch (MmsMalformedException | IllegalArgumentException e) {
              return log(
                  request, body, text(400, version, "unusable delivery report: " + e.getMessage()));
            }
            what = "delivery report";
            ack = listener.onDeliveryReport(r);
            break;
          }
        case READ_ORIG_IND:
        case READ_REC_IND:
          {
            ReadReply r;
            try {
              r = readReply(pdu, context, headerTo, headerFrom, headerId);
            } catch (MmsMalformedException | IllegalArgumentException e) {
              return log(
                  request, body, text(400, version, "unusable read reply: " + e.getMessage()));
            }
            what = "read reply";
            ack = listener.onReadReply(r);
            break;
          }
        default:
          return log(
              request,
              body,
              text(400, version, "EAIF does not deliver " + pdu.type().specName() + " PDUs"));
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "EAIF listener failed on a {} PDU from {}", pdu.type().specName(), remote(request), e);
      return log(request, body, text(500, version, "the application could not take the PDU"));
    }
    if (ack == null || !ack.isSuccess()) {
      String reason =
          ack == null
              ? "listener returned no acknowledgement"
              : "refused: " + ack.statusCode() + " " + ack.statusText();
      LOG.info("EAIF {} from {} not accepted: {}", what, remote(request), reason);
      return log(request, body, text(500, version, reason));
    }
    return log(
        request, body, InboundResponse.builder(204).header(EaifHeaders.VERSION, version).build());
  }

  private static MmsMessage message(
      MmsPdu pdu, List<Address> headerTo, Optional<Address> headerFrom, Optional<String> headerId) {
    MmsMessage m = PduMessages.toMessage(pdu);
    if (headerTo.isEmpty() && headerFrom.isEmpty() && headerId.isEmpty()) {
      return m;
    }
    MmsMessage.Builder b = m.toBuilder();
    if (!headerTo.isEmpty()) {
      b.clearRecipients().to(headerTo);
    }
    headerFrom.ifPresent(b::from);
    headerId.ifPresent(b::messageId);
    return b.build();
  }

  private static DeliveryReport deliveryReport(
      MmsPdu pdu,
      InboundContext context,
      List<Address> headerTo,
      Optional<Address> headerFrom,
      Optional<String> headerId) {
    DeliveryReport r = PduMessages.toDeliveryReport(pdu, context);
    return new DeliveryReport(
        headerId.orElse(r.messageId()),
        r.recipient().or(() -> headerFrom),
        r.sender().or(() -> headerTo.stream().findFirst()),
        r.date(),
        r.status(),
        r.rawStatus(),
        r.statusText(),
        r.context());
  }

  private static ReadReply readReply(
      MmsPdu pdu,
      InboundContext context,
      List<Address> headerTo,
      Optional<Address> headerFrom,
      Optional<String> headerId) {
    ReadReply r = PduMessages.toReadReply(pdu, context);
    return new ReadReply(
        headerId.orElse(r.messageId()),
        r.recipient().or(() -> headerFrom),
        r.sender().or(() -> headerTo.stream().findFirst()),
        r.date(),
        r.status(),
        r.rawStatus(),
        r.statusText(),
        r.context());
  }

  /** Reads repeated and comma-separated address header values. */
  static List<Address> addresses(List<String> values) {
    List<Address> out = new ArrayList<>();
    for (String v : values) {
      for (String item : v.split(",")) {
        String s = item.trim();
        if (!s.isEmpty()) {
          out.add(Address.parse(s));
        }
      }
    }
    return out;
  }

  private InboundResponse log(InboundRequest request, byte[] body, InboundResponse response) {
    if (!WireTrace.enabled()) {
      return response;
    }
    List<org.mmskit.core.Header> headers = new ArrayList<>();
    HeaderMap h = request.headers();
    for (int i = 0; i < h.size(); i++) {
      headers.add(new org.mmskit.core.Header(h.name(i), h.value(i)));
    }
    String ct = request.contentType().orElse(null);
    String summary =
        body == null
            ? "(body not read)"
            : ct == null
                    || ct.toLowerCase(Locale.ROOT).contains("mms")
                    || EaifPdus.looksLikePdu(body)
                ? EaifPdus.summary(body)
                : WireTrace.summary(ct, body);
    String answer =
        response
            .bodyBytes()
            .map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8).trim())
            .orElse("");
    WireTrace.inbound(
        "EAIF",
        request.method(),
        request.path(),
        request.remoteAddress().map(a -> a.getHostAddress()).orElse(null),
        headers,
        summary,
        response.status(),
        answer);
    return response;
  }

  private static InboundResponse text(int status, String version, String text) {
    return InboundResponse.builder(status)
        .header(EaifHeaders.VERSION, version)
        .contentType("text/plain; charset=UTF-8")
        .body(bytes(printable(text)))
        .build();
  }

  private static byte[] bytes(String s) {
    return (s + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String remote(InboundRequest request) {
    return request.remoteAddress().map(a -> a.getHostAddress()).orElse("-");
  }

  /** Keeps text safe to echo: no control characters, at most 300 characters. */
  private static String printable(String s) {
    StringBuilder sb = new StringBuilder(Math.min(s.length(), 300));
    for (int i = 0; i < s.length() && sb.length() < 300; i++) {
      char c = s.charAt(i);
      sb.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return sb.toString();
  }

  /** Refuses request size limits the handler cannot hold in one array. */
  static void checkMaxRequestSize(long bytes) {
    if (bytes < 64 || bytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("maxRequestSize out of range [64, 2 GiB): " + bytes);
    }
  }

  @Override
  public String toString() {
    return "EaifHandler{listener=" + listener + ", version=" + eaifVersion + "}";
  }

  /** Builds an {@link EaifHandler}. Not thread-safe. */
  public static final class Builder {
    private final MmsListener listener;
    private String eaifVersion = EaifHeaders.DEFAULT_VERSION;
    private int maxRequestSize = (int) DEFAULT_MAX_REQUEST_SIZE;

    private Builder(MmsListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * The {@code X-NOKIA-MMSC-Version} answered when the request carries none (requests that carry
     * one get it echoed). Default {@code 3.0}.
     */
    public Builder eaifVersion(String version) {
      Objects.requireNonNull(version, "version");
      if (!EaifHeaders.isVersion(version)) {
        throw new IllegalArgumentException("EAIF version must be major.minor: " + version);
      }
      this.eaifVersion = version;
      return this;
    }

    /** The largest request body (a PDU) accepted, in bytes (413 above). Default 8 MiB. */
    public Builder maxRequestSize(long bytes) {
      checkMaxRequestSize(bytes);
      this.maxRequestSize = (int) bytes;
      return this;
    }

    /** Builds the handler. */
    public EaifHandler build() {
      return new EaifHandler(this);
    }
  }
}
