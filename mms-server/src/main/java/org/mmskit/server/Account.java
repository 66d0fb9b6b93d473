package org.mmskit.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A listener account: the name and password an MMSC presents, and optionally the IP ranges it may
 * connect from.
 *
 * <p>The password is kept only as its SHA-256 digest; checks compare fixed-length digests with
 * {@link MessageDigest#isEqual}, which takes the same time wherever the first difference lies.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Account {
  private final String name;
  private final byte[] passwordDigest;
  private final List<CidrRange> allowFrom;

  private Account(Builder b) {
    this.name = b.name;
    this.passwordDigest = digest(b.password);
    this.allowFrom = List.copyOf(b.allowFrom);
  }

  /** Returns an account accepted from any address. */
  public static Account of(String name, String password) {
    return builder(name, password).build();
  }

  /**
   * Returns a builder.
   *
   * @throws IllegalArgumentException when the name is empty or contains {@code ':'} (Basic
   *     authentication could not carry it)
   */
  public static Builder builder(String name, String password) {
    return new Builder(name, password);
  }

  /** The account name. */
  public String name() {
    return name;
  }

  /** The ranges this account may connect from; empty means any address. */
  public List<CidrRange> allowFrom() {
    return allowFrom;
  }

  /** Whether {@code password} is this account's password (constant-time digest comparison). */
  public boolean passwordMatches(String password) {
    return MessageDigest.isEqual(passwordDigest, digest(password));
  }

  /**
   * Whether the account may connect from {@code address}: true when the allow-list is empty or
   * holds a range containing it; false for an unknown address with a non-empty allow-list.
   */
  public boolean allows(java.net.InetAddress address) {
    if (allowFrom.isEmpty()) {
      return true;
    }
    for (CidrRange r : allowFrom) {
      if (r.contains(address)) {
        return true;
      }
    }
    return false;
  }

  private static byte[] digest(String password) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "Account{" + name + ", allowFrom=" + allowFrom + '}';
  }

  /** Builds an {@link Account}; not thread-safe. */
  public static final class Builder {
    private final String name;
    private final String password;
    private final List<CidrRange> allowFrom = new ArrayList<>();

    private Builder(String name, String password) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(password, "password");
      if (name.isEmpty() || name.indexOf(':') >= 0) {
        throw new IllegalArgumentException("account name must be non-empty without ':'");
      }
      this.name = name;
      this.password = password;
    }

    /** Allows connections from this range (see {@link CidrRange#parse}); repeatable. */
    public Builder allowFrom(String cidr) {
      allowFrom.add(CidrRange.parse(cidr));
      return this;
    }

    /** Allows connections from this range; repeatable. */
    public Builder allowFrom(CidrRange range) {
      allowFrom.add(Objects.requireNonNull(range, "range"));
      return this;
    }

    /** Returns the account. */
    public Account build() {
      return new Account(this);
    }
  }
}
