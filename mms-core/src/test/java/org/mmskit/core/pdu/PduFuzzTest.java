package org.mmskit.core.pdu;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the decoder. Under surefire it runs in regression mode over the seed corpus in {@code
 * src/test/resources/org/mmskit/core/pdu/PduFuzzTestInputs/decode/} (written by {@link
 * FuzzSeedCorpus} with our own encoder); {@code JAZZER_FUZZ=1} makes it fuzz. Only {@link
 * MmsPduException} may come out of the decoder, and whatever decodes must re-encode to the same
 * model.
 */
class PduFuzzTest {

  private static final PduLimits LIMITS =
      PduLimits.DEFAULT.withMaxPduSize(1 << 20).withMaxParts(200).withMaxHeaders(500);

  @FuzzTest(maxDuration = "60s")
  void decode(byte[] data) {
    MmsPdu pdu;
    try {
      pdu = MmsPduDecoder.decode(data, LIMITS);
    } catch (MmsPduException expected) {
      return;
    }
    assertThat(MmsPduDecoder.decode(MmsPduEncoder.encodeUnchecked(pdu), LIMITS)).isEqualTo(pdu);
  }
}
