package org.mmskit.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * When a retryable failure is tried again: after {@code initialDelay}, growing by {@code
 * multiplier} each time up to {@code maxDelay}, each delay varied by up to {@code jitter} of itself
 * so that a crowd of retries does not return at once; at most {@code maxAttempts} attempts, and
 * none after the message's expiry or {@code maxAge} after submission. Defaults: 30 s growing
 * twofold to 30 min, jitter 0.2, 20 attempts, 24 hours (NowSMS gives up after 20 attempts or 1440
 * minutes).
 */
public final class RetryPolicy {
  private final Duration initialDelay;
  private final Duration maxDelay;
  private final double multiplier;
  private final double jitter;
  private final int maxAttempts;
  private final Duration maxAge;

  private RetryPolicy(Builder b) {
    this.initialDelay = b.initialDelay;
    this.maxDelay = b.maxDelay;
    this.multiplier = b.multiplier;
    this.jitter = b.jitter;
    this.maxAttempts = b.maxAttempts;
    this.maxAge = b.maxAge;
  }

  public static RetryPolicy defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Duration initialDelay() {
    return initialDelay;
  }

  public Duration maxDelay() {
    return maxDelay;
  }

  public double multiplier() {
    return multiplier;
  }

  public double jitter() {
    return jitter;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration maxAge() {
    return maxAge;
  }

  /**
   * The delay after failed attempt number {@code attempt} (1 for the first), for a random draw
   * {@code random} in [0, 1).
   */
  public Duration delayAfter(int attempt, double random) {
    double base = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
    double capped = Math.min(base, maxDelay.toMillis());
    double varied = capped * (1 - jitter + 2 * jitter * random);
    return Duration.ofMillis(Math.max(0, Math.round(Math.min(varied, maxDelay.toMillis()))));
  }

  @Override
  public String toString() {
    return "RetryPolicy{"
        + initialDelay
        + " x"
        + multiplier
        + " up to "
        + maxDelay
        + ", jitter "
        + jitter
        + ", "
        + maxAttempts
        + " attempts, "
        + maxAge
        + "}";
  }

  /** Builds a {@link RetryPolicy}. */
  public static final class Builder {
    private Duration initialDelay = Duration.ofSeconds(30);
    private Duration maxDelay = Duration.ofMinutes(30);
    private double multiplier = 2;
    private double jitter = 0.2;
    private int maxAttempts = 20;
    private Duration maxAge = Duration.ofHours(24);

    private Builder() {}

    public Builder initialDelay(Duration delay) {
      this.initialDelay = nonNegative(delay, "initialDelay");
      return this;
    }

    public Builder maxDelay(Duration delay) {
      this.maxDelay = nonNegative(delay, "maxDelay");
      return this;
    }

    /** The growth of the delay from one attempt to the next (1 for a constant delay). */
    public Builder multiplier(double multiplier) {
      if (!(multiplier >= 1)) {
        throw new IllegalArgumentException("multiplier must be at least 1: " + multiplier);
      }
      this.multiplier = multiplier;
      return this;
    }

    /** The share of each delay it may vary by, 0 to 1. */
    public Builder jitter(double jitter) {
      if (!(jitter >= 0 && jitter <= 1)) {
        throw new IllegalArgumentException("jitter must be within 0 and 1: " + jitter);
      }
      this.jitter = jitter;
      return this;
    }

    public Builder maxAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("at least one attempt: " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /** No attempt later than this after submission. */
    public Builder maxAge(Duration age) {
      this.maxAge = nonNegative(age, "maxAge");
      return this;
    }

    public RetryPolicy build() {
      if (maxDelay.compareTo(initialDelay) < 0) {
        throw new IllegalStateException("maxDelay is shorter than initialDelay");
      }
      return new RetryPolicy(this);
    }

    private static Duration nonNegative(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " is negative: " + d);
      }
      return d;
    }
  }
}
