package org.mmskit.benchmarks;

import java.time.Duration;
import java.util.Random;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.SubmitResult;
import org.mmskit.mm7.Mm7Client;

/** The message the MM7 benchmarks submit: a short text and a 20 KB image, from fixed seeds. */
final class Mm7Samples {
  private Mm7Samples() {}

  static final int IMAGE_SIZE = 20 * 1024;

  static final MmsPart TEXT = MmsPart.text("Your boarding pass is attached. Have a good flight!");

  static final MmsPart IMAGE = image();

  private static MmsPart image() {
    byte[] body = new byte[IMAGE_SIZE];
    new Random(20_261_125L).nextBytes(body);
    body[0] = (byte) 0xFF;
    body[1] = (byte) 0xD8;
    return MmsPart.builder()
        .contentType("image/jpeg")
        .contentId("pass")
        .contentLocation("pass.jpg")
        .body(body)
        .build();
  }

  /** Builds the message (what a caller does before each submit). */
  static MmsMessage message() {
    return MmsMessage.builder()
        .from(Address.shortCode("12345"))
        .to(Address.phone("+15551234567"))
        .subject("Boarding pass")
        .addPart(TEXT)
        .addPart(IMAGE)
        .deliveryReport(true)
        .build();
  }

  /** The client settings the client benchmarks use, against {@code stub}. */
  static Mm7Client.Builder client(StubMmsc stub) {
    return Mm7Client.builder()
        .endpoint(stub.uri())
        .vaspId("vasp-1")
        .vasId("svc-1")
        .maxConnections(16)
        .connectTimeout(Duration.ofSeconds(5))
        .responseTimeout(Duration.ofSeconds(10));
  }

  /**
   * Submits {@code message} once with the stub capturing, and returns the exact request the client
   * sent (for the raw POST baseline).
   */
  static StubMmsc.Request firstRequest(Mm7Client client, StubMmsc stub, MmsMessage message) {
    stub.captureRequests(true);
    SubmitResult first = client.submit(message);
    stub.captureRequests(false);
    StubMmsc.Request request = stub.lastRequest();
    if (request == null || first.messageId().isEmpty()) {
      throw new IllegalStateException("the stub did not see a valid submit: " + first);
    }
    return request;
  }
}
