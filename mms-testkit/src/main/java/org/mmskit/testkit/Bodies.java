package org.mmskit.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.mmskit.server.InboundRequest;
import org.mmskit.server.InboundResponse;

/** Helpers shared by the MM7 and EAIF sides: bounded body reading and the scripted failures. */
final class Bodies {
  private Bodies() {}

  /** The whole body, or null when it exceeds {@code max} bytes. */
  static byte[] read(InboundRequest request, long max) throws IOException {
    if (request.contentLength().isPresent() && request.contentLength().getAsLong() > max) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    byte[] buf = new byte[8192];
    long total = 0;
    try (InputStream in = request.body()) {
      for (int n; (n = in.read(buf)) > 0; ) {
        total += n;
        if (total > max) {
          return null;
        }
        out.write(buf, 0, n);
      }
    }
    return out.toByteArray();
  }

  /** Waits before a scripted answer; an interrupt (the mock closing) ends the wait early. */
  static void pause(Duration delay) {
    if (delay.isZero()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A bare HTTP status with a text body. */
  static InboundResponse httpStatus(int status) {
    return InboundResponse.builder(status)
        .contentType("text/plain; charset=utf-8")
        .body(("MockMmsc scripted HTTP " + status + "\n").getBytes(StandardCharsets.UTF_8))
        .build();
  }

  /**
   * A response that promises a body and breaks off after a few bytes: the server aborts the
   * connection and the client sees a truncated exchange.
   */
  static InboundResponse drop(String contentType) {
    return InboundResponse.builder(200)
        .contentType(contentType)
        .body(
            out -> {
              out.write("<".getBytes(StandardCharsets.US_ASCII));
              out.flush();
              throw new IOException("MockMmsc: connection dropped as scripted");
            },
            4096)
        .build();
  }
}
