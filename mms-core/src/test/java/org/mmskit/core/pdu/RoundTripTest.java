package org.mmskit.core.pdu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** decode(encode(p)) equals p for generated PDUs of every type, header kind and body shape. */
class RoundTripTest {

  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void generatedPduSurvivesRoundTrip(long seed) throws IOException {
    MmsPdu pdu = new PduGenerator(seed).pdu();
    byte[] bytes = MmsPduEncoder.encodeUnchecked(pdu);
    MmsPdu back = MmsPduDecoder.decode(bytes);
    assertThat(back).isEqualTo(pdu);
    assertThat(MmsPduEncoder.encodedSize(pdu)).isEqualTo(bytes.length);
    assertThat(MmsPduEncoder.encodeUnchecked(back)).isEqualTo(bytes);
    if (pdu.missingMandatoryHeaders().isEmpty()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThat(MmsPduEncoder.encode(pdu, out)).isEqualTo(bytes.length);
      assertThat(out.toByteArray()).isEqualTo(bytes);
    }
  }

  @ParameterizedTest
  @EnumSource(PduType.class)
  void everyTypeRoundTrips(PduType type) {
    for (long seed = 0; seed < 10; seed++) {
      MmsPdu pdu = new PduGenerator(seed * 31 + type.ordinal()).pdu(type);
      assertThat(MmsPduDecoder.decode(MmsPduEncoder.encodeUnchecked(pdu))).isEqualTo(pdu);
    }
  }

  @Test
  void fileBackedPartsAreStreamedAndDecodeToTheSameBytes(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
    byte[] data = new byte[70_000];
    new java.util.Random(5).nextBytes(data);
    java.nio.file.Path file = dir.resolve("clip.3gp");
    java.nio.file.Files.write(file, data);
    MmsPdu pdu =
        MmsPdu.builder(PduType.SEND_REQ)
            .transactionId("f")
            .fromInsertAddress()
            .addTo(SamplePdus.ALICE)
            .contentType(org.mmskit.core.ContentType.MULTIPART_MIXED)
            .addPart(org.mmskit.core.MmsPart.ofFile("video/3gpp", file))
            .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n = MmsPduEncoder.encode(pdu, out);
    assertThat(out.toByteArray()).hasSize((int) n).isEqualTo(MmsPduEncoder.encode(pdu));
    MmsPdu back = MmsPduDecoder.decode(out.toByteArray());
    assertThat(back.parts().get(0).bytes()).isEqualTo(data);
    assertThat(back.parts().get(0).contentLocation()).contains("clip.3gp");
    assertThat(back).isEqualTo(pdu);
  }

  @Test
  void decodingFromAnOffsetAndAByteBufferGivesTheSamePdu() {
    MmsPdu pdu = new PduGenerator(42).pdu(PduType.RETRIEVE_CONF);
    byte[] bytes = MmsPduEncoder.encodeUnchecked(pdu);
    byte[] padded = new byte[bytes.length + 10];
    System.arraycopy(bytes, 0, padded, 7, bytes.length);
    assertThat(MmsPduDecoder.decode(padded, 7, bytes.length, PduLimits.DEFAULT)).isEqualTo(pdu);
    assertThat(
            MmsPduDecoder.decode(
                java.nio.ByteBuffer.wrap(padded, 7, bytes.length), PduLimits.DEFAULT))
        .isEqualTo(pdu);
    java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(bytes.length);
    direct.put(bytes).flip();
    assertThat(MmsPduDecoder.decode(direct, PduLimits.DEFAULT)).isEqualTo(pdu);
  }
}
