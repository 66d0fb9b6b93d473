package org.mmskit.mm7.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.mmskit.core.ChargedParty;
import org.mmskit.core.ContentClass;
import org.mmskit.core.MessageClass;
import org.mmskit.core.Priority;
import org.mmskit.core.TimeSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the typed values of MM7 elements as peers write them. An optional value that cannot be read
 * is logged at WARN and left out: it must not cost the message.
 */
final class Mm7Values {
  private static final Logger LOG = LoggerFactory.getLogger(Mm7Values.class);
  private static final Pattern VERSION_VALUE =
      Pattern.compile("[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");

  /** {@code java.util.Date.toString()}, as one open MM7 library writes its TimeStamp. */
  private static final DateTimeFormatter DATE_TO_STRING =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy", Locale.ROOT);

  private Mm7Values() {}

  /** Three dotted numbers, as {@code MM7Version} holds. */
  static boolean isVersionValue(String v) {
    return VERSION_VALUE.matcher(v).matches();
  }

  /** Trimmed, or null for null or blank. */
  static String text(String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    return t.isEmpty() ? null : t;
  }

  static Optional<String> optional(String s) {
    return Optional.ofNullable(text(s));
  }

  /**
   * An xs:dateTime (with or without offset; without is UTC), or {@code Date.toString()}, or RFC
   * 1123; empty (and logged) for anything else.
   */
  static Optional<Instant> instant(String s, String element) {
    String t = text(s);
    if (t == null) {
      return Optional.empty();
    }
    Instant i = parseInstant(t);
    if (i == null) {
      LOG.warn("MM7 {} '{}' is not a date-time; left out", element, t);
    }
    return Optional.ofNullable(i);
  }

  /** The instant written as {@code t}, or null. */
  static Instant parseInstant(String t) {
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return ZonedDateTime.parse(t, DATE_TO_STRING).toInstant();
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** An xs:duration (relative) or a date-time (absolute); empty (and logged) for anything else. */
  static Optional<TimeSpec> timeSpec(String s, String element) {
    String t = text(s);
    if (t == null) {
      return Optional.empty();
    }
    if (t.startsWith("P") || t.startsWith("-P")) {
      try {
        return Optional.of(TimeSpec.after(Duration.parse(t)));
      } catch (DateTimeParseException e) {
        try {
          Period p = Period.parse(t);
          return Optional.of(
              TimeSpec.after(
                  Duration.ofDays(p.getYears() * 365L + p.getMonths() * 30L + p.getDays())));
        } catch (DateTimeParseException e2) {
          LOG.warn("MM7 {} '{}' is not a duration; left out", element, t);
          return Optional.empty();
        }
      }
    }
    return instant(t, element).map(TimeSpec::at);
  }

  /** {@code true}/{@code false} in any case, {@code 1}/{@code 0}, {@code yes}/{@code no}. */
  static Optional<Boolean> bool(String s, String element) {
    String t = text(s);
    if (t == null) {
      return Optional.empty();
    }
    if (t.equalsIgnoreCase("true") || t.equals("1") || t.equalsIgnoreCase("yes")) {
      return Optional.of(true);
    }
    if (t.equalsIgnoreCase("false") || t.equals("0") || t.equalsIgnoreCase("no")) {
      return Optional.of(false);
    }
    LOG.warn("MM7 {} '{}' is not a boolean; left out", element, t);
    return Optional.empty();
  }

  static Optional<Long> positiveLong(String s, String element) {
    String t = text(s);
    if (t == null) {
      return Optional.empty();
    }
    try {
      long v = Long.parseLong(t);
      if (v > 0) {
        return Optional.of(v);
      }
    } catch (NumberFormatException e) {
      // logged below
    }
    LOG.warn("MM7 {} '{}' is not a positive number; left out", element, t);
    return Optional.empty();
  }

  static Optional<MessageClass> messageClass(String s) {
    return named(MessageClass.values(), s, "MessageClass");
  }

  static Optional<Priority> priority(String s) {
    return named(Priority.values(), s, "Priority");
  }

  static Optional<ChargedParty> chargedParty(String s) {
    return named(ChargedParty.values(), s, "ChargedParty");
  }

  static Optional<ContentClass> contentClass(String s) {
    String t = text(s);
    if (t == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(ContentClass.fromToken(t));
    } catch (IllegalArgumentException e) {
      LOG.warn("MM7 ContentClass '{}' is unknown; left out", t);
      return Optional.empty();
    }
  }

  /** The constant whose name matches without regard to case and underscores. */
  private static <E extends Enum<E>> Optional<E> named(E[] values, String s, String element) {
    String t = text(s);
    if (t == null) {
      return Optional.empty();
    }
    String wanted = t.replace("_", "");
    for (E e : values) {
      if (e.name().replace("_", "").equalsIgnoreCase(wanted)) {
        return Optional.of(e);
      }
    }
    LOG.warn("MM7 {} '{}' is unknown; left out", element, t);
    return Optional.empty();
  }

  // ---------------------------------------------------------------- writing

  /** {@code Normal}, {@code ThirdParty}: the schema's spelling of an enum constant. */
  static String schemaName(Enum<?> e) {
    StringBuilder sb = new StringBuilder();
    for (String word : e.name().toLowerCase(Locale.ROOT).split("_")) {
      sb.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return sb.toString();
  }

  static String dateTime(Instant t) {
    return t.toString();
  }

  static String timeSpec(TimeSpec t) {
    if (t.isRelative()) {
      Duration d = t.relative().orElseThrow();
      return d.isNegative() ? "PT0S" : d.toString();
    }
    return dateTime(t.absolute().orElseThrow());
  }
}
