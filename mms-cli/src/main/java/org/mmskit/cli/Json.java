package org.mmskit.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Locale;

/**
 * The CLI's JSON, through Jackson: one object per output line, and the message files of {@code pdu
 * encode}. Objects are {@code Map<String, Object>} (insertion order kept), arrays {@code
 * List<Object>}, whole numbers {@code Long} (or {@code BigInteger}), fractions {@code BigDecimal}.
 *
 * <p>Output escapes every C0 and C1 control character, DEL and U+2028/U+2029 as {@code \\uXXXX}:
 * text from the network must not reach a terminal as control sequences or break a line in two.
 */
final class Json {
  private Json() {}

  /** Deeper documents are refused: a message file has no use for more. */
  static final int MAX_DEPTH = 64;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              new JsonFactoryBuilder()
                  .characterEscapes(new ControlEscapes())
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                  .build())
          .enable(DeserializationFeature.USE_LONG_FOR_INTS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .defaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
          .build();

  /** Writes a value on one line; null map entries are left out. */
  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Reads one JSON value.
   *
   * @throws IllegalArgumentException saying what is wrong and at which line and column
   */
  static Object parse(String text) {
    try {
      Object v = MAPPER.readValue(text, Object.class);
      if (v == null && text.isBlank()) {
        throw new IllegalArgumentException("JSON: empty input");
      }
      return v;
    } catch (StreamConstraintsException e) {
      throw new IllegalArgumentException("JSON: nested deeper than " + MAX_DEPTH + " levels", e);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      String what = e.getOriginalMessage();
      int nl = what.indexOf('\n');
      throw new IllegalArgumentException(
          "JSON: " + (nl < 0 ? what : what.substring(0, nl)) + where, e);
    }
  }

  /** Control characters, DEL and the Unicode line and paragraph separators as {@code \\uXXXX}. */
  private static final class ControlEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii;

    ControlEscapes() {
      ascii = standardAsciiEscapesForJSON();
      for (int c = 0; c < 0x20; c++) {
        ascii[c] = ESCAPE_STANDARD;
      }
      ascii[0x7F] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if ((ch >= 0x80 && ch <= 0x9F) || ch == 0x2028 || ch == 0x2029) {
        return new SerializedString(String.format(Locale.ROOT, "\\u%04X", ch));
      }
      return null;
    }
  }
}
