package org.mmskit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The map against {@code LinkedHashMap} fed the same pairs, repeated names included. */
class SmallOrderedMapTest {

  static Stream<Long> seeds() {
    return IntStream.range(0, 200).mapToObj(i -> 0x5eedL * 31 + i);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void behavesAsALinkedHashMapFedTheSamePairs(long seed) {
    Random random = new Random(seed);
    int count = random.nextInt(SmallOrderedMap.MAX + 1);
    String[] pairs = new String[2 * SmallOrderedMap.MAX];
    Map<String, String> expected = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      // few distinct names, so that some repeat
      String name = "n" + random.nextInt(5);
      String value = "v" + random.nextInt(100);
      pairs[2 * i] = name;
      pairs[2 * i + 1] = value;
      expected.put(name, value);
    }
    Map<String, String> map = SmallOrderedMap.of(pairs, count);
    assertThat(map).isEqualTo(expected);
    assertThat(expected).isEqualTo(map);
    assertThat(map.hashCode()).isEqualTo(expected.hashCode());
    assertThat(new ArrayList<>(map.entrySet())).isEqualTo(new ArrayList<>(expected.entrySet()));
    assertThat(map.size()).isEqualTo(expected.size());
    assertThat(map.isEmpty()).isEqualTo(expected.isEmpty());
    for (int k = 0; k < 6; k++) {
      String name = "n" + k;
      assertThat(map.get(name)).isEqualTo(expected.get(name));
      assertThat(map.containsKey(name)).isEqualTo(expected.containsKey(name));
    }
    assertThat(map.toString()).isEqualTo(expected.toString());
  }

  @Test
  void refusesChanges() {
    Map<String, String> map = SmallOrderedMap.of(new String[] {"a", "1", "b", "2"}, 2);
    List<Runnable> changes =
        List.of(
            () -> map.put("c", "3"),
            () -> map.remove("a"),
            map::clear,
            () -> map.entrySet().iterator().next().setValue("x"));
    for (Runnable change : changes) {
      assertThatThrownBy(change::run).isInstanceOf(UnsupportedOperationException.class);
    }
    assertThat(map).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
  }

  @Test
  void takesAtMostMaxPairs() {
    int count = SmallOrderedMap.MAX + 1;
    assertThatThrownBy(() -> SmallOrderedMap.of(new String[2 * count], count))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
