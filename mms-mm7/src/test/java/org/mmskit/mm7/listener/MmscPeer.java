package org.mmskit.mm7.listener;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7Body;
import org.mmskit.mm7.internal.Mm7Body.DeliverReq;
import org.mmskit.mm7.internal.Mm7Body.DeliveryReportReq;
import org.mmskit.mm7.internal.Mm7Body.ReadReplyReq;
import org.mmskit.mm7.internal.Mm7Codec;
import org.mmskit.mm7.internal.Mm7Envelope;
import org.mmskit.mm7.internal.Mm7Limits;
import org.mmskit.mm7.internal.Mm7Payload;
import org.mmskit.mm7.internal.Mm7WriteOptions;

/**
 * Plays the MMSC in listener tests: writes MMSC-to-VASP requests with the project's codec and posts
 * them with the JDK HTTP client.
 */
final class MmscPeer {
  static final Instant WHEN = Instant.parse("2026-11-25T04:00:00Z");
  static final byte[] IMAGE = new byte[1500];

  static {
    new java.util.Random(42).nextBytes(IMAGE);
  }

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** A DeliverReq with a text and an image part. */
  static DeliverReq deliverReq() {
    MmsMessage m =
        MmsMessage.builder()
            .from(Address.phone("+381600001200"))
            .to(Address.shortCode("12345"))
            .subject("Hello listener")
            .date(WHEN)
            .linkedId("link-1")
            .addPart(MmsPart.text("Hi there").toBuilder().contentId("text1").build())
            .addPart(
                MmsPart.builder()
                    .contentType("image/jpeg")
                    .contentLocation("photo.jpg")
                    .contentId("img1")
                    .body(IMAGE)
                    .build())
            .build();
    return new DeliverReq(
        Optional.of("relay-7"),
        Optional.of("vasp-1"),
        Optional.of("vas-1"),
        Optional.empty(),
        Optional.empty(),
        m);
  }

  static DeliveryReportReq deliveryReportReq() {
    return new DeliveryReportReq(
        Optional.of("relay-7"),
        "msg-0001",
        Optional.of(Address.phone("+15551234567")),
        Optional.of(Address.shortCode("12345")),
        Optional.of(WHEN),
        "Retrieved",
        Optional.empty(),
        Optional.of("delivered fine"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  static ReadReplyReq readReplyReq() {
    return new ReadReplyReq(
        Optional.of("relay-7"),
        "msg-0002",
        Optional.of(Address.phone("+15551234567")),
        Optional.of(Address.shortCode("12345")),
        Optional.of(WHEN),
        "Read",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** The encoded request: content type and bytes. */
  record Encoded(String contentType, byte[] body) {}

  static Encoded encode(String transactionId, Mm7Version version, Mm7Body body) {
    Mm7Payload p =
        Mm7Codec.encode(Mm7Envelope.of(transactionId, version, body), Mm7WriteOptions.standard());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      p.writeTo(out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new Encoded(p.contentType(), out.toByteArray());
  }

  HttpResponse<byte[]> post(URI uri, Encoded request) throws IOException, InterruptedException {
    return post(uri, request.contentType(), request.body(), null);
  }

  HttpResponse<byte[]> post(URI uri, String contentType, byte[] body, String basicUserPassword)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", contentType)
            .header("SOAPAction", "\"\"")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (basicUserPassword != null) {
      b.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(basicUserPassword.getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Reads a listener's answer with the codec. */
  static Mm7Envelope read(HttpResponse<byte[]> response) {
    return Mm7Codec.read(
        response.headers().firstValue("Content-Type").orElse("text/xml"),
        response.body(),
        Mm7Limits.defaults());
  }
}
