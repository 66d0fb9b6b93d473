package org.mmskit.mm7.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.mm7.Mm7Version;

/**
 * A body whose last part's base64 text is kept goes as the bytes before that text and one array
 * shared between bodies (the text and the end of the body, with the client's own boundaries): it
 * must still be the body {@link Mm7Codec#encode} writes, read back to the same parts, never carry
 * stale text, and fall back to new boundaries when the message itself holds one of the kept ones.
 */
class Mm7SharedTailTest {
  private static final Mm7Limits LIMITS = Mm7Limits.defaults();

  static Stream<Integer> seeds() {
    return IntStream.range(0, 60).boxed();
  }

  private static MmsMessage message(Random r, String text, byte[] image) {
    MmsMessage.Builder b =
        MmsMessage.builder()
            .to(Mm7Fixtures.address(r))
            .from(Address.shortCode("12345"))
            .subject(Mm7Fixtures.text(r));
    if (r.nextBoolean()) {
      b.presentation(Mm7Fixtures.smil());
    }
    if (text != null) {
      b.addPart(MmsPart.text(text));
    }
    return b.addPart(MmsPart.of(r.nextBoolean() ? "image/jpeg" : "image/png", image)).build();
  }

  private static Mm7Envelope envelope(MmsMessage m, String tx) {
    return Mm7Envelope.of(
        tx, Mm7Version.DEFAULT, new Mm7Body.SubmitReq(Optional.of("vasp"), Optional.empty(), m));
  }

  /** Encodes until the image's text is kept (the third time at most) and returns that body. */
  private static Mm7Codec.WholeBody keptBody(EncodedParts enc, MmsMessage m) {
    Mm7Codec.WholeBody whole = null;
    for (int i = 0; i < 3; i++) {
      whole =
          Mm7Codec.encodeWhole(
              envelope(m, "tx-" + i), Mm7WriteOptions.standard(), enc, new byte[256], 1 << 20);
    }
    return whole;
  }

