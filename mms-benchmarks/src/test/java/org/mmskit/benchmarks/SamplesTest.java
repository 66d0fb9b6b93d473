package org.mmskit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.MmsPduDecoder;
import org.mmskit.core.pdu.PduType;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7Body;
import org.mmskit.mm7.internal.Mm7Codec;
import org.mmskit.mm7.internal.Mm7Envelope;

/** The benchmark inputs are what the benchmarks claim to measure. */
class SamplesTest {

  @Test
  void retrieveConfIsAbout300KbWithSmilTextAndTwoImages() {
    MmsPdu pdu = PduSamples.retrieveConf();
    byte[] bytes = PduSamples.bytes(pdu);
    assertThat(bytes.length).isBetween(295_000, 310_000);
    MmsPdu decoded = MmsPduDecoder.decode(bytes);
    assertThat(decoded.type()).isEqualTo(PduType.RETRIEVE_CONF);
    assertThat(decoded.parts())
        .extracting(p -> p.contentType().mediaType())
        .containsExactly("application/smil", "text/plain", "image/jpeg", "image/png");
    assertThat(decoded).isEqualTo(pdu);
  }

  @Test
  void notificationIndIsAbout150Bytes() {
    MmsPdu pdu = PduSamples.notificationInd();
    byte[] bytes = PduSamples.bytes(pdu);
    assertThat(bytes.length).isBetween(130, 170);
    assertThat(MmsPduDecoder.decode(bytes)).isEqualTo(pdu);
  }

  @Test
  void submitReqCarriesThe20KbImage() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String contentType =
        Mm7Codec.write(
            Mm7Envelope.of(
                "tx-1",
                Mm7Version.DEFAULT,
                new Mm7Body.SubmitReq(Optional.of("v"), Optional.of("s"), Mm7Samples.message())),
            out);
    assertThat(contentType).startsWith("multipart/related");
    assertThat(out.size()).isGreaterThan(Mm7Samples.IMAGE_SIZE);
    assertThat(out.toString(StandardCharsets.ISO_8859_1))
        .contains(":SubmitReq>", "Content-Type: image/jpeg");
  }
}
