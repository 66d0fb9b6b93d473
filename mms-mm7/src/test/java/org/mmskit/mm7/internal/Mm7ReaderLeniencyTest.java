package org.mmskit.mm7.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.mm7.Mm7Dialect;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7Body.DeliverReq;
import org.mmskit.mm7.internal.Mm7Body.ErrorRsp;
import org.mmskit.mm7.internal.Mm7Body.Fault;
import org.mmskit.mm7.internal.Mm7Body.SubmitReq;
import org.mmskit.mm7.internal.Mm7Body.SubmitRsp;

/** The reader accepts the shapes seen in the field and refuses hostile input with typed errors. */
class Mm7ReaderLeniencyTest {
  private static final String NS5 = Mm7Version.REL_5_MM7_1_3.namespace();

  private static Mm7Envelope read(String contentType, String body) {
    return Mm7Codec.read(contentType, body.getBytes(StandardCharsets.UTF_8), Mm7Limits.defaults());
  }

  private static String envelope(String header, String body) {
    return "<S:Envelope xmlns:S='http://schemas.xmlsoap.org/soap/envelope/'><S:Header>"
        + header
        + "</S:Header><S:Body>"
        + body
        + "</S:Body></S:Envelope>";
  }

  @Test
  void elementsOutOfOrderCapitalisedBooleansPlainTextSender() {
    String xml =
        envelope(
            "<TransactionID xmlns='" + NS5 + "'>\n   t-1 \n</TransactionID>",
            "<SubmitReq xmlns='"
                + NS5
                + "'><ReadReply>True</ReadReply><DeliveryReport>TRUE</DeliveryReport>"
                + "<Recipients><To><Number>+4911</Number><RFC2822Address displayOnly='True'>a@b.c"
                + "</RFC2822Address></To></Recipients>"
                + "<MM7Version>5.6.0</MM7Version>"
                + "<SenderIdentification><SenderAddress>+4922</SenderAddress></SenderIdentification>"
                + "<ExpiryDate>P90D</ExpiryDate><DistributionIndicator>False</DistributionIndicator>"
                + "</SubmitReq>");
    Mm7Envelope env = read("application/xml", xml);
    assertThat(env.transactionId()).contains("t-1");
    assertThat(env.version().schema()).isEqualTo("REL-5-MM7-1-3");
    assertThat(env.version().mm7Version()).isEqualTo("5.6.0");
    SubmitReq s = (SubmitReq) env.body();
    assertThat(s.message().readReport()).isTrue();
    assertThat(s.message().deliveryReport()).isTrue();
    assertThat(s.message().distributionIndicator()).contains(false);
    assertThat(s.message().from()).contains(Address.phone("+4922"));
    assertThat(s.message().to())
        .containsExactly(Address.phone("+4911"), Address.email("a@b.c").withDisplayOnly(true));
    assertThat(s.message().expiry().flatMap(t -> t.relative()).orElseThrow().toDays())
        .isEqualTo(90);
  }

