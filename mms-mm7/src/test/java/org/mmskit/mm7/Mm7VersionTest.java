package org.mmskit.mm7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mmskit.mm7.internal.Mm7StatusCodes;

class Mm7VersionTest {

  @Test
  void nineStandardProfilesWithTheirNamespaces() {
    assertThat(Mm7Version.standardVersions()).hasSize(9);
    for (Mm7Version v : Mm7Version.standardVersions()) {
      assertThat(v.namespace()).isEqualTo(Mm7Version.NAMESPACE_BASE + v.schema());
      assertThat(Mm7Version.forNamespace(v.namespace())).contains(v);
      assertThat(Mm7Version.ofSchema(v.schema().toLowerCase())).isEqualTo(v);
      assertThat(v.hasRelease6Elements()).isEqualTo(v.schema().startsWith("REL-6"));
      assertThat(v.isStandard()).isTrue();
    }
    assertThat(Mm7Version.DEFAULT.mm7Version()).isEqualTo("6.8.0");
  }

  @Test
  void namespacesAsFoundInTheWild() {
    String broken = Mm7Version.NAMESPACE_BASE.replace("schema/", "\n   schema/") + "REL-6-MM7-1-4";
    assertThat(Mm7Version.forNamespace(broken)).contains(Mm7Version.REL_6_MM7_1_4);
    assertThat(Mm7Version.forNamespace(Mm7Version.REL_5_MM7_1_2.namespace() + ".xsd"))
        .contains(Mm7Version.REL_5_MM7_1_2);
    Mm7Version bogus =
        Mm7Version.forNamespace(Mm7Version.NAMESPACE_BASE + "REL-6-MM7-6-7").orElseThrow();
    assertThat(bogus.release()).isEqualTo(6);
    assertThat(bogus.isStandard()).isFalse();
    assertThat(Mm7Version.forNamespace("urn:MM7Submit.Req")).isEmpty();
    assertThat(Mm7Version.forNamespace("http://schemas.xmlsoap.org/soap/envelope/")).isEmpty();
  }

  @Test
  void versionValueIsSetIndependently() {
    Mm7Version v = Mm7Version.REL_5_MM7_1_3.withMm7Version("5.6.0");
    assertThat(v.namespace()).isEqualTo(Mm7Version.REL_5_MM7_1_3.namespace());
    assertThat(v.mm7Version()).isEqualTo("5.6.0");
    assertThat(v).isNotEqualTo(Mm7Version.REL_5_MM7_1_3);
    assertThatThrownBy(() -> v.withMm7Version("6.8")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Mm7Version.ofSchema("REL-9-MM7-1-0"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "1000, false, Success",
    "2002, false, Address error",
    "2599, false, Client error (vendor code)",
    "3001, true, Not possible",
    "3003, false, Multiple addresses",
    "3510, true, Server error (vendor code)",
    "4002, false, Unsupported version",
    "4006, true, Service unavailable",
    "9999, false, Unknown status"
  })
  void statusCodeTable(int code, boolean retryable, String meaning) {
    assertThat(Mm7StatusCodes.isRetryable(code)).isEqualTo(retryable);
    assertThat(Mm7StatusCodes.meaning(code)).startsWith(meaning);
    assertThat(Mm7StatusCodes.isSuccess(code)).isEqualTo(code < 2000);
  }
}
