package org.mmskit.core.pdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mmskit.core.Address;
import org.mmskit.core.ContentClass;
import org.mmskit.core.ContentType;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.InboundContext;
import org.mmskit.core.MessageClass;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.Priority;
import org.mmskit.core.ReadReply;
import org.mmskit.core.ReadStatus;
import org.mmskit.core.ReplyCharging;
import org.mmskit.core.SenderVisibility;
import org.mmskit.core.TimeSpec;
import org.mmskit.core.Transport;

/** Mapping between MmsMessage / reports and PDUs. */
class PduMessagesTest {

  private static final InboundContext CONTEXT =
      new InboundContext(
          Transport.values()[0],
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Instant.ofEpochSecond(1_800_000_000L),
          List.of());

  private static MmsMessage richMessage() {
    return MmsMessage.builder()
        .to(Address.phone("+15551234567"), Address.shortCode("12345"))
        .cc(Address.email("carol@example.com"))
        .bcc(Address.ipv4("10.1.2.3"))
        .subject("Grüße", StandardCharsets.UTF_8)
        .presentation(SamplePdus.smil())
        .addPart(SamplePdus.image(300))
        .addPart(SamplePdus.text())
        .messageClass(MessageClass.INFORMATIONAL)
        .priority(Priority.HIGH)
        .expiry(TimeSpec.after(Duration.ofHours(6)))
        .earliestDelivery(TimeSpec.at(Instant.ofEpochSecond(1_900_000_000L)))
        .deliveryReport(true)
        .readReport(true)
        .senderVisibility(SenderVisibility.HIDE)
        .replyCharging(ReplyCharging.requested(TimeSpec.after(Duration.ofDays(1)), 50_000))
        .contentClass(ContentClass.IMAGE_RICH)
        .drmContent(false)
        .adaptationsAllowed(true)
        .applicId("app.one")
        .replyApplicId("app.two")
        .auxApplicInfo("aux")
        .distributionIndicator(true)
        .date(Instant.ofEpochSecond(1_700_000_000L))
        .addExtraHeader("X-Campaign", "spring")
        .build();
  }

  @Test
  void sendReqCarriesTheMessageAndMapsBack() {
    MmsMessage m = richMessage();
    MmsPdu pdu = PduMessages.toSendReq(m, "TX-1", MmsVersion.V1_3);
    assertThat(pdu.type()).isEqualTo(PduType.SEND_REQ);
    assertThat(pdu.transactionId()).contains("TX-1");
    assertThat(pdu.version()).isEqualTo(MmsVersion.V1_3);
    assertThat(pdu.fromInsertAddress()).isTrue();
    assertThat(pdu.to()).containsExactly("+15551234567/TYPE=PLMN", "12345/TYPE=PLMN");
    assertThat(pdu.cc()).containsExactly("carol@example.com");
    assertThat(pdu.bcc()).containsExactly("10.1.2.3/TYPE=IPv4");
    assertThat(pdu.subjectEncoded()).contains(new EncodedString("Grüße", 106));
    ContentType ct = pdu.contentType().get();
    assertThat(ct.mediaType()).isEqualTo("application/vnd.wap.multipart.related");
    assertThat(ct.parameter("start")).contains("<smil>");
    assertThat(ct.parameter("type")).contains("application/smil");
    assertThat(pdu.parts()).hasSize(3);
    assertThat(pdu.parts().get(0).contentType().mediaType()).isEqualTo("application/smil");
    assertThat(pdu.missingMandatoryHeaders()).isEmpty();

    MmsPdu wire = MmsPduDecoder.decode(MmsPduEncoder.encode(pdu));
    MmsMessage back = PduMessages.toMessage(wire);
    // short codes come back as PLMN numbers of the same value
    MmsMessage expected =
        m.toBuilder()
            .clearRecipients()
            .to(Address.phone("+15551234567"), Address.parse("12345/TYPE=PLMN"))
            .cc(Address.email("carol@example.com"))
            .bcc(Address.ipv4("10.1.2.3"))
            .build();
    assertThat(back).isEqualTo(expected);
  }

