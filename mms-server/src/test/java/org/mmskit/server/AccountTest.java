package org.mmskit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountTest {
  private static final Account ACCOUNT =
      Account.builder("vasp", "correct horse")
          .allowFrom("192.0.2.0/24")
          .allowFrom("2001:db8::/32")
          .build();

  /** Prefixes, extensions, case and same-length variants all fail; digests have equal length. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "c",
        "correct hors",
        "correct horse ",
        "correct horsf",
        "Correct horse",
        "correct horse\u0000",
        "xxxxxxxxxxxxx",
        "correct horse correct horse correct horse correct horse correct horse"
      })
  void wrongPasswordsNeverMatch(String attempt) {
    assertThat(ACCOUNT.passwordMatches(attempt)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"correct horse"})
  void rightPasswordMatches(String attempt) {
    assertThat(ACCOUNT.passwordMatches(attempt)).isTrue();
    assertThat(Account.of("u", "p\u00e4\u00df").passwordMatches("p\u00e4\u00df")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"192.0.2.1", "192.0.2.255", "2001:db8::7"})
  void allowListAccepts(String ip) throws UnknownHostException {
    assertThat(ACCOUNT.allows(InetAddress.getByName(ip))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"192.0.3.1", "127.0.0.1", "::1", "2001:db9::1"})
  void allowListRefuses(String ip) throws UnknownHostException {
    assertThat(ACCOUNT.allows(InetAddress.getByName(ip))).isFalse();
    assertThat(ACCOUNT.allows(null)).isFalse();
    assertThat(Account.of("any", "pw").allows(InetAddress.getByName(ip))).isTrue();
  }
}
