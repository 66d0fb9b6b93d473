package org.mmskit.core.pdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mmskit.core.MmsMalformedException;

/**
 * Truncated, bit-flipped and hostile inputs: only {@link MmsPduException} may come out, quickly and
 * without large allocations; whatever does decode re-encodes to the same model.
 */
class MalformedInputTest {

  private static final Duration LIMIT = Duration.ofSeconds(60);

  /** Decodes; returns the PDU or null after an MmsPduException; anything else fails the test. */
  private static MmsPdu tryDecode(byte[] b) {
    try {
      MmsPdu pdu = MmsPduDecoder.decode(b);
      // what the tolerant decoder accepted must be writable and read back the same
      assertThat(MmsPduDecoder.decode(MmsPduEncoder.encodeUnchecked(pdu))).isEqualTo(pdu);
      return pdu;
    } catch (MmsPduException e) {
      assertThat(e.offset()).isBetween(-1L, (long) b.length);
      assertThat(e.reason()).isNotBlank();
      return null;
    }
  }

  private static List<byte[]> samples() {
    List<byte[]> out = new ArrayList<>();
    for (long seed = 0; seed < 12; seed++) {
      PduGenerator g = new PduGenerator(1000 + seed);
      out.add(MmsPduEncoder.encodeUnchecked(g.pdu(PduType.values()[(int) seed % 11])));
    }
    return out;
  }

  private static List<byte[]> corpusSamples() {
    List<byte[]> out = new ArrayList<>();
    try {
      for (Path p : Corpus.files()) {
        byte[] b = Corpus.read(p);
        if (b.length <= 3000) {
          out.add(b);
        }
      }
    } catch (org.opentest4j.TestAbortedException e) {
      // corpus absent: generated samples only
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> truncatedAtEveryOffset() {
    List<byte[]> all = new ArrayList<>(samples());
    all.addAll(corpusSamples());
    return all.stream()
        .map(
            b ->
                DynamicTest.dynamicTest(
                    "truncate " + b.length + " bytes",
                    () ->
                        assertTimeoutPreemptively(
                            LIMIT,
                            () -> {
                              int failures = 0;
                              for (int len = 0; len < b.length; len++) {
                                byte[] cut = java.util.Arrays.copyOf(b, len);
                                if (tryDecode(cut) == null) {
                                  failures++;
                                }
                              }
                              assertThat(failures).isPositive();
                            })));
  }

  @TestFactory
  Stream<DynamicTest> flippedBytes() {
    List<byte[]> all = new ArrayList<>(samples());
    all.addAll(corpusSamples());
    Random r = new Random(7);
    return all.stream()
        .map(
            b -> {
              long seed = r.nextLong();
              return DynamicTest.dynamicTest(
                  "flip " + b.length + " bytes, seed " + seed,
                  () ->
                      assertTimeoutPreemptively(
                          LIMIT,
                          () -> {
                            Random rr = new Random(seed);
                            for (int i = 0; i < 400; i++) {
                              byte[] m = b.clone();
                              int flips = 1 + rr.nextInt(3);
                              for (int k = 0; k < flips; k++) {
                                int at = rr.nextInt(m.length);
                                m[at] =
                                    rr.nextBoolean()
                                        ? (byte) rr.nextInt(256)
                                        : (byte) (m[at] ^ (1 << rr.nextInt(8)));
                              }
                              tryDecode(m);
                            }
                          }));
            });
  }

  private static void assertRefused(byte[] b, String reasonPart) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () ->
            assertThatThrownBy(() -> MmsPduDecoder.decode(b))
                .isInstanceOf(MmsPduException.class)
                .isInstanceOf(MmsMalformedException.class)
                .hasMessageContaining(reasonPart));
  }

  @Test
  void hugePartCountIsRefused() {
    assertRefused(
        Bytes.of(0x8C, 0x84, 0x8D, 0x92, 0x84, 0xA3, 0x8F, 0xFF, 0xFF, 0xFF, 0x7F, 0x01, 0x01),
        "parts");
  }

  @Test
  void partCountLargerThanInputIsRefused() {
    // 500 entries cannot fit in 6 octets
    assertRefused(
        Bytes.of(0x8C, 0x84, 0x8D, 0x92, 0x84, 0xA3, 0x83, 0x74, 1, 1, 0x83, 0, 0, 0),
        "cannot fit");
  }

  @Test
  void uintvarOfSixOctetsIsRefused() {
    assertRefused(
        Bytes.of(0x8C, 0x84, 0x8D, 0x92, 0x84, 0xA3, 0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01),
        "uintvar");
  }

  @Test
  void partDataLengthBeyondInputIsRefused() {
    assertRefused(
        Bytes.of(
            0x8C, 0x84, 0x8D, 0x92, 0x84, 0xA3, 0x01, // one entry
            0x01, 0x8F, 0xFF, 0xFF, 0xFF, 0x7F, // headers 1, data 0xFFFFFFFF
            0x83, "x"),
        "data length");
  }

