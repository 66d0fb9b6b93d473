package org.mmskit.mm7.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The typed values of MM7 elements as peers write them. */
class Mm7ReaderValuesTest {

  @ParameterizedTest
  @CsvSource({
    "5.3.0, true",
    "6.8.0, true",
    "123.456.789, true",
    "1.2, false",
    "1.2.3.4, false",
    "1..2, false",
    "1234.1.1, false",
    "'', false"
  })
  void versionValues(String v, boolean valid) {
    assertThat(Mm7Values.isVersionValue(v)).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({
    "2026-11-25T05:48:00Z, 2026-11-25T05:48:00Z",
    "2026-11-25T05:48:00+02:00, 2026-11-25T03:48:00Z",
    " 2026-11-25T05:48:00.123Z , 2026-11-25T05:48:00.123Z",
    "2026-11-25T05:48:00, 2026-11-25T05:48:00Z",
    "Tue Mar 04 10:15:30 CET 2025, 2025-03-04T09:15:30Z",
    "'Tue, 4 Mar 2025 10:15:30 GMT', 2025-03-04T10:15:30Z"
  })
  void dateTimesInTheFormsPeersWrite(String text, String expected) {
    assertThat(Mm7Values.instant(text, "TimeStamp")).contains(Instant.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"yesterday", "2026-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "12345"})
  void unreadableDateTimesAreLeftOut(String text) {
    assertThat(Mm7Values.instant(text, "TimeStamp")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"true, true", "True, true", "1, true", "FALSE, false", "0, false"})
  void booleans(String text, boolean expected) {
    assertThat(Mm7Values.bool(text, "x")).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"maybe", "2"})
  void unreadableBooleansAreLeftOut(String text) {
    assertThat(Mm7Values.bool(text, "x")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"P2D", "PT1H", "P1M"})
  void durations(String text) {
    assertThat(Mm7Values.timeSpec(text, "ExpiryDate")).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"P", "PXD", "soon"})
  void unreadableDurationsAreLeftOut(String text) {
    assertThat(Mm7Values.timeSpec(text, "ExpiryDate")).isEmpty();
  }
}
