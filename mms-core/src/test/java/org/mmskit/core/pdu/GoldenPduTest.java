package org.mmskit.core.pdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mmskit.core.pdu.Bytes.hex;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mmskit.core.ContentType;
import org.mmskit.core.MessageClass;
import org.mmskit.core.MmsPart;
import org.mmskit.core.Priority;
import org.mmskit.core.TimeSpec;

/**
 * Golden PDUs written octet by octet from the OMA MMS encapsulation and WSP specifications: each
 * PDU type is encoded and compared with the hand-written bytes, and the bytes are decoded and
 * checked field by field.
 */
class GoldenPduTest {

  private static final Instant DATE = Instant.ofEpochSecond(1_700_000_000L);
  private static final String PHONE = "+15550001/TYPE=PLMN"; // 19 characters

  private static void assertGolden(MmsPdu pdu, byte[] expected) {
    assertThat(hex(MmsPduEncoder.encode(pdu))).isEqualTo(hex(expected));
    assertThat(MmsPduDecoder.decode(expected)).isEqualTo(pdu);
    assertThat(MmsPduEncoder.encodedSize(pdu)).isEqualTo(expected.length);
  }

  @Test
  void sendReqMultipartRelated() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("type", "application/smil");
    params.put("start", "<smil>");
    byte[] smil = "<smil/>".getBytes(StandardCharsets.US_ASCII);
    MmsPdu pdu =
        MmsPdu.builder(PduType.SEND_REQ)
            .version(MmsVersion.V1_2)
            .transactionId("T1")
            .date(DATE)
            .fromInsertAddress()
            .addTo("+15551234567/TYPE=PLMN")
            .subject("Hi")
            .expiry(TimeSpec.after(Duration.ofDays(1)))
            .deliveryReport(true)
            .contentType(ContentType.of("application/vnd.wap.multipart.related", params))
            .addPart(
                MmsPart.builder()
                    .contentType("application/smil")
                    .contentId("smil")
                    .contentLocation("smil.smil")
                    .body(smil)
                    .build())
            .addPart(
                MmsPart.builder()
                    .contentType("text/plain; charset=utf-8")
                    .contentLocation("text.txt")
                    .body("Hello".getBytes(StandardCharsets.UTF_8))
                    .build())
            .build();
    byte[] expected =
        Bytes.spec(
            "8C 80", // X-Mms-Message-Type: m-send-req
            "98 'T1' 00", // X-Mms-Transaction-ID: Text-string "T1"
            "8D 92", // X-Mms-MMS-Version: 1.2 (major 1 in bits 6-4, minor 2)
            "85 04 65 53 F1 00", // Date: Long-integer, 4 octets, 1700000000
            "89 01 81", // From: Value-length 1, Insert-address-token
            "97 '+15551234567/TYPE=PLMN' 00", // To: Encoded-string-value as a Text-string
            "96 'Hi' 00", // Subject: Text-string
            "88 05 81 03 01 51 80", // X-Mms-Expiry: length 5, Relative, Long-integer 86400 s
            "86 80", // X-Mms-Delivery-Report: Yes
            // Content-Type: Value-length 27, multipart.related (0x33), Type and Start parameters
            "84 1B B3 89 'application/smil' 00 8A '<smil>' 00",
            "02", // multipart body: 2 entries (Uintvar)
            "25 07", // entry 1: headers length 37, data length 7
            "'application/smil' 00", // part Content-Type: Text-string (no well-known code)
            "C0 22 '<smil>' 00", // Content-ID: Quoted-string, no closing quote
            "8E 'smil.smil' 00", // Content-Location: Text-string
            smil, // data
            "0E 05", // entry 2: headers length 14, data length 5
            "03 83 81 EA", // Content-Type: length 3, text/plain (0x03), Charset utf-8 (106)
            "8E 'text.txt' 00", // Content-Location
            "'Hello'"); // data
    assertGolden(pdu, expected);

