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
