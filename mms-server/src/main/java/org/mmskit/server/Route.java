package org.mmskit.server;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One path prefix of an {@link MmsServer}, its {@link InboundHandler}, and who may call it.
 *
 * <p>A prefix matches at segment boundaries: {@code /mm7} matches {@code /mm7}, {@code /mm7/} and
 * {@code /mm7/x} but not {@code /mm7x}. When several routes match, the longest prefix wins; {@code
 * /} matches every path. Paths are compared as received: percent-encoded and without dot-segment
 * normalisation, so {@code /%6Dm7} does not reach {@code /mm7}.
 *
 * <p>A route either lists {@linkplain Builder#account accounts} (a request must present one, else
 * 401) or is {@linkplain #open open} (no credentials, for tests and demos). Independently, {@link
 * Builder#allowFrom} restricts the peer addresses for the whole route (403 for others), on top of
 * each account's own allow-list.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Route {
  private final String prefix;
  private final InboundHandler handler;
  private final Map<String, Account> accounts;
  private final Set<CredentialSource> credentialSources;
  private final boolean open;
  private final List<CidrRange> allowFrom;
  private final String realm;

  private Route(Builder b) {
    this.prefix = b.prefix;
    this.handler = b.handler;
    this.accounts = Map.copyOf(b.accounts);
    this.credentialSources = Set.copyOf(b.credentialSources);
    this.open = b.open;
    this.allowFrom = List.copyOf(b.allowFrom);
    this.realm = b.realm;
  }

  /**
   * Returns a builder for the route at {@code prefix} served by {@code handler}.
   *
   * @throws IllegalArgumentException when the prefix does not start with {@code /}, or holds {@code
   *     ?}, {@code #} or a space
   */
  public static Builder builder(String prefix, InboundHandler handler) {
    return new Builder(prefix, handler);
  }

  /** Returns an open route (no credentials asked) at {@code prefix}. */
  public static Route open(String prefix, InboundHandler handler) {
    return builder(prefix, handler).open().build();
  }

  /** The normalised path prefix (no trailing {@code /} except for the root route). */
  public String prefix() {
    return prefix;
  }

  /** The handler answering this route. */
  public InboundHandler handler() {
    return handler;
  }

  /** The accounts by name; empty for an open route. */
  public Map<String, Account> accounts() {
    return accounts;
  }

  /** Where credentials are looked for. */
  public Set<CredentialSource> credentialSources() {
    return credentialSources;
  }

  /** Whether requests need no credentials. */
  public boolean isOpen() {
    return open;
  }

  /** Peer ranges allowed on this route; empty means any. */
  public List<CidrRange> allowFrom() {
    return allowFrom;
  }

  /** The realm sent in {@code WWW-Authenticate}. */
  public String realm() {
    return realm;
  }

  @Override
  public String toString() {
    return "Route{"
        + prefix
        + (open ? ", open" : ", accounts=" + accounts.keySet() + ", via " + credentialSources)
        + (allowFrom.isEmpty() ? "" : ", allowFrom=" + allowFrom)
        + '}';
  }

  /** Builds a {@link Route}; not thread-safe. */
  public static final class Builder {
    private final String prefix;
    private final InboundHandler handler;
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Set<CredentialSource> credentialSources = EnumSet.noneOf(CredentialSource.class);
    private boolean open;
    private final List<CidrRange> allowFrom = new ArrayList<>();
    private String realm = "MMSKit";

    private Builder(String prefix, InboundHandler handler) {
      Objects.requireNonNull(prefix, "prefix");
      this.handler = Objects.requireNonNull(handler, "handler");
      if (!prefix.startsWith("/")
          || prefix.indexOf('?') >= 0
          || prefix.indexOf('#') >= 0
          || prefix.indexOf(' ') >= 0
          || prefix.contains("//")) {
        throw new IllegalArgumentException("invalid route prefix: " + prefix);
      }
      String p = prefix;
      while (p.length() > 1 && p.endsWith("/")) {
        p = p.substring(0, p.length() - 1);
      }
      this.prefix = p;
    }

    /** Adds an account that may use this route; names must be unique. */
    public Builder account(Account account) {
      Objects.requireNonNull(account, "account");
      if (accounts.putIfAbsent(account.name(), account) != null) {
        throw new IllegalArgumentException("duplicate account " + account.name());
      }
      return this;
    }

    /** Shortcut for {@code account(Account.of(name, password))}. */
    public Builder account(String name, String password) {
      return account(Account.of(name, password));
    }

    /**
     * Sets where credentials are accepted; default {@link CredentialSource#BASIC} only. When both
     * Basic and a path form are accepted, a request with an {@code Authorization} header is checked
     * by it, otherwise by the path.
     */
    public Builder credentials(CredentialSource... sources) {
      if (sources.length == 0) {
        throw new IllegalArgumentException("at least one credential source");
      }
      credentialSources.clear();
      for (CredentialSource s : sources) {
        credentialSources.add(Objects.requireNonNull(s, "source"));
      }
      if (credentialSources.contains(CredentialSource.PATH_SEGMENTS)
          && credentialSources.contains(CredentialSource.PATH_KEY_VALUE)) {
        throw new IllegalArgumentException("choose one path credential form");
      }
      return this;
    }

    /** Makes the route open: no credentials are asked and handlers see no account. */
    public Builder open() {
      this.open = true;
      return this;
    }

    /** Restricts the route to peers in this range (see {@link CidrRange#parse}); repeatable. */
    public Builder allowFrom(String cidr) {
      allowFrom.add(CidrRange.parse(cidr));
      return this;
    }

    /** Restricts the route to peers in this range; repeatable. */
    public Builder allowFrom(CidrRange range) {
      allowFrom.add(Objects.requireNonNull(range, "range"));
      return this;
    }

    /** Sets the Basic realm name (default {@code MMSKit}); must not contain {@code "}. */
    public Builder realm(String realm) {
      Objects.requireNonNull(realm, "realm");
      if (realm.indexOf('"') >= 0 || realm.indexOf('\\') >= 0 || realm.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("invalid realm: " + realm);
      }
      this.realm = realm;
      return this;
    }

    /**
     * Returns the route.
     *
     * @throws IllegalStateException when the route is neither open nor has an account, or is open
     *     and has accounts
     */
    public Route build() {
      if (open && !accounts.isEmpty()) {
        throw new IllegalStateException("route " + prefix + " is open but lists accounts");
      }
      if (!open && accounts.isEmpty()) {
        throw new IllegalStateException(
            "route " + prefix + " has no account: add one or call open()");
      }
      if (credentialSources.isEmpty()) {
        credentialSources.add(CredentialSource.BASIC);
      }
      return new Route(this);
    }
  }
}
