package org.mmskit.mm7.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsListener;
import org.mmskit.core.ReadReply;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.server.HeaderMap;
import org.mmskit.server.InboundRequest;
import org.mmskit.server.InboundResponse;

/**
 * Replies made from a cached template (TransactionID put into prepared bytes) are byte for byte the
 * replies the writer produces, whatever the profile, ID, status and request kind; IDs that need
 * escaping take the writer's path.
 */
class Mm7ReplyTemplateTest {

  static Stream<Arguments> cases() {
    List<String> ids =
        List.of("t1", "load-tx-000001", "mk5f3a-1c.2:3@x/y+z=", "a&b<c>", "äöü", "x".repeat(300));
    List<Acknowledgement> acks =
        List.of(Acknowledgement.ok(), Acknowledgement.refuse(4000, "Refused & <done>"));
    List<Arguments> out = new ArrayList<>();
    for (Mm7Version v : Mm7Version.standardVersions()) {
      for (String id : ids) {
        for (Acknowledgement ack : acks) {
          for (int kind = 0; kind < 3; kind++) {
            out.add(Arguments.of(v.schema(), id, ack, kind));
          }
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void templatedReplyEqualsTheWrittenOne(String schema, String tx, Acknowledgement ack, int kind)
      throws Exception {
    Mm7Version v = Mm7Version.ofSchema(schema);
    Random r = new Random(schema.hashCode() * 31L + tx.hashCode() + kind);
    Mm7Body request =
        switch (kind) {
          case 0 -> Mm7Fixtures.deliverReq(r);
          case 1 -> Mm7Fixtures.deliveryReportReq(r);
          default -> Mm7Fixtures.readReplyReq(r);
        };
    MmsListener listener =
        new MmsListener() {
          @Override
          public Acknowledgement onMessage(IncomingMessage message) {
            return ack;
          }

          @Override
          public Acknowledgement onDeliveryReport(DeliveryReport report) {
            return ack;
          }

          @Override
          public Acknowledgement onReadReply(ReadReply reply) {
            return ack;
          }
        };
    Mm7InboundProcessor processor = new Mm7InboundProcessor(listener, null, 1 << 20);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String ct = Mm7Codec.write(Mm7Envelope.of(tx, v, request), Mm7WriteOptions.standard(), body);
    Mm7Body.Status status = Mm7Body.Status.of(ack.statusCode(), ack.statusText());
    Mm7Body reply =
        switch (kind) {
          case 0 -> new Mm7Body.DeliverRsp(status, Optional.empty());
          case 1 -> new Mm7Body.DeliveryReportRsp(status);
          default -> new Mm7Body.ReadReplyRsp(status);
        };
    byte[] expected =
        Mm7Codec.encode(Mm7Envelope.of(tx, v, reply), Mm7WriteOptions.standard()).toByteArray();
    for (int round = 0; round < 2; round++) { // the second one comes from the template cache
      InboundResponse rsp =
          processor.handle(
              InboundRequest.builder()
                  .method("POST")
                  .path("/mm7")
                  .headers(HeaderMap.of("Content-Type", ct))
                  .contentLength(body.size())
                  .body(body.toByteArray())
                  .build());
      assertThat(rsp.status()).isEqualTo(200);
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      rsp.writeBody(got);
      assertThat(got.toByteArray()).as("round %d", round).isEqualTo(expected);
    }
  }
}
