package org.mmskit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrRangeTest {

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource({
    // IPv4 boundaries
    "10.0.0.0/8, 10.0.0.0, true",
    "10.0.0.0/8, 10.255.255.255, true",
    "10.0.0.0/8, 11.0.0.0, false",
    "10.0.0.0/8, 9.255.255.255, false",
    "127.0.0.0/8, 127.0.0.1, true",
    "192.168.1.0/24, 192.168.1.77, true",
    "192.168.1.0/24, 192.168.2.1, false",
    "172.16.0.0/12, 172.31.255.255, true",
    "172.16.0.0/12, 172.32.0.0, false",
    "192.0.2.128/25, 192.0.2.127, false",
    "192.0.2.128/25, 192.0.2.128, true",
    "192.0.2.7, 192.0.2.7, true",
    "192.0.2.7, 192.0.2.8, false",
    "192.0.2.7/32, 192.0.2.6, false",
    "0.0.0.0/0, 203.0.113.9, true",
    "10.1.2.3/8, 10.200.0.1, true",
    "10.0.0.0/31, 10.0.0.1, true",
    "10.0.0.0/31, 10.0.0.2, false",
    // IPv6
    "2001:db8::/32, 2001:db8::1, true",
    "2001:db8::/32, 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, true",
    "2001:db8::/32, 2001:db9::, false",
    "::1, ::1, true",
    "::1/128, ::2, false",
    "fe80::/10, febf::1, true",
    "fe80::/10, fec0::1, false",
    "::/0, 2001:db8::5, true",
    "2001:db8:0:0:0:0:0:0/127, 2001:db8::1, true",
    "2001:db8::/127, 2001:db8::2, false",
    // families never mix
    "0.0.0.0/0, ::1, false",
    "::/0, 127.0.0.1, false",
    // IPv4-mapped IPv6 is IPv4 (as the JDK treats it)
    "::ffff:192.0.2.0/120, 192.0.2.9, true",
    "192.0.2.0/24, ::ffff:192.0.2.9, true",
  })
  void containsMatchesTheRange(String range, String address, boolean expected)
      throws UnknownHostException {
    assertThat(CidrRange.parse(range).contains(InetAddress.getByName(address))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "/8",
        "10.0.0.0/",
        "10.0.0.0/33",
        "10.0.0.0/-1",
        "10.0.0.0/8/8",
        "10.0.0.0/a",
        "10.0.0.256",
        "10.0.0",
        "10.0.0.0.0",
        "010.0.0.1",
        "1.2.3.4.",
        ".1.2.3",
        "1..2.3",
        "1.2.3.4 /8",
        "localhost",
        "example.com",
        "::1/129",
        "2001:db8::g",
        "2001:db8:::1",
        "[::1]",
        "fe80::1%eth0",
        "1:2:3:4:5:6:7:8:9",
        "0x7f.0.0.1",
        "4294967295",
        "12345678901234567890.1.1.1",
        "::ffff:192.0.2.0/95"
      })
  void rejectsAnythingButLiteralRanges(String text) {
    assertThatThrownBy(() -> CidrRange.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "10.1.2.3/8, 10.0.0.0/8",
    "192.0.2.7, 192.0.2.7/32",
    "2001:db8::1/32, 2001:db8:0:0:0:0:0:0/32",
    "::1, 0:0:0:0:0:0:0:1/128",
    "0.0.0.0/0, 0.0.0.0/0"
  })
  void normalisesToTheNetworkAddress(String text, String canonical) {
    CidrRange r = CidrRange.parse(text);
    assertThat(r).hasToString(canonical);
    assertThat(CidrRange.parse(r.toString())).isEqualTo(r).hasSameHashCodeAs(r);
  }

  static Stream<Arguments> seededRandomRanges() {
    Random random = new Random(20261125L);
    return Stream.generate(
            () -> {
              boolean v6 = random.nextBoolean();
              byte[] net = new byte[v6 ? 16 : 4];
              random.nextBytes(net);
              int prefix = random.nextInt(net.length * 8 + 1);
              byte[] probe = net.clone();
              // Half of the probes share the prefix, half are random.
              if (random.nextBoolean()) {
                byte[] noise = new byte[net.length];
                random.nextBytes(noise);
                for (int bit = prefix; bit < net.length * 8; bit++) {
                  int i = bit / 8;
                  int m = 0x80 >>> (bit % 8);
                  probe[i] = (byte) ((probe[i] & ~m) | (noise[i] & m));
                }
              } else {
                random.nextBytes(probe);
              }
              return Arguments.of(net, prefix, probe);
            })
        .limit(500);
  }

  /** Compares with a reference computed on big integers: same top {@code prefix} bits. */
  @ParameterizedTest
  @MethodSource("seededRandomRanges")
  void agreesWithABigIntegerReference(byte[] net, int prefix, byte[] probe) throws Exception {
    InetAddress netAddr = InetAddress.getByAddress(net);
    InetAddress probeAddr = InetAddress.getByAddress(probe);
    int bits = net.length * 8;
    BigInteger a = new BigInteger(1, net).shiftRight(bits - prefix);
    BigInteger b = new BigInteger(1, probe).shiftRight(bits - prefix);
    String text =
        (net.length == 16 ? netAddr.getHostAddress() : netAddr.getHostAddress()) + "/" + prefix;
    CidrRange range = CidrRange.parse(text);
    assertThat(range.contains(probeAddr)).as("%s vs %s", text, probeAddr).isEqualTo(a.equals(b));
    assertThat(range.prefixLength()).isEqualTo(prefix);
    assertThat(range.isIpv6()).isEqualTo(net.length == 16);
  }

  @Test
  void ofBuildsASingleAddressRange() throws UnknownHostException {
    CidrRange r = CidrRange.of(InetAddress.getByName("198.51.100.4"));
    assertThat(r.prefixLength()).isEqualTo(32);
    assertThat(r.contains(InetAddress.getByName("198.51.100.4"))).isTrue();
    assertThat(r.contains(InetAddress.getByName("198.51.100.5"))).isFalse();
    assertThat(r.contains(null)).isFalse();
  }
}
