package org.mmskit.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.hc.core5.function.Supplier;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.mmskit.server.InboundResponse;

/**
 * Adapts an {@link InboundResponse} body to HttpCore's entity, without copying bytes. It also tells
 * when the exchange is over: HttpCore closes the response, and with it this entity, after the body
 * was written or sending it failed, and {@link #whenDone} then hears which. Used by one worker
 * thread at a time.
 */
final class ResponseEntity implements HttpEntity {
  private final InboundResponse response;
  private Consumer<Throwable> done;
  private Throwable failure;

  ResponseEntity(InboundResponse response) {
    this.response = response;
  }

  /**
   * Calls {@code callback} once, when HttpCore is done with this entity: with null when the body
   * was sent (or none was due, as for HEAD), with the exception when sending it failed.
   */
  void whenDone(Consumer<Throwable> callback) {
    this.done = callback;
  }

  /** Records that sending the body failed after {@link #writeTo} (in the final flush). */
  void failed(Throwable e) {
    if (failure == null) {
      failure = e;
    }
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
    try {
      response.writeBody(out);
    } catch (IOException | RuntimeException e) {
      failed(e);
      throw e;
    }
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
  public void close() {
    Consumer<Throwable> callback = done;
    if (callback != null) {
      done = null;
      callback.accept(failure);
    }
  }

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
