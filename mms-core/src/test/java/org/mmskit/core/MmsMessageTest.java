package org.mmskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MmsMessageTest {

  @Test
  void builderKeepsEveryValueAndToBuilderCopiesThem() {
    MmsMessage m =
        MmsMessage.builder()
            .from(Address.shortCode("12345"))
            .to("+15551234567")
            .cc(Address.email("bob@example.com"))
            .bcc(Address.phone("+15550000000").withDisplayOnly(true))
            .subject("Héllo", StandardCharsets.UTF_8)
            .addPart(MmsPart.text("Hi"))
            .messageClass(MessageClass.INFORMATIONAL)
            .priority(Priority.HIGH)
            .expiry(TimeSpec.after(Duration.ofDays(2)))
            .earliestDelivery(TimeSpec.at(Instant.parse("2030-01-01T10:00:00.750Z")))
            .deliveryReport(true)
            .readReport(true)
            .senderVisibility(SenderVisibility.HIDE)
            .replyCharging(ReplyCharging.requested(TimeSpec.after(Duration.ofDays(1)), 1000))
            .contentClass(ContentClass.IMAGE_BASIC)
            .adaptationsAllowed(false)
            .applicId("app")
            .serviceCode("svc")
            .chargedParty(ChargedParty.RECIPIENT)
            .addExtraHeader("X-Custom", "1")
            .build();
    assertThat(m.toBuilder().build()).isEqualTo(m);
    assertThat(m.recipients()).hasSize(3);
    assertThat(m.earliestDelivery().orElseThrow().absolute())
        .contains(Instant.parse("2030-01-01T10:00:00Z"));
    assertThat(m.toBuilder().subject("other").build()).isNotEqualTo(m);
    assertThat(m.requireSendable()).isSameAs(m);
  }

  @Test
  void sendableNeedsARealRecipientAndAPart() {
    MmsMessage noPart = MmsMessage.builder().to("+15551234567").build();
    assertThatThrownBy(noPart::requireSendable).hasMessageContaining("no part");
    MmsMessage onlyDisplay =
        MmsMessage.builder()
            .to(Address.phone("+15551234567").withDisplayOnly(true))
            .addPart(MmsPart.text("x"))
            .build();
    assertThatThrownBy(onlyDisplay::requireSendable).hasMessageContaining("no recipient");
  }

  @Test
  void generatedSmilRefersToEveryPartByContentId() {
    MmsMessage m =
        MmsMessage.builder()
            .to("+15551234567")
            .addPart(MmsPart.text("caption"))
            .addPart(MmsPart.of("image/jpeg", new byte[] {1, 2, 3}))
            .addPart(
                MmsPart.builder()
                    .contentType("image/png")
                    .contentId("<logo>")
                    .body(new byte[] {9})
                    .build())
            .generateSmil(true)
            .build();
    assertThat(m.presentation()).isPresent();
    String smil = m.presentation().orElseThrow().text();
    assertThat(m.parts())
        .allSatisfy(p -> assertThat(smil).contains("cid:" + p.contentId().orElseThrow()));
    assertThat(m.parts().get(2).contentId()).contains("logo");
    assertThat(smil).contains("<img src=\"cid:part2.jpg\"").contains("<text src=\"cid:part1.txt\"");
    assertThat(m.allParts().get(0)).isEqualTo(m.presentation().orElseThrow());
  }

  @Test
  void lazyBodiesAreOpenedOnlyWhenRead(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("photo.jpg");
    Files.write(file, new byte[] {5, 6, 7, 8});
    MmsPart fromFile = MmsPart.ofFile("image/jpeg", file);
    assertThat(fromFile.inMemory()).isFalse();
    assertThat(fromFile.size()).hasValue(4);
    assertThat(fromFile.contentLocation()).contains("photo.jpg");

    AtomicInteger opened = new AtomicInteger();
    MmsPart lazy =
        MmsPart.builder()
            .contentType("application/octet-stream")
            .body(
                () -> {
                  opened.incrementAndGet();
                  return InputStream.nullInputStream();
                },
                -1)
            .build();
    assertThat(opened).hasValue(0);
    assertThat(lazy.size()).isEmpty();
    assertThat(lazy.bytes()).isEmpty();
    assertThat(opened).hasValue(1);
    assertThat(fromFile)
        .isEqualTo(
            MmsPart.builder()
                .contentType("image/jpeg")
                .contentLocation("photo.jpg")
                .body(new byte[] {5, 6, 7, 8})
                .build());
  }

  @Test
  void textPartDecodesWithItsCharset() {
    MmsPart p = MmsPart.text("zażółć", StandardCharsets.ISO_8859_1);
    assertThat(p.charset()).contains("iso-8859-1");
    assertThat(MmsPart.text("zażółć").text()).isEqualTo("zażółć");
  }

  @Test
  void aTransactionIdIsKeptByToBuilderAndRefusedWhenBlankOrWithSpaces() {
    MmsMessage m =
        MmsMessage.builder()
            .to("+15550001")
            .addPart(MmsPart.text("x"))
            .transactionId("t-1")
            .build();
    assertThat(m.transactionId()).contains("t-1");
    assertThat(m.toBuilder().build()).isEqualTo(m);
    assertThat(m.toBuilder().transactionId(null).build().transactionId()).isEmpty();
    assertThatThrownBy(() -> MmsMessage.builder().transactionId(""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MmsMessage.builder().transactionId("a b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a b");
  }
}
