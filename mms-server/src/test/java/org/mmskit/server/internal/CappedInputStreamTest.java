package org.mmskit.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CappedInputStreamTest {
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 99, 100})
  void passesBodiesUpToTheLimit(int size) throws IOException {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    CappedInputStream in = new CappedInputStream(new ByteArrayInputStream(data), 100);
    assertThat(in.readAllBytes()).isEqualTo(data);
    assertThat(in.atEof()).isTrue();
    assertThat(in.tooLarge()).isFalse();
    assertThat(in.count()).isEqualTo(size);
  }

  @ParameterizedTest
  @ValueSource(ints = {101, 102, 4096, 1_000_000})
  void failsPastTheLimitWithoutReadingMuchMore(int size) throws IOException {
    CountingStream source = new CountingStream(size);
    CappedInputStream in = new CappedInputStream(source, 100);
    assertThatThrownBy(in::readAllBytes).isInstanceOf(BodyTooLargeException.class);
    assertThat(in.tooLarge()).isTrue();
    assertThat(source.served.get()).isLessThanOrEqualTo(101);
    assertThatThrownBy(in::read).isInstanceOf(BodyTooLargeException.class);
    assertThat(in.available()).isZero();
  }

  @Test
  void singleByteReadsCountToo() throws IOException {
    CappedInputStream in = new CappedInputStream(new ByteArrayInputStream(new byte[3]), 2);
    assertThat(in.read()).isZero();
    assertThat(in.read()).isZero();
    assertThatThrownBy(in::read).isInstanceOf(BodyTooLargeException.class);
    CappedInputStream ok = new CappedInputStream(new ByteArrayInputStream(new byte[] {7}), 2);
    assertThat(ok.available()).isEqualTo(1);
    assertThat(ok.read()).isEqualTo(7);
    assertThat(ok.read()).isEqualTo(-1);
    assertThat(ok.atEof()).isTrue();
    assertThat(ok.read(new byte[4], 0, 0)).isZero();
  }

  @Test
  void remembersUnderlyingFailures() {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("peer gone");
          }
        };
    CappedInputStream a = new CappedInputStream(broken, 10);
    assertThatThrownBy(a::read).hasMessage("peer gone");
    assertThat(a.failed()).isTrue();
    CappedInputStream b = new CappedInputStream(broken, 10);
    assertThatThrownBy(() -> b.read(new byte[4])).hasMessage("peer gone");
    assertThat(b.failed()).isTrue();
  }

  @Test
  void closeDoesNotDrainAndLaterReadsFail() throws IOException {
    CountingStream source = new CountingStream(1000);
    CappedInputStream in = new CappedInputStream(source, 5000);
    assertThat(in.read(new byte[10])).isEqualTo(10);
    in.close();
    assertThat(source.served.get()).isEqualTo(10);
    assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("closed");
    assertThat(in.available()).isZero();
  }

  /** Serves {@code size} zero bytes and counts how many were asked for. */
  private static final class CountingStream extends InputStream {
    final AtomicInteger served = new AtomicInteger();
    private final int size;

    CountingStream(int size) {
      this.size = size;
    }

    @Override
    public int read() {
      if (served.get() >= size) {
        return -1;
      }
      served.incrementAndGet();
      return 0;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      int left = size - served.get();
      if (left <= 0) {
        return -1;
      }
      int n = Math.min(len, left);
      served.addAndGet(n);
      return n;
    }
  }
}
