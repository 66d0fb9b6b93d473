package org.mmskit.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP response an {@link InboundHandler} returns: status, headers and a body given either as
 * bytes or as a {@link BodyWriter} that streams it.
 *
 * <p>Instances are immutable (a byte body is not copied: do not change the array after building)
 * and thread-safe when the body writer is.
 */
public final class InboundResponse {
  private static final byte[] NO_BYTES = new byte[0];

  private final int status;
  private final HeaderMap headers;
  private final byte[] body;
  private final BodyWriter writer;
  private final long writerLength;

  private InboundResponse(Builder b) {
    this.status = b.status;
    this.headers = b.headers.build();
    this.body = b.body;
    this.writer = b.writer;
    this.writerLength = b.writerLength;
  }

  /** Streams a response body. */
  @FunctionalInterface
  public interface BodyWriter {
    /**
     * Writes the whole body to {@code out}; the server flushes and closes the stream afterwards.
     *
     * @throws IOException when writing fails (the client went away)
     */
    void writeTo(OutputStream out) throws IOException;
  }

  /** Returns a builder for a response with this final status (200-599). */
  public static Builder builder(int status) {
    return new Builder(status);
  }

  /** Returns {@code 200 OK} with this body and {@code Content-Type}. */
  public static InboundResponse ok(String contentType, byte[] body) {
    return of(200, contentType, body);
  }

  /** Returns a response with this status, {@code Content-Type} and body. */
  public static InboundResponse of(int status, String contentType, byte[] body) {
    return builder(status).contentType(contentType).body(body).build();
  }

  /** Returns {@code 204 No Content}. */
  public static InboundResponse noContent() {
    return builder(204).build();
  }

  /** Returns an empty response with this status. */
  public static InboundResponse status(int status) {
    return builder(status).build();
  }

  /** Returns a response with this status and a {@code text/plain; charset=UTF-8} body. */
  public static InboundResponse text(int status, String text) {
    return of(status, "text/plain; charset=UTF-8", text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The HTTP status code, 200-599. Interim 1xx responses are the server's business ({@code 100
   * Continue} is sent automatically); a body given with 204 or 304 is not sent.
   */
  public int status() {
    return status;
  }

  /** The response headers (without {@code Content-Length}, which the server sets). */
  public HeaderMap headers() {
    return headers;
  }

  /** The {@code Content-Type} header, if set. */
  public Optional<String> contentType() {
    return headers.first("Content-Type");
  }

  /**
   * The body bytes when the body was given as bytes (empty array for no body); empty when it is
   * streamed by a {@link #bodyWriter()}. The array is shared: do not modify it.
   */
  public Optional<byte[]> bodyBytes() {
    return writer == null ? Optional.of(body) : Optional.empty();
  }

  /** The body writer when the body is streamed. */
  public Optional<BodyWriter> bodyWriter() {
    return Optional.ofNullable(writer);
  }

  /**
   * The body length in bytes when known: the array length, or the length declared with {@link
   * Builder#body(BodyWriter, long)}; {@code -1} for a streamed body of unknown length (sent
   * chunked).
   */
  public long contentLength() {
    return writer == null ? body.length : writerLength;
  }

  /** Writes the body (bytes or streamed) to {@code out}. */
  public void writeBody(OutputStream out) throws IOException {
    if (writer != null) {
      writer.writeTo(out);
    } else if (body.length > 0) {
      out.write(body);
    }
  }

  /** Returns a builder holding this response's values. */
  public Builder toBuilder() {
    Builder b = new Builder(status);
    b.headers = headers.toBuilder();
    b.body = body;
    b.writer = writer;
    b.writerLength = writerLength;
    return b;
  }

  @Override
  public String toString() {
    return "InboundResponse{" + status + ", " + headers + ", length=" + contentLength() + '}';
  }

  /** Builds an {@link InboundResponse}; not thread-safe. */
  public static final class Builder {
    private final int status;
    private HeaderMap.Builder headers = HeaderMap.builder();
    private byte[] body = NO_BYTES;
    private BodyWriter writer;
    private long writerLength = -1;

    private Builder(int status) {
      if (status < 200 || status > 599) {
        throw new IllegalArgumentException("HTTP status out of range: " + status);
      }
      this.status = status;
    }

    /** Adds a header line. */
    public Builder header(String name, String value) {
      headers.add(name, value);
      return this;
    }

    /** Sets (replaces) the {@code Content-Type} header. */
    public Builder contentType(String contentType) {
      headers.set("Content-Type", contentType);
      return this;
    }

    /** Sets the body bytes (not copied). */
    public Builder body(byte[] body) {
      this.body = Objects.requireNonNull(body, "body");
      this.writer = null;
      this.writerLength = -1;
      return this;
    }

    /** Sets a streamed body of unknown length (sent chunked). */
    public Builder body(BodyWriter writer) {
      return body(writer, -1);
    }

    /**
     * Sets a streamed body of known length; the writer must write exactly {@code length} bytes.
     * Negative means unknown.
     */
    public Builder body(BodyWriter writer, long length) {
      this.writer = Objects.requireNonNull(writer, "writer");
      this.writerLength = length < 0 ? -1 : length;
      this.body = NO_BYTES;
      return this;
    }

    /** Returns the response. */
    public InboundResponse build() {
      return new InboundResponse(this);
    }
  }
}
