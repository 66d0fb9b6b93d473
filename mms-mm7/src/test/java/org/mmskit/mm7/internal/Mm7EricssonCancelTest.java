package org.mmskit.mm7.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mmskit.core.Address;
import org.mmskit.mm7.Mm7Dialect;
import org.mmskit.mm7.Mm7Version;

/** A CancelReq in the Ericsson style, as the probe sends it to find an Ericsson MMSC. */
class Mm7EricssonCancelTest {
  @Test
  void cancelIsWrittenInTheRpcStyleAndReadBack() throws Exception {
    Mm7Envelope env =
        new Mm7Envelope(
            Optional.of("tx-e1"),
            Mm7Version.REL_5_MM7_1_0.withMm7Version("5.2.0"),
            Mm7Dialect.ERICSSON,
            new Mm7Body.CancelReq(
                Optional.of("vasp-1"),
                Optional.empty(),
                Optional.of(Address.shortCode("12345")),
                "msg-404"));
    Mm7Payload p = Mm7Codec.encode(env, Mm7WriteOptions.forDialect(Mm7Dialect.ERICSSON));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.writeTo(out);
    String xml = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(xml)
        .contains("<MM7Header xmlns=\"urn:xml-MM7Header\"")
        .contains("Transaction-ID")
        .contains("<MM7CancelReq xmlns=\"urn:MM7Cancel.Req\"")
        .contains("<Version>5.2.0</Version>")
        .doesNotContain("MM7Version");

    Mm7Envelope back = Mm7Codec.read(p.contentType(), out.toByteArray(), Mm7Limits.defaults());
    assertThat(back.dialect()).isEqualTo(Mm7Dialect.ERICSSON);
    assertThat(back.transactionId()).contains("tx-e1");
    assertThat(back.version().mm7Version()).isEqualTo("5.2.0");
    Mm7Body.CancelReq c = (Mm7Body.CancelReq) back.body();
    assertThat(c.messageId()).isEqualTo("msg-404");
    assertThat(c.vaspId()).contains("vasp-1");
  }
}
