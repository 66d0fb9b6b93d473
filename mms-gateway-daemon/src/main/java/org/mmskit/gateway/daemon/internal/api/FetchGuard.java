package org.mmskit.gateway.daemon.internal.api;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mmskit.server.CidrRange;

/**
 * Which hosts parts may be fetched from. A caller of the API must not make the gateway reach what
 * only the gateway can reach (its own loopback services, the cloud's metadata address, the private
 * network): a host whose addresses include a loopback, link-local, private or multicast one is
 * refused unless the configuration lists the host's name or a range holding the address.
 *
 * <p>Every address the name resolves to is checked, not only the first: the JDK's HTTP client
 * resolves the name again when it connects, and gets the same set from the JVM's address cache
 * ({@code networkaddress.cache.ttl}, 30 seconds by default), so whichever address it picks has been
 * checked.
 */
final class FetchGuard {
  private final List<CidrRange> ranges;
  private final Set<String> hosts;

  private FetchGuard(List<CidrRange> ranges, Set<String> hosts) {
    this.ranges = ranges;
    this.hosts = hosts;
  }

  /**
   * @param allowed host names and addresses or ranges (CIDR) that may be fetched from even though
   *     they are internal
   */
  static FetchGuard allowing(List<String> allowed) {
    List<CidrRange> ranges = new ArrayList<>();
    Set<String> hosts = new HashSet<>();
    for (String a : allowed) {
      if (isRange(a)) {
        ranges.add(CidrRange.parse(a));
      } else {
        hosts.add(a.strip().toLowerCase(Locale.ROOT));
      }
    }
    return new FetchGuard(List.copyOf(ranges), Set.copyOf(hosts));
  }

  /** Whether a configured entry is an address or range (else it is a host name). */
  static boolean isRange(String entry) {
    try {
      CidrRange.parse(entry);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Resolves the URL's host and refuses it when one of its addresses is internal and not allowed.
   *
   * @throws PartFetcher.FetchException saying which address and why
   */
  void check(URI url) throws PartFetcher.FetchException {
    String host = url.getHost();
    if (host == null || host.isEmpty()) {
      throw new PartFetcher.FetchException("the URL has no host");
    }
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (hosts.contains(bare.toLowerCase(Locale.ROOT))) {
      return;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(bare);
    } catch (UnknownHostException e) {
      throw new PartFetcher.FetchException("unknown host " + bare);
    }
    for (InetAddress a : addresses) {
      String kind = internalKind(a);
      if (kind != null && ranges.stream().noneMatch(r -> r.contains(a))) {
        String which = isRange(bare) ? bare : bare + " resolves to " + a.getHostAddress();
        throw new PartFetcher.FetchException(
            which
                + ", a "
                + kind
                + " address: parts are fetched from public addresses only, unless"
                + " api.fetch.allowHosts lists the host or the address");
      }
    }
  }

  /** What makes an address internal, or null for a public one. */
  static String internalKind(InetAddress a) {
    if (a.isAnyLocalAddress()) {
      return "wildcard"; // connecting to 0.0.0.0 or :: reaches this host
    }
    if (a.isLoopbackAddress()) {
      return "loopback";
    }
    if (a.isLinkLocalAddress()) {
      return "link-local";
    }
    if (a.isSiteLocalAddress()) {
      return "private";
    }
    if (a instanceof Inet6Address && (a.getAddress()[0] & 0xFE) == 0xFC) {
      return "private"; // fc00::/7, IPv6's unique local addresses
    }
    if (a.isMulticastAddress()) {
      return "multicast";
    }
    return null;
  }
}
