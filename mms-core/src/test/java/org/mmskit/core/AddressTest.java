package org.mmskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {

  @ParameterizedTest
  @CsvSource({
    "+15551234567,              PHONE,      +15551234567, +15551234567/TYPE=PLMN",
    "+15551234567/TYPE=PLMN,    PHONE,      +15551234567, +15551234567/TYPE=PLMN",
    "+1 555-123.4567,           PHONE,      +15551234567, +15551234567/TYPE=PLMN",
    "0712345678/TYPE=plmn,      PHONE,      0712345678,   0712345678/TYPE=PLMN",
    "alice@example.com,         EMAIL,      alice@example.com, alice@example.com",
    "12345,                     SHORT_CODE, 12345,        12345/TYPE=PLMN",
    "10.0.0.1/TYPE=IPv4,        IPV4,       10.0.0.1,     10.0.0.1/TYPE=IPv4",
    "192.168.1.20,              IPV4,       192.168.1.20, 192.168.1.20/TYPE=IPv4",
    "fe80::1/TYPE=IPv6,         IPV6,       fe80::1,      fe80::1/TYPE=IPv6",
    "2001:db8::7,               IPV6,       2001:db8::7,  2001:db8::7/TYPE=IPv6",
    "sip-user/TYPE=SIP,         OTHER,      sip-user,     sip-user/TYPE=SIP",
  })
  void parsesAndFormatsBothForms(String text, Address.Kind kind, String plain, String pdu) {
    Address a = Address.parse(text);
    assertThat(a.kind()).isEqualTo(kind);
    assertThat(a.value()).isEqualTo(plain);
    assertThat(a.toString()).isEqualTo(plain);
    assertThat(a.toPduString()).isEqualTo(pdu);
    assertThat(a.displayOnly()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"+15551234567", "alice@example.com", "10.1.2.3", "2001:db8::1", "x/TYPE=Foo"})
  void pduFormReadsBackToTheSameAddress(String text) {
    Address a = Address.parse(text);
    assertThat(Address.parse(a.toPduString()).value()).isEqualTo(a.value());
    assertThat(Address.parse(a.toPduString()).kind())
        .isEqualTo(a.kind() == Address.Kind.SHORT_CODE ? Address.Kind.PHONE : a.kind());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "@example.com", "alice@", "hello world", "/TYPE=PLMN"})
  void refusesWhatIsNoAddress(String text) {
    assertThatThrownBy(() -> Address.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @org.junit.jupiter.api.Test
  void displayOnlyIsPartOfEquality() {
    Address a = Address.phone("+15551234567");
    Address shown = a.withDisplayOnly(true);
    assertThat(shown.displayOnly()).isTrue();
    assertThat(shown).isNotEqualTo(a);
    assertThat(shown.withDisplayOnly(false)).isEqualTo(a).hasSameHashCodeAs(a);
  }
}
