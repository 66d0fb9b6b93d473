package org.mmskit.mm1.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.TimeSpec;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.MmsPduDecoder;
import org.mmskit.core.pdu.MmsPduEncoder;
import org.mmskit.core.pdu.MmsVersion;
import org.mmskit.core.pdu.PduMessages;
import org.mmskit.core.pdu.PduType;

class WspPushTest {

  static byte[] notification(String tid, String location) {
    MmsPdu ind =
        PduMessages.notificationInd(
            tid,
            location,
            12345,
            TimeSpec.after(java.time.Duration.ofDays(2)),
            MmsMessage.builder().subject("Hello").build(),
            MmsVersion.V1_2);
    return MmsPduEncoder.encode(ind);
  }

  @Test
  void readsTheContentTypeAsTextWithTheApplicationId() {
    byte[] body = notification("T1", "http://mmsc/x");
    byte[] push = WspPush.encodeMms(1, body, true);
    WspPush p = WspPush.decode(push);
    assertThat(p.transactionId()).isEqualTo(1);
    assertThat(p.isMms()).isTrue();
    assertThat(p.applicationId()).hasValue(4);
    assertThat(p.body()).isEqualTo(body);
    assertThat(push[2]).isEqualTo((byte) 0x22); // as in the captures: 32 octets of type + AF 84
  }

  @Test
  void readsAWellKnownContentTypeWithOtherHeadersFirst() {
    byte[] body = notification("T2", "http://mmsc/y");
    // 0xBE content type, then Push-Flag (B4 87) before X-Wap-Application-Id as text, then a
    // text-named header with a text value
    ByteArrayOutputStream h = new ByteArrayOutputStream();
    h.write(0xBE);
    h.writeBytes(new byte[] {(byte) 0xB4, (byte) 0x87});
    h.writeBytes(bytes("X-Custom\0v\0"));
    h.writeBytes(new byte[] {(byte) 0xAF});
    h.writeBytes(bytes("x-wap-application:mms.ua\0"));
    byte[] push = concat(new byte[] {0x05, 0x06, (byte) h.size()}, h.toByteArray(), body);
    WspPush p = WspPush.decode(push);
    assertThat(p.isMms()).isTrue();
    assertThat(p.applicationId()).isEmpty();
    assertThat(MmsPduDecoder.decode(p.body()).type()).isEqualTo(PduType.NOTIFICATION_IND);
  }

  @Test
  void readsTheGeneralContentTypeFormWithParameters() {
    // value-length 3: well-known mms-message, Charset = utf-8
    byte[] h = {0x03, (byte) 0xBE, (byte) 0x81, (byte) 0xEA, (byte) 0xAF, (byte) 0x84};
    byte[] push = concat(new byte[] {0x00, 0x06, (byte) h.length}, h, new byte[] {1, 2});
    WspPush p = WspPush.decode(push);
    assertThat(p.isMms()).isTrue();
    assertThat(p.contentType().parameter("charset")).isPresent();
    assertThat(p.body()).containsExactly(1, 2);
  }

  @Test
  void refusesWhatIsNotAPushWithTheOffset() {
    assertThatThrownBy(() -> WspPush.decode(new byte[] {1, 0x04, 0}))
        .isInstanceOf(MmsMalformedException.class)
        .hasMessageContaining("not a WSP Push")
        .hasMessageContaining("offset 1");
    assertThatThrownBy(() -> WspPush.decode(new byte[] {1, 0x06, 0x40, (byte) 0xBE}))
        .isInstanceOf(MmsMalformedException.class)
        .hasMessageContaining("runs past the end");
    assertThatThrownBy(() -> WspPush.decode(new byte[] {1, 0x06, 0x03, 'a', 'b', 'c'}))
        .isInstanceOf(MmsMalformedException.class)
        .hasMessageContaining("NUL");
  }

  static Stream<Long> seeds() {
    return LongStream.range(0, 30).boxed();
  }

