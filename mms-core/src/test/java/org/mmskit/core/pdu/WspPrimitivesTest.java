package org.mmskit.core.pdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mmskit.core.pdu.Bytes.hex;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mmskit.core.ContentType;
import org.mmskit.core.MmsPart;
import org.mmskit.core.TimeSpec;
import org.mmskit.core.internal.wsp.WspWriter;

/** The WSP primitive encodings at their boundaries (WSP 8.4.2), and tolerant part decoding. */
class WspPrimitivesTest {

  @ParameterizedTest
  @CsvSource({"0,00", "127,7f", "128,81 00", "16383,ff 7f", "16384,81 80 00", "400000,98 b5 00"})
  void uintvar(long value, String expected) {
    WspWriter w = new WspWriter(8);
    w.uintvar(value);
    assertThat(hex(w.toByteArray())).isEqualTo(expected);
    assertThat(WspWriter.uintvarLength(value)).isEqualTo(w.size());
  }

  @ParameterizedTest
  @CsvSource({"0,01 00", "152,01 98", "12345,02 30 39", "1700000000,04 65 53 f1 00"})
  void longInteger(long value, String expected) {
    WspWriter w = new WspWriter(8);
    w.longInteger(value);
    assertThat(hex(w.toByteArray())).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"30,1e", "31,1f 1f", "32,1f 20", "200,1f 81 48"})
  void valueLengthUsesLengthQuoteFrom31(int len, String expected) {
    WspWriter w = new WspWriter(8);
    w.valueLength(len);
    assertThat(hex(w.toByteArray())).isEqualTo(expected);
    assertThat(WspWriter.valueLengthLength(len)).isEqualTo(w.size());
  }

  @Test
  void subjectOf29And30OctetsAroundTheShortLengthLimit() {
    // 28 characters + charset + NUL = 30: Short-length; 29 characters: 31, Length-quote
    for (int n : new int[] {28, 29}) {
      MmsPdu pdu =
          MmsPdu.builder(PduType.SEND_CONF)
              .transactionId("t")
              .responseStatus(0x80)
              .add(
                  new PduHeader.Encoded(
                      PduField.RESPONSE_TEXT, new EncodedString("x".repeat(n), 106)))
              .build();
      byte[] b = MmsPduEncoder.encode(pdu);
      String lengthPart = n == 28 ? "93 1e ea" : "93 1f 1f ea";
      assertThat(hex(b)).contains(lengthPart);
      assertThat(MmsPduDecoder.decode(b)).isEqualTo(pdu);
    }
  }

  @Test
  void partOf128OctetsUsesATwoOctetUintvar() {
    MmsPdu pdu =
        MmsPdu.builder(PduType.RETRIEVE_CONF)
            .date(SamplePdus.DATE)
            .contentType(ContentType.MULTIPART_MIXED)
            .addPart(MmsPart.of("image/gif", new byte[128]))
            .build();
    byte[] b = MmsPduEncoder.encode(pdu);
    // ... 84 a3 | 01 entry | 01 headers length | 81 00 data length 128 | 9d image/gif
    assertThat(hex(b)).contains("84 a3 01 01 81 00 9d");
    assertThat(MmsPduDecoder.decode(b)).isEqualTo(pdu);
  }

  @Test
  void expiryOfZeroSecondsAndLargeAbsoluteDates() {
    MmsPdu pdu =
        MmsPdu.builder(PduType.NOTIFICATION_IND)
            .transactionId("t")
            .expiry(TimeSpec.after(Duration.ZERO))
            .add(
                new PduHeader.Time(
                    PduField.REPLY_CHARGING_DEADLINE,
                    TimeSpec.at(java.time.Instant.ofEpochSecond(0xFFFF_FFFFL + 1))))
            .build();
    byte[] b = MmsPduEncoder.encodeUnchecked(pdu);
    assertThat(hex(b)).contains("88 03 81 01 00").contains("9d 07 80 05 01 00 00 00 00");
    assertThat(MmsPduDecoder.decode(b)).isEqualTo(pdu);
  }

  @Test
  void partHeaderVariantsRealPhonesSend() {
    byte[] b =
        Bytes.spec(
            "8C 84", // m-retrieve-conf
            "8D 90", // 1.0
            "84 1B B3 89 'application/smil' 00 8A '0.smil' 00", // iPhone style start, no <>
            "02", // 2 entries
            "36 02", // entry 1: headers 54, data 2
            // Content-Type general form: text/plain, untyped charset as text, Name (0x85)
            "16 83 'charset' 00 'utf-8' 00 85 'a.txt' 00",
            "C0 '0.txt' 00", // Content-ID as a plain Text-string (no quote octet)
            "C5 0A 'inline' 00 98 't' 00", // Content-Disposition, WSP 1.4 code, token, filename
            "'X-Extra' 00 'yes' 00", // application header in a part
            "'hi'",
            "24 03", // entry 2: headers 36, data 3
            "'application/smil' 00", // constrained text media type
            "C0 22 '0.smil' 00", // Content-ID Quoted-string without brackets
            "8E 7F '\u00e9.smil' 00", // Content-Location with the quote octet before é
            "'<s>'");
    MmsPdu d = MmsPduDecoder.decode(b);
    MmsPart text = d.parts().get(0);
    assertThat(text.contentType().mediaType()).isEqualTo("text/plain");
    assertThat(text.charset()).contains("utf-8");
    assertThat(text.contentType().parameter("name")).contains("a.txt");
    assertThat(text.contentId()).contains("0.txt");
    assertThat(text.disposition()).contains("inline");
    assertThat(text.fileName()).contains("t");
    assertThat(text.headers()).extracting(h -> h.name() + "=" + h.value()).contains("X-Extra=yes");
    assertThat(text.text()).isEqualTo("hi");
    MmsPart smil = d.parts().get(1);
    assertThat(smil.contentId()).contains("0.smil");
    assertThat(smil.contentLocation()).contains("é.smil");
    assertThat(PduMessages.presentationIndex(d)).isEqualTo(1);
    // whatever was read is written back so that it reads the same
    assertThat(MmsPduDecoder.decode(MmsPduEncoder.encodeUnchecked(d))).isEqualTo(d);
    assertThat(new String(smil.bytes(), StandardCharsets.US_ASCII)).isEqualTo("<s>");
  }

  @Test
  void unknownWellKnownCodesAndParametersSurvive() {
    byte[] b =
        Bytes.spec(
            "8C 84", // m-retrieve-conf
            "8D 92", // 1.2
            "85 01 01", // Date 1
            // Content-Type: len 17: well-known media 0x7A (unknown to us), Level 0x82 as a
            // Short-integer, untyped parameters with an Integer-value and with No-value
            "84 11 FA 82 81 'x-count' 00 02 01 00 'z' 00 00",
            "'body'");
    MmsPdu d = MmsPduDecoder.decode(b);
    ContentType ct = d.contentType().get();
    assertThat(ct.mediaType()).isEqualTo("application/x-wsp-content-type-7a");
    assertThat(ct.parameter("level")).contains("1");
    assertThat(ct.parameter("x-count")).contains("256");
    assertThat(ct.parameter("z")).isPresent();
    byte[] again = MmsPduEncoder.encode(d);
    assertThat(hex(again)).contains("fa"); // the code goes back on the wire as it came
    assertThat(MmsPduDecoder.decode(again)).isEqualTo(d);
  }
}
