package org.mmskit.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import org.apache.hc.core5.function.Supplier;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.mmskit.server.InboundResponse;

/** Adapts an {@link InboundResponse} body to HttpCore's entity, without copying bytes. */
final class ResponseEntity implements HttpEntity {
  private final InboundResponse response;

  ResponseEntity(InboundResponse response) {
    this.response = response;
  }

  @Override
  public boolean isRepeatable() {
    return response.bodyWriter().isEmpty();
  }

  @Override
  public InputStream getContent() throws IOException {
    throw new UnsupportedOperationException("response entities are written, not read");
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    response.writeBody(out);
  }

  @Override
  public boolean isStreaming() {
    return false;
  }

  @Override
  public Supplier<List<? extends Header>> getTrailers() {
    return null;
  }

  @Override
  public void close() {}

  @Override
  public long getContentLength() {
    return response.contentLength();
  }

  @Override
  public String getContentType() {
    // Sent as an ordinary header by the dispatcher.
    return null;
  }

  @Override
  public String getContentEncoding() {
    return null;
  }

  @Override
  public boolean isChunked() {
    return response.contentLength() < 0;
  }

  @Override
  public Set<String> getTrailerNames() {
    return Set.of();
  }
}