  @Test
  void unknownReleaseNamespaceAndPrefixedChildren() {
    String ns = Mm7Version.NAMESPACE_BASE + "REL-7-MM7-1-0";
    String xml =
        envelope(
            "",
            "<x:SubmitRsp xmlns:x='"
                + ns
                + "'><x:MM7Version>7.0.0</x:MM7Version><x:Status><x:StatusCode>1000</x:StatusCode>"
                + "</x:Status><x:MessageID>m1</x:MessageID></x:SubmitRsp>");
    Mm7Envelope env = read("text/xml", xml);
    assertThat(env.version().release()).isEqualTo(7);
    assertThat(env.version().namespace()).isEqualTo(ns);
    assertThat(env.transactionId()).isEmpty();
    assertThat(((SubmitRsp) env.body()).messageId()).isEqualTo("m1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"VASPErrorRsp", "MM7VASPErrorRsp", "RSErrorRsp"})
  void faultDetails(String element) {
    String xml =
        envelope(
            "",
            "<S:Fault><S:faultcode>S:Server</S:faultcode><S:faultstring>busy</S:faultstring><detail>"
                + "<"
                + element
                + " xmlns='"
                + NS5
                + "'><MM7Version>5.3.0</MM7Version><Status><StatusCode>3001</StatusCode>"
                + "<StatusText>Not possible</StatusText><Details><a>x</a> y</Details></Status></"
                + element
                + "></detail></S:Fault>");
    Fault f = (Fault) read("text/xml", xml).body();
    assertThat(f.faultCode()).isEqualTo("S:Server");
    assertThat(f.faultString()).isEqualTo("busy");
    ErrorRsp e = f.detail().orElseThrow();
    assertThat(e.fromRelay()).isEqualTo(element.equals("RSErrorRsp"));
    assertThat(e.status().code()).isEqualTo(3001);
    assertThat(e.status().details()).contains("y x");
  }

  @Test
  void ericssonRpcStyleIsRecognised() {
    String xml =
        "<SOAP-ENV:Envelope xmlns:SOAP-ENV='http://schemas.xmlsoap.org/soap/envelope/'"
            + " xmlns:xsi='http://www.w3.org/1999/XMLSchema-instance'"
            + " xmlns:xsd='http://www.w3.org/1999/XMLSchema'><SOAP-ENV:Header>"
            + "<MM7Header xmlns='urn:xml-MM7Header'><Transaction-ID xsi:type='xsd:string'>e-1"
            + "</Transaction-ID></MM7Header></SOAP-ENV:Header><SOAP-ENV:Body>"
            + "<MM7SubmitRsp xmlns='urn:MM7Submit.Rsp'><Version>5.2.0</Version><Status>"
            + "<StatusCode>1000</StatusCode></Status><MessageID>E77</MessageID></MM7SubmitRsp>"
            + "</SOAP-ENV:Body></SOAP-ENV:Envelope>";
    Mm7Envelope env = read("text/xml", xml);
    assertThat(env.dialect()).isEqualTo(Mm7Dialect.ERICSSON);
    assertThat(env.transactionId()).contains("e-1");
    assertThat(env.version().mm7Version()).isEqualTo("5.2.0");
    assertThat(((SubmitRsp) env.body()).messageId()).isEqualTo("E77");
  }

  private static String deliverReq(String inner) {
    return envelope(
        "<TransactionID xmlns='" + NS5 + "'>t-9</TransactionID>",
        "<DeliverReq xmlns='"
            + NS5
            + "'><MM7Version>5.3.0</MM7Version><Sender><Number>+4933</Number></Sender>"
            + inner
            + "</DeliverReq>");
  }

  /** One open MM7 library writes RFC822Address and a Date.toString() TimeStamp. */
  @Test
  void rfc822AddressIsReadAsRfc2822AndDateToStringTimeStampIsRead() {
    DeliverReq d =
        (DeliverReq)
            read(
                    "text/xml",
                    deliverReq(
                        "<Recipients><To><RFC822Address>a@b.example</RFC822Address></To>"
                            + "</Recipients><TimeStamp>Tue Mar 04 10:15:30 CET 2025</TimeStamp>"))
                .body();
    assertThat(d.message().to()).containsExactly(Address.email("a@b.example"));
    assertThat(d.message().date()).contains(java.time.Instant.parse("2025-03-04T09:15:30Z"));
  }

  @Test
  void unreadableOptionalValuesAreLeftOutNotFatal() {
    DeliverReq d =
        (DeliverReq)
            read(
                    "text/xml",
                    deliverReq(
                        "<TimeStamp>around noon</TimeStamp><Priority>Urgent!</Priority>"
                            + "<Content href='cid:x' allowAdaptations='perhaps'/>"))
                .body();
    assertThat(d.message().date()).isEmpty();
    assertThat(d.message().priority()).isEmpty();
    assertThat(d.message().from()).contains(Address.phone("+4933"));
  }

  @Test
  void anAddressInAnUnknownElementRefusesTheMessage() {
    assertThatThrownBy(
            () ->
                read(
                    "text/xml",
                    deliverReq("<Recipients><To><Msisdn>+4944</Msisdn></To></Recipients>")))
        .isInstanceOf(MmsMalformedException.class)
        .hasMessageContaining("Msisdn");
    assertThat(
            Mm7Codec.transactionId(
                "text/xml",
                bytes(deliverReq("<Recipients><To><Msisdn>1" + "</Msisdn></To></Recipients>")),
                bytes(deliverReq("<Recipients><To><Msisdn>1" + "</Msisdn></To></Recipients>"))
                    .length))
        .contains("t-9");
  }

  @Test
  void repeatedRecipientListsKeepEveryRecipient() {
    DeliverReq d =
        (DeliverReq)
            read(
                    "text/xml",
                    deliverReq(
                        "<Recipients><To><Number>+4901</Number></To>\n <To>+4902</To>"
                            + "<Cc><Number>+4903</Number></Cc></Recipients>"))
                .body();
    assertThat(d.message().to()).containsExactly(Address.phone("+4901"), Address.phone("+4902"));
    assertThat(d.message().cc()).containsExactly(Address.phone("+4903"));
    assertThatThrownBy(
            () ->
                read(
                    "text/xml",
                    deliverReq(
                        "<Recipients><To><Number>+4901</Number></To><Cc><Number>+4903</Number>"
                            + "</Cc><To><Number>+4902</Number></To></Recipients>")))
        .isInstanceOf(MmsMalformedException.class);
  }

  @Test
  void unknownElementsAnywhereAreIgnored() {
    DeliverReq d =
        (DeliverReq)
            read(
                    "text/xml",
                    deliverReq(
                        "<Vendor><Deep a='1'>x</Deep></Vendor><Subject> hi </Subject>"
                            + "<x:Ext xmlns:x='urn:other'/>"))
                .body();
    assertThat(d.message().subject()).contains("hi");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Missing start, bare Content-IDs, "cid: " with a space, quoted-printable and LF line ends. */
  @Test
  void mimeQuirks() {
    String soap =
        envelope(
            "",
            "<DeliverReq xmlns='"
                + NS5
                + "'><MM7Version>5.3.0</MM7Version><Sender><ShortCode>777</ShortCode></Sender>"
                + "<Content href='cid: c%401'/></DeliverReq>");
    String body =
        "preamble\n--b1\nContent-Type: text/xml\n\n"
            + soap
            + "\n--b1\nContent-Type: multipart/mixed; Boundary=\"b2\"\nContent-Id: c@1\n\n"
            + "--b2\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
            + "Gr=C3=BC=\nße\n"
            + "--b2\nContent-Type: image/gif\nContent-Transfer-Encoding: BASE64\n\n"
            + Base64.getMimeEncoder()
                .encodeToString(new byte[] {'G', 'I', 'F', '8', '9', 'a', 0, -1})
            + "\n--b2--\n--b1--\n";
    Mm7Envelope env = read("Multipart/Related; Type=\"text/xml\"; Boundary=b1", body);
    DeliverReq d = (DeliverReq) env.body();
    assertThat(d.message().from()).contains(Address.shortCode("777"));
    assertThat(d.message().parts()).hasSize(2);
    assertThat(d.message().parts().get(0).text()).isEqualTo("Grüße");
    assertThat(d.message().parts().get(1).bytes())
        .containsExactly('G', 'I', 'F', '8', '9', 'a', 0, -1);
  }

  @Test
  void multipartDeclaredButBareXml() {
    String xml =
        envelope(
            "",
            "<DeliveryReportRsp xmlns='"
                + NS5
                + "'><MM7Version>5.3.0</MM7Version><Status><StatusCode>1000</StatusCode></Status>"
                + "</DeliveryReportRsp>");
    assertThat(read("multipart/related; ", xml).body())
        .isInstanceOf(Mm7Body.DeliveryReportRsp.class);
  }

  // ------------------------------------------------------------ hostile input

  @Test
  void xxeIsRefused() {
    String xml =
        "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
            + envelope("", "<SubmitRsp><Status><StatusCode>&e;</StatusCode></Status></SubmitRsp>");
    assertThatThrownBy(() -> read("text/xml", xml))
        .isInstanceOf(MmsMalformedException.class)
        .hasMessageContaining("DTD");
  }

  @Test
  void billionLaughsIsRefused() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE l [<!ENTITY l0 'ha'>");
    for (int i = 1; i < 10; i++) {
      dtd.append("<!ENTITY l").append(i).append(" '");
      for (int k = 0; k < 10; k++) {
        dtd.append("&l").append(i - 1).append(';');
      }
      dtd.append("'>");
    }
    dtd.append("]>");
    String xml = dtd + "<l>&l9;</l>";
    assertThatThrownBy(() -> read("text/xml", xml)).isInstanceOf(MmsMalformedException.class);
  }

  @Test
  void deeplyNestedXmlIsRefused() {
    String deep = "<a>".repeat(10_000) + "</a>".repeat(10_000);
    assertThatThrownBy(() -> read("text/xml", envelope(deep, "<SubmitRsp/>")))
        .isInstanceOf(MmsMalformedException.class)
        .hasMessageContaining("nested deeper");
  }

  @Test
  void undeclaredEntityIsRefused() {
    assertThatThrownBy(() -> read("text/xml", "<a>&boom;</a>"))
        .isInstanceOf(MmsMalformedException.class);
  }

  @Test
  void oversizedStreamIsRefusedWithoutReadingItAll() {
    Mm7Limits limits = Mm7Limits.defaults().withMaxBodyBytes(1024);
    long[] served = {0};
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            served[0]++;
            return 'x';
          }

          @Override
          public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) 'x');
            served[0] += len;
            return len;
          }
        };
    assertThatThrownBy(() -> Mm7Codec.read("text/xml", endless, limits))
        .isInstanceOf(MmsMalformedException.class)
        .hasMessageContaining("larger than 1024");
    assertThat(served[0]).isLessThan(64 * 1024);
  }

  @Test
  void tooManyPartsAndTooDeepNestingAreRefused() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      sb.append("--b\nContent-Type: text/plain\n\nx\n");
    }
    sb.append("--b--\n");
    assertThatThrownBy(() -> read("multipart/related; boundary=b", sb.toString()))
        .isInstanceOf(MmsMalformedException.class)
        .hasMessageContaining("MIME parts");

    String nested = "x";
    for (int depth = 9; depth >= 0; depth--) {
      nested =
          "--n"
              + depth
              + "\nContent-Type: multipart/mixed; boundary=n"
              + (depth + 1)
              + "\n\n"
              + nested
              + "\n--n"
              + depth
              + "--\n";
    }
    String body = nested;
    assertThatThrownBy(() -> read("multipart/mixed; boundary=n0", body))
        .isInstanceOf(MmsMalformedException.class)
        .hasMessageContaining("nested");
  }

  @Test
  void garbageGivesTypedErrors() {
    java.util.Random r = new java.util.Random(42);
    for (int i = 0; i < 200; i++) {
      byte[] junk = new byte[r.nextInt(400)];
      r.nextBytes(junk);
      String ct =
          r.nextBoolean()
              ? "text/xml"
              : "multipart/related; boundary=\"" + (char) ('a' + r.nextInt(3)) + "\"";
      assertThatThrownBy(
              () -> Mm7Codec.read(ct, new ByteArrayInputStream(junk), Mm7Limits.defaults()))
          .isInstanceOf(MmsMalformedException.class);
    }
  }

  @Test
  void unknownBodyElementNamesIt() {
    assertThatThrownBy(() -> read("text/xml", envelope("", "<FooReq/>")))
        .isInstanceOf(MmsMalformedException.class)
        .hasMessageContaining("FooReq");
  }

  @Test
  void truncatedWrittenMessagesAreRefusedOrReadNeverCrash() {
    java.util.Random r = new java.util.Random(7);
    Mm7Envelope env = Mm7Envelope.of("t", Mm7Version.REL_6_MM7_1_4, Mm7Fixtures.deliverReq(r));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    String ct = Mm7Codec.write(env, out);
    byte[] all = out.toByteArray();
    for (int cut = 0; cut < all.length; cut += Math.max(1, all.length / 150)) {
      byte[] part = java.util.Arrays.copyOf(all, cut);
      try {
        Mm7Codec.read(ct, part, Mm7Limits.defaults());
      } catch (MmsMalformedException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }
}
