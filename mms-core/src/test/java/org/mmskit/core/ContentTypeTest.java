package org.mmskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContentTypeTest {

  @Test
  void parsesParametersQuotedOrNot() {
    ContentType t =
        ContentType.parse(
            "Multipart/Related; type=\"application/smil\"; start=<smil>;charset=UTF-8; ; name=\"a \\\"b\\\".txt\"");
    assertThat(t.mediaType()).isEqualTo("multipart/related");
    assertThat(t.parameters())
        .containsExactly(
            Map.entry("type", "application/smil"),
            Map.entry("start", "<smil>"),
            Map.entry("charset", "UTF-8"),
            Map.entry("name", "a \"b\".txt"));
    assertThat(t.charset()).contains("UTF-8");
    assertThat(t.isMultipart()).isTrue();
  }

  @Test
  void formatsWithQuotesOnlyWhereNeeded() {
    ContentType t =
        ContentType.of("text/plain")
            .withParameter("charset", "utf-8")
            .withParameter("name", "my file.txt");
    assertThat(t.toString()).isEqualTo("text/plain; charset=utf-8; name=\"my file.txt\"");
    assertThat(ContentType.parse(t.toString())).isEqualTo(t);
  }

  @Test
  void withoutParameterRemovesOnlyThatOne() {
    ContentType t = ContentType.parse("image/jpeg; name=a.jpg; x=1");
    assertThat(t.withoutParameter("NAME").parameters()).containsExactly(Map.entry("x", "1"));
    assertThat(t.withoutParameter("absent")).isSameAs(t);
  }

  static IntStream seeds() {
    return IntStream.range(0, 200);
  }

  /** Values with the characters that force quoting and escaping. */
  @ParameterizedTest
  @MethodSource("seeds")
  void readsBackWhatItWrites(int seed) {
    Random r = new Random(seed);
    String chars = "abcXYZ019 -_.;=\"\\/<>@:";
    ContentType t = ContentType.of(r.nextBoolean() ? "image/png" : "multipart/related");
    for (int p = r.nextInt(5); p > 0; p--) {
      StringBuilder v = new StringBuilder();
      for (int k = r.nextInt(12); k > 0; k--) {
        v.append(chars.charAt(r.nextInt(chars.length())));
      }
      t = t.withParameter("p" + p, v.toString());
    }
    assertThat(ContentType.parse(t.toString())).as(t.toString()).isEqualTo(t);
  }

  @Test
  void takesAnUnterminatedQuoteToTheEnd() {
    assertThat(ContentType.parse("text/plain; name=\"a b; c").parameter("name")).contains("a b; c");
    assertThat(ContentType.parse("text/plain; name=\"a\\\"b").parameter("name")).contains("a\"b");
  }

  /** Up to eight names are kept without a hash table, more with one: both as LinkedHashMap does. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 8, 9, 12, 30})
  void keepsTheFirstPlaceAndTheLastValueOfARepeatedName(int names) {
    StringBuilder header = new StringBuilder("multipart/related");
    Map<String, String> expected = new LinkedHashMap<>();
    for (int i = 0; i < names; i++) {
      String name = "P" + (i % 5 == 4 ? 0 : i); // every fifth repeats the first name
      header.append("; ").append(name).append("=v").append(i);
      expected.put(name.toLowerCase(Locale.ROOT), "v" + i);
    }
    ContentType type = ContentType.parse(header.toString());
    assertThat(type.parameters()).isEqualTo(expected);
    assertThat(new ArrayList<>(type.parameters().keySet()))
        .isEqualTo(new ArrayList<>(expected.keySet()));
    assertThat(type).isEqualTo(ContentType.of("multipart/related", expected));
    assertThat(type.hashCode()).isEqualTo(ContentType.of("multipart/related", expected).hashCode());
    assertThat(ContentType.parse(type.toString())).isEqualTo(type);
  }
}
