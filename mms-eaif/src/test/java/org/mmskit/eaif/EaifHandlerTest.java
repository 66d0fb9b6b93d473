package org.mmskit.eaif;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsListener;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.ReadReply;
import org.mmskit.core.ReadStatus;
import org.mmskit.core.Transport;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.MmsPduEncoder;
import org.mmskit.core.pdu.MmsVersion;
import org.mmskit.core.pdu.PduMessages;
import org.mmskit.core.pdu.PduStatus;
import org.mmskit.core.pdu.PduType;
import org.mmskit.server.HeaderMap;
import org.mmskit.server.InboundRequest;
import org.mmskit.server.InboundResponse;

/** EaifHandler called directly, without the embedded server. */
class EaifHandlerTest {
  static final Instant DATE = Instant.parse("2026-01-02T03:04:05Z");

  /** Records every callback; answers with {@link #ack}. */
  static final class Recorder implements MmsListener {
    final List<IncomingMessage> messages = new CopyOnWriteArrayList<>();
    final List<DeliveryReport> reports = new CopyOnWriteArrayList<>();
    final List<ReadReply> reads = new CopyOnWriteArrayList<>();
    volatile Acknowledgement ack = Acknowledgement.ok();
    volatile RuntimeException failure;

    @Override
    public Acknowledgement onMessage(IncomingMessage message) {
      messages.add(message);
      return answer();
    }

    @Override
    public Acknowledgement onDeliveryReport(DeliveryReport report) {
      reports.add(report);
      return answer();
    }

    @Override
    public Acknowledgement onReadReply(ReadReply reply) {
      reads.add(reply);
      return answer();
    }

    private Acknowledgement answer() {
      if (failure != null) {
        throw failure;
      }
      return ack;
    }

    int calls() {
      return messages.size() + reports.size() + reads.size();
    }
  }

  private final Recorder recorder = new Recorder();
  private final EaifHandler handler = EaifHandler.of(recorder);

  static byte[] moSendReq() {
    MmsMessage m =
        MmsMessage.builder()
            .from(Address.phone("+15550001111"))
            .to(Address.shortCode("12345"))
            .subject("MO")
            .addPart(org.mmskit.core.MmsPart.text("vote yes"))
            .build();
    return MmsPduEncoder.encode(PduMessages.toSendReq(m, "mo-1", MmsVersion.V1_2));
  }

  static byte[] deliveryInd() {
    MmsPdu pdu =
        MmsPdu.builder(PduType.DELIVERY_IND)
            .version(MmsVersion.V1_2)
            .messageId("orig-77")
            .addTo("+15550002222/TYPE=PLMN")
            .date(DATE)
            .status(PduStatus.STATUS_RETRIEVED)
            .build();
    return MmsPduEncoder.encode(pdu);
  }

  static byte[] readOrigInd() {
    MmsPdu pdu =
        MmsPdu.builder(PduType.READ_ORIG_IND)
            .version(MmsVersion.V1_2)
            .messageId("orig-88")
            .addTo("12345/TYPE=PLMN")
            .from("+15550003333/TYPE=PLMN")
            .date(DATE)
            .readStatus(PduStatus.READ)
            .build();
    return MmsPduEncoder.encode(pdu);
  }

  static InboundRequest.Builder post(byte[] body, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = EaifHeaders.CONTENT_TYPE;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return InboundRequest.builder()
        .method("POST")
        .path("/eaif")
        .headers(HeaderMap.of(all))
        .body(body)
        .remoteAddress(InetAddress.getLoopbackAddress())
        .account("mmsc");
  }

  static String text(InboundResponse r) {
    return new String(r.bodyBytes().orElseThrow(), StandardCharsets.UTF_8);
  }

  @Test
  void moMessageReachesOnMessage() throws IOException {
    InboundResponse r = handler.handle(post(moSendReq(), EaifHeaders.VERSION, "3.1").build());

    assertThat(r.status()).isEqualTo(204);
    assertThat(r.headers().first(EaifHeaders.VERSION)).contains("3.1");
    assertThat(recorder.messages).hasSize(1);
    IncomingMessage in = recorder.messages.get(0);
    assertThat(in.message().from()).contains(Address.phone("+15550001111"));
    assertThat(in.message().to()).containsExactly(Address.parse("12345/TYPE=PLMN"));
    assertThat(in.message().subject()).contains("MO");
    assertThat(in.message().parts()).hasSize(1);
    assertThat(in.message().parts().get(0).text()).isEqualTo("vote yes");
    assertThat(in.context().transport()).isEqualTo(Transport.EAIF);
    assertThat(in.context().transactionId()).contains("mo-1");
    assertThat(in.context().protocolVersion()).contains("1.2");
    assertThat(in.context().account()).contains("mmsc");
    assertThat(in.context().remoteAddress()).contains(InetAddress.getLoopbackAddress());
  }