  @Test
  void messageWithoutPresentationIsMultipartMixedAndKeepsTheSender() {
    MmsMessage m =
        MmsMessage.builder()
            .from(Address.phone("+15550009"))
            .to(Address.phone("+15551234567"))
            .subject("plain")
            .addPart(SamplePdus.text())
            .build();
    MmsPdu pdu = PduMessages.toSendReq(m, "TX-2", MmsVersion.V1_2);
    assertThat(pdu.contentType()).contains(ContentType.MULTIPART_MIXED);
    assertThat(pdu.from()).contains("+15550009/TYPE=PLMN");
    assertThat(pdu.subjectEncoded()).contains(EncodedString.of("plain"));
    assertThat(PduMessages.toMessage(MmsPduDecoder.decode(MmsPduEncoder.encode(pdu)))).isEqualTo(m);
  }

  @Test
  void presentationWithoutContentIdGetsOneAndDisplayOnlyRecipientsAreLeftOut() {
    MmsPart smil =
        MmsPart.builder()
            .contentType("application/smil")
            .body("<smil/>".getBytes(StandardCharsets.US_ASCII))
            .build();
    MmsMessage m =
        MmsMessage.builder()
            .to(Address.phone("+15551234567"), Address.phone("+15550000").withDisplayOnly(true))
            .presentation(smil)
            .addPart(SamplePdus.text())
            .build();
    MmsPdu pdu = PduMessages.toSendReq(m, "TX-3", MmsVersion.V1_2);
    assertThat(pdu.to()).containsExactly("+15551234567/TYPE=PLMN");
    assertThat(pdu.contentType().get().parameter("start")).contains("<smil>");
    assertThat(pdu.parts().get(0).contentId()).contains("smil");
    assertThat(PduMessages.presentationIndex(pdu)).isZero();
  }

  @Test
  void presentationIsTheStartPartMatchedLooselyElseTheFirstSmil() {
    MmsPart text = SamplePdus.text();
    MmsPart smilNoBrackets =
        SamplePdus.smil().toBuilder().contentId("0.smil").contentLocation("0.smil").build();
    MmsPdu iphone =
        MmsPdu.builder(PduType.RETRIEVE_CONF)
            .date(SamplePdus.DATE)
            .contentType(
                ContentType.MULTIPART_RELATED
                    .withParameter("type", "application/smil")
                    .withParameter("start", "0.smil"))
            .addPart(text)
            .addPart(smilNoBrackets)
            .build();
    assertThat(PduMessages.presentationIndex(iphone)).isEqualTo(1);
    MmsMessage m = PduMessages.toMessage(iphone);
    assertThat(m.presentation()).contains(smilNoBrackets);
    assertThat(m.parts()).containsExactly(text);

    MmsPdu mixed = iphone.toBuilder().contentType(ContentType.MULTIPART_MIXED).build();
    assertThat(PduMessages.presentationIndex(mixed)).isEqualTo(1);
    MmsPdu noSmil = iphone.toBuilder().parts(List.of(text)).build();
    assertThat(PduMessages.presentationIndex(noSmil)).isEqualTo(-1);
  }

  @Test
  void realRetrieveConfMapsToAMessageWithItsPresentation() {
    Path f = Corpus.folder().resolve("ofono-mmsd__rc-mms-1-3-con-210.mms");
    MmsPdu pdu = MmsPduDecoder.decode(Corpus.read(f));
    MmsMessage m = PduMessages.toMessage(pdu);
    assertThat(m.presentation()).isPresent();
    assertThat(m.presentation().get().contentType().mediaType()).isEqualTo("application/smil");
    assertThat(m.parts()).hasSize(1);
    assertThat(m.from()).isPresent();
    assertThat(m.to()).isNotEmpty();
    assertThat(m.date()).isEqualTo(pdu.date());
  }

  @Test
  void unparsableAddressesAreKeptAsExtraHeaders() {
    MmsPdu pdu =
        MmsPdu.builder(PduType.RETRIEVE_CONF)
            .date(SamplePdus.DATE)
            .from("Some Shop")
            .addTo("not an address!")
            .contentType(ContentType.MULTIPART_MIXED)
            .build();
    MmsMessage m = PduMessages.toMessage(pdu);
    assertThat(m.from()).isEmpty();
    assertThat(m.to()).isEmpty();
    assertThat(m.extraHeaders())
        .extracting(h -> h.name() + ": " + h.value())
        .containsExactly("From: Some Shop", "To: not an address!");
  }

