package org.mmskit.mm7.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

/**
 * An HTTP entity that writes an {@link Mm7Payload} on the fly: parts stream from their sources, so
 * a file-backed attachment is never held in memory. Content-Length when every size is known,
 * chunked otherwise.
 */
public final class PayloadEntity extends AbstractHttpEntity {
  private final Mm7Payload payload;
  private final byte[] bytes;
  private final int length;
  private final byte[] suffix;

  public PayloadEntity(Mm7Payload payload) {
    super(payload.contentType(), null, payload.contentLength() < 0);
    this.payload = payload;
    this.bytes = null;
    this.length = -1;
    this.suffix = null;
  }

  /** An entity of bytes already encoded, keeping the content type text exactly as given. */
  public PayloadEntity(String contentType, byte[] bytes) {
    this(contentType, bytes, bytes.length);
  }

  /**
   * An entity of the first {@code length} bytes of {@code bytes}, already encoded. The array is
   * read when the entity is written, not copied.
   */
  public PayloadEntity(String contentType, byte[] bytes, int length) {
    this(contentType, bytes, length, null);
  }

  /**
   * An entity of the first {@code length} bytes of {@code bytes} followed by {@code suffix} (none
   * when null), already encoded: written as two writes, the second straight from {@code suffix}.
   * Neither array is copied.
   */
  public PayloadEntity(String contentType, byte[] bytes, int length, byte[] suffix) {
    super(contentType, null, false);
    if (length < 0 || length > bytes.length) {
      throw new IllegalArgumentException("length " + length + " outside [0, " + bytes.length + "]");
    }
    this.payload = null;
    this.bytes = bytes;
    this.length = length;
    this.suffix = suffix;
  }

  @Override
  public boolean isRepeatable() {
    return true;
  }

  @Override
  public long getContentLength() {
    return bytes != null
        ? (long) length + (suffix == null ? 0 : suffix.length)
        : payload.contentLength();
  }

  @Override
  public InputStream getContent() {
    throw new UnsupportedOperationException("streamed entity: use writeTo");
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    if (bytes != null) {
      out.write(bytes, 0, length);
      if (suffix != null) {
        out.write(suffix);
      }
      return;
    }
    payload.writeTo(out);
  }

  @Override
  public boolean isStreaming() {
    return false;
  }

  @Override
  public void close() {}
}