  @Test
  void eaifHeadersOverrideThePduAddressesAndId() throws IOException {
    InboundResponse r =
        handler.handle(
            post(
                    moSendReq(),
                    EaifHeaders.TO,
                    "+15559990001, +15559990002",
                    "x-nokia-mmsc-to",
                    "7777/TYPE=PLMN",
                    EaifHeaders.FROM,
                    "+15558880000",
                    EaifHeaders.MESSAGE_ID,
                    "nokia-id-1")
                .build());

    assertThat(r.status()).isEqualTo(204);
    MmsMessage m = recorder.messages.get(0).message();
    assertThat(m.to())
        .containsExactly(
            Address.phone("+15559990001"),
            Address.phone("+15559990002"),
            Address.parse("7777/TYPE=PLMN"));
    assertThat(m.cc()).isEmpty();
    assertThat(m.from()).contains(Address.phone("+15558880000"));
    assertThat(m.messageId()).contains("nokia-id-1");
  }

  @Test
  void deliveryIndReachesOnDeliveryReport() throws IOException {
    InboundResponse r = handler.handle(post(deliveryInd()).build());

    assertThat(r.status()).isEqualTo(204);
    assertThat(r.headers().first(EaifHeaders.VERSION)).contains("3.0");
    DeliveryReport d = recorder.reports.get(0);
    assertThat(d.messageId()).isEqualTo("orig-77");
    assertThat(d.recipient()).contains(Address.phone("+15550002222"));
    assertThat(d.status()).isEqualTo(DeliveryStatus.RETRIEVED);
    assertThat(d.date()).contains(DATE);
    assertThat(d.context().transport()).isEqualTo(Transport.EAIF);
  }

  @Test
  void messageIdHeaderWinsForReports() throws IOException {
    handler.handle(post(deliveryInd(), EaifHeaders.MESSAGE_ID, "hdr-77").build());
    assertThat(recorder.reports.get(0).messageId()).isEqualTo("hdr-77");
  }

  @Test
  void readOrigIndReachesOnReadReply() throws IOException {
    InboundResponse r = handler.handle(post(readOrigInd()).build());

    assertThat(r.status()).isEqualTo(204);
    ReadReply rr = recorder.reads.get(0);
    assertThat(rr.messageId()).isEqualTo("orig-88");
    assertThat(rr.status()).isEqualTo(ReadStatus.READ);
    assertThat(rr.recipient()).contains(Address.phone("+15550003333"));
    assertThat(rr.sender()).contains(Address.parse("12345/TYPE=PLMN"));
    assertThat(rr.date()).contains(DATE);
  }

  @Test
  void readRecIndReachesOnReadReplyWithHeaderAddressesAsFallback() throws IOException {
    byte[] pdu = // a sloppy peer: To and From only in the EAIF headers
        MmsPduEncoder.encodeUnchecked(
            MmsPdu.builder(PduType.READ_REC_IND)
                .version(MmsVersion.V1_2)
                .messageId("orig-99")
                .readStatus(PduStatus.DELETED_WITHOUT_BEING_READ)
                .build());
    InboundResponse r =
        handler.handle(
            post(pdu, EaifHeaders.FROM, "+15550004444", EaifHeaders.TO, "12345").build());

    assertThat(r.status()).as(text(r)).isEqualTo(204);
    ReadReply rr = recorder.reads.get(0);
    assertThat(rr.messageId()).isEqualTo("orig-99");
    assertThat(rr.status()).isEqualTo(ReadStatus.DELETED);
    assertThat(rr.recipient()).contains(Address.phone("+15550004444"));
    assertThat(rr.sender()).contains(Address.shortCode("12345"));
  }

