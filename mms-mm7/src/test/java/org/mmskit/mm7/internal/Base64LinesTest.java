package org.mmskit.mm7.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
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
    byte[] slice = Arrays.copyOfRange(data, 5, 5 + length);
    assertThat(out.toByteArray()).isEqualTo(Base64.getMimeEncoder().encode(slice));
  }

  /**
   * Both ways of {@code encodeInto}, whichever the running JDK selects, on slices that end at, just
   * before and well before the end of the array (the table loop's 8-byte loads must not read past a
   * slice into the caller's answer, nor past the array), after and without a line already written.
   */
  @ParameterizedTest
  @MethodSource("lengths")
  void bothEncodersWriteTheJdkTextIntoAnArray(int length) {
    byte[] data = random(length + 16);
    for (int off : new int[] {0, 3}) {
      for (int trailing : new int[] {0, 1, 2, 5, 8, 13}) {
        int len = length + 16 - off - trailing;
        byte[] slice = Arrays.copyOfRange(data, off, off + len);
        byte[] text = Base64.getMimeEncoder().encode(slice);
        for (boolean continued : new boolean[] {false, true}) {
          byte[] expected = continued && len > 0 ? concat(new byte[] {'\r', '\n'}, text) : text;
          byte[] viaTable = new byte[expected.length + 20];
          byte[] viaJdk = new byte[expected.length + 20];
          int tableEnd = Base64Lines.tableInto(data, off, len, continued, viaTable, 7);
          int jdkEnd = Base64Lines.jdkInto(data, off, len, continued, viaJdk, 7);
          assertThat(Arrays.copyOfRange(viaTable, 7, tableEnd)).isEqualTo(expected);
          assertThat(Arrays.copyOfRange(viaJdk, 7, jdkEnd)).isEqualTo(expected);
          assertThat(viaTable).startsWith(new byte[7]).endsWith(new byte[20 - 7]);
        }
      }
    }
  }

  /**
   * The JDK path's single write (text laid out in place in the per-thread buffer), whichever path
   * the running JVM selects, up to the largest input whose text fits that buffer, after and without
   * a line already written.
   */
  @ParameterizedTest
  @MethodSource("lengths")
  void theJdkPathsSingleWriteIsTheMimeText(int length) throws IOException {
    int n = Math.min(length, 40_000);
    byte[] data = random(n);
    byte[] text = Base64.getMimeEncoder().encode(data);
    for (boolean continued : new boolean[] {false, true}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Base64Lines.jdkWrite(data, continued, out);
      byte[] expected = continued && n > 0 ? concat(new byte[] {'\r', '\n'}, text) : text;
      assertThat(out.toByteArray()).isEqualTo(expected);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
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
