package org.mmskit.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A point in time given either absolutely or relative to when the MMSC receives the message, as
 * expiry, earliest delivery and reply-charging deadlines are in MMS. Immutable.
 */
public final class TimeSpec {
  private final Instant absolute;
  private final Duration relative;

  private TimeSpec(Instant absolute, Duration relative) {
    this.absolute = absolute;
    this.relative = relative;
  }

  /** An absolute time. PDUs carry whole seconds, so sub-second precision is dropped. */
  public static TimeSpec at(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    return new TimeSpec(Instant.ofEpochSecond(instant.getEpochSecond()), null);
  }

  /** A time relative to submission, in whole seconds (at least zero). */
  public static TimeSpec after(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("negative duration: " + duration);
    }
    return new TimeSpec(null, Duration.ofSeconds(duration.getSeconds()));
  }

  public boolean isRelative() {
    return relative != null;
  }

  public Optional<Instant> absolute() {
    return Optional.ofNullable(absolute);
  }

  public Optional<Duration> relative() {
    return Optional.ofNullable(relative);
  }

  /** The absolute time this spec stands for when counted from {@code reference}. */
  public Instant resolve(Instant reference) {
    return absolute != null ? absolute : reference.plus(relative);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimeSpec
        && Objects.equals(absolute, ((TimeSpec) o).absolute)
        && Objects.equals(relative, ((TimeSpec) o).relative);
  }

  @Override
  public int hashCode() {
    return Objects.hash(absolute, relative);
  }

  @Override
  public String toString() {
    return absolute != null ? absolute.toString() : "+" + relative;
  }
}
