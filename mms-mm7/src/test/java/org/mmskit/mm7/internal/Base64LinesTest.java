package org.mmskit.mm7.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The encoder against the JDK's MIME encoder, in memory and streamed with ragged reads. */
class Base64LinesTest {

  static Stream<Integer> lengths() {
    return Stream.concat(
        IntStream.rangeClosed(0, 240).boxed(),
        Stream.of(
            Base64Lines.CHUNK_BYTES - 1,
            Base64Lines.CHUNK_BYTES,
            Base64Lines.CHUNK_BYTES + 1,
            2 * Base64Lines.CHUNK_BYTES,
            20 * 1024,
            100_003));
  }

  private static byte[] random(int length) {
    byte[] b = new byte[length];
    new Random(length * 31L + 7).nextBytes(b);
    return b;
  }

  @ParameterizedTest
  @MethodSource("lengths")
  void matchesTheJdkMimeEncoderInMemory(int length) throws IOException {
    byte[] data = random(length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Base64Lines.encode(data, 0, length, false, new byte[Base64Lines.BUFFER_SIZE], out);
    assertThat(out.toByteArray()).isEqualTo(Base64.getMimeEncoder().encode(data));
    assertThat((long) out.size()).isEqualTo(Mm7Payload.base64Length(length));
  }

  @ParameterizedTest
  @MethodSource("lengths")
  void matchesTheJdkMimeEncoderWhenStreamedInRaggedReads(int length) throws IOException {
    byte[] data = random(length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Base64Lines.encode(new RaggedStream(data, new Random(length)), out);
    assertThat(out.toByteArray()).isEqualTo(Base64.getMimeEncoder().encode(data));
  }

  @ParameterizedTest
  @MethodSource("lengths")
  void encodesASliceOfALargerArray(int length) throws IOException {
    byte[] data = random(length + 10);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Base64Lines.encode(data, 5, length, false, new byte[Base64Lines.BUFFER_SIZE], out);
    byte[] slice = java.util.Arrays.copyOfRange(data, 5, 5 + length);
    assertThat(out.toByteArray()).isEqualTo(Base64.getMimeEncoder().encode(slice));
  }

  /** Returns between 1 and 700 bytes per read. */
  private static final class RaggedStream extends InputStream {
    private final byte[] data;
    private final Random random;
    private int pos;

    RaggedStream(byte[] data, Random random) {
      this.data = data;
      this.random = random;
    }

    @Override
    public int read() {
      return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (pos >= data.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, 1 + random.nextInt(700)), data.length - pos);
      System.arraycopy(data, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}