  @Test
  void dottedContentTypeIsAccepted() throws IOException {
    InboundRequest req =
        InboundRequest.builder()
            .headers(HeaderMap.of("Content-Type", "Application/Vnd.Wap.Mms.Message; x=1"))
            .body(deliveryInd())
            .build();
    assertThat(handler.handle(req).status()).isEqualTo(204);
    assertThat(recorder.reports).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/octet-stream", "multipart/related"})
  void otherContentTypesGet415(String type) throws IOException {
    InboundRequest req =
        InboundRequest.builder()
            .headers(HeaderMap.of("Content-Type", type))
            .body(deliveryInd())
            .build();
    InboundResponse r = handler.handle(req);
    assertThat(r.status()).isEqualTo(415);
    assertThat(text(r)).contains(type);
    assertThat(recorder.calls()).isZero();
  }

  @Test
  void missingContentTypeGets415() throws IOException {
    InboundResponse r = handler.handle(InboundRequest.builder().body(deliveryInd()).build());
    assertThat(r.status()).isEqualTo(415);
  }

  @Test
  void getIs405() throws IOException {
    InboundResponse r = handler.handle(InboundRequest.builder().method("GET").build());
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.headers().first("Allow")).contains("POST");
  }

  @Test
  void emptyBodyIs400() throws IOException {
    InboundResponse r = handler.handle(post(new byte[0]).build());
    assertThat(r.status()).isEqualTo(400);
    assertThat(text(r)).contains("empty");
  }

  @Test
  void garbageIs400WithAReason() throws IOException {
    InboundResponse r =
        handler.handle(post("hello, world".getBytes(StandardCharsets.US_ASCII)).build());
    assertThat(r.status()).isEqualTo(400);
    assertThat(text(r)).startsWith("malformed MMS PDU");
    assertThat(recorder.calls()).isZero();
  }

  @Test
  void pduTypesEaifDoesNotDeliverAre400() throws IOException {
    byte[] conf =
        MmsPduEncoder.encode(PduMessages.sendConf("t", PduStatus.OK, "x", MmsVersion.V1_2));
    InboundResponse r = handler.handle(post(conf).build());
    assertThat(r.status()).isEqualTo(400);
    assertThat(text(r)).contains("m-send-conf");
  }

  @Test
  void badAddressHeaderIs400() throws IOException {
    InboundResponse r =
        handler.handle(post(moSendReq(), EaifHeaders.FROM, "not an address!").build());
    assertThat(r.status()).isEqualTo(400);
    assertThat(recorder.calls()).isZero();
  }

  @Test
  void oversizedBodyIs413() throws IOException {
    EaifHandler small = EaifHandler.builder(recorder).maxRequestSize(100).build();
    byte[] big = new byte[101];
    big[0] = (byte) 0x8C;
    big[1] = (byte) 0x80;
    assertThat(small.handle(post(big).build()).status()).isEqualTo(413);
    InboundRequest chunked =
        post(new byte[0]).body(new java.io.ByteArrayInputStream(big)).contentLength(-1).build();
    assertThat(small.handle(chunked).status()).isEqualTo(413);
  }

  @Test
  void throwingCallbackIs500() throws IOException {
    recorder.failure = new IllegalStateException("database down");
    InboundResponse r = handler.handle(post(moSendReq()).build());
    assertThat(r.status()).isEqualTo(500);
    assertThat(text(r)).doesNotContain("database");
    assertThat(r.headers().first(EaifHeaders.VERSION)).contains("3.0");
  }

  @Test
  void refusingCallbackIs500() throws IOException {
    recorder.ack = Acknowledgement.refuse(4006, "Service unavailable");
    InboundResponse r = handler.handle(post(readOrigInd()).build());
    assertThat(r.status()).isEqualTo(500);
    assertThat(text(r)).contains("4006");
  }

  static Stream<Arguments> damagedPdus() {
    Random random = new Random(20261125L);
    List<Arguments> cases = new ArrayList<>();
    for (byte[] good : List.of(moSendReq(), deliveryInd(), readOrigInd())) {
      for (int cut = 0; cut < good.length; cut += Math.max(1, good.length / 40)) {
        cases.add(Arguments.of("cut at " + cut, java.util.Arrays.copyOf(good, cut)));
      }
      IntStream.range(0, 30)
          .forEach(
              i -> {
                byte[] flipped = good.clone();
                int at = random.nextInt(flipped.length);
                flipped[at] = (byte) random.nextInt(256);
                cases.add(Arguments.of("byte " + at + " changed", flipped));
              });
    }
    return cases.stream();
  }

  /** Damaged PDUs never escape as exceptions: 400 (or a callback result for harmless damage). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("damagedPdus")
  void damagedPdusGetAClearAnswer(String what, byte[] pdu) throws IOException {
    InboundResponse r = handler.handle(post(pdu).build());
    assertThat(r.status()).isIn(204, 400);
    if (r.status() == 400) {
      assertThat(text(r)).isNotBlank();
    } else {
      assertThat(recorder.calls()).isEqualTo(1);
    }
  }
}
