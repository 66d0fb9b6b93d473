package org.mmskit.mm7.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Content-ID normalisation on generated IDs, against the plain chain of trims and substrings. */
class MimeEntityIdTest {

  private static final String ALPHABET = " \t<>cidCID:%2B0a+@.x";

  static Stream<String> ids() {
    Random random = new Random(0x1dL);
    Stream<String> fixed =
        Stream.of("", " ", "<", ">", "<>", "cid:", "CID:<a@b>", " cid: <a%40b> ", "<a>>", "<<a>");
    Stream<String> generated =
        IntStream.range(0, 600)
            .mapToObj(
                i -> {
                  StringBuilder sb = new StringBuilder();
                  for (int k = random.nextInt(12); k > 0; k--) {
                    sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                  }
                  return sb.toString();
                });
    return Stream.concat(fixed, generated);
  }

  @ParameterizedTest
  @MethodSource("ids")
  void normalisesAsTrimmingStepByStep(String id) {
    assertThat(MimeEntity.normaliseId(id)).isEqualTo(stepByStep(id));
  }

  private static String stepByStep(String id) {
    String s = id.trim();
    if (s.regionMatches(true, 0, "cid:", 0, 4)) {
      s = s.substring(4).trim();
    }
    if (s.startsWith("<")) {
      s = s.substring(1);
    }
    if (s.endsWith(">")) {
      s = s.substring(0, s.length() - 1);
    }
    s = s.trim();
    if (s.indexOf('%') >= 0) {
      try {
        s = URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        // kept raw, as the reader does
      }
    }
    return s;
  }
}
