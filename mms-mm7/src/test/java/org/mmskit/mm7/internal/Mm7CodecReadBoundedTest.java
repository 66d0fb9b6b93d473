package org.mmskit.mm7.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mmskit.core.MmsMalformedException;

class Mm7CodecReadBoundedTest {
  /** A stream handing out at most 1000 bytes per read, as a socket might. */
  private static InputStream trickle(byte[] data) {
    return new ByteArrayInputStream(data) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1000));
      }
    };
  }

  @ParameterizedTest
  @CsvSource({"0,10", "10,10", "8191,100000", "8192,8192", "8193,100000", "70000,70000"})
  void readsEverythingUpToTheLimit(int size, long max) {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    assertThat(Mm7Codec.readBounded(trickle(data), max)).isEqualTo(data);
  }

  @ParameterizedTest
  @CsvSource({"11,10", "8193,8192", "70001,70000", "20000,9000"})
  void refusesMoreThanTheLimit(int size, long max) {
    byte[] data = new byte[size];
    assertThatThrownBy(() -> Mm7Codec.readBounded(trickle(data), max))
        .isInstanceOf(MmsMalformedException.class)
        .hasMessageContaining("larger than " + max);
  }
}
