package org.mmskit.core;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reply charging: the sender pays for the recipient's reply, until a deadline and up to a size.
 * Immutable.
 */
public final class ReplyCharging {

  /** The reply-charging state (PDU {@code X-Mms-Reply-Charging}). */
  public enum Type {
    REQUESTED,
    REQUESTED_TEXT_ONLY,
    ACCEPTED,
    ACCEPTED_TEXT_ONLY
  }

  private final Type type;
  private final TimeSpec deadline;
  private final long maxSize;

  private ReplyCharging(Type type, TimeSpec deadline, long maxSize) {
    this.type = Objects.requireNonNull(type, "type");
    this.deadline = deadline;
    this.maxSize = maxSize;
  }

  /** Reply charging of the given type with an optional deadline and size limit (-1 for none). */
  public static ReplyCharging of(Type type, TimeSpec deadline, long maxSize) {
    return new ReplyCharging(type, deadline, maxSize);
  }

  /** A requested reply charge, as a sender asks it. */
  public static ReplyCharging requested(TimeSpec deadline, long maxSize) {
    return new ReplyCharging(Type.REQUESTED, deadline, maxSize);
  }

  public Type type() {
    return type;
  }

  public Optional<TimeSpec> deadline() {
    return Optional.ofNullable(deadline);
  }

  public OptionalLong maxSize() {
    return maxSize >= 0 ? OptionalLong.of(maxSize) : OptionalLong.empty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReplyCharging
        && type == ((ReplyCharging) o).type
        && Objects.equals(deadline, ((ReplyCharging) o).deadline)
        && maxSize == ((ReplyCharging) o).maxSize;
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, deadline, maxSize);
  }

  @Override
  public String toString() {
    return "ReplyCharging{" + type + ", deadline=" + deadline + ", maxSize=" + maxSize + "}";
  }
}
