package org.mmskit.mm7.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written value checks agree with the regex and formatter they replace. */
class Mm7ReaderValuesTest {
  private static final Pattern VERSION = Pattern.compile("[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");

  static Stream<Integer> seeds() {
    return IntStream.range(0, 50).boxed();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void versionCheckMatchesTheRegex(int seed) {
    Random rnd = new Random(seed);
    String alphabet = "0123456789..a";
    for (int i = 0; i < 200; i++) {
      StringBuilder b = new StringBuilder();
      int len = rnd.nextInt(14);
      for (int k = 0; k < len; k++) {
        b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
      }
      String v = b.toString();
      assertThat(Mm7Reader.isVersionValue(v)).as(v).isEqualTo(VERSION.matcher(v).matches());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "5.3.0",
        "6.8.0",
        "123.456.789",
        "1.2",
        "1.2.3.4",
        "1..2",
        ".1.2",
        "1.2.",
        "1234.1.1",
        ""
      })
  void versionExamples(String v) {
    assertThat(Mm7Reader.isVersionValue(v)).isEqualTo(VERSION.matcher(v).matches());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-25T05:48:00Z",
        "2026-11-25T05:48:00+02:00",
        "2026-11-25T05:48:00-05:30",
        "2024-02-29T23:59:59Z",
        "2023-02-29T00:00:00Z",
        "2026-13-01T00:00:00Z",
        "2026-11-25T24:00:00Z",
        "2026-11-25T05:48:00+19:00",
        "2026-11-25T05:48:00.123Z",
        "2026-11-25 05:48:00Z",
        "2026-11-25T05:48:0aZ",
        "2026-11-25T05:48:00z"
      })
  void fastInstantAgreesWithTheFormatter(String t) {
    java.time.Instant expected;
    try {
      expected = OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      expected = null;
    }
    java.time.Instant fast = Mm7Reader.fastInstant(t);
    if (fast != null) {
      assertThat(fast).isEqualTo(expected);
    }
    if (expected != null) {
      assertThat(Mm7Reader.instant(t)).contains(expected);
    }
    if (java.util.Set.of("2026-11-25T05:48:00Z", "2026-11-25T05:48:00+02:00").contains(t)) {
      assertThat(fast).as("fast path taken").isNotNull();
    }
  }
}
