package org.mmskit.server;

import java.io.InputStream;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One inbound HTTP request as a protocol handler sees it: method, path, query, headers, a body
 * stream, and who sent it.
 *
 * <p>The embedded {@link MmsServer} builds these after routing, authentication and the IP
 * allow-list have passed; a servlet or framework adapter can build them with {@link #builder()} to
 * call an {@link InboundHandler} without the embedded server.
 *
 * <p>The body stream is already capped at the server's maximum body size: reading past the cap
 * raises an {@link java.io.IOException} (the server answers 413). A body cut short by the peer also
 * raises an {@code IOException} rather than ending early, so a handler never mistakes a truncated
 * body for a complete one. The stream may be read once, by the handler's thread, during {@link
 * InboundHandler#handle}; it is invalid afterwards.
 *
 * <p>Instances are immutable apart from the body stream's position; not meant to be shared across
 * threads.
 */
public final class InboundRequest {
  private final String method;
  private final String path;
  private final Optional<String> query;
  private final HeaderMap headers;
  private final InputStream body;
  private final long contentLength;
  private final Optional<InetAddress> remoteAddress;
  private final Optional<String> account;
  private final boolean secure;
  private final Instant receivedAt;

  private InboundRequest(Builder b) {
    this.method = Objects.requireNonNull(b.method, "method");
    this.path = Objects.requireNonNull(b.path, "path");
    this.query = Optional.ofNullable(b.query);
    this.headers = Objects.requireNonNull(b.headers, "headers");
    this.body = b.body == null ? InputStream.nullInputStream() : b.body;
    this.contentLength = b.contentLength;
    this.remoteAddress = Optional.ofNullable(b.remoteAddress);
    this.account = Optional.ofNullable(b.account);
    this.secure = b.secure;
    this.receivedAt = b.receivedAt == null ? Instant.now() : b.receivedAt;
  }

  /** Returns a new builder. Method {@code POST}, path {@code /} and no headers by default. */
  public static Builder builder() {
    return new Builder();
  }

  /** The HTTP method in upper case, e.g. {@code POST}. */
  public String method() {
    return method;
  }

  /**
   * The request path without the query, percent-encoded as received, e.g. {@code /mm7}. When the
   * route takes credentials in the path, they are removed from this value (so it is safe to log).
   */
  public String path() {
    return path;
  }

  /** The raw query string (without {@code ?}), if the request target had one. */
  public Optional<String> query() {
    return query;
  }

  /** The request headers (case-insensitive names). */
  public HeaderMap headers() {
    return headers;
  }

  /** Shortcut for {@code headers().first(name)}. */
  public Optional<String> header(String name) {
    return headers.first(name);
  }

  /** Shortcut for the {@code Content-Type} header. */
  public Optional<String> contentType() {
    return headers.first("Content-Type");
  }

  /**
   * The body, size-capped; an empty stream when the request had none. Reading it may throw {@link
   * java.io.IOException} when the peer drops the connection or the body exceeds the cap.
   */
  public InputStream body() {
    return body;
  }

  /** The declared body length ({@code Content-Length}); empty for chunked or unknown lengths. */
  public OptionalLong contentLength() {
    return contentLength < 0 ? OptionalLong.empty() : OptionalLong.of(contentLength);
  }

  /** The peer's IP address, when known. */
  public Optional<InetAddress> remoteAddress() {
    return remoteAddress;
  }

  /** The account that authenticated this request; empty on an open route. */
  public Optional<String> account() {
    return account;
  }

  /** Whether the request came over TLS. */
  public boolean secure() {
    return secure;
  }

  /** When the server received the request head. */
  public Instant receivedAt() {
    return receivedAt;
  }

  @Override
  public String toString() {
    return "InboundRequest{"
        + method
        + ' '
        + path
        + (query.isPresent() ? "?…" : "")
        + ", account="
        + account.orElse("-")
        + ", from="
        + remoteAddress.map(InetAddress::getHostAddress).orElse("-")
        + ", contentLength="
        + contentLength
        + '}';
  }

  /** Builds an {@link InboundRequest}; not thread-safe. */
  public static final class Builder {
    private String method = "POST";
    private String path = "/";
    private String query;
    private HeaderMap headers = HeaderMap.empty();
    private InputStream body;
    private long contentLength = -1;
    private InetAddress remoteAddress;
    private String account;
    private boolean secure;
    private Instant receivedAt;

    private Builder() {}

    /** Sets the HTTP method; it is upper-cased. */
    public Builder method(String method) {
      this.method = Objects.requireNonNull(method, "method").toUpperCase(java.util.Locale.ROOT);
      return this;
    }

    /** Sets the path (without query); must start with {@code /}. */
    public Builder path(String path) {
      Objects.requireNonNull(path, "path");
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("path must start with '/': " + path);
      }
      this.path = path;
      return this;
    }

    /** Sets the raw query string (without {@code ?}), or {@code null} for none. */
    public Builder query(String query) {
      this.query = query;
      return this;
    }

    /** Sets the headers. */
    public Builder headers(HeaderMap headers) {
      this.headers = Objects.requireNonNull(headers, "headers");
      return this;
    }

    /** Sets the body stream; {@code null} means an empty body. */
    public Builder body(InputStream body) {
      this.body = body;
      return this;
    }

    /** Sets the body from bytes, with the matching content length. */
    public Builder body(byte[] body) {
      Objects.requireNonNull(body, "body");
      this.body = new java.io.ByteArrayInputStream(body);
      this.contentLength = body.length;
      return this;
    }

    /** Sets the declared body length; negative means unknown (chunked). */
    public Builder contentLength(long contentLength) {
      this.contentLength = contentLength < 0 ? -1 : contentLength;
      return this;
    }

    /** Sets the peer's address, or {@code null} when unknown. */
    public Builder remoteAddress(InetAddress remoteAddress) {
      this.remoteAddress = remoteAddress;
      return this;
    }

    /** Sets the authenticated account name, or {@code null} for an unauthenticated request. */
    public Builder account(String account) {
      this.account = account;
      return this;
    }

    /** Sets whether the request came over TLS. */
    public Builder secure(boolean secure) {
      this.secure = secure;
      return this;
    }

    /** Sets the receive time; defaults to the time {@link #build()} is called. */
    public Builder receivedAt(Instant receivedAt) {
      this.receivedAt = receivedAt;
      return this;
    }

    /** Returns the request. */
    public InboundRequest build() {
      return new InboundRequest(this);
    }
  }
}