  private static List<byte[]> partBytes(Mm7Codec.WholeBody whole) {
    Mm7Envelope back = Mm7Codec.read(whole.contentType(), whole.toByteArray(), LIMITS);
    List<byte[]> out = new ArrayList<>();
    for (MmsPart p : ((Mm7Body.SubmitReq) back.body()).message().parts()) {
      out.add(p.bytes());
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aKeptLastPartGoesAsASharedSuffixOfTheSameBody(int seed) throws IOException {
    Random r = new Random(4_400L + seed);
    byte[] image = new byte[EncodedParts.MIN_BODY + r.nextInt(40_000)];
    r.nextBytes(image);
    MmsMessage m = message(r, r.nextBoolean() ? "hello " + seed : null, image);
    EncodedParts enc = new EncodedParts();
    Mm7Codec.WholeBody whole = keptBody(enc, m);
    assertThat(whole.suffix()).as("the image's text is kept by now").isNotNull();
    assertThat(whole.totalLength()).isEqualTo(whole.length() + whole.suffix().length);

    // the same body as the streamed one, boundaries apart
    Mm7Payload streamed = Mm7Codec.encode(envelope(m, "tx-2"), Mm7WriteOptions.standard());
    String mine =
        whole.contentType() + "\n" + new String(whole.toByteArray(), StandardCharsets.ISO_8859_1);
    String theirs =
        streamed.contentType()
            + "\n"
            + new String(streamed.toByteArray(), StandardCharsets.ISO_8859_1);
    assertThat(Mm7WholeBodyTest.placeholders(mine))
        .isEqualTo(Mm7WholeBodyTest.placeholders(theirs));
    assertThat(Mm7WholeBodyTest.placeholders(whole.describe()))
        .isEqualTo(Mm7WholeBodyTest.placeholders(streamed.describe()));

    // read back: the image is the one sent
    List<byte[]> parts = partBytes(whole);
    assertThat(parts.get(parts.size() - 1)).isEqualTo(image);

    // the next body shares the suffix array and the boundaries
    Mm7Codec.WholeBody next =
        Mm7Codec.encodeWhole(
            envelope(m, "tx-9"), Mm7WriteOptions.standard(), enc, new byte[256], 1 << 20);
    assertThat(next.suffix()).isSameAs(whole.suffix());
    assertThat(next.contentType()).isEqualTo(whole.contentType());
    String outer = new String(enc.outerBoundary(), StandardCharsets.US_ASCII);
    assertThat(whole.contentType()).contains("boundary=\"" + outer + "\"");

    // what the entity writes is the whole body
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PayloadEntity e =
        new PayloadEntity(whole.contentType(), whole.array(), whole.length(), whole.suffix());
    e.writeTo(out);
    assertThat(out.toByteArray()).isEqualTo(whole.toByteArray());
    assertThat(e.getContentLength()).isEqualTo(whole.totalLength());
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void anImageChangedAfterItWasKeptIsSentAsItIsNow(int seed) {
    Random r = new Random(5_500L + seed);
    byte[] image = new byte[EncodedParts.MIN_BODY + r.nextInt(20_000)];
    r.nextBytes(image);
    MmsMessage m = message(r, null, image);
    EncodedParts enc = new EncodedParts();
    assertThat(keptBody(enc, m).suffix()).isNotNull();
    image[r.nextInt(image.length)] ^= 0x55;
    Mm7Codec.WholeBody whole =
        Mm7Codec.encodeWhole(
            envelope(m, "tx-c"), Mm7WriteOptions.standard(), enc, new byte[256], 1 << 20);
    assertThat(whole.suffix()).isNull();
    List<byte[]> parts = partBytes(whole);
    assertThat(parts.get(parts.size() - 1)).isEqualTo(image);
  }

  /** Where a message may hold a kept boundary at the start of a line. */
  enum Place {
    TEXT_PART_START,
    TEXT_PART_LINE,
    SUBJECT_LINE
  }

  @Test
  void aMessageHoldingAKeptBoundaryGetsNewBoundaries() {
    for (Place place : Place.values()) {
      for (boolean inner : new boolean[] {false, true}) {
        Random r = new Random(place.ordinal() * 2 + (inner ? 1 : 0));
        byte[] image = new byte[4096];
        r.nextBytes(image);
        EncodedParts enc = new EncodedParts();
        assertThat(keptBody(enc, message(r, "warm", image)).suffix()).isNotNull();
        String b =
            "--"
                + new String(
                    inner ? enc.innerBoundary() : enc.outerBoundary(), StandardCharsets.US_ASCII);
        String text =
            place == Place.TEXT_PART_START
                ? b + "\r\nafter"
                : place == Place.TEXT_PART_LINE ? "before\r\n" + b + "--\r\nafter" : "plain text";
        MmsMessage.Builder mb = message(r, text, image).toBuilder();
        if (place == Place.SUBJECT_LINE) {
          mb.subject("line one\n" + b);
        }
        MmsMessage m = mb.build();
        Mm7Codec.WholeBody whole =
            Mm7Codec.encodeWhole(
                envelope(m, "tx-b"), Mm7WriteOptions.standard(), enc, new byte[256], 1 << 20);
        assertThat(whole.suffix()).as(place + (inner ? " inner" : " outer")).isNull();
        assertThat(whole.contentType())
            .doesNotContain(new String(enc.outerBoundary(), StandardCharsets.US_ASCII));
        Mm7Envelope back = Mm7Codec.read(whole.contentType(), whole.toByteArray(), LIMITS);
        MmsMessage got = ((Mm7Body.SubmitReq) back.body()).message();
        assertThat(got.parts().get(got.parts().size() - 1).bytes()).isEqualTo(image);
        assertThat(got.parts().get(got.parts().size() - 2).text()).isEqualTo(text);
        assertThat(got.subject()).isEqualTo(m.subject());
      }
    }
  }

  @Test
  void delimitersAreFoundAtTheStartOfARangeAndAfterALineFeedOnly() {
    byte[] outer = "mmskit-0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    byte[] inner = "mmskit-fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    String o = "--" + new String(outer, StandardCharsets.US_ASCII);
    String i = "--" + new String(inner, StandardCharsets.US_ASCII);
    assertThat(has("x" + o, outer, inner)).isFalse();
    assertThat(has(o, outer, inner)).isTrue();
    assertThat(has("abc\n" + i + "--", outer, inner)).isTrue();
    assertThat(has("abc\r\n" + o.substring(0, o.length() - 1), outer, inner)).isFalse();
    assertThat(has("abc\n-" + o, outer, inner)).isFalse();
    assertThat(has("abc \n--mmskit-0123", outer, inner)).isFalse();
  }

  private static boolean has(String s, byte[] outer, byte[] inner) {
    byte[] b = ("####" + s + "####").getBytes(StandardCharsets.US_ASCII);
    return Mm7Writer.hasDelimiter(b, 4, b.length - 4, outer, inner);
  }
}
