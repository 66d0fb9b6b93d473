package org.mmskit.mm7.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Kept base64 text is used only for equal bytes, and the memory it holds is bounded. */
class EncodedPartsTest {

  /** What {@link EncodedParts#encodeInto} writes, written at an offset into a larger array. */
  private static String encode(EncodedParts parts, byte[] body) {
    byte[] dst = new byte[7 + (int) Mm7Payload.base64Length(body.length)];
    Arrays.fill(dst, (byte) '#');
    int end = parts.encodeInto(body, dst, 7);
    assertThat(new String(dst, 0, 7, StandardCharsets.US_ASCII)).isEqualTo("#######");
    return new String(dst, 7, end - 7, StandardCharsets.US_ASCII);
  }

  private static String mime(byte[] body) {
    return Base64.getMimeEncoder().encodeToString(body);
  }

  private static byte[] random(Random r, int length) {
    byte[] b = new byte[length];
    r.nextBytes(b);
    return b;
  }

  @Test
  void theSecondEncodingOfAnArrayKeepsItsText() {
    EncodedParts parts = new EncodedParts();
    byte[] body = random(new Random(1), 5000);
    assertThat(encode(parts, body)).isEqualTo(mime(body));
    assertThat(parts.size()).isZero();
    assertThat(encode(parts, body)).isEqualTo(mime(body));
    assertThat(parts.size()).isEqualTo(1);
    // equal bytes in another array are served from the kept text
    assertThat(encode(parts, body.clone())).isEqualTo(mime(body));
    assertThat(parts.size()).isEqualTo(1);
  }

  @Test
  void anArrayChangedAfterItWasKeptIsEncodedAsItIsNow() {
    EncodedParts parts = new EncodedParts();
    byte[] body = random(new Random(2), 4096);
    encode(parts, body);
    encode(parts, body);
    assertThat(parts.size()).isEqualTo(1);
    for (int at : new int[] {0, 2047, 4095}) {
      body[at] ^= 0x40;
      assertThat(encode(parts, body)).isEqualTo(mime(body));
    }
  }

  @Test
  void anArrayRewrittenBeforeEachEncodingIsKeptOnce() {
    EncodedParts parts = new EncodedParts();
    byte[] body = random(new Random(5), 3000);
    for (int i = 0; i < 50; i++) {
      body[i % body.length] ^= 0x11;
      assertThat(encode(parts, body)).isEqualTo(mime(body));
      assertThat(encode(parts, body)).isEqualTo(mime(body));
    }
    assertThat(parts.size()).isEqualTo(1);
  }

  /**
   * More arrays than are kept, each rewritten at its start before each encoding (as each thread of
   * a sender filling its own buffer would): none is copied.
   */
  @Test
  void arraysRewrittenAtTheirStartAreNotKept() {
    EncodedParts parts = new EncodedParts();
    Random r = new Random(6);
    byte[][] buffers = new byte[2 * EncodedParts.MAX_KEPT][];
    for (int i = 0; i < buffers.length; i++) {
      buffers[i] = random(r, 20_000);
    }
    for (int round = 0; round < 20; round++) {
      for (byte[] b : buffers) {
        b[0]++;
        assertThat(encode(parts, b)).isEqualTo(mime(b));
      }
    }
    assertThat(parts.size()).isZero();
  }

  @Test
  void smallAndLargeBodiesAreNeverKept() {
    EncodedParts parts = new EncodedParts();
    Random r = new Random(3);
    for (int length :
        new int[] {0, 1, EncodedParts.MIN_BODY - 1, EncodedParts.MAX_BODY + 1, 300_000}) {
      byte[] body = random(r, length);
      for (int i = 0; i < 3; i++) {
        assertThat(encode(parts, body)).isEqualTo(mime(body));
      }
    }
    assertThat(parts.size()).isZero();
    byte[] edge = random(r, EncodedParts.MAX_BODY);
    encode(parts, edge);
    encode(parts, edge);
    byte[] low = random(r, EncodedParts.MIN_BODY);
    encode(parts, low);
    encode(parts, low);
    assertThat(parts.size()).isEqualTo(2);
  }

  @Test
  void atMostAFewBodiesAreKeptTheOldestGoingFirst() {
    EncodedParts parts = new EncodedParts();
    Random r = new Random(4);
    byte[][] bodies = new byte[EncodedParts.MAX_KEPT + 3][];
    for (int i = 0; i < bodies.length; i++) {
      bodies[i] = random(r, 2000 + i);
      encode(parts, bodies[i]);
      encode(parts, bodies[i]);
      assertThat(parts.size()).isEqualTo(Math.min(i + 1, EncodedParts.MAX_KEPT));
    }
    for (byte[] body : bodies) {
      assertThat(encode(parts, body)).isEqualTo(mime(body));
    }
  }

  static LongStream seeds() {
    return LongStream.range(0, 40);
  }

  /**
   * Seeded runs over a few arrays that are encoded in random order and changed in random places now
   * and then: every text written is the MIME encoding of the bytes as they are at that moment.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void alwaysWritesTheTextOfTheBytesAsTheyAre(long seed) {
    Random r = new Random(seed);
    EncodedParts parts = new EncodedParts();
    byte[][] arrays = new byte[3 + r.nextInt(6)][];
    for (int i = 0; i < arrays.length; i++) {
      arrays[i] = random(r, r.nextBoolean() ? 1024 + r.nextInt(3) : 1000 + r.nextInt(9000));
    }
    for (int step = 0; step < 200; step++) {
      byte[] body = arrays[r.nextInt(arrays.length)];
      int roll = r.nextInt(10);
      if (roll == 0) {
        body[r.nextInt(body.length)] ^= (byte) (1 + r.nextInt(255));
      } else if (roll == 1) {
        // another array with the bytes of one of the others
        byte[] other = arrays[r.nextInt(arrays.length)];
        body = other.clone();
      }
      assertThat(encode(parts, body)).isEqualTo(mime(body));
    }
    assertThat(parts.size()).isBetween(0, EncodedParts.MAX_KEPT);
  }
}
