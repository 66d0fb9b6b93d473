package org.mmskit.mm1.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmskit.core.MmsMalformedException;

class SmsPdusTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void decodesTheClassicSevenBitExample() {
    // SMSC +31624000000, from +31641600986, 2002-08-26 19:37:41, "How are you?"; the zone octet
    // 0x08 has bit 3 (the sign, 23.040 §9.2.3.11) set and zero quarters: UTC, not the +02:00 that
    // reading its semi-octets the other way round gives
    SmsDeliver s =
        SmsPdus.decodeHex(
            "07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07");
    assertThat(s.serviceCentre()).contains("+31624000000");
    assertThat(s.originator()).isEqualTo("+31641600986");
    assertThat(s.alphabet()).isEqualTo(SmsDeliver.Alphabet.GSM7);
    assertThat(s.text()).contains("How are you?");
    assertThat(s.timestamp())
        .contains(OffsetDateTime.of(2002, 8, 26, 19, 37, 41, 0, ZoneOffset.UTC));
    assertThat(s.isWapPush()).isFalse();
    assertThat(s.concat()).isEmpty();
  }

  @Test
  void decodesAWapPushSegmentWithSixteenBitReferenceAndPorts() {
    // UDH as captured from a real MMSC: 16-bit concat ref 0x9F8E 1/2, ports 2948 <- 9200
    String wsp =
        "010622"
            + HEX.formatHex("application/vnd.wap.mms-message".getBytes(StandardCharsets.US_ASCII))
            + "00AF84"
            + "8C82";
    String ud = "0C08049F8E0201" + "05040B8423F0" + wsp;
    String pdu =
        "00" // no SMSC
            + "44" // SMS-DELIVER, UDHI
            + "0B914477001122F3" // +44770011223 (11 digits)
            + "00" // PID
            + "04" // 8-bit data
            + "52100121430500" // 2025-01-10 12:34:50 +00
            + String.format("%02X", ud.length() / 2)
            + ud;
    SmsDeliver s = SmsPdus.decodeHex(pdu);
    assertThat(s.originator()).isEqualTo("+44770011223");
    assertThat(s.alphabet()).isEqualTo(SmsDeliver.Alphabet.EIGHT_BIT);
    assertThat(s.concat()).contains(new SmsDeliver.Concat(0x9F8E, 2, 1, true));
    assertThat(s.destinationPort()).hasValue(2948);
    assertThat(s.sourcePort()).hasValue(9200);
    assertThat(s.isWapPush()).isTrue();
    assertThat(HEX.formatHex(s.data())).isEqualTo(wsp.toLowerCase());
    assertThat(s.timestamp())
        .contains(OffsetDateTime.of(2025, 1, 10, 12, 34, 50, 0, ZoneOffset.UTC));
  }

  @Test
  void decodesEightBitReferenceAfterThePortElement() {
    String ud = "0B05040B8423F0" + "0003230201" + "010600";
    String pdu = "0040" + "0A811032547698" + "0004" + "52100121430500" + "0F" + ud;
    SmsDeliver s = SmsPdus.decodeHex(pdu);
    assertThat(s.originator()).isEqualTo("0123456789"); // unknown type, national digits
    assertThat(s.concat()).contains(new SmsDeliver.Concat(0x23, 2, 1, false));
    assertThat(s.destinationPort()).hasValue(2948);
    assertThat(s.data()).containsExactly(0x01, 0x06, 0x00);
  }

  @Test
  void decodesUcs2AndAlphanumericOriginators() {
    byte[] text = "Привет 👋".getBytes(StandardCharsets.UTF_16BE);
    // "Operator" packed in GSM 7-bit: 8 septets = 7 octets = 14 semi-octets
    String oa = "0ED0" + "4F78591EA6BFE5";
    String pdu =
        "00"
            + "04"
            + oa
            + "00"
            + "08"
            + "52100121430589"
            + String.format("%02X", text.length)
            + HEX.formatHex(text);
    SmsDeliver s = SmsPdus.decodeHex(pdu);
    assertThat(s.originator()).isEqualTo("Operator");
    assertThat(s.alphabet()).isEqualTo(SmsDeliver.Alphabet.UCS2);
    assertThat(s.text()).contains("Привет 👋");
    // 0x89: low nibble 9 = sign bit + tens 1, high nibble units 8: -18 quarters
    assertThat(s.timestamp().orElseThrow().getOffset())
        .isEqualTo(ZoneOffset.ofHoursMinutes(-4, -30));
  }

  @Test
  void refusesOtherMessageTypesWithTheOffset() {
    // an SMS-SUBMIT stored in the SIM's sent folder
    assertThatThrownBy(() -> SmsPdus.decodeHex("0001000B911346610089F6000004C8F71D14"))
        .isInstanceOf(MmsMalformedException.class)
        .hasMessageContaining("not an SMS-DELIVER")
        .satisfies(e -> assertThat(((MmsMalformedException) e).offset()).isEqualTo(1));
  }

  @Test
  void refusesAHeaderThatOverrunsTheUserData() {
    String pdu = "0044" + "0A8110325476F8" + "0004" + "52100121430500" + "03" + "0A0003";
    assertThatThrownBy(() -> SmsPdus.decodeHex(pdu))
        .isInstanceOf(MmsMalformedException.class)
        .hasMessageContaining("header longer");
  }

  static Stream<Long> seeds() {
    return LongStream.range(0, 40).boxed();
  }

  private static final String GSM_CHARS =
      "@£$¥èéùìòÇ\nØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡AZÄÖÑÜ§¿azäöñüà{}[]~\\|€^";

  @ParameterizedTest
  @MethodSource("seeds")
  void whatIsWrittenReadsBack(long seed) {
    Random r = new Random(seed);
    SmsDeliver.Alphabet alphabet = SmsDeliver.Alphabet.values()[r.nextInt(3)];
    String from = (r.nextBoolean() ? "+" : "") + digits(r, 1 + r.nextInt(15));
    String smsc = r.nextBoolean() ? null : "+" + digits(r, 11);
    OffsetDateTime ts =
        OffsetDateTime.of(
            2000 + r.nextInt(99),
            1 + r.nextInt(12),
            1 + r.nextInt(28),
            r.nextInt(24),
            r.nextInt(60),
            r.nextInt(60),
            0,
            ZoneOffset.ofTotalSeconds((r.nextInt(97) - 48) * 900));
    SmsDeliver.Concat concat =
        r.nextBoolean()
            ? null
            : new SmsDeliver.Concat(
                r.nextInt(r.nextBoolean() ? 256 : 65536), 3, 1 + r.nextInt(3), r.nextBoolean());
    if (concat != null && concat.reference() > 255 && !concat.sixteenBitReference()) {
      concat = new SmsDeliver.Concat(concat.reference() & 0xFF, 3, concat.sequence(), false);
    }
    int[] ports = r.nextBoolean() ? null : new int[] {r.nextInt(65536), r.nextInt(65536)};
    int header =
        (concat == null ? 0 : concat.sixteenBitReference() ? 6 : 5) + (ports == null ? 0 : 6);
    header = header == 0 ? 0 : header + 1;
    byte[] data = null;
    String text = null;
    switch (alphabet) {
      case GSM7:
        {
          StringBuilder sb = new StringBuilder();
          int room = (140 - header) * 8 / 7 - 2;
          int len = r.nextInt(room / 2 + 1);
          for (int i = 0; i < len; i++) {
            sb.append(GSM_CHARS.charAt(r.nextInt(GSM_CHARS.length())));
          }
          text = sb.toString();
          break;
        }
      case UCS2:
        {
          StringBuilder sb = new StringBuilder();
          int len = r.nextInt((140 - header) / 2 + 1);
          for (int i = 0; i < len; i++) {
            sb.append((char) (0x20 + r.nextInt(0xD000)));
          }
          text = sb.toString();
          break;
        }
      default:
        data = new byte[r.nextInt(140 - header + 1)];
        r.nextBytes(data);
    }
    byte[] pdu = SmsPdus.encode(smsc, from, ts, alphabet, concat, ports, data, text);
    SmsDeliver s = SmsPdus.decode(pdu);
    assertThat(s.originator()).isEqualTo(from);
    assertThat(s.serviceCentre()).isEqualTo(java.util.Optional.ofNullable(smsc));
    assertThat(s.timestamp()).contains(ts);
    assertThat(s.alphabet()).isEqualTo(alphabet);
    assertThat(s.concat()).isEqualTo(java.util.Optional.ofNullable(concat));
    if (ports == null) {
      assertThat(s.destinationPort()).isEmpty();
    } else {
      assertThat(s.destinationPort()).hasValue(ports[0]);
      assertThat(s.sourcePort()).hasValue(ports[1]);
    }
    if (text != null) {
      assertThat(s.text()).contains(text);
    } else {
      assertThat(s.data()).isEqualTo(data);
      assertThat(s.text()).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void truncatedOrCorruptedPdusGiveOnlyMalformedErrors(long seed) {
    Random r = new Random(seed);
    byte[] data = new byte[r.nextInt(128)];
    r.nextBytes(data);
    byte[] pdu =
        SmsPdus.encode(
            null,
            "+4477001122",
            OffsetDateTime.now(ZoneOffset.UTC).withNano(0),
            SmsDeliver.Alphabet.EIGHT_BIT,
            new SmsDeliver.Concat(7, 2, 1, true),
            new int[] {2948, 9200},
            data,
            null);
    for (int cut = 0; cut < pdu.length; cut++) {
      byte[] shorter = java.util.Arrays.copyOf(pdu, cut);
      assertThatThrownBy(() -> SmsPdus.decode(shorter)).isInstanceOf(MmsMalformedException.class);
    }
    IntStream.range(0, 200)
        .forEach(
            i -> {
              byte[] bent = pdu.clone();
              bent[r.nextInt(bent.length)] = (byte) r.nextInt(256);
              try {
                SmsPdus.decode(bent);
              } catch (MmsMalformedException expected) {
                // the only way a corrupt PDU may fail
              }
            });
  }

  private static String digits(Random r, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append((char) ('0' + r.nextInt(10)));
    }
    return sb.toString();
  }
}