  @Test
  void deliveryIndBecomesADeliveryReportAndBack() {
    MmsPdu ind = MmsPduDecoder.decode(MmsPduEncoder.encode(SamplePdus.deliveryInd()));
    DeliveryReport r = PduMessages.toDeliveryReport(ind, CONTEXT);
    assertThat(r.messageId()).isEqualTo("MID-0001");
    assertThat(r.recipient()).contains(Address.phone("+15550002"));
    assertThat(r.date()).contains(SamplePdus.DATE);
    assertThat(r.status()).isEqualTo(DeliveryStatus.RETRIEVED);
    assertThat(r.rawStatus()).isEqualTo("0x81");
    assertThat(PduMessages.toDeliveryInd(r, MmsVersion.V1_2)).isEqualTo(SamplePdus.deliveryInd());

    assertThatThrownBy(() -> PduMessages.toDeliveryReport(SamplePdus.sendConf(), CONTEXT))
        .isInstanceOf(MmsPduException.class);
    MmsPdu noId = SamplePdus.deliveryInd().toBuilder().remove(PduField.MESSAGE_ID).build();
    assertThatThrownBy(() -> PduMessages.toDeliveryReport(noId, CONTEXT))
        .isInstanceOf(MmsPduException.class)
        .hasMessageContaining("Message-ID");
  }

  @Test
  void readReportsBecomeReadReplies() {
    ReadReply orig = PduMessages.toReadReply(SamplePdus.readOrigInd(), CONTEXT);
    assertThat(orig.messageId()).isEqualTo("MID-0001");
    assertThat(orig.recipient()).contains(Address.phone("+15550002"));
    assertThat(orig.sender()).contains(Address.phone("+15550001"));
    assertThat(orig.status()).isEqualTo(ReadStatus.DELETED);
    ReadReply rec = PduMessages.toReadReply(SamplePdus.readRecInd(), CONTEXT);
    assertThat(rec.status()).isEqualTo(ReadStatus.READ);
    assertThat(rec.rawStatus()).isEqualTo("0x80");
  }

  @Test
  void replyPdusHaveTheirMandatoryHeaders() {
    assertThat(
            PduMessages.sendConf("t", PduStatus.OK, "m", MmsVersion.V1_2).missingMandatoryHeaders())
        .isEmpty();
    assertThat(
            PduMessages.notifyRespInd("t", PduStatus.STATUS_DEFERRED, MmsVersion.V1_2)
                .missingMandatoryHeaders())
        .isEmpty();
    assertThat(PduMessages.acknowledgeInd("t", MmsVersion.V1_2).missingMandatoryHeaders())
        .isEmpty();
    MmsPdu n =
        PduMessages.notificationInd(
            "t",
            "http://mmsc/1",
            1234,
            TimeSpec.after(Duration.ofDays(1)),
            richMessage(),
            MmsVersion.V1_2);
    assertThat(n.missingMandatoryHeaders()).isEmpty();
    assertThat(n.messageSize()).hasValue(1234);
    assertThat(n.messageClass()).contains(MessageClass.INFORMATIONAL);
  }

  @ParameterizedTest
  @EnumSource(DeliveryStatus.class)
  void deliveryStatusOctetsMapBothWays(DeliveryStatus s) {
    DeliveryStatus back = PduStatus.deliveryStatus(PduStatus.statusOctet(s));
    if (s == DeliveryStatus.DELIVERY_CONDITION_NOT_MET || s == DeliveryStatus.OTHER) {
      assertThat(back).isEqualTo(DeliveryStatus.INDETERMINATE);
    } else {
      assertThat(back).isEqualTo(s);
    }
  }

  @Test
  void responseStatusHelpers() {
    assertThat(PduStatus.isOk(0x80)).isTrue();
    assertThat(PduStatus.isTransient(0xC3)).isTrue();
    assertThat(PduStatus.isTransient(0xE3)).isFalse();
    assertThat(PduStatus.normalizeResponseStatus(0xCF)).isEqualTo(0xC0);
    assertThat(PduStatus.normalizeResponseStatus(0xF5)).isEqualTo(0xE0);
    assertThat(PduStatus.responseStatusName(0xE7))
        .isEqualTo("Error-permanent-reply-charging-request-not-accepted");
    assertThat(PduStatus.readStatus(0x81)).isEqualTo(ReadStatus.DELETED);
    assertThat(PduStatus.readStatusOctet(ReadStatus.READ)).isEqualTo(0x80);
  }
}
