package org.mmskit.mm7.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.mmskit.core.InboundContext;
import org.mmskit.core.Transport;

final class TestValues {
  private TestValues() {}

  static InboundContext context() {
    return new InboundContext(
        Transport.MM7,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Instant.EPOCH,
        List.of());
  }
}
