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

  public PayloadEntity(Mm7Payload payload) {
    super(payload.contentType(), null, payload.contentLength() < 0);
    this.payload = payload;
    this.bytes = null;
  }

  /** An entity of bytes already encoded, keeping the content type text exactly as given. */
  public PayloadEntity(String contentType, byte[] bytes) {
    super(contentType, null, false);
    this.payload = null;
    this.bytes = bytes;
  }

  @Override
  public boolean isRepeatable() {
    return true;
  }

  @Override
  public long getContentLength() {
    return bytes != null ? bytes.length : payload.contentLength();
  }

  @Override
  public InputStream getContent() {
    throw new UnsupportedOperationException("streamed entity: use writeTo");
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    if (bytes != null) {
      out.write(bytes);
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
