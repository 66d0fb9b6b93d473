package org.mmskit.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
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
 * The request and response of the listener load test: a DeliverReq with a short text part (as an
 * MMSC posts a typical MO message), and the DeliverRsp the listener answers to it, taken from an
 * {@link Mm7Handler} so that the bare server sends exactly the same bytes.
 */
record Mm7LoadFixture(
    String requestContentType,
    byte[] requestBody,
    String responseContentType,
    byte[] responseBody) {

  static Mm7LoadFixture create() {
    MmsMessage mo =
        MmsMessage.builder()
            .from(Address.phone("+15551234567"))
            .to(Address.shortCode("12345"))
            .subject("Vote")
            .date(Instant.parse("2026-11-25T04:00:00Z"))
            .addPart(MmsPart.text("YES to option 3, and thanks for the show"))
            .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String ct =
        Mm7Codec.write(
            Mm7Envelope.of("load-tx-000001", Mm7Version.DEFAULT, DeliverReq.of(mo)),
            Mm7WriteOptions.standard(),
            out);
    byte[] body = out.toByteArray();
    try {
      InboundResponse r =
          Mm7Handler.of(new MmsListener() {})
              .handle(
                  InboundRequest.builder()
                      .method("POST")
                      .path("/mm7")
                      .headers(HeaderMap.of("Content-Type", ct))
                      .contentLength(body.length)
                      .body(body)
                      .build());
      if (r.status() != 200) {
        throw new IllegalStateException("fixture request refused: HTTP " + r.status());
      }
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      r.writeBody(answer);
      return new Mm7LoadFixture(ct, body, r.contentType().orElse("text/xml"), answer.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
