package org.mmskit.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mmskit.core.Address;
import org.mmskit.core.MmsListener;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.mm7.Mm7Handler;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7Body.DeliverReq;
import org.mmskit.mm7.internal.Mm7Codec;
import org.mmskit.mm7.internal.Mm7Envelope;
import org.mmskit.mm7.internal.Mm7WriteOptions;
import org.mmskit.server.HeaderMap;
import org.mmskit.server.InboundRequest;
import org.mmskit.server.InboundResponse;

/**
 * The requests and response of the listener load test: DeliverReqs with a short text part (as an
 * MMSC posts a typical MO message), and the DeliverRsp the listener answers to the first, taken
 * from an {@link Mm7Handler} so that the bare server sends exactly the same bytes.
 *
 * <p>The first request is {@link #requestContentType()} and {@link #requestBody()}; {@link
 * #variants()} holds it and {@value #VARIANTS} - 1 more that differ from it as an MMSC's deliveries
 * differ from each other: TransactionID, sender, time stamp, subject, text and MIME boundaries.
 * Their TransactionIDs have the same length, so every answer has the length of the bare server's.
 */
record Mm7LoadFixture(
    String requestContentType,
    byte[] requestBody,
    String responseContentType,
    byte[] responseBody,
    List<Request> variants) {

  /** How many different requests {@link #variants()} holds. */
  static final int VARIANTS = 64;

  /** One request: its Content-Type (which names its boundary) and its body. */
  record Request(String contentType, byte[] body) {}

  static Mm7LoadFixture create() {
    List<Request> variants = new ArrayList<>(VARIANTS);
    for (int i = 0; i < VARIANTS; i++) {
      variants.add(request(i));
    }
    Request first = variants.get(0);
    try {
      InboundResponse r =
          Mm7Handler.of(new MmsListener() {})
              .handle(
                  InboundRequest.builder()
                      .method("POST")
                      .path("/mm7")
                      .headers(HeaderMap.of("Content-Type", first.contentType()))
                      .contentLength(first.body().length)
                      .body(first.body())
                      .build());
      if (r.status() != 200) {
        throw new IllegalStateException("fixture request refused: HTTP " + r.status());
      }
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      r.writeBody(answer);
      return new Mm7LoadFixture(
          first.contentType(),
          first.body(),
          r.contentType().orElse("text/xml"),
          answer.toByteArray(),
          List.copyOf(variants));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Request request(int i) {
    MmsMessage mo =
        MmsMessage.builder()
            .from(Address.phone(String.format(Locale.ROOT, "+1555%07d", 1234567 + 7919 * i)))
            .to(Address.shortCode("12345"))
            .subject(i % 2 == 0 ? "Vote" : "Vote " + i)
            .date(Instant.parse("2026-11-25T04:00:00Z").plusSeconds(61L * i))
            .addPart(MmsPart.text("YES to option " + (i % 9 + 1) + ", and thanks for the show"))
            .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String ct =
        Mm7Codec.write(
            Mm7Envelope.of(
                String.format(Locale.ROOT, "load-tx-%06d", i + 1),
                Mm7Version.DEFAULT,
                DeliverReq.of(mo)),
            Mm7WriteOptions.standard(),
            out);
    return new Request(ct, out.toByteArray());
  }
}