    MmsPdu d = MmsPduDecoder.decode(expected);
    assertThat(d.type()).isEqualTo(PduType.SEND_REQ);
    assertThat(d.transactionId()).contains("T1");
    assertThat(d.version()).isEqualTo(MmsVersion.V1_2);
    assertThat(d.date()).contains(DATE);
    assertThat(d.fromInsertAddress()).isTrue();
    assertThat(d.from()).isEmpty();
    assertThat(d.to()).containsExactly("+15551234567/TYPE=PLMN");
    assertThat(d.subject()).contains("Hi");
    assertThat(d.expiry()).contains(TimeSpec.after(Duration.ofSeconds(86400)));
    assertThat(d.deliveryReport()).contains(true);
    assertThat(d.contentType().get().mediaType())
        .isEqualTo("application/vnd.wap.multipart.related");
    assertThat(d.contentType().get().parameter("start")).contains("<smil>");
    assertThat(d.contentType().get().parameter("type")).contains("application/smil");
    assertThat(d.parts()).hasSize(2);
    assertThat(d.parts().get(0).contentId()).contains("smil");
    assertThat(d.parts().get(0).contentLocation()).contains("smil.smil");
    assertThat(d.parts().get(0).bytes()).isEqualTo(smil);
    assertThat(d.parts().get(1).charset()).contains("utf-8");
    assertThat(d.parts().get(1).text()).isEqualTo("Hello");
  }

  @Test
  void sendConf() {
    MmsPdu pdu =
        MmsPdu.builder(PduType.SEND_CONF)
            .version(MmsVersion.V1_0)
            .transactionId("T1")
            .responseStatus(PduStatus.OK)
            .messageId("msg-1")
            .build();
    byte[] expected =
        Bytes.spec(
            "8C 81", // X-Mms-Message-Type: m-send-conf
            "98 'T1' 00", // X-Mms-Transaction-ID
            "8D 90", // X-Mms-MMS-Version: 1.0
            "92 80", // X-Mms-Response-Status: Ok
            "8B 'msg-1' 00"); // Message-ID: Text-string
    assertGolden(pdu, expected);
    MmsPdu d = MmsPduDecoder.decode(expected);
    assertThat(d.responseStatus()).hasValue(0x80);
    assertThat(d.messageId()).contains("msg-1");
  }

  @Test
  void sendConfWithLongResponseTextUsesLengthQuote() {
    String text = "Message received, thank you very much"; // 37 characters
    MmsPdu pdu =
        MmsPdu.builder(PduType.SEND_CONF)
            .transactionId("7")
            .responseStatus(PduStatus.PERMANENT_SERVICE_DENIED)
            .add(
                new PduHeader.Encoded(
                    PduField.RESPONSE_TEXT, new EncodedString(text, EncodedString.UTF_8)))
            .build();
    byte[] expected =
        Bytes.spec(
            "8C 81", // m-send-conf
            "98 '7' 00", // Transaction-ID
            "8D 92", // version 1.2
            "92 E1", // Response-Status: Error-permanent-service-denied
            // Response-Text: Length-quote 1F, Uintvar 39 (charset + 37 octets + NUL), utf-8
            "93 1F 27 EA 'Message received, thank you very much' 00");
    assertGolden(pdu, expected);
    assertThat(MmsPduDecoder.decode(expected).responseText()).contains(text);
  }

  @Test
  void notificationInd() {
    MmsPdu pdu =
        MmsPdu.builder(PduType.NOTIFICATION_IND)
            .transactionId("tid")
            .from(PHONE)
            .subject("Sub")
            .messageClass(MessageClass.PERSONAL)
            .messageSize(12345)
            .expiry(TimeSpec.after(Duration.ofSeconds(86400)))
            .contentLocation("http://mmsc/x")
            .build();
    byte[] expected =
        Bytes.spec(
            "8C 82", // X-Mms-Message-Type: m-notification-ind
            "98 'tid' 00", // X-Mms-Transaction-ID
            "8D 92", // X-Mms-MMS-Version 1.2
            "89 15 80 '+15550001/TYPE=PLMN' 00", // From: length 21, Address-present, Text-string
            "96 'Sub' 00", // Subject
            "8A 80", // X-Mms-Message-Class: Personal
            "8E 02 30 39", // X-Mms-Message-Size: Long-integer 12345
            "88 05 81 03 01 51 80", // X-Mms-Expiry: relative 86400 s
            "83 'http://mmsc/x' 00"); // X-Mms-Content-Location
    assertGolden(pdu, expected);
    MmsPdu d = MmsPduDecoder.decode(expected);
    assertThat(d.from()).contains(PHONE);
    assertThat(d.messageClass()).contains(MessageClass.PERSONAL);
    assertThat(d.messageSize()).hasValue(12345);
    assertThat(d.contentLocation()).contains("http://mmsc/x");
    assertThat(d.missingMandatoryHeaders()).isEmpty();
  }

  @Test
  void notifyRespInd() {
    MmsPdu pdu =
        MmsPdu.builder(PduType.NOTIFYRESP_IND)
            .transactionId("tid")
            .status(PduStatus.STATUS_RETRIEVED)
            .reportAllowed(true)
            .build();
    byte[] expected =
        Bytes.spec(
            "8C 83", // m-notifyresp-ind
            "98 'tid' 00", // Transaction-ID
            "8D 92", // version 1.2
            "95 81", // X-Mms-Status: Retrieved
            "91 80"); // X-Mms-Report-Allowed: Yes
    assertGolden(pdu, expected);
    assertThat(MmsPduDecoder.decode(expected).status()).hasValue(0x81);
  }

  @Test
  void retrieveConfWithCharsetSubjectAndAttachment() {
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
    MmsPdu pdu =
        MmsPdu.builder(PduType.RETRIEVE_CONF)
            .version(MmsVersion.V1_3)
            .transactionId("r1")
            .messageId("mid")
            .date(DATE)
            .from(PHONE)
            .addTo(PHONE)
            .subject("Grüße")
            .priority(Priority.HIGH)
            .contentType(ContentType.MULTIPART_MIXED)
            .addPart(
                MmsPart.builder()
                    .contentType("image/jpeg")
                    .contentId("img")
                    .contentLocation("a.jpg")
                    .disposition("attachment")
                    .fileName("a.jpg")
                    .body(jpeg)
                    .build())
            .build();
    byte[] expected =
        Bytes.spec(
            "8C 84", // m-retrieve-conf
            "98 'r1' 00", // Transaction-ID
            "8D 93", // version 1.3
            "8B 'mid' 00", // Message-ID
            "85 04 65 53 F1 00", // Date
            "89 15 80 '+15550001/TYPE=PLMN' 00", // From
            "97 '+15550001/TYPE=PLMN' 00", // To
            "96 09 EA 'Grüße' 00", // Subject: length 9, utf-8, 7 octets, NUL
            "8F 82", // X-Mms-Priority: High
            "84 A3", // Content-Type: multipart.mixed (0x23), constrained form
            "01", // 1 entry
            "1A 04", // headers length 26, data length 4
            "9E", // image/jpeg (0x1E)
            "C0 22 '<img>' 00", // Content-ID
            "8E 'a.jpg' 00", // Content-Location
            "AE 08 81 86 'a.jpg' 00", // Content-Disposition: length 8, attachment, Filename
            jpeg);
    assertGolden(pdu, expected);
    MmsPdu d = MmsPduDecoder.decode(expected);
    assertThat(d.subjectEncoded()).contains(new EncodedString("Grüße", 106));
    assertThat(d.priority()).contains(Priority.HIGH);
    MmsPart p = d.parts().get(0);
    assertThat(p.disposition()).contains("attachment");
    assertThat(p.fileName()).contains("a.jpg");
    assertThat(p.contentType().mediaType()).isEqualTo("image/jpeg");
  }

  @Test
  void acknowledgeInd() {
    MmsPdu pdu =
        MmsPdu.builder(PduType.ACKNOWLEDGE_IND).transactionId("tid").reportAllowed(false).build();
    byte[] expected =
        Bytes.spec(
            "8C 85", // m-acknowledge-ind
            "98 'tid' 00", // Transaction-ID
            "8D 92", // version
            "91 81"); // X-Mms-Report-Allowed: No
    assertGolden(pdu, expected);
  }

  @Test
  void deliveryIndHasNoTransactionId() {
    MmsPdu pdu =
        MmsPdu.builder(PduType.DELIVERY_IND)
            .messageId("mid")
            .addTo(PHONE)
            .date(DATE)
            .status(PduStatus.STATUS_RETRIEVED)
            .build();
    byte[] expected =
        Bytes.spec(
            "8C 86", // m-delivery-ind
            "8D 92", // version: straight after the type, no Transaction-ID
            "8B 'mid' 00", // Message-ID
            "97 '+15550001/TYPE=PLMN' 00", // To
            "85 04 65 53 F1 00", // Date
            "95 81"); // X-Mms-Status: Retrieved
    assertGolden(pdu, expected);
  }

  @Test
  void readRecIndAndReadOrigInd() {
    MmsPdu rec =
        MmsPdu.builder(PduType.READ_REC_IND)
            .version(MmsVersion.V1_1)
            .messageId("mid")
            .addTo(PHONE)
            .from(PHONE)
            .readStatus(PduStatus.READ)
            .build();
    assertGolden(
        rec,
        Bytes.spec(
            "8C 87", // m-read-rec-ind
            "8D 91", // version 1.1
            "8B 'mid' 00", // Message-ID
            "97 '+15550001/TYPE=PLMN' 00", // To
            "89 15 80 '+15550001/TYPE=PLMN' 00", // From
            "9B 80")); // X-Mms-Read-Status: Read
    MmsPdu orig =
        MmsPdu.builder(PduType.READ_ORIG_IND)
            .version(MmsVersion.V1_1)
            .messageId("mid")
            .addTo(PHONE)
            .from(PHONE)
            .date(DATE)
            .readStatus(PduStatus.DELETED_WITHOUT_BEING_READ)
            .build();
    assertGolden(
        orig,
        Bytes.spec(
            "8C 88", // m-read-orig-ind
            "8D 91", // version 1.1
            "8B 'mid' 00", // Message-ID
            "97 '+15550001/TYPE=PLMN' 00", // To
            "89 15 80 '+15550001/TYPE=PLMN' 00", // From
            "85 04 65 53 F1 00", // Date
            "9B 81")); // X-Mms-Read-Status: Deleted without being read
  }

  @Test
  void forwardReqAndConf() {
    MmsPdu req =
        MmsPdu.builder(PduType.FORWARD_REQ)
            .transactionId("f1")
            .fromInsertAddress()
            .addTo(PHONE)
            .contentLocation("http://mmsc/x")
            .deliveryReport(false)
            .build();
    assertGolden(
        req,
        Bytes.spec(
            "8C 89", // m-forward-req
            "98 'f1' 00", // Transaction-ID
            "8D 92", // version
            "89 01 81", // From: Insert-address
            "97 '+15550001/TYPE=PLMN' 00", // To
            "83 'http://mmsc/x' 00", // X-Mms-Content-Location
            "86 81")); // X-Mms-Delivery-Report: No
    MmsPdu conf =
        MmsPdu.builder(PduType.FORWARD_CONF)
            .transactionId("f1")
            .responseStatus(0xE1)
            .messageId("m2")
            .build();
    assertGolden(
        conf,
        Bytes.spec(
            "8C 8A", // m-forward-conf
            "98 'f1' 00", // Transaction-ID
            "8D 92", // version
            "92 E1", // Response-Status: permanent service denied
            "8B 'm2' 00")); // Message-ID
  }

  @Test
  void mms13CancelReqAndUnknownHeadersAreKept() {
    MmsPdu pdu =
        MmsPdu.builder(PduType.CANCEL_REQ)
            .version(MmsVersion.V1_3)
            .transactionId("c1")
            .add(new PduHeader.Text(PduField.CANCEL_ID, "mid"))
            .add(new PduHeader.Raw(0x45, new byte[] {0x02, 0x01, 0x02}))
            .addApplicationHeader("X-Foo", "bar")
            .build();
    byte[] expected =
        Bytes.spec(
            "8C 96", // m-cancel-req
            "98 'c1' 00", // Transaction-ID
            "8D 93", // version 1.3
            "BE 'mid' 00", // X-Mms-Cancel-ID (0x3E): Text-string
            "C5 02 01 02", // unknown field 0x45: Short-length 2 value, kept verbatim
            "'X-Foo' 00 'bar' 00"); // application header: Token-text, Text-string
    assertGolden(pdu, expected);
    MmsPdu d = MmsPduDecoder.decode(expected);
    assertThat(d.text(PduField.CANCEL_ID)).contains("mid");
    assertThat(d.applicationHeaders()).containsExactly(new PduHeader.Application("X-Foo", "bar"));
  }

  @Test
  void absoluteExpiryAndWellKnownMessageClassAsTokenText() {
    byte[] bytes =
        Bytes.spec(
            "8C 82", // m-notification-ind
            "98 't' 00", // Transaction-ID
            "8D 90", // 1.0
            "8A 'custom' 00", // X-Mms-Message-Class: Token-text
            "8E 01 98", // Message-Size: Long-integer of one octet (0x98 = 152)
            "88 06 80 04 65 53 F1 00", // Expiry: length 6, Absolute, Date-value
            "83 'http://x' 00"); // Content-Location
    MmsPdu d = MmsPduDecoder.decode(bytes);
    assertThat(d.messageClass()).isEmpty();
    assertThat(d.messageClassText()).contains("custom");
    assertThat(d.messageSize()).hasValue(152);
    assertThat(d.expiry()).contains(TimeSpec.at(DATE));
    assertThat(hex(MmsPduEncoder.encode(d))).isEqualTo(hex(bytes));
  }

  @Test
  void decoderAcceptsShortIntegerWhereLongIntegerIsExpectedAndQuotedText() {
    byte[] bytes =
        Bytes.spec(
            "8C 82", // m-notification-ind
            "8D 92", // version before Transaction-ID (tolerated)
            "98 7F 'ét' 00", // Transaction-ID with the quote octet (dropped)
            "8E 85", // Message-Size as a Short-integer: 5
            "88 02 81 8A", // Expiry relative as a Short-integer: 10 s
            "8A 81"); // Message-Class: Advertisement
    MmsPdu d = MmsPduDecoder.decode(bytes);
    assertThat(d.transactionId()).contains("ét");
    assertThat(d.headers().get(0).field()).isEqualTo(PduField.TRANSACTION_ID);
    assertThat(d.messageSize()).hasValue(5);
    assertThat(d.expiry()).contains(TimeSpec.after(Duration.ofSeconds(10)));
    assertThat(d.messageClass()).contains(MessageClass.ADVERTISEMENT);
    assertThat(d.missingMandatoryHeaders()).containsExactly("X-Mms-Content-Location");
  }

  @Test
  void singlePartBodyAndUtf16Subject() {
    MmsPdu pdu =
        MmsPdu.builder(PduType.RETRIEVE_CONF)
            .date(DATE)
            .subject(new EncodedString("Hé", 1015))
            .contentType(ContentType.parse("text/plain; charset=utf-8"))
            .addPart(
                MmsPart.builder()
                    .contentType("text/plain; charset=utf-8")
                    .body("hi".getBytes(StandardCharsets.UTF_8))
                    .build())
            .build();
    byte[] expected =
        Bytes.spec(
            "8C 84", // m-retrieve-conf
            "8D 92", // version
            "85 04 65 53 F1 00", // Date
            // Subject: length 10: utf-16 (Long-integer of 2 octets, 0x03F7), BOM FE FF (no quote:
            // the length delimits the text), 'H' and 'é' big-endian, NUL
            "96 0A 02 03 F7 FE FF 00 48 00 E9 00",
            "84 03 83 81 EA", // Content-Type: text/plain; charset=utf-8
            "'hi'"); // the body itself, no multipart framing
    assertGolden(pdu, expected);
  }
}
