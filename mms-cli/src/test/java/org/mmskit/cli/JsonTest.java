package org.mmskit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  @Test
  void writesOneLineLeavingOutNulls() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", "a \"b\".mms");
    m.put("absent", null);
    m.put("to", List.of("+1/TYPE=PLMN", "x@y"));
    m.put("date", 1700000000L);
    m.put("text", "line1\nline2\u0001");
    assertThat(Json.write(m))
        .isEqualTo(
            "{\"file\":\"a \\\"b\\\".mms\",\"to\":[\"+1/TYPE=PLMN\",\"x@y\"],\"date\":1700000000,"
                + "\"text\":\"line1\\u000Aline2\\u0001\"}");
  }

  /** Text from the network cannot put control sequences or line breaks into the output. */
  @Test
  void escapesEveryControlCharacterAndTheUnicodeSeparators() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0xA0; c++) {
      all.append(c);
    }
    all.append('\u2028').append('\u2029').append("é€");
    String written = Json.write(Map.of("t", all.toString()));
    for (int i = 0; i < written.length(); i++) {
      char c = written.charAt(i);
      assertThat(c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0x2028 || c == 0x2029)
          .as("raw U+%04X in the output", (int) c)
          .isFalse();
    }
    assertThat(written)
        .contains("\\u001B", "\\u009B", "\\u2028", "\\u2029", "\\u000A", "\\u007F", "é€");
    assertThat(Json.parse(written)).isEqualTo(Map.of("t", all.toString()));
  }

  @Test
  void readsWhatItWrites() {
    Random random = new Random(42);
    for (int i = 0; i < 200; i++) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("s" + i, randomString(random));
      m.put("n", random.nextLong());
      m.put("b", random.nextBoolean());
      m.put("d", new BigDecimal("1.5"));
      m.put("a", Arrays.asList(randomString(random), (long) random.nextInt(), List.of()));
      assertThat(Json.parse(Json.write(m))).isEqualTo(m);
    }
  }

  private static String randomString(Random r) {
    char[] c = new char[r.nextInt(12)];
    for (int i = 0; i < c.length; i++) {
      c[i] = (char) r.nextInt(0x3000);
    }
    return new String(c);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "{\"a\"}", "[1,]x", "\"abc", "{\"a\":tru}", "[1 2]", "01a"})
  void refusesBrokenJsonWithAPosition(String text) {
    assertThatThrownBy(() -> Json.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("JSON: ")
        .hasMessageNotContaining("Exception");
  }

  @Test
  void refusesDeepNesting() {
    assertThatThrownBy(() -> Json.parse("[".repeat(1000) + "]".repeat(1000)))
        .hasMessageContaining("deeper than 64");
  }
}
