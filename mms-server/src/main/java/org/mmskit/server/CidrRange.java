package org.mmskit.server;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A block of IP addresses written in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) or a
 * single address ({@code 192.0.2.7}, {@code ::1}), used for IP allow-lists.
 *
 * <p>Only literal addresses are accepted: {@link #parse} never resolves a host name. IPv4 ranges
 * match only IPv4 peers and IPv6 ranges only IPv6 peers; an IPv4-mapped IPv6 address ({@code
 * ::ffff:192.0.2.7}) is treated as the IPv4 address, as the JDK does. Host bits beyond the prefix
 * are ignored ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CidrRange {
  private final byte[] network;
  private final int prefixLength;

  private CidrRange(byte[] network, int prefixLength) {
    this.network = network;
    this.prefixLength = prefixLength;
    mask(this.network, prefixLength);
  }

  /**
   * Parses {@code address} or {@code address/prefixLength}.
   *
   * @throws IllegalArgumentException when the text is not a literal IPv4/IPv6 address with an
   *     optional prefix length in range (0-32 for IPv4, 0-128 for IPv6)
   */
  public static CidrRange parse(String text) {
    Objects.requireNonNull(text, "text");
    String s = text.strip();
    int slash = s.indexOf('/');
    String addr = slash < 0 ? s : s.substring(0, slash);
    byte[] bytes = parseAddress(addr, text);
    // An IPv4-mapped IPv6 literal comes back as 4 bytes; its prefix counts 96 bits of mapping.
    int offset = bytes.length == 4 && addr.indexOf(':') >= 0 ? 96 : 0;
    int max = bytes.length * 8 + offset;
    int prefix = max;
    if (slash >= 0) {
      String p = s.substring(slash + 1);
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new IllegalArgumentException("invalid prefix length in " + text);
      }
      prefix = Integer.parseInt(p);
      if (prefix > max) {
        throw new IllegalArgumentException("prefix length above " + max + " in " + text);
      }
      if (prefix < offset) {
        throw new IllegalArgumentException("prefix shorter than the IPv4 mapping in " + text);
      }
    }
    return new CidrRange(bytes, prefix - offset);
  }

  /** Returns the range holding exactly this address. */
  public static CidrRange of(InetAddress address) {
    byte[] b = address.getAddress();
    return new CidrRange(b, b.length * 8);
  }

  /** Returns whether {@code address} lies in this range; false for the other address family. */
  public boolean contains(InetAddress address) {
    if (address == null) {
      return false;
    }
    byte[] a = address.getAddress();
    if (a.length != network.length) {
      return false;
    }
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int m = (0xff << (8 - rest)) & 0xff;
    return (a[full] & m) == (network[full] & 0xff);
  }

  /** The prefix length in bits. */
  public int prefixLength() {
    return prefixLength;
  }

  /** Whether this is an IPv6 range. */
  public boolean isIpv6() {
    return network.length == 16;
  }

  /** The network (first) address of the range. */
  public InetAddress network() {
    try {
      return InetAddress.getByAddress(network.clone());
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // cannot happen: 4 or 16 bytes
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CidrRange other
        && prefixLength == other.prefixLength
        && Arrays.equals(network, other.network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefixLength;
  }

  /** Returns the canonical form, e.g. {@code 10.0.0.0/8} or {@code 2001:db8:0:0:0:0:0:0/32}. */
  @Override
  public String toString() {
    return network().getHostAddress() + '/' + prefixLength;
  }

  private static void mask(byte[] b, int prefix) {
    for (int i = 0; i < b.length; i++) {
      int bitsHere = Math.max(0, Math.min(8, prefix - 8 * i));
      int m = bitsHere == 0 ? 0 : (0xff << (8 - bitsHere)) & 0xff;
      b[i] = (byte) (b[i] & m);
    }
  }

  private static byte[] parseAddress(String s, String whole) {
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty address in '" + whole + "'");
    }
    if (s.indexOf(':') >= 0) {
      return parseIpv6(s, whole);
    }
    return parseIpv4(s, whole);
  }

  private static byte[] parseIpv4(String s, String whole) {
    byte[] out = new byte[4];
    int part = 0;
    int i = 0;
    int n = s.length();
    while (true) {
      int start = i;
      int value = 0;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        value = value * 10 + (s.charAt(i) - '0');
        i++;
        if (i - start > 3) {
          throw new IllegalArgumentException("invalid IPv4 address: " + whole);
        }
      }
      int len = i - start;
      if (len == 0 || value > 255 || (len > 1 && s.charAt(start) == '0')) {
        throw new IllegalArgumentException("invalid IPv4 address: " + whole);
      }
      out[part++] = (byte) value;
      if (i == n) {
        break;
      }
      if (s.charAt(i) != '.' || part == 4) {
        throw new IllegalArgumentException("invalid IPv4 address: " + whole);
      }
      i++;
    }
    if (part != 4) {
      throw new IllegalArgumentException("invalid IPv4 address: " + whole);
    }
    return out;
  }

  private static byte[] parseIpv6(String s, String whole) {
    // Characters of an IPv6 literal only (hex digits, ':' and '.' for an embedded IPv4 tail), so
    // the JDK parses it as a literal and never asks DNS. Zone IDs and brackets are refused.
    if (s.length() > 45) {
      throw new IllegalArgumentException("invalid IPv6 address: " + whole);
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= '0' && c <= '9')
              || (c >= 'a' && c <= 'f')
              || (c >= 'A' && c <= 'F')
              || c == ':'
              || c == '.';
      if (!ok) {
        throw new IllegalArgumentException("invalid IPv6 address: " + whole);
      }
    }
    InetAddress a;
    try {
      a = InetAddress.getByName(s);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("invalid IPv6 address: " + whole, e);
    }
    if (a instanceof Inet6Address) {
      return a.getAddress();
    }
    if (a instanceof Inet4Address) {
      // ::ffff:a.b.c.d comes back as IPv4 from the JDK; keep that family.
      return a.getAddress();
    }
    throw new IllegalArgumentException("invalid IPv6 address: " + whole);
  }
}
