package org.mmskit.mm7.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The writer's own ISO-8601 instant text equals {@link Instant#toString()}. */
class Mm7WriterInstantTest {

  static Stream<Instant> instants() {
    List<Instant> out = new ArrayList<>();
    long[] seconds = {
      0,
      1,
      59,
      60,
      86_399,
      86_400,
      68_169_599L /* 1972-02-29T23:59:59 */,
      951_782_400L /* 2000-02-29 */,
      951_868_800L /* 2000-03-01 */,
      4_107_542_400L /* 2100-03-01 */,
      253_402_300_799L /* 9999-12-31T23:59:59 */,
      253_402_300_800L /* 10000-01-01 */,
      -1,
      -62_167_219_200L /* 0000-01-01 */,
      -62_167_219_201L,
      1_000_000_000_000L
    };
    int[] nanos = {0, 1, 999_999_999, 1_000, 1_000_000, 123_000_000, 123_456_000, 100, 10_000};
    for (long s : seconds) {
      for (int n : nanos) {
        out.add(Instant.ofEpochSecond(s, n));
      }
    }
    out.add(Instant.MIN);
    out.add(Instant.MAX);
    Random r = new Random(20_240_501L);
    for (int i = 0; i < 1000; i++) {
      long s = (long) (r.nextDouble() * 253_402_300_800L);
      int n;
      switch (r.nextInt(4)) {
        case 0:
          n = 0;
          break;
        case 1:
          n = r.nextInt(1000) * 1_000_000;
          break;
        case 2:
          n = r.nextInt(1_000_000) * 1_000;
          break;
        default:
          n = r.nextInt(1_000_000_000);
      }
      out.add(Instant.ofEpochSecond(s, n));
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("instants")
  void sameTextAsInstantToString(Instant t) {
    XmlOut x = new XmlOut(new byte[4], true);
    Mm7Writer.instant(x, t);
    assertThat(x.string(0, x.position())).isEqualTo(t.toString());
  }
}
