package org.mmskit.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mmskit.core.Address;

/**
 * Which connection carries messages for which recipients, and at what pace. A route matches
 * recipients whose address starts with one of its prefixes, a leading {@code +} ignored on both
 * sides ({@code +4917} matches {@code 4917...} and {@code +4917...}); the longest prefix wins, and
 * a route without prefixes takes every recipient no other route matches. A message with recipients
 * on several routes is split into one delivery per route.
 *
 * <p>Per route: a sender rule (a default sender, and whether a message's own sender is kept), a
 * rate in messages per second (0 for none; on a shared store the limit is shared by every instance)
 * and how many requests may be outstanding at once.
 */
public final class Route {
  private final String name;
  private final String connection;
  private final List<String> prefixes;
  private final Address defaultSender;
  private final boolean allowSenderOverride;
  private final int messagesPerSecond;
  private final int maxConcurrency;

  private Route(Builder b) {
    this.name = b.name;
    this.connection = b.connection;
    this.prefixes = List.copyOf(b.prefixes);
    this.defaultSender = b.defaultSender;
    this.allowSenderOverride = b.allowSenderOverride;
    this.messagesPerSecond = b.messagesPerSecond;
    this.maxConcurrency = b.maxConcurrency;
  }

  /** A route named {@code name} over the connection named {@code connection}. */
  public static Builder builder(String name, String connection) {
    return new Builder(name, connection);
  }

  public String name() {
    return name;
  }

  public String connection() {
    return connection;
  }

  /** The recipient prefixes; empty for the default route. */
  public List<String> prefixes() {
    return prefixes;
  }

  public boolean isDefault() {
    return prefixes.isEmpty();
  }

  public Optional<Address> defaultSender() {
    return Optional.ofNullable(defaultSender);
  }

  /** Whether a message's own sender is kept (true) or replaced by the default sender. */
  public boolean allowSenderOverride() {
    return allowSenderOverride;
  }

  /** Messages per second, 0 for no limit. */
  public int messagesPerSecond() {
    return messagesPerSecond;
  }

  public int maxConcurrency() {
    return maxConcurrency;
  }

  /** The length of the longest prefix matching the address, -1 if none; 0 for the default. */
  int match(Address recipient) {
    if (prefixes.isEmpty()) {
      return 0;
    }
    String value = withoutPlus(recipient.value());
    int best = -1;
    for (String p : prefixes) {
      String bare = withoutPlus(p);
      if (value.startsWith(bare)) {
        best = Math.max(best, bare.length());
      }
    }
    return best;
  }

  private static String withoutPlus(String s) {
    return s.startsWith("+") ? s.substring(1) : s;
  }

  @Override
  public String toString() {
    return "Route{"
        + name
        + " -> "
        + connection
        + (isDefault() ? ", default" : ", " + prefixes)
        + "}";
  }

  /** Builds a {@link Route}. */
  public static final class Builder {
    private final String name;
    private final String connection;
    private final List<String> prefixes = new ArrayList<>();
    private Address defaultSender;
    private boolean allowSenderOverride = true;
    private int messagesPerSecond;
    private int maxConcurrency = 8;

    private Builder(String name, String connection) {
      this.name = Objects.requireNonNull(name, "name");
      this.connection = Objects.requireNonNull(connection, "connection");
    }

    /** Adds recipient prefixes; without any the route is the default route. */
    public Builder prefixes(String... prefixes) {
      for (String p : prefixes) {
        if (p.isBlank()) {
          throw new IllegalArgumentException("empty prefix on route " + name);
        }
        this.prefixes.add(p.trim());
      }
      return this;
    }

    /** The sender of messages that name none (and of all, without sender override). */
    public Builder defaultSender(Address sender) {
      this.defaultSender = sender;
      return this;
    }

    /** False to replace every message's sender by the default sender (default true). */
    public Builder allowSenderOverride(boolean allow) {
      this.allowSenderOverride = allow;
      return this;
    }

    /** At most this many messages in any one-second window; 0 (the default) for no limit. */
    public Builder messagesPerSecond(int rate) {
      if (rate < 0) {
        throw new IllegalArgumentException("negative rate: " + rate);
      }
      this.messagesPerSecond = rate;
      return this;
    }

    /** At most this many requests outstanding at once on this route (default 8). */
    public Builder maxConcurrency(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("concurrency must be at least 1: " + max);
      }
      this.maxConcurrency = max;
      return this;
    }

    public Route build() {
      if (!allowSenderOverride && defaultSender == null) {
        throw new IllegalStateException(
            "route " + name + " refuses sender override but has no default sender");
      }
      return new Route(this);
    }
  }
}
