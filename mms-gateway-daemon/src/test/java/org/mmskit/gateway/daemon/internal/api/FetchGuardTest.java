package org.mmskit.gateway.daemon.internal.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Addresses are literals here: no name is looked up, no connection is made. */
class FetchGuardTest {
  private static final FetchGuard DEFAULT = FetchGuard.allowing(List.of());

  @ParameterizedTest
  @CsvSource({
    "http://127.0.0.1/a, loopback",
    "http://127.5.6.7:8080/a, loopback",
    "http://[::1]/a, loopback",
    "http://0.0.0.0/a, wildcard",
    "http://[::]/a, wildcard",
    "http://169.254.169.254/latest/meta-data/, link-local",
    "http://[fe80::1]/a, link-local",
    "http://10.0.0.1/a, private",
    "http://172.16.0.1/a, private",
    "http://172.31.255.254/a, private",
    "http://192.168.1.1/a, private",
    "http://[fd00::1]/a, private",
    "http://[fc12:3456::1]/a, private",
    "http://[::ffff:10.1.2.3]/a, private",
    "http://[::ffff:127.0.0.1]/a, loopback",
    "http://224.0.0.1/a, multicast",
    "http://[ff02::1]/a, multicast",
  })
  void internalAddressesAreRefusedByDefault(String url, String kind) {
    PartFetcher.FetchException e =
        assertThrows(PartFetcher.FetchException.class, () -> DEFAULT.check(URI.create(url)));
    assertTrue(e.getMessage().contains(", a " + kind + " address:"), e.getMessage());
    assertTrue(e.getMessage().contains("api.fetch.allowHosts"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://93.184.216.34/a",
        "https://8.8.8.8/a",
        "http://172.32.0.1/a",
        "http://172.15.255.255/a",
        "http://[2001:db8::1]/a",
        "http://[2606:4700::1111]/a",
      })
  void publicAddressesPass(String url) {
    assertDoesNotThrow(() -> DEFAULT.check(URI.create(url)));
  }

  @Test
  void listedRangesAndHostNamesPassAndNothingElseDoes() throws Exception {
    FetchGuard g = FetchGuard.allowing(List.of("127.0.0.1", "10.1.0.0/16", "Files.Internal"));
    g.check(URI.create("http://127.0.0.1:8080/a"));
    g.check(URI.create("http://10.1.200.3/a"));
    // a listed name is not resolved at all: the operator vouches for it
    g.check(URI.create("http://files.internal/a"));
    PartFetcher.FetchException e =
        assertThrows(
            PartFetcher.FetchException.class, () -> g.check(URI.create("http://10.2.0.1/a")));
    assertEquals(
        "10.2.0.1, a private address: parts are fetched from public addresses only, unless"
            + " api.fetch.allowHosts lists the host or the address",
        e.getMessage());
    assertThrows(PartFetcher.FetchException.class, () -> g.check(URI.create("http://127.0.0.2/a")));
  }

  @Test
  void aNameIsCheckedByEveryAddressItResolvesTo() {
    // localhost resolves to loopback addresses only (from /etc/hosts, no DNS)
    PartFetcher.FetchException e =
        assertThrows(
            PartFetcher.FetchException.class,
            () -> DEFAULT.check(URI.create("http://localhost:8080/a")));
    assertTrue(e.getMessage().startsWith("localhost resolves to "), e.getMessage());
    assertTrue(e.getMessage().contains("a loopback address"), e.getMessage());
  }
}
