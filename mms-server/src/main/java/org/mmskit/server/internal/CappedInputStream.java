package org.mmskit.server.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a request body through while counting it: past {@code limit} bytes every read fails with
 * {@link BodyTooLargeException}. Also remembers whether the underlying stream failed (peer gone,
 * malformed chunking), so the server can tell a truncated body from a handler's own error.
 *
 * <p>Closing does not drain the rest of the body: the server decides whether the connection can be
 * reused. Not thread-safe (one request, one thread).
 */
public final class CappedInputStream extends InputStream {
  private final InputStream in;
  private final long limit;
  private long count;
  private boolean tooLarge;
  private boolean failed;
  private boolean eof;
  private boolean closed;

  /** Wraps {@code in}, allowing at most {@code limit} bytes. */
  public CappedInputStream(InputStream in, long limit) {
    this.in = in;
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    check();
    int b;
    try {
      b = in.read();
    } catch (IOException e) {
      failed = true;
      throw e;
    }
    if (b < 0) {
      eof = true;
      return -1;
    }
    count(1);
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    check();
    if (len == 0) {
      return 0;
    }
    // Ask for at most one byte beyond the limit: enough to notice an oversized body without
    // reading much of it.
    long room = limit - count + 1;
    int n;
    try {
      n = in.read(buf, off, (int) Math.min(len, room));
    } catch (IOException e) {
      failed = true;
      throw e;
    }
    if (n < 0) {
      eof = true;
      return -1;
    }
    count(n);
    return n;
  }

  @Override
  public int available() throws IOException {
    if (closed || tooLarge) {
      return 0;
    }
    return (int) Math.min(in.available(), Math.max(0, limit - count));
  }

  @Override
  public void close() {
    closed = true;
  }

  /** Bytes passed so far. */
  public long count() {
    return count;
  }

  /** Whether the body went past the limit. */
  public boolean tooLarge() {
    return tooLarge;
  }

  /** Whether the underlying stream raised an I/O error. */
  public boolean failed() {
    return failed;
  }

  /** Whether the end of the body was reached. */
  public boolean atEof() {
    return eof;
  }

  private void check() throws IOException {
    if (closed) {
      throw new IOException("request body stream closed");
    }
    if (tooLarge) {
      throw new BodyTooLargeException(limit);
    }
  }

  private void count(int n) throws BodyTooLargeException {
    count += n;
    if (count > limit) {
      tooLarge = true;
      throw new BodyTooLargeException(limit);
    }
  }
}
