package org.mmskit.testkit;

import java.util.Random;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;

/** Test messages. */
final class Messages {
  static final byte[] IMAGE = new byte[2048];

  static {
    new Random(7).nextBytes(IMAGE);
  }

  private Messages() {}

  static MmsMessage withImage(String subject) {
    return MmsMessage.builder()
        .from(Address.shortCode("12345"))
        .to(Address.phone("+15551230001"), Address.phone("+15551230002"))
        .subject(subject)
        .addPart(MmsPart.text("Hello from the test"))
        .addPart(MmsPart.of("image/png", IMAGE))
        .build();
  }
}
