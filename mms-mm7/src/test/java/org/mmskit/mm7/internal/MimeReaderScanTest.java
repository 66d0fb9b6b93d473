package org.mmskit.mm7.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The word-at-a-time line-feed search against a byte loop. */
class MimeReaderScanTest {

  /** Bytes near a line feed in value, to catch false positives of the zero-byte test. */
  private static final byte[] ALPHABET = {
    0x0A, 0x0B, 0x09, (byte) 0x8A, 0x00, (byte) 0xFF, 0x01, 'a', '-', '\r'
  };

  static IntStream seeds() {
    return IntStream.range(0, 300);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void findsTheFirstLineFeedInEveryRange(int seed) {
    Random r = new Random(seed);
    byte[] b = new byte[r.nextInt(70)];
    int lfOdds = 1 + r.nextInt(40);
    for (int i = 0; i < b.length; i++) {
      b[i] = r.nextInt(lfOdds) == 0 ? 0x0A : ALPHABET[1 + r.nextInt(ALPHABET.length - 1)];
    }
    for (int from = 0; from <= b.length; from++) {
      for (int to = from; to <= b.length; to++) {
        assertThat(MimeReader.indexOfLf(b, from, to))
            .as("seed %d, [%d, %d)", seed, from, to)
            .isEqualTo(naive(b, from, to));
      }
    }
  }

  private static int naive(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
