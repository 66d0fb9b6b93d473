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

  /**
   * Media types and parameter names in any case and padding come out trimmed and lower case,
   * exactly as {@code toLowerCase(Locale.ROOT)} makes them: the usual ones (kept as constants) as
   * well as others, and spellings with non-ASCII letters that only look like a usual one.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void mediaTypesAndParameterNamesAreLowerCasedInAnyCase(int seed) {
    Random r = new Random(seed);
    String[] types = {
      "text/plain",
      "text/xml",
      "multipart/related",
      "image/jpeg",
      "application/smil",
      "audio/amr",
      "text/x-vCard",
      "image/j\u212Apeg",
      "text/pla\u0130n"
    };
    String[] names = {
      "charset",
      "boundary",
      "type",
      "start",
      "name",
      "start-info",
      "filename",
      "Content-ID",
      "char\u017Fet",
      "\u212Aey",
      "nam",
      "types",
      "boundary2"
    };
    String type = recase(r, types[r.nextInt(types.length)]);
    StringBuilder header = new StringBuilder(pad(r) + type + pad(r));
    Map<String, String> expected = new LinkedHashMap<>();
    for (int p = r.nextInt(6); p > 0; p--) {
      String name = recase(r, names[r.nextInt(names.length)]);
      String value = "v" + r.nextInt(100);
      header.append(';').append(pad(r)).append(name).append(pad(r)).append('=');
      header.append(value);
      expected.put(name.toLowerCase(Locale.ROOT), value);
    }
    ContentType parsed = ContentType.parse(header.toString());
    assertThat(parsed.mediaType()).as(header.toString()).isEqualTo(type.toLowerCase(Locale.ROOT));
    assertThat(parsed.parameters()).as(header.toString()).isEqualTo(expected);
  }

  private static String pad(Random r) {
    return " \t".substring(0, r.nextInt(3));
  }

  private static String recase(Random r, String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      int pick = r.nextInt(3);
      b.append(pick == 0 ? Character.toUpperCase(c) : pick == 1 ? Character.toLowerCase(c) : c);
    }
    return b.toString();
  }
}
