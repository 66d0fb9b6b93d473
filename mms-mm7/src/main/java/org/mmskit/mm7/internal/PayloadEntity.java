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

  public PayloadEntity(Mm7Payload payload) {
    super(payload.contentType(), null, payload.contentLength() < 0);
    this.payload = payload;
  }

  @Override
  public boolean isRepeatable() {
    return true;
  }

  @Override
  public long getContentLength() {
    return payload.contentLength();
  }

  @Override
  public InputStream getContent() {
    throw new UnsupportedOperationException("streamed entity: use writeTo");
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    payload.writeTo(out);
  }

  @Override
  public boolean isStreaming() {
    return false;
  }

  @Override
  public void close() {}
}
