package org.mmskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmskit.core.Address;
import org.mmskit.core.ChargedParty;
import org.mmskit.core.ContentClass;
import org.mmskit.core.ContentType;
import org.mmskit.core.MessageClass;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.Priority;
import org.mmskit.core.ReplyCharging;
import org.mmskit.core.SenderVisibility;
import org.mmskit.core.TimeSpec;
import org.mmskit.gateway.internal.MessageCodec;

class MessageCodecTest {
  private final MessageCodec codec = new MessageCodec(1024);

  static Stream<Long> seeds() {
    return IntStream.range(0, 40).mapToObj(i -> 1000L + i);
  }

  /** A message with a random selection of every field set. */
  static MmsMessage randomMessage(Random r) {
    MmsMessage.Builder b = MmsMessage.builder();
    Address[] pool = {
      Address.phone("+1555" + r.nextInt(1_000_000)),
      Address.email("a" + r.nextInt(99) + "@example.com"),
      Address.shortCode("" + (10000 + r.nextInt(9000))),
      Address.ipv4("10.0.0." + r.nextInt(250)),
      Address.ipv6("2001:db8::" + r.nextInt(999)),
      Address.parse("x" + r.nextInt(99) + "/TYPE=CUSTOM"),
      Address.phone("+4917" + r.nextInt(99999)).withDisplayOnly(true)
    };
    if (r.nextBoolean()) {
      b.from(pool[r.nextInt(pool.length - 1)]);
    }
    b.to(pool[r.nextInt(pool.length)]);
    if (r.nextBoolean()) {
      b.cc(pool[r.nextInt(pool.length)]);
    }
    if (r.nextBoolean()) {
      b.bcc(pool[r.nextInt(pool.length)], pool[r.nextInt(pool.length)]);
    }
    if (r.nextBoolean()) {
      b.subject("Grüße " + r.nextInt(), r.nextBoolean() ? StandardCharsets.UTF_8 : null);
    }
    int parts = 1 + r.nextInt(3);
    for (int i = 0; i < parts; i++) {
      byte[] body = new byte[r.nextInt(3000)];
      r.nextBytes(body);
      MmsPart.Builder p =
          MmsPart.builder()
              .contentType(
                  r.nextBoolean()
                      ? ContentType.of("image/png", Map.of("name", "p" + i + ".png"))
                      : ContentType.parse("text/plain; charset=utf-8"))
              .body(body);
      if (r.nextBoolean()) {
        p.contentId("c" + i).contentLocation("loc" + i).fileName("f" + i).disposition("inline");
      }
      if (r.nextBoolean()) {
        p.addHeader("X-Extra", "v" + i);
      }
      b.addPart(p.build());
    }
    if (r.nextBoolean()) {
      b.generateSmil(true);
    }
    if (r.nextBoolean()) {
      b.messageClass(MessageClass.values()[r.nextInt(MessageClass.values().length)])
          .priority(Priority.values()[r.nextInt(3)])
          .expiry(
              r.nextBoolean()
                  ? TimeSpec.after(Duration.ofHours(r.nextInt(48)))
                  : TimeSpec.at(Instant.ofEpochSecond(1_900_000_000L + r.nextInt(1000))))
          .earliestDelivery(TimeSpec.after(Duration.ofSeconds(r.nextInt(100))))
          .deliveryReport(r.nextBoolean())
          .readReport(r.nextBoolean())
          .senderVisibility(SenderVisibility.values()[r.nextInt(2)])
          .replyCharging(
              ReplyCharging.of(
                  ReplyCharging.Type.values()[r.nextInt(4)],
                  r.nextBoolean() ? TimeSpec.after(Duration.ofDays(1)) : null,
                  r.nextBoolean() ? r.nextInt(5000) : -1))
          .contentClass(ContentClass.values()[r.nextInt(ContentClass.values().length)])
          .adaptationsAllowed(r.nextBoolean())
          .drmContent(r.nextBoolean())
          .applicId("app")
          .replyApplicId("reply")
          .auxApplicInfo("aux")
          .serviceCode("svc" + r.nextInt(9))
          .linkedId("link")
          .chargedParty(ChargedParty.values()[r.nextInt(ChargedParty.values().length)])
          .chargedPartyId("cp")
          .distributionIndicator(r.nextBoolean())
          .messageId("mid" + r.nextInt())
          .date(Instant.ofEpochMilli(1_700_000_000_000L + r.nextInt()))
          .addExtraHeader("X-Mms-Thing", "value " + r.nextInt());
    }
    return b.build();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aMessageReadsBackEqual(long seed) {
    MmsMessage m = randomMessage(new Random(seed));
    Map<String, byte[]> stored = new HashMap<>();
    Map<Integer, String> refs = new HashMap<>();
    List<MmsPart> all = m.allParts();
    for (int i = 0; i < all.size(); i++) {
      if (!codec.inline(all.get(i))) {
        refs.put(i, "ref" + i);
        stored.put("ref" + i, all.get(i).bytes());
      }
    }
    byte[] json = codec.write(m, refs);
    MmsMessage back =
        codec.read(json, ref -> () -> new java.io.ByteArrayInputStream(stored.get(ref)));
    assertThat(back).isEqualTo(m);
    assertThat(back.allParts()).isEqualTo(m.allParts());
    assertThat(back.subjectCharset()).isEqualTo(m.subjectCharset());
    assertThat(back.presentation()).isEqualTo(m.presentation());
  }

  @Test
  void aFilePartIsNotInlinedAndKeepsItsSize(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("big.jpg");
    Files.write(f, new byte[10]);
    MmsMessage m =
        MmsMessage.builder().to("+15550001").addPart(MmsPart.ofFile("image/jpeg", f)).build();
    assertThat(codec.inline(m.parts().get(0))).isFalse();
    String json = new String(codec.write(m, Map.of(0, "r0")), StandardCharsets.UTF_8);
    assertThat(json).contains("\"ref\":\"r0\"").contains("\"size\":10").doesNotContain("\"body\"");
    assertThatThrownBy(() -> codec.write(m, Map.of())).hasMessageContaining("neither inline");
  }

  @Test
  void anUnknownFormatVersionIsRefused() {
    byte[] json = "{\"v\":2,\"to\":[]}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> codec.read(json, ref -> null)).hasMessageContaining("version 2");
  }
}
