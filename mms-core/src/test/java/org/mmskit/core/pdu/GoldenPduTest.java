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
        Bytes.of(
            0x8C,
            0x80, // X-Mms-Message-Type: m-send-req
            0x98,
            "T1",
            0x00, // X-Mms-Transaction-ID: Text-string "T1"
            0x8D,
            0x92, // X-Mms-MMS-Version: 1.2 (major 1 in bits 6-4, minor 2)
            0x85,
            0x04,
            0x65,
            0x53,
            0xF1,
            0x00, // Date: Long-integer, 4 octets, 1700000000
            0x89,
            0x01,
            0x81, // From: Value-length 1, Insert-address-token
            0x97,
            "+15551234567/TYPE=PLMN",
            0x00, // To: Encoded-string-value as Text-string
            0x96,
            "Hi",
            0x00, // Subject: Text-string
            0x88,
            0x05,
            0x81,
            0x03,
            0x01,
            0x51,
            0x80, // Expiry: len 5, Relative, 86400 s
            0x86,
            0x80, // X-Mms-Delivery-Report: Yes
            // Content-Type: Value-length 27, multipart.related (0x33), Type, Start parameters
            0x84,
            0x1B,
            0xB3,
            0x89,
            "application/smil",
            0x00,
            0x8A,
            "<smil>",
            0x00,
            0x02, // multipart: 2 entries (Uintvar)
            0x25,
            0x07, // entry 1: headers length 37, data length 7
            "application/smil",
            0x00, // part Content-Type: Text-string (no well-known code)
            0xC0,
            0x22,
            "<smil>",
            0x00, // Content-ID: Quoted-string, no closing quote
            0x8E,
            "smil.smil",
            0x00, // Content-Location: Text-string
            smil, // data
            0x0E,
            0x05, // entry 2: headers length 14, data length 5
            0x03,
            0x83,
            0x81,
            0xEA, // Content-Type: len 3, text/plain, Charset utf-8 (106)
            0x8E,
            "text.txt",
            0x00, // Content-Location
            "Hello"); // data
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
        Bytes.of(
            0x8C, 0x81, // X-Mms-Message-Type: m-send-conf
            0x98, "T1", 0x00, // X-Mms-Transaction-ID
            0x8D, 0x90, // X-Mms-MMS-Version: 1.0
            0x92, 0x80, // X-Mms-Response-Status: Ok
            0x8B, "msg-1", 0x00); // Message-ID: Text-string
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
        Bytes.of(
            0x8C,
            0x81, // m-send-conf
            0x98,
            "7",
            0x00, // Transaction-ID
            0x8D,
            0x92, // version 1.2
            0x92,
            0xE1, // Response-Status: Error-permanent-service-denied
            // Response-Text: Length-quote, Uintvar 39 (charset + 37 octets + NUL), utf-8, text
            0x93,
            0x1F,
            0x27,
            0xEA,
            text,
            0x00);
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
        Bytes.of(
            0x8C,
            0x82, // X-Mms-Message-Type: m-notification-ind
            0x98,
            "tid",
            0x00, // X-Mms-Transaction-ID
            0x8D,
            0x92, // X-Mms-MMS-Version 1.2
            0x89,
            0x15,
            0x80,
            PHONE,
            0x00, // From: len 21, Address-present, Text-string
            0x96,
            "Sub",
            0x00, // Subject
            0x8A,
            0x80, // X-Mms-Message-Class: Personal
            0x8E,
            0x02,
            0x30,
            0x39, // X-Mms-Message-Size: Long-integer 12345
            0x88,
            0x05,
            0x81,
            0x03,
            0x01,
            0x51,
            0x80, // X-Mms-Expiry: relative 86400 s
            0x83,
            "http://mmsc/x",
            0x00); // X-Mms-Content-Location
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
        Bytes.of(
            0x8C, 0x83, // m-notifyresp-ind
            0x98, "tid", 0x00, // Transaction-ID
            0x8D, 0x92, // version 1.2
            0x95, 0x81, // X-Mms-Status: Retrieved
            0x91, 0x80); // X-Mms-Report-Allowed: Yes
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
        Bytes.of(
            0x8C, 0x84, // m-retrieve-conf
            0x98, "r1", 0x00, // Transaction-ID
            0x8D, 0x93, // version 1.3
            0x8B, "mid", 0x00, // Message-ID
            0x85, 0x04, 0x65, 0x53, 0xF1, 0x00, // Date
            0x89, 0x15, 0x80, PHONE, 0x00, // From
            0x97, PHONE, 0x00, // To
            0x96, 0x09, 0xEA, "Grüße", 0x00, // Subject: len 9, utf-8, 7 octets, NUL
            0x8F, 0x82, // X-Mms-Priority: High
            0x84, 0xA3, // Content-Type: multipart.mixed (0x23), constrained form
            0x01, // 1 entry
            0x1A, 0x04, // headers length 26, data length 4
            0x9E, // image/jpeg (0x1E)
            0xC0, 0x22, "<img>", 0x00, // Content-ID
            0x8E, "a.jpg", 0x00, // Content-Location
            0xAE, 0x08, 0x81, 0x86, "a.jpg", 0x00, // Content-Disposition: attachment; filename
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
        Bytes.of(
            0x8C, 0x85, // m-acknowledge-ind
            0x98, "tid", 0x00, // Transaction-ID
            0x8D, 0x92, // version
            0x91, 0x81); // X-Mms-Report-Allowed: No
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
        Bytes.of(
            0x8C, 0x86, // m-delivery-ind
            0x8D, 0x92, // version: straight after the type, no Transaction-ID
            0x8B, "mid", 0x00, // Message-ID
            0x97, PHONE, 0x00, // To
            0x85, 0x04, 0x65, 0x53, 0xF1, 0x00, // Date
            0x95, 0x81); // X-Mms-Status: Retrieved
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
        Bytes.of(
            0x8C, 0x87, // m-read-rec-ind
            0x8D, 0x91, // version 1.1
            0x8B, "mid", 0x00, // Message-ID
            0x97, PHONE, 0x00, // To
            0x89, 0x15, 0x80, PHONE, 0x00, // From
            0x9B, 0x80)); // X-Mms-Read-Status: Read
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
        Bytes.of(
            0x8C, 0x88, // m-read-orig-ind
            0x8D, 0x91, // version 1.1
            0x8B, "mid", 0x00, // Message-ID
            0x97, PHONE, 0x00, // To
            0x89, 0x15, 0x80, PHONE, 0x00, // From
            0x85, 0x04, 0x65, 0x53, 0xF1, 0x00, // Date
            0x9B, 0x81)); // X-Mms-Read-Status: Deleted without being read
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
        Bytes.of(
            0x8C,
            0x89, // m-forward-req
            0x98,
            "f1",
            0x00, // Transaction-ID
            0x8D,
            0x92, // version
            0x89,
            0x01,
            0x81, // From: Insert-address
            0x97,
            PHONE,
            0x00, // To
            0x83,
            "http://mmsc/x",
            0x00, // X-Mms-Content-Location
            0x86,
            0x81)); // Delivery-Report: No
    MmsPdu conf =
        MmsPdu.builder(PduType.FORWARD_CONF)
            .transactionId("f1")
            .responseStatus(0xE1)
            .messageId("m2")
            .build();
    assertGolden(
        conf,
        Bytes.of(
            0x8C, 0x8A, // m-forward-conf
            0x98, "f1", 0x00, // Transaction-ID
            0x8D, 0x92, // version
            0x92, 0xE1, // Response-Status: permanent service denied
            0x8B, "m2", 0x00)); // Message-ID
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
        Bytes.of(
            0x8C, 0x96, // m-cancel-req
            0x98, "c1", 0x00, // Transaction-ID
            0x8D, 0x93, // version 1.3
            0xBE, "mid", 0x00, // X-Mms-Cancel-ID (0x3E): Text-string
            0xC5, 0x02, 0x01, 0x02, // unknown field 0x45: Short-length 2 value, kept verbatim
            "X-Foo", 0x00, "bar", 0x00); // application header: Token-text, Text-string
    assertGolden(pdu, expected);
    MmsPdu d = MmsPduDecoder.decode(expected);
    assertThat(d.text(PduField.CANCEL_ID)).contains("mid");
    assertThat(d.applicationHeaders()).containsExactly(new PduHeader.Application("X-Foo", "bar"));
  }

  @Test
  void absoluteExpiryAndWellKnownMessageClassAsTokenText() {
    byte[] bytes =
        Bytes.of(
            0x8C,
            0x82, // m-notification-ind
            0x98,
            "t",
            0x00, // Transaction-ID
            0x8D,
            0x90, // 1.0
            0x8A,
            "custom",
            0x00, // X-Mms-Message-Class: Token-text
            0x8E,
            0x01,
            0x98, // Message-Size: Long-integer of one octet (0x98 = 152)
            0x88,
            0x06,
            0x80,
            0x04,
            0x65,
            0x53,
            0xF1,
            0x00, // Expiry: Absolute, Date-value
            0x83,
            "http://x",
            0x00); // Content-Location
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
        Bytes.of(
            0x8C, 0x82, // m-notification-ind
            0x8D, 0x92, // version before Transaction-ID (tolerated)
            0x98, 0x7F, "\u00e9t", 0x00, // Transaction-ID with quote octet (dropped)
            0x8E, 0x85, // Message-Size as Short-integer 5
            0x88, 0x02, 0x81, 0x8A, // Expiry relative as Short-integer 10
            0x8A, 0x81); // class Advertisement
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
        Bytes.of(
            0x8C,
            0x84, // m-retrieve-conf
            0x8D,
            0x92, // version
            0x85,
            0x04,
            0x65,
            0x53,
            0xF1,
            0x00, // Date
            // Subject: len 11: utf-16 (Long-integer 2 octets 0x03F7), quote (BOM starts with
            // 0xFE), BOM FE FF, 'H' 'é' big-endian, NUL
            0x96,
            0x0B,
            0x02,
            0x03,
            0xF7,
            0x7F,
            0xFE,
            0xFF,
            0x00,
            0x48,
            0x00,
            0xE9,
            0x00,
            0x84,
            0x03,
            0x83,
            0x81,
            0xEA, // Content-Type text/plain; charset=utf-8
            "hi"); // the body itself, no multipart framing
    assertGolden(pdu, expected);
  }
}
