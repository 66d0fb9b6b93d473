package org.mmskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MmsPartTest {

  @Test
  void changingTheArrayAfterBuildingDoesNotChangeThePart() {
    byte[] body = "original".getBytes(StandardCharsets.US_ASCII);
    MmsPart part = MmsPart.of("text/plain", body);
    body[0] = 'X';
    assertThat(part.text()).isEqualTo("original");
  }

  @Test
  void changingTheReturnedBytesDoesNotChangeThePart() {
    MmsPart part = MmsPart.text("original");
    byte[] got = part.bytes();
    got[0] = 'X';
    assertThat(part.text()).isEqualTo("original");
    assertThat(part).isEqualTo(MmsPart.text("original"));
  }
}
