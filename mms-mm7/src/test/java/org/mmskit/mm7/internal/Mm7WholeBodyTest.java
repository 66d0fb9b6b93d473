package org.mmskit.mm7.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.mm7.Mm7Dialect;
import org.mmskit.mm7.Mm7Version;

/**
 * A body written whole into one array ({@link Mm7Codec#encodeWhole}, what the client sends) is the
 * body {@link Mm7Codec#encode} streams, byte for byte apart from the random MIME boundaries, for
 * seeded random messages in every profile, dialect and part encoding.
 */
class Mm7WholeBodyTest {
  private static final Pattern BOUNDARY = Pattern.compile("mmskit-[0-9a-f]+");

  static Stream<Integer> seeds() {
    return IntStream.range(0, 120).boxed();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void wholeBodyIsTheStreamedBody(int seed) throws IOException {
    Random r = new Random(9_000L + seed);
    Mm7Body body =
        switch (seed % 4) {
          case 0 -> Mm7Fixtures.deliverReq(r);
          case 1 ->
              new Mm7Body.CancelReq(
                  java.util.Optional.of("v"),
                  java.util.Optional.empty(),
                  java.util.Optional.empty(),
                  "mid-" + seed);
          default -> Mm7Fixtures.submitReq(r);
        };
    Mm7Version v =
        Mm7Version.standardVersions().get(r.nextInt(Mm7Version.standardVersions().size()));
    Mm7WriteOptions opts =
        Mm7WriteOptions.forDialect(r.nextInt(3) == 0 ? Mm7Dialect.ERICSSON : Mm7Dialect.STANDARD)
            .withBinaryParts(r.nextBoolean())
            .withPrefixElements(r.nextBoolean());
    Mm7Envelope env = new Mm7Envelope(java.util.Optional.of("tx-" + seed), v, opts.dialect(), body);
    // a small starting array, so that writing grows it
    Mm7Codec.WholeBody whole = Mm7Codec.encodeWhole(env, opts, new byte[64], 1 << 20);
    Mm7Payload streamed = Mm7Codec.encode(env, opts);
    assertThat(whole).isNotNull();

    String wholeText = new String(whole.array(), 0, whole.length(), StandardCharsets.ISO_8859_1);
    String streamedText = new String(streamed.toByteArray(), StandardCharsets.ISO_8859_1);
    assertThat(placeholders(whole.contentType() + "\n" + wholeText))
        .isEqualTo(placeholders(streamed.contentType() + "\n" + streamedText));
    assertThat(whole.soapXml()).isEqualTo(streamed.soapXml());
    assertThat(placeholders(whole.describe())).isEqualTo(placeholders(streamed.describe()));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void partsNotInMemoryOrTooLargeAreLeftToTheStream(int seed) {
    Random r = new Random(77L + seed);
    byte[] image = new byte[1000 + r.nextInt(3000)];
    r.nextBytes(image);
    MmsMessage m =
        MmsMessage.builder()
            .to(Mm7Fixtures.address(r))
            .addPart(MmsPart.of("image/png", image))
            .build();
    Mm7Envelope env =
        Mm7Envelope.of(
            "tx",
            Mm7Version.DEFAULT,
            new Mm7Body.SubmitReq(java.util.Optional.empty(), java.util.Optional.empty(), m));
    Mm7WriteOptions opts = Mm7WriteOptions.standard();
    long b64 = Mm7Payload.base64Length(image.length);
    assertThat(Mm7Codec.encodeWhole(env, opts, new byte[16], b64 - 1)).isNull();
    assertThat(Mm7Codec.encodeWhole(env, opts, new byte[16], 1 << 20)).isNotNull();
  }

  /** Each distinct boundary replaced by a numbered placeholder, in order of appearance. */
  static String placeholders(String text) {
    Map<String, String> names = new LinkedHashMap<>();
    Matcher m = BOUNDARY.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = names.computeIfAbsent(m.group(), k -> "BOUNDARY" + names.size());
      m.appendReplacement(sb, name);
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
