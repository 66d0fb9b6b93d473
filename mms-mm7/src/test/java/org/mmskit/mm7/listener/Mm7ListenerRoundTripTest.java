package org.mmskit.mm7.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.InboundContext;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.ReadReply;
import org.mmskit.core.ReadStatus;
import org.mmskit.core.Transport;
import org.mmskit.mm7.Mm7InboundDetail;
import org.mmskit.mm7.Mm7Listener;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7Body;
import org.mmskit.mm7.internal.Mm7Body.DeliverRsp;
import org.mmskit.mm7.internal.Mm7Body.DeliveryReportRsp;
import org.mmskit.mm7.internal.Mm7Body.ErrorRsp;
import org.mmskit.mm7.internal.Mm7Body.Fault;
import org.mmskit.mm7.internal.Mm7Body.ReadReplyRsp;
import org.mmskit.mm7.internal.Mm7Envelope;

/**
 * Every MMSC-to-VASP operation in every schema version, over loopback: the test writes the request
 * with the codec, posts it with a plain HTTP client, and checks both the callback and the reply.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Mm7ListenerRoundTripTest {
  private final RecordingListener recorder = new RecordingListener();
  private final MmscPeer mmsc = new MmscPeer();
  private Mm7Listener listener;

  @BeforeAll
  void start() {
    listener = Mm7Listener.builder().port(0).listener(recorder).start();
  }

  @AfterAll
  void stop() {
    listener.close();
  }

  @BeforeEach
  void reset() {
    recorder.received.clear();
    recorder.answer = x -> Acknowledgement.ok();
  }

  static Stream<Arguments> versionsAndOperations() {
    List<Arguments> out = new ArrayList<>();
    for (Mm7Version v : Mm7Version.standardVersions()) {
      for (String op : List.of("DeliverReq", "DeliveryReportReq", "ReadReplyReq")) {
        out.add(Arguments.of(v, op));
      }
    }
    out.add(Arguments.of(Mm7Version.REL_5_MM7_1_3.withMm7Version("5.6.0"), "DeliverReq"));
    out.add(Arguments.of(Mm7Version.REL_6_MM7_1_4.withMm7Version("6.7.0"), "DeliveryReportReq"));
    return out.stream();
  }

  private static Mm7Body request(String op) {
    switch (op) {
      case "DeliverReq":
        return MmscPeer.deliverReq();
      case "DeliveryReportReq":
        return MmscPeer.deliveryReportReq();
      default:
        return MmscPeer.readReplyReq();
    }
  }

  @ParameterizedTest(name = "{1} in {0}")
  @MethodSource("versionsAndOperations")
  void operationReachesTheCallbackAndTheReplyEchoesVersionAndTransaction(Mm7Version v, String op)
      throws Exception {
    String tx = "tx-" + v.schema() + "-" + op;
    HttpResponse<byte[]> response = mmsc.post(listener.uri(), MmscPeer.encode(tx, v, request(op)));

    assertThat(response.statusCode()).isEqualTo(200);
    Mm7Envelope reply = MmscPeer.read(response);
    assertThat(reply.transactionId()).contains(tx);
    assertThat(reply.version().namespace()).isEqualTo(v.namespace());
    assertThat(reply.version().mm7Version()).isEqualTo(v.mm7Version());

    assertThat(recorder.received).hasSize(1);
    Object got = recorder.last();
    InboundContext ctx;
    switch (op) {
      case "DeliverReq":
        assertThat(reply.body()).isInstanceOf(DeliverRsp.class);
        assertThat(((DeliverRsp) reply.body()).status().code()).isEqualTo(1000);
        IncomingMessage in = (IncomingMessage) got;
        MmsMessage m = in.message();
        assertThat(m.from()).contains(Address.phone("+381600001200"));
        assertThat(m.to()).containsExactly(Address.shortCode("12345"));
        assertThat(m.subject()).contains("Hello listener");
        assertThat(m.linkedId()).contains("link-1");
        assertThat(m.parts()).hasSize(2);
        MmsPart text = m.parts().get(0);
        assertThat(text.contentType().mediaType()).isEqualTo("text/plain");
        assertThat(text.text()).isEqualTo("Hi there");
        MmsPart image = m.parts().get(1);
        assertThat(image.contentType().mediaType()).isEqualTo("image/jpeg");
        assertThat(image.bytes()).isEqualTo(MmscPeer.IMAGE);
        ctx = in.context();
        break;
      case "DeliveryReportReq":
        assertThat(reply.body()).isInstanceOf(DeliveryReportRsp.class);
        assertThat(((DeliveryReportRsp) reply.body()).status().code()).isEqualTo(1000);
        DeliveryReport r = (DeliveryReport) got;
        assertThat(r.messageId()).isEqualTo("msg-0001");
        assertThat(r.status()).isEqualTo(DeliveryStatus.RETRIEVED);
        assertThat(r.rawStatus()).isEqualTo("Retrieved");
        assertThat(r.recipient()).contains(Address.phone("+15551234567"));
        assertThat(r.sender()).contains(Address.shortCode("12345"));
        assertThat(r.date()).contains(MmscPeer.WHEN);
        assertThat(r.statusText()).contains("delivered fine");
        ctx = r.context();
        break;
      default:
        assertThat(reply.body()).isInstanceOf(ReadReplyRsp.class);
        assertThat(((ReadReplyRsp) reply.body()).status().code()).isEqualTo(1000);
        ReadReply rr = (ReadReply) got;
        assertThat(rr.messageId()).isEqualTo("msg-0002");
        assertThat(rr.status()).isEqualTo(ReadStatus.READ);
        assertThat(rr.recipient()).contains(Address.phone("+15551234567"));
        assertThat(rr.date()).contains(MmscPeer.WHEN);
        ctx = rr.context();
    }
    assertThat(ctx.transport()).isEqualTo(Transport.MM7);
    assertThat(ctx.transactionId()).contains(tx);
    assertThat(ctx.protocolVersion()).contains(v.mm7Version());
    assertThat(ctx.detail(Mm7InboundDetail.class).map(Mm7InboundDetail::namespace))
        .contains(v.namespace());
    assertThat(ctx.detail(Mm7InboundDetail.class).flatMap(Mm7InboundDetail::relayServerId))
        .contains("relay-7");
    assertThat(ctx.remoteAddress()).contains(InetAddress.getLoopbackAddress());
    assertThat(ctx.account()).isEmpty();
  }

  @Test
  void acknowledgementStatusIsTheReplyStatus() throws Exception {
    recorder.answer = x -> Acknowledgement.refuse(4006, "Busy, try later");
    HttpResponse<byte[]> response =
        mmsc.post(
            listener.uri(),
            MmscPeer.encode("tx-busy", Mm7Version.REL_5_MM7_1_2, MmscPeer.deliveryReportReq()));

    assertThat(response.statusCode()).isEqualTo(200);
    Mm7Body.Status s = ((DeliveryReportRsp) MmscPeer.read(response).body()).status();
    assertThat(s.code()).isEqualTo(4006);
    assertThat(s.text()).isEqualTo("Busy, try later");
  }

  @Test
  void throwingCallbackGetsServerFaultAndTheListenerKeepsServing() throws Exception {
    recorder.answer =
        x -> {
          throw new IllegalStateException("database down");
        };
    HttpResponse<byte[]> failed =
        mmsc.post(
            listener.uri(),
            MmscPeer.encode("tx-fail", Mm7Version.REL_6_MM7_1_4, MmscPeer.deliverReq()));

    assertThat(failed.statusCode()).isEqualTo(500);
    Mm7Envelope env = MmscPeer.read(failed);
    assertThat(env.transactionId()).contains("tx-fail");
    Fault f = (Fault) env.body();
    assertThat(f.faultCode()).endsWith("Server");
    ErrorRsp e = f.detail().orElseThrow();
    assertThat(e.fromRelay()).isFalse();
    assertThat(e.status().code()).isBetween(3000, 3999);
    assertThat(new String(failed.body(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("VASPErrorRsp")
        .doesNotContain("database down");

    recorder.answer = x -> Acknowledgement.ok();
    HttpResponse<byte[]> next =
        mmsc.post(
            listener.uri(),
            MmscPeer.encode("tx-retry", Mm7Version.REL_6_MM7_1_4, MmscPeer.deliverReq()));
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(recorder.received).hasSize(2);
  }

  @Test
  void callbackReturningNullIsAServerError() throws Exception {
    recorder.answer = x -> null;
    HttpResponse<byte[]> response =
        mmsc.post(
            listener.uri(),
            MmscPeer.encode("tx-null", Mm7Version.REL_6_MM7_1_4, MmscPeer.readReplyReq()));
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(((Fault) MmscPeer.read(response).body()).detail().orElseThrow().status().code())
        .isEqualTo(3000);
  }

  @Test
  void configuredReplyVersionOverridesTheEcho() throws Exception {
    try (Mm7Listener pinned =
        Mm7Listener.builder()
            .port(0)
            .listener(recorder)
            .replyVersion(Mm7Version.REL_5_MM7_1_2)
            .start()) {
      HttpResponse<byte[]> response =
          mmsc.post(
              pinned.uri(),
              MmscPeer.encode("tx-pin", Mm7Version.REL_6_MM7_1_4, MmscPeer.deliverReq()));
      assertThat(response.statusCode()).isEqualTo(200);
      Mm7Envelope reply = MmscPeer.read(response);
      assertThat(reply.version().namespace()).isEqualTo(Mm7Version.REL_5_MM7_1_2.namespace());
      assertThat(reply.version().mm7Version()).isEqualTo("5.3.0");
      assertThat(reply.transactionId()).contains("tx-pin");
    }
  }

  @Test
  void listenerReportsItsPortAndUri() {
    assertThat(listener.port()).isPositive();
    assertThat(listener.uri().toString()).isEqualTo("http://127.0.0.1:" + listener.port() + "/mm7");
    assertThat(listener.handler().replyVersion()).isEqualTo(Optional.empty());
  }
}