  @Test
  void valueLengthBeyondInputIsRefused() {
    assertRefused(
        Bytes.of(0x8C, 0x80, 0x96, 0x1F, 0x8F, 0xFF, 0xFF, 0xFF, 0x7F, 0xEA, "abc", 0x00),
        "past the end");
    assertRefused(Bytes.of(0x8C, 0x80, 0x96, 0x1E, 0xEA, "abc", 0x00), "past the end");
  }

  @Test
  void unterminatedTextIsRefused() {
    assertRefused(Bytes.of(0x8C, 0x80, 0x98, "abc"), "past the end");
  }

  @ParameterizedTest
  @ValueSource(ints = {0x00, 0x05, 0x1F})
  void controlOctetAtHeaderPositionIsRefused(int octet) {
    assertRefused(Bytes.of(0x8C, 0x80, 0x8D, 0x92, octet, 0x01), "cannot start a header");
  }

  @Test
  void missingOrUnknownMessageTypeIsRefused() {
    assertRefused(Bytes.of(0x8D, 0x92, 0x98, "t", 0x00), "Message-Type");
    assertRefused(Bytes.of(0x8C, 0xF0, 0x8D, 0x92), "unknown message type");
    assertRefused(new byte[0], "too short");
  }

  @Test
  void limitsAreEnforced() {
    byte[] pdu = MmsPduEncoder.encodeUnchecked(new PduGenerator(3).pdu(PduType.SEND_REQ));
    assertThatThrownBy(() -> MmsPduDecoder.decode(pdu, PduLimits.DEFAULT.withMaxPduSize(10)))
        .isInstanceOf(MmsPduException.class)
        .hasMessageContaining("larger than the limit");

    byte[] many = Bytes.of(0x8C, 0x80, 0x8D, 0x92);
    for (int i = 0; i < 20; i++) {
      many = Bytes.of(many, "X-A", 0x00, "b", 0x00);
    }
    byte[] manyHeaders = many;
    assertThatThrownBy(
            () -> MmsPduDecoder.decode(manyHeaders, PduLimits.DEFAULT.withMaxHeaders(10)))
        .isInstanceOf(MmsPduException.class)
        .hasMessageContaining("headers");
    assertThat(MmsPduDecoder.decode(manyHeaders).applicationHeaders()).hasSize(20);

    byte[] longSubject = Bytes.of(0x8C, 0x80, 0x96, "a".repeat(200), 0x00);
    assertThatThrownBy(
            () -> MmsPduDecoder.decode(longSubject, PduLimits.DEFAULT.withMaxValueLength(100)))
        .isInstanceOf(MmsPduException.class)
        .hasMessageContaining("longer than 100");

    byte[] threeParts =
        Bytes.of(
            0x8C, 0x84, 0x8D, 0x92, 0x84, 0xA3, 0x03, // 3 entries
            0x01, 0x00, 0x83, // text/plain, empty
            0x01, 0x00, 0x83, 0x01, 0x00, 0x83);
    assertThat(MmsPduDecoder.decode(threeParts).parts()).hasSize(3);
    assertThatThrownBy(() -> MmsPduDecoder.decode(threeParts, PduLimits.DEFAULT.withMaxParts(2)))
        .isInstanceOf(MmsPduException.class)
        .hasMessageContaining("limit of 2");
  }

  @Test
  void nestedMultipartIsReadOnRequestWithinTheNestingLimit() {
    MmsPdu inner =
        MmsPdu.builder(PduType.RETRIEVE_CONF)
            .date(SamplePdus.DATE)
            .contentType(
                org.mmskit.core.ContentType.of("application/vnd.wap.multipart.alternative"))
            .addPart(SamplePdus.text())
            .addPart(SamplePdus.image(10))
            .build();
    byte[] innerPdu = MmsPduEncoder.encode(inner);
    // the multipart body is what follows the Content-Type octets 84 A6
    int at = Bytes.hex(innerPdu).replace(" ", "").indexOf("84a6") / 2 + 2;
    byte[] body = java.util.Arrays.copyOfRange(innerPdu, at, innerPdu.length);
    assertThat(MmsPduDecoder.decodeMultipart(body, 2, PduLimits.DEFAULT)).isEqualTo(inner.parts());
    assertThatThrownBy(
            () -> MmsPduDecoder.decodeMultipart(body, 3, PduLimits.DEFAULT.withMaxNesting(2)))
        .isInstanceOf(MmsPduException.class)
        .hasMessageContaining("nested deeper than 2");
  }

  @Test
  void errorsTellOffsetAndField() {
    byte[] b = Bytes.of(0x8C, 0x80, 0x8D, 0x92, 0x96, 0x1E, 0xEA, "abc", 0x00);
    assertThatThrownBy(() -> MmsPduDecoder.decode(b))
        .isInstanceOfSatisfying(
            MmsPduException.class,
            e -> {
              assertThat(e.offset()).isEqualTo(5);
              assertThat(e.field()).contains("Subject");
            });
  }
}
