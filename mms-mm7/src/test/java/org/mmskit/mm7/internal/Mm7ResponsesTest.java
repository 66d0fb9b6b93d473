package org.mmskit.mm7.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mmskit.core.Acknowledgement;
import org.mmskit.mm7.Mm7InboundDetail;
import org.mmskit.mm7.Mm7Version;

/** Listener-side answers keep the request's TransactionID and profile and read back as sent. */
class Mm7ResponsesTest {

  private static Mm7Envelope roundTrip(Mm7Envelope env) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String ct = Mm7Codec.write(env, out);
    return Mm7Codec.read(ct, out.toByteArray(), Mm7Limits.defaults());
  }

  @Test
  void answersMatchTheirRequests() throws Exception {
    Random r = new Random(5);
    Mm7Version v = Mm7Version.REL_5_MM7_1_2.withMm7Version("5.3.0");
    Mm7Body[] requests = {
      Mm7Fixtures.deliverReq(r),
      Mm7Fixtures.deliveryReportReq(r),
      Mm7Fixtures.readReplyReq(r),
      Mm7Fixtures.cancelReq(r),
      Mm7Fixtures.replaceReq(r)
    };
    Class<?>[] expected = {
      Mm7Body.DeliverRsp.class,
      Mm7Body.DeliveryReportRsp.class,
      Mm7Body.ReadReplyRsp.class,
      Mm7Body.CancelRsp.class,
      Mm7Body.ReplaceRsp.class
    };
    for (int i = 0; i < requests.length; i++) {
      Mm7Envelope req = roundTrip(Mm7Envelope.of("tx-" + i, v, requests[i]));
      Mm7Envelope rsp = Mm7Responses.answer(req, Acknowledgement.refuse(4006, "busy"));
      Mm7Payload p = Mm7Codec.encode(rsp, Mm7WriteOptions.standard());
      assertThat(p.contentType()).startsWith("text/xml");
      Mm7CodecRoundTripTest.validate(v, p.soapXml());
      Mm7Envelope back = roundTrip(rsp);
      assertThat(back.transactionId()).contains("tx-" + i);
      assertThat(back.version()).isEqualTo(v);
      assertThat(back.body()).isInstanceOf(expected[i]);
      assertThat(((Mm7Body.Response) back.body()).status())
          .isEqualTo(Mm7Body.Status.of(4006, "busy"));
    }
  }

  @Test
  void inboundContextFromAReceivedReport() {
    Mm7Body.DeliveryReportReq dr = Mm7Fixtures.deliveryReportReq(new Random(3));
    Mm7Envelope req = roundTrip(Mm7Envelope.of("tx-c", Mm7Version.REL_6_MM7_1_2, dr));
    java.time.Instant at = java.time.Instant.parse("2026-01-01T00:00:00Z");
    org.mmskit.core.InboundContext ctx =
        req.inboundContext(Optional.of("acct"), Optional.empty(), at);
    assertThat(ctx.transport()).isEqualTo(org.mmskit.core.Transport.MM7);
    assertThat(ctx.transactionId()).contains("tx-c");
    assertThat(ctx.protocolVersion()).contains("6.5.0");
    assertThat(ctx.detail(Mm7InboundDetail.class).map(Mm7InboundDetail::namespace))
        .contains(Mm7Version.REL_6_MM7_1_2.namespace());
    assertThat(ctx.detail(Mm7InboundDetail.class).flatMap(Mm7InboundDetail::relayServerId))
        .isEqualTo(dr.relayServerId());
    assertThat(ctx.account()).contains("acct");
    org.mmskit.core.DeliveryReport report =
        ((Mm7Body.DeliveryReportReq) req.body()).toDeliveryReport(ctx);
    assertThat(report.messageId()).isEqualTo(dr.messageId());
    assertThat(report.rawStatus()).isEqualTo(dr.mmStatus());
    assertThat(report.context()).isSameAs(ctx);
  }

  @Test
  void faultCarriesVaspErrorRsp() throws Exception {
    Mm7Envelope f =
        Mm7Responses.fault(
            Optional.of("t9"), Mm7Version.REL_6_MM7_1_4, false, 3000, "callback failed");
    Mm7CodecRoundTripTest.validate(
        Mm7Version.REL_6_MM7_1_4, Mm7Codec.soapXml(f, Mm7WriteOptions.standard()));
    Mm7Body.Fault back = (Mm7Body.Fault) roundTrip(f).body();
    assertThat(back.faultCode()).isEqualTo("env:Server");
    assertThat(back.detail().orElseThrow().fromRelay()).isFalse();
    assertThat(back.detail().orElseThrow().status().code()).isEqualTo(3000);
  }

  @Test
  void submitIsNotAnsweredWithoutMessageId() {
    Mm7Envelope req = Mm7Envelope.of("t", Mm7Version.DEFAULT, Mm7Fixtures.submitReq(new Random(1)));
    assertThatThrownBy(() -> Mm7Responses.answer(req, Acknowledgement.ok()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Mm7Responses.submitAnswer(req, Mm7Body.Status.success(), "m1").body())
        .isEqualTo(new Mm7Body.SubmitRsp(Mm7Body.Status.success(), "m1"));
  }
}
