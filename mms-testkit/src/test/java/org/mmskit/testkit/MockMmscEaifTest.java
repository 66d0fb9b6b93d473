package org.mmskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mmskit.core.Address;
import org.mmskit.core.HttpStatus;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.core.SubmitResult;
import org.mmskit.core.Transport;
import org.mmskit.eaif.EaifClient;
import org.mmskit.eaif.EaifHeaders;

/** The EAIF side of the mock, driven by the real {@link EaifClient}. */
class MockMmscEaifTest {
  private MockMmsc mmsc;
  private EaifClient client;

  @BeforeEach
  void start() {
    mmsc = MockMmsc.start();
    client =
        EaifClient.builder()
            .endpoint(mmsc.eaifUri())
            .defaultSender(Address.shortCode("12345"))
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    mmsc.close();
  }

  @Test
  void submitIsRecordedWithTheParsedMessage() {
    SubmitResult r = client.submit(Messages.withImage("over eaif"));

    Submission s = mmsc.takeSubmission();
    assertThat(r.messageId()).isNotBlank().isEqualTo(s.messageId());
    assertThat(s.transport()).isEqualTo(Transport.EAIF);
    assertThat(s.mm7Version()).isEmpty();
    assertThat(s.transactionId()).isEqualTo(r.transactionId());
    assertThat(s.header("Content-Type")).contains(EaifHeaders.CONTENT_TYPE);
    assertThat(s.body()[0] & 0xFF).isEqualTo(0x8C);
    MmsMessage m = s.message().orElseThrow();
    assertThat(m.subject()).contains("over eaif");
    assertThat(m.recipients())
        .extracting(Address::value)
        .containsExactly("+15551230001", "+15551230002");
    assertThat(m.parts()).anySatisfy(p -> assertThat(p.bytes()).isEqualTo(Messages.IMAGE));
  }

  @Test
  void scriptedRefusalsReachTheClient() {
    mmsc.enqueue(
        MmscReply.status(2002, "Address error"),
        MmscReply.status(3001, "Busy"),
        MmscReply.httpStatus(502),
        MmscReply.dropConnection());
    MmsMessage m = Messages.withImage("refused");
    assertThatThrownBy(() -> client.submit(m))
        .isInstanceOfSatisfying(
            MmscRejectedException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(MmscRejectedException.Kind.STATUS);
              assertThat(e.isRetryable()).isFalse();
            });
    assertThatThrownBy(() -> client.submit(m))
        .isInstanceOfSatisfying(
            MmscRejectedException.class, e -> assertThat(e.isRetryable()).isTrue());
    assertThatThrownBy(() -> client.submit(m))
        .isInstanceOfSatisfying(
            MmscRejectedException.class,
            e -> assertThat(e.detail(HttpStatus.class).map(HttpStatus::code)).hasValue(502));
    assertThatThrownBy(() -> client.submit(m)).isInstanceOf(MmsTransportException.class);
    assertThat(client.submit(m).messageId()).isNotBlank();
    assertThat(mmsc.submissions()).hasSize(5);
  }

  @Test
  void garbageAndWrongTypesAreRefused() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> garbage =
        http.send(
            HttpRequest.newBuilder(mmsc.eaifUri())
                .header("Content-Type", EaifHeaders.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0x8C, 1, 2}))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> wrongType =
        http.send(
            HttpRequest.newBuilder(mmsc.eaifUri())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hi"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(wrongType.statusCode()).isEqualTo(415);
    assertThat(mmsc.submissions()).isEmpty();
  }
}
