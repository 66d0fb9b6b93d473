package org.mmskit.mm7.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mmskit.core.Address;
import org.mmskit.core.ContentType;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.mm7.Mm7Version;

/** Part bodies of every size around the encoder's chunk and line lengths read back unchanged. */
class Mm7Base64ChunkTest {
  private static final int CHUNK = 57 * 1024;

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 56, 57, 58, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK + 5, 200_003})
  void aPartOfAnySizeReadsBackTheSame(int size) throws Exception {
    byte[] body = new byte[size];
    new Random(size).nextBytes(body);
    for (boolean stream : new boolean[] {false, true}) {
      // a streamed body whose stated size is one line short still joins its chunks correctly
      MmsPart part =
          stream
              ? MmsPart.builder()
                  .contentType(ContentType.parse("image/png"))
                  .body(() -> new ByteArrayInputStream(body), Math.max(0, size - 57))
                  .build()
              : MmsPart.of("image/png", body);
      MmsMessage m =
          MmsMessage.builder()
              .from(Address.shortCode("12345"))
              .to(Address.phone("+15551234567"))
              .addPart(part)
              .build();
      Mm7Payload payload =
          Mm7Codec.encode(
              Mm7Envelope.of(
                  "tx",
                  Mm7Version.DEFAULT,
                  new Mm7Body.SubmitReq(Optional.empty(), Optional.empty(), m)),
              Mm7WriteOptions.standard());
      byte[] wire = payload.toByteArray();
      for (String line : new String(wire, StandardCharsets.ISO_8859_1).split("\r\n")) {
        assertThat(line.length()).isLessThanOrEqualTo(998);
      }
      Mm7Envelope back = Mm7Codec.read(payload.contentType(), wire, Mm7Limits.defaults());
      MmsMessage got = ((Mm7Body.SubmitReq) back.body()).message();
      assertThat(got.parts()).hasSize(1);
      assertThat(got.parts().get(0).bytes())
          .as("size %d, streamed %s", size, stream)
          .isEqualTo(body);
    }
  }

  @org.junit.jupiter.api.Test
  void aControlCharacterXmlCannotCarryGoesOutReplaced() throws Exception {
    MmsMessage m =
        MmsMessage.builder()
            .from(Address.shortCode("12345"))
            .to(Address.phone("+15551234567"))
            .subject("a\u001fb")
            .addPart(MmsPart.text("hi"))
            .build();
    Mm7Payload payload =
        Mm7Codec.encode(
            Mm7Envelope.of(
                "tx",
                Mm7Version.DEFAULT,
                new Mm7Body.SubmitReq(Optional.empty(), Optional.empty(), m)),
            Mm7WriteOptions.standard());
    Mm7Envelope back =
        Mm7Codec.read(payload.contentType(), payload.toByteArray(), Mm7Limits.defaults());
    assertThat(((Mm7Body.SubmitReq) back.body()).message().subject()).contains("a\uFFFDb");
  }
}