  /**
   * The whole way of a notification: MMS PDU in a push, cut into SMS, read back in any order with
   * repeats and another push interleaved, put together and decoded.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void aNotificationSurvivesSegmentationInAnyOrder(long seed) {
    Random r = new Random(seed);
    String location = "http://mmsc.example/" + "m".repeat(r.nextInt(400)) + seed;
    byte[] mms = notification("T" + seed, location);
    byte[] push = WspPush.encodeMms(r.nextInt(256), mms, r.nextBoolean());
    boolean sixteen = r.nextBoolean();
    int ref = r.nextInt(sixteen ? 65536 : 256);
    OffsetDateTime ts = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
    List<byte[]> sms = SmsPdus.wapPush("+4412", "+4477001", ts, push, ref, sixteen);
    List<byte[]> other = SmsPdus.wapPush(null, "+4477002", ts, push, ref, sixteen);
    List<PushAssembler.Stored> stored = new ArrayList<>();
    for (int i = 0; i < sms.size(); i++) {
      stored.add(new PushAssembler.Stored(i, SmsPdus.decode(sms.get(i))));
      if (r.nextBoolean()) {
        stored.add(new PushAssembler.Stored(i, SmsPdus.decode(sms.get(i)))); // listed again
      }
    }
    stored.add(new PushAssembler.Stored(100, SmsPdus.decode(other.get(0))));
    Collections.shuffle(stored, r);

    PushAssembler a = new PushAssembler(java.time.Duration.ofMinutes(5), 16);
    List<PushAssembler.Assembled> done = new ArrayList<>();
    for (PushAssembler.Stored s : stored) {
      a.offer(s, Instant.EPOCH).ifPresent(done::add);
    }
    // a segment listed again after its push completed starts the push again (a later scan
    // retries a push the application refused), so there may be more than one result: all alike
    List<PushAssembler.Assembled> mines =
        done.stream().filter(d -> d.originator().equals("+4477001")).toList();
    assertThat(mines).isNotEmpty();
    assertThat(mines).allSatisfy(m -> assertThat(m.payload()).isEqualTo(push));
    PushAssembler.Assembled mine = mines.get(0);
    assertThat(mine.indices())
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.IntStream.range(0, sms.size()).boxed().toList());
    WspPush p = WspPush.decode(mine.payload());
    assertThat(p.isMms()).isTrue();
    MmsPdu ind = MmsPduDecoder.decode(p.body());
    assertThat(ind.transactionId()).contains("T" + seed);
    assertThat(ind.contentLocation()).contains(location);
    assertThat(done.stream().filter(d -> d.originator().equals("+4477002")).count())
        .isEqualTo(other.size() == 1 ? 1 : 0);
  }

  @Test
  void aPushThatNeverCompletesExpires() {
    byte[] push = WspPush.encodeMms(1, notification("T", "http://m/" + "x".repeat(300)), true);
    OffsetDateTime ts = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
    List<byte[]> sms = SmsPdus.wapPush(null, "+1", ts, push, 9, false);
    assertThat(sms).hasSizeGreaterThan(2);
    PushAssembler a = new PushAssembler(java.time.Duration.ofMinutes(5), 16);
    Instant t0 = Instant.parse("2026-01-02T03:04:05Z");
    assertThat(a.offer(new PushAssembler.Stored(3, SmsPdus.decode(sms.get(0))), t0)).isEmpty();
    assertThat(a.offer(new PushAssembler.Stored(5, SmsPdus.decode(sms.get(2))), t0)).isEmpty();
    assertThat(a.expire(t0.plusSeconds(299))).isEmpty();
    List<List<PushAssembler.Stored>> gone = a.expire(t0.plusSeconds(300));
    assertThat(gone).hasSize(1);
    assertThat(gone.get(0)).extracting(PushAssembler.Stored::index).containsExactly(3, 5);
    assertThat(a.pending()).isZero();
  }

  @Test
  void theOldestUnfinishedPushIsGivenUpBeyondTheLimit() {
    PushAssembler a = new PushAssembler(java.time.Duration.ofHours(1), 2);
    OffsetDateTime ts = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
    byte[] push = WspPush.encodeMms(1, notification("T", "http://m/" + "x".repeat(300)), true);
    for (int ref = 0; ref < 3; ref++) {
      byte[] first = SmsPdus.wapPush(null, "+1", ts, push, ref, false).get(0);
      a.offer(new PushAssembler.Stored(ref, SmsPdus.decode(first)), Instant.EPOCH);
    }
    List<List<PushAssembler.Stored>> gone = a.expire(Instant.EPOCH);
    assertThat(gone).hasSize(1);
    assertThat(gone.get(0).get(0).index()).isZero();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Arrays.stream(parts).forEach(out::writeBytes);
    return out.toByteArray();
  }
}
