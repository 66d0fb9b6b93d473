package org.mmskit.http.internal;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A request body the layer streams: written on the fly, never asked for as one array. Written once
 * per request (the layer does not retry).
 */
public interface RequestBody {
  /** The Content-Type header value, sent as given. */
  String contentType();

  /** The length in bytes, or -1 when unknown (the body is then sent chunked). */
  long length();

  /** Writes the body; does not close {@code out}. */
  void writeTo(OutputStream out) throws IOException;

  /** The body as the wire trace shows it, e.g. the SOAP XML with a summary of each part. */
  String describe();

  /** A body held in one array. */
  static RequestBody of(String contentType, byte[] bytes, String description) {
    return new RequestBody() {
      @Override
      public String contentType() {
        return contentType;
      }

      @Override
      public long length() {
        return bytes.length;
      }

      @Override
      public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
      }

      @Override
      public String describe() {
        return description;
      }
    };
  }
}
