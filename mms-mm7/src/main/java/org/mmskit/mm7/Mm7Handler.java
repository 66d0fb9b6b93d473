package org.mmskit.mm7;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.mmskit.core.MmsListener;
import org.mmskit.mm7.internal.Mm7InboundProcessor;
import org.mmskit.server.InboundHandler;
import org.mmskit.server.InboundRequest;
import org.mmskit.server.InboundResponse;

/**
 * Receives the requests an MMSC posts to a content provider over MM7 — {@code DeliverReq}, {@code
 * DeliveryReportReq}, {@code ReadReplyReq} — and passes them to an {@link MmsListener}.
 *
 * <p>The handler is independent of the embedded server: mount it on an {@link
 * org.mmskit.server.MmsServer} route (what {@link Mm7Listener} does), or build an {@link
 * InboundRequest} from a servlet request and write the returned {@link InboundResponse} yourself.
 *
 * <p>Answers:
 *
 * <ul>
 *   <li>{@code DeliverReq} → {@link MmsListener#onMessage}, {@code DeliveryReportReq} → {@link
 *       MmsListener#onDeliveryReport}, {@code ReadReplyReq} → {@link MmsListener#onReadReply}. The
 *       returned {@link org.mmskit.core.Acknowledgement} becomes the status of the {@code
 *       DeliverRsp}/{@code DeliveryReportRsp}/{@code ReadReplyRsp} (HTTP 200), written in the
 *       request's namespace and {@code MM7Version} (or the configured {@linkplain
 *       Builder#replyVersion reply version}) with the request's {@code TransactionID}.
 *   <li>A callback that throws: SOAP fault ({@code Server}) holding a {@code VASPErrorRsp} with
 *       status 3000, HTTP 500, so the MMSC retries; the exception is logged.
 *   <li>A request that cannot be read (not XML, no SOAP envelope, DTD or entity declarations,
 *       missing required elements, an address that cannot be read): SOAP fault ({@code Client})
 *       with {@code VASPErrorRsp} 2007 (message format corrupt), HTTP 500 as SOAP 1.1 section 6.2
 *       says (or 400, see {@link Builder#clientFaultHttpStatus}); the request's {@code
 *       TransactionID} is echoed whenever it can be read.
 *   <li>A well-formed MM7 request a content provider does not serve (e.g. {@code SubmitReq}): fault
 *       with 4003 (unsupported operation), HTTP 500 (or 400).
 *   <li>A body over {@linkplain Builder#maxRequestSize the cap}: fault with 2004, HTTP 413; a
 *       method other than POST: 405.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe; the listener is called on the caller's thread (the
 * server's worker threads), concurrently.
 */
public final class Mm7Handler implements InboundHandler {

  /** Default cap on a request body: 16 MiB. */
  public static final long DEFAULT_MAX_REQUEST_SIZE = 16L * 1024 * 1024;

  private final MmsListener listener;
  private final Optional<Mm7Version> replyVersion;
  private final long maxRequestSize;
  private final int clientFaultHttpStatus;
  private final Mm7InboundProcessor processor;

  private Mm7Handler(Builder b) {
    this.listener = b.listener;
    this.replyVersion = Optional.ofNullable(b.replyVersion);
    this.maxRequestSize = b.maxRequestSize;
    this.clientFaultHttpStatus = b.clientFaultHttpStatus;
    this.processor =
        new Mm7InboundProcessor(listener, b.replyVersion, maxRequestSize, b.clientFaultHttpStatus);
  }

  /** A handler with default settings calling {@code listener}. */
  public static Mm7Handler of(MmsListener listener) {
    return builder(listener).build();
  }

  /** Returns a builder for a handler calling {@code listener}. */
  public static Builder builder(MmsListener listener) {
    return new Builder(listener);
  }

  @Override
  public InboundResponse handle(InboundRequest request) throws IOException {
    return processor.handle(request);
  }

  /** The callback. */
  public MmsListener listener() {
    return listener;
  }

  /** The profile replies are written in; empty when replies echo the request's. */
  public Optional<Mm7Version> replyVersion() {
    return replyVersion;
  }

  /** The largest request body read, in bytes. */
  public long maxRequestSize() {
    return maxRequestSize;
  }

  /** The HTTP status of a {@code Client} fault: 500 unless configured to 400. */
  public int clientFaultHttpStatus() {
    return clientFaultHttpStatus;
  }

  /** Builds an {@link Mm7Handler}; not thread-safe. */
  public static final class Builder {
    private final MmsListener listener;
    private Mm7Version replyVersion;
    private long maxRequestSize = DEFAULT_MAX_REQUEST_SIZE;
    private int clientFaultHttpStatus = 500;

    private Builder(MmsListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Answers every request in this namespace and {@code MM7Version} instead of echoing the
     * request's (the default, which is what MMSCs expect).
     */
    public Builder replyVersion(Mm7Version version) {
      this.replyVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /** Caps the request body (default {@link #DEFAULT_MAX_REQUEST_SIZE}); larger ones get 413. */
    public Builder maxRequestSize(long bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxRequestSize must be at least 1024: " + bytes);
      }
      this.maxRequestSize = bytes;
      return this;
    }

    /**
     * The HTTP status of a {@code Client} fault (a request that cannot be read, or an operation a
     * content provider does not serve): 500 by default, as SOAP 1.1 section 6.2 has every fault
     * sent; 400 for MMSCs that expect a client error status.
     *
     * @throws IllegalArgumentException if {@code status} is neither 400 nor 500
     */
    public Builder clientFaultHttpStatus(int status) {
      if (status != 400 && status != 500) {
        throw new IllegalArgumentException("clientFaultHttpStatus must be 400 or 500: " + status);
      }
      this.clientFaultHttpStatus = status;
      return this;
    }

    /** Returns the handler. */
    public Mm7Handler build() {
      return new Mm7Handler(this);
    }
  }
}
