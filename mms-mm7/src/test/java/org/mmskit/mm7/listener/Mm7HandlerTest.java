package org.mmskit.mm7.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.mm7.Mm7Handler;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7Body;
import org.mmskit.mm7.internal.Mm7Body.Fault;
import org.mmskit.mm7.internal.Mm7Codec;
import org.mmskit.mm7.internal.Mm7Envelope;
import org.mmskit.mm7.internal.Mm7Limits;
import org.mmskit.server.HeaderMap;
import org.mmskit.server.InboundRequest;
import org.mmskit.server.InboundResponse;

/** {@link Mm7Handler} used on its own, as a servlet adapter would: no server, no sockets. */
class Mm7HandlerTest {
  private final RecordingListener recorder = new RecordingListener();
  private final Mm7Handler handler = Mm7Handler.builder(recorder).maxRequestSize(4096).build();

  private static InboundRequest post(MmscPeer.Encoded e) {
    return InboundRequest.builder()
        .method("POST")
        .path("/anything")
        .headers(HeaderMap.of("Content-Type", e.contentType()))
        .contentLength(e.body().length)
        .body(e.body())
        .account("servlet-user")
        .remoteAddress(InetAddress.getLoopbackAddress())
        .build();
  }

  private static Mm7Envelope read(InboundResponse r) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    r.writeBody(out);
    return Mm7Codec.read(r.contentType().orElse(""), out.toByteArray(), Mm7Limits.defaults());
  }

  @Test
  void handlesADeliveryReportWithoutAServer() throws Exception {
    InboundResponse r =
        handler.handle(
            post(MmscPeer.encode("tx-h", Mm7Version.REL_5_MM7_1_1, MmscPeer.deliveryReportReq())));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/xml"));
    Mm7Envelope reply = read(r);
    assertThat(reply.body()).isInstanceOf(Mm7Body.DeliveryReportRsp.class);
    assertThat(reply.version().namespace()).isEqualTo(Mm7Version.REL_5_MM7_1_1.namespace());
    DeliveryReport got = (DeliveryReport) recorder.last();
    assertThat(got.context().account()).contains("servlet-user");
    assertThat(got.context().remoteAddress()).contains(InetAddress.getLoopbackAddress());
  }

  @Test
  void aKindTheApplicationDoesNotTakeIsNotAcknowledged() throws Exception {
    // an application that only wanted delivery reports
    Mm7Handler reportsOnly =
        Mm7Handler.builder(
                new org.mmskit.core.MmsListener() {
                  @Override
                  public org.mmskit.core.Acknowledgement onDeliveryReport(DeliveryReport r) {
                    return org.mmskit.core.Acknowledgement.ok();
                  }
                })
            .build();
    Mm7Envelope message =
        read(
            reportsOnly.handle(
                post(MmscPeer.encode("tx-m", Mm7Version.DEFAULT, MmscPeer.deliverReq()))));
    Mm7Envelope report =
        read(
            reportsOnly.handle(
                post(MmscPeer.encode("tx-r", Mm7Version.DEFAULT, MmscPeer.deliveryReportReq()))));
    assertThat(((Mm7Body.DeliverRsp) message.body()).status().code()).isEqualTo(4006);
    assertThat(((Mm7Body.DeliveryReportRsp) report.body()).status().code()).isEqualTo(1000);
  }

  @Test
  void otherMethodsGet405() throws Exception {
    InboundResponse r = handler.handle(InboundRequest.builder().method("GET").path("/mm7").build());
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.headers().first("Allow")).contains("POST");
    assertThat(recorder.received).isEmpty();
  }

  @Test
  void vaspSideRequestsAreUnsupportedOperations() throws Exception {
    MmsMessage m =
        MmsMessage.builder()
            .from(Address.shortCode("12345"))
            .to(Address.phone("+15551234567"))
            .addPart(MmsPart.text("hi"))
            .build();
    InboundResponse r =
        handler.handle(
            post(
                MmscPeer.encode(
                    "tx-s",
                    Mm7Version.DEFAULT,
                    new Mm7Body.SubmitReq(Optional.of("v"), Optional.empty(), m))));
    assertThat(r.status()).isEqualTo(500);
    Mm7Envelope reply = read(r);
    assertThat(reply.transactionId()).contains("tx-s");
    assertThat(((Fault) reply.body()).detail().orElseThrow().status().code()).isEqualTo(4003);
  }

  @Test
  void declaredLengthOverTheCapIsRefusedWithoutReadingTheBody() throws Exception {
    InputStream untouchable =
        new InputStream() {
          @Override
          public int read() {
            throw new AssertionError("the body must not be read");
          }
        };
    InboundResponse r =
        handler.handle(
            InboundRequest.builder()
                .method("POST")
                .headers(HeaderMap.of("Content-Type", "text/xml"))
                .contentLength(1_000_000)
                .body(untouchable)
                .build());
    assertThat(r.status()).isEqualTo(413);
    assertThat(((Fault) read(r).body()).detail().orElseThrow().status().code()).isEqualTo(2004);
  }

  @Test
  void undeclaredLengthOverTheCapIsRefused() throws Exception {
    byte[] big = new byte[10_000];
    Arrays.fill(big, (byte) ' ');
    InboundResponse r =
        handler.handle(
            InboundRequest.builder()
                .method("POST")
                .headers(HeaderMap.of("Content-Type", "text/xml"))
                .body(new java.io.ByteArrayInputStream(big))
                .build());
    assertThat(r.status()).isEqualTo(413);
  }

  @Test
  void truncatedBodyIsAnIoErrorAndNeverACallback() {
    MmscPeer.Encoded e = MmscPeer.encode("tx-t", Mm7Version.DEFAULT, MmscPeer.deliverReq());
    InboundRequest cut =
        InboundRequest.builder()
            .method("POST")
            .headers(HeaderMap.of("Content-Type", e.contentType()))
            .body(Arrays.copyOf(e.body(), e.body().length / 3))
            .contentLength(e.body().length)
            .build();
    Mm7Handler roomy = Mm7Handler.of(recorder);
    assertThatThrownBy(() -> roomy.handle(cut)).isInstanceOf(IOException.class);
    assertThat(recorder.received).isEmpty();
  }

  @Test
  void garbageAndEmptyBodiesAreMalformed() throws Exception {
    for (byte[] body :
        List.of(
            new byte[0],
            "not xml at all".getBytes(StandardCharsets.UTF_8),
            "<a><b></a>".getBytes(StandardCharsets.UTF_8),
            "<env:Envelope xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\"/>"
                .getBytes(StandardCharsets.UTF_8))) {
      InboundResponse r =
          handler.handle(
              InboundRequest.builder()
                  .method("POST")
                  .headers(HeaderMap.of("Content-Type", "text/xml"))
                  .contentLength(body.length)
                  .body(body)
                  .build());
      assertThat(r.status()).as(new String(body, StandardCharsets.UTF_8)).isEqualTo(500);
      Fault f = (Fault) read(r).body();
      assertThat(f.detail().orElseThrow().status().code()).isEqualTo(2007);
    }
    assertThat(recorder.received).isEmpty();
  }

  private static final String NS = Mm7Version.DEFAULT.namespace();

  private static InboundRequest xmlPost(String xml) {
    byte[] body = xml.getBytes(StandardCharsets.UTF_8);
    return InboundRequest.builder()
        .method("POST")
        .headers(HeaderMap.of("Content-Type", "text/xml"))
        .contentLength(body.length)
        .body(body)
        .build();
  }

  /** A DeliverReq whose only recipient is in an element no schema has. */
  private static String unreadableRecipient() {
    return "<env:Envelope xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\"><env:Header>"
        + "<TransactionID xmlns=\""
        + NS
        + "\">tx-bad</TransactionID></env:Header><env:Body><DeliverReq xmlns=\""
        + NS
        + "\"><MM7Version>6.8.0</MM7Version><Sender><Number>+15550001</Number></Sender>"
        + "<Recipients><To><Msisdn>+15550002</Msisdn></To></Recipients></DeliverReq>"
        + "</env:Body></env:Envelope>";
  }

  @Test
  void anUnreadableRecipientIsRefusedWithTheTransactionIdEchoed() throws Exception {
    InboundResponse r = Mm7Handler.of(recorder).handle(xmlPost(unreadableRecipient()));
    assertThat(r.status()).isEqualTo(500);
    Mm7Envelope reply = read(r);
    assertThat(reply.transactionId()).contains("tx-bad");
    Fault f = (Fault) reply.body();
    assertThat(f.faultCode()).endsWith("Client");
    assertThat(f.detail().orElseThrow().status().code()).isEqualTo(2007);
    assertThat(f.detail().orElseThrow().status().details().orElseThrow()).contains("Msisdn");
    assertThat(recorder.received).isEmpty();
  }

  @Test
  void clientFaultsGoOutWith400WhenConfigured() throws Exception {
    Mm7Handler strict = Mm7Handler.builder(recorder).clientFaultHttpStatus(400).build();
    InboundResponse r = strict.handle(xmlPost(unreadableRecipient()));
    assertThat(r.status()).isEqualTo(400);
    assertThat(read(r).transactionId()).contains("tx-bad");
    assertThatThrownBy(() -> Mm7Handler.builder(recorder).clientFaultHttpStatus(404))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anUnreadableTimeStampDoesNotCostTheMessage() throws Exception {
    String xml =
        unreadableRecipient()
            .replace("<Msisdn>+15550002</Msisdn>", "<Number>+15550002</Number>")
            .replace("</Recipients>", "</Recipients><TimeStamp>last Tuesday</TimeStamp>");
    InboundResponse r = Mm7Handler.of(recorder).handle(xmlPost(xml));
    assertThat(r.status()).isEqualTo(200);
    IncomingMessage m = (IncomingMessage) recorder.last();
    assertThat(m.message().date()).isEmpty();
    assertThat(m.message().to()).containsExactly(Address.phone("+15550002"));
  }

  /** Seeded random damage to a good DeliverReq: only a 200 with a callback or a 500 fault. */
  @Test
  void randomlyDamagedRequestsNeverEscapeAsExceptions() throws Exception {
    java.util.Random random = new java.util.Random(20261125);
    MmscPeer.Encoded good = MmscPeer.encode("tx-r", Mm7Version.DEFAULT, MmscPeer.deliverReq());
    Mm7Handler roomy = Mm7Handler.of(recorder);
    for (int i = 0; i < 300; i++) {
      byte[] body = good.body().clone();
      int flips = 1 + random.nextInt(8);
      for (int f = 0; f < flips; f++) {
        body[random.nextInt(body.length)] = (byte) random.nextInt(256);
      }
      if (random.nextBoolean()) {
        body = Arrays.copyOf(body, random.nextInt(body.length));
      }
      int before = recorder.received.size();
      InboundResponse r =
          roomy.handle(
              InboundRequest.builder()
                  .method("POST")
                  .headers(HeaderMap.of("Content-Type", good.contentType()))
                  .contentLength(body.length)
                  .body(body)
                  .build());
      if (r.status() == 200) {
        assertThat(recorder.received).hasSize(before + 1);
        assertThat(recorder.last()).isInstanceOf(IncomingMessage.class);
      } else {
        assertThat(r.status()).isEqualTo(500);
        assertThat(recorder.received).hasSize(before);
        assertThat(read(r).body()).isInstanceOf(Fault.class);
      }
    }
  }

  /**
   * Small bodies are read into an array the worker thread keeps: what the listener got from one
   * request is a copy, unchanged when the next request on the thread overwrites that array.
   */
  @Test
  void whatTheListenerGotSurvivesTheNextRequestOnTheThread() throws Exception {
    Mm7Handler roomy = Mm7Handler.of(recorder);
    java.util.Random random = new java.util.Random(5);
    byte[] first = new byte[20_000];
    byte[] second = new byte[20_000];
    random.nextBytes(first);
    random.nextBytes(second);
    MmsMessage[] sent = new MmsMessage[2];
    IncomingMessage[] got = new IncomingMessage[2];
    byte[][] images = {first, second};
    for (int i = 0; i < 2; i++) {
      sent[i] =
          MmsMessage.builder()
              .from(Address.phone("+15550000" + i))
              .to(Address.shortCode("12345"))
              .subject("request " + i)
              .addPart(MmsPart.of("image/png", images[i]).toBuilder().contentId("img").build())
              .build();
      // binary parts: the part body is taken straight from the request bytes
      org.mmskit.mm7.internal.Mm7Payload p =
          Mm7Codec.encode(
              Mm7Envelope.of("tx-k" + i, Mm7Version.DEFAULT, Mm7Body.DeliverReq.of(sent[i])),
              org.mmskit.mm7.internal.Mm7WriteOptions.standard().withBinaryParts(true));
      InboundResponse r =
          roomy.handle(post(new MmscPeer.Encoded(p.contentType(), p.toByteArray())));
      assertThat(r.status()).isEqualTo(200);
      got[i] = (IncomingMessage) recorder.last();
    }
    for (int i = 0; i < 2; i++) {
      assertThat(got[i].message().subject()).contains("request " + i);
      assertThat(got[i].message().parts()).hasSize(1);
      assertThat(got[i].message().parts().get(0).bytes()).isEqualTo(images[i]);
    }
  }
}
