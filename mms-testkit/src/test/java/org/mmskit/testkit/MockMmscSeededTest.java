package org.mmskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmskit.core.Address;
import org.mmskit.core.MmsClient;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.SubmitResult;
import org.mmskit.core.Transport;
import org.mmskit.eaif.EaifClient;
import org.mmskit.mm7.Mm7Client;
import org.mmskit.mm7.Mm7Version;

/**
 * Seeded random messages through both clients: what the mock records must be what was sent
 * (subject, recipients, every part's type and bytes), whatever the transport and MM7 version.
 */
class MockMmscSeededTest {
  private static final String[] TYPES = {
    "image/png", "image/jpeg", "image/gif", "audio/amr", "video/3gpp", "application/octet-stream"
  };
  private static final String[] WORDS = {"hello", "Grüße", "ödeme", "offer", "déjà", "42", "MMS"};

  private static MockMmsc mmsc;

  @BeforeAll
  static void start() {
    mmsc = MockMmsc.start();
  }

  @AfterAll
  static void stop() {
    mmsc.close();
  }

  static LongStream seeds() {
    return LongStream.range(1000, 1024);
  }

  static MmsMessage randomMessage(Random r) {
    MmsMessage.Builder b =
        MmsMessage.builder().from(Address.shortCode("" + (10000 + r.nextInt(89999))));
    int recipients = 1 + r.nextInt(4);
    List<Address> to = new ArrayList<>();
    for (int i = 0; i < recipients; i++) {
      to.add(Address.phone("+1555" + (1000000 + r.nextInt(8999999))));
    }
    b.to(to);
    StringBuilder subject = new StringBuilder();
    for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) {
      subject.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
    }
    b.subject(subject.toString());
    b.addPart(MmsPart.text("text " + r.nextLong()));
    for (int i = 0, n = r.nextInt(4); i < n; i++) {
      byte[] body = new byte[1 + r.nextInt(20_000)];
      r.nextBytes(body);
      b.addPart(MmsPart.of(TYPES[r.nextInt(TYPES.length)], body));
    }
    return b.deliveryReport(r.nextBoolean()).build();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void recordedMessageIsTheSentMessage(long seed) {
    Random r = new Random(seed);
    MmsMessage sent = randomMessage(r);
    boolean mm7 = r.nextBoolean();
    List<Mm7Version> versions = Mm7Version.standardVersions();
    Mm7Version version = versions.get(r.nextInt(versions.size()));
    SubmitResult result;
    try (MmsClient client =
        mm7
            ? Mm7Client.builder().endpoint(mmsc.mm7Uri()).version(version).build()
            : EaifClient.builder().endpoint(mmsc.eaifUri()).build()) {
      result = client.submit(sent);
    }

    Submission s = mmsc.takeSubmission();
    assertThat(s.transport()).isEqualTo(mm7 ? Transport.MM7 : Transport.EAIF);
    assertThat(s.messageId()).isEqualTo(result.messageId());
    if (mm7) {
      assertThat(s.mm7Version().orElseThrow().namespace()).isEqualTo(version.namespace());
    }
    MmsMessage got = s.message().orElseThrow();
    assertThat(got.subject()).isEqualTo(sent.subject());
    assertThat(got.to())
        .extracting(Address::value)
        .containsExactlyElementsOf(sent.to().stream().map(Address::value).toList());
    assertThat(got.deliveryReport()).isEqualTo(sent.deliveryReport());
    assertThat(got.parts()).hasSameSizeAs(sent.parts());
    for (int i = 0; i < sent.parts().size(); i++) {
      MmsPart want = sent.parts().get(i);
      MmsPart have = got.parts().get(i);
      assertThat(have.contentType().mediaType()).isEqualTo(want.contentType().mediaType());
      assertThat(have.bytes()).isEqualTo(want.bytes());
    }
  }
}
