package org.mmskit.core.pdu;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mmskit.core.ContentType;
import org.mmskit.core.MessageClass;
import org.mmskit.core.MmsPart;
import org.mmskit.core.Priority;
import org.mmskit.core.TimeSpec;

/** One complete, valid PDU of each MMS 1.0-1.2 type, for oracle checks and the fuzz corpus. */
final class SamplePdus {
  private SamplePdus() {}

  static final Instant DATE = Instant.ofEpochSecond(1_700_000_000L);
  static final String ALICE = "+15550001/TYPE=PLMN";
  static final String BOB = "+15550002/TYPE=PLMN";

  static MmsPart smil() {
    return MmsPart.builder()
        .contentType("application/smil")
        .contentId("smil")
        .contentLocation("smil.smil")
        .body(
            ("<smil><body><par dur=\"5s\"><img src=\"cid:img\"/><text src=\"text.txt\"/></par>"
                    + "</body></smil>")
                .getBytes(StandardCharsets.US_ASCII))
        .build();
  }

  static MmsPart image(int size) {
    byte[] jpeg = new byte[size];
    for (int i = 0; i < size; i++) {
      jpeg[i] = (byte) (i * 31);
    }
    return MmsPart.builder()
        .contentType("image/jpeg")
        .contentId("img")
        .contentLocation("photo.jpg")
        .body(jpeg)
        .build();
  }

  static MmsPart text() {
    return MmsPart.builder()
        .contentType("text/plain; charset=utf-8")
        .contentId("text")
        .contentLocation("text.txt")
        .body("Hello world".getBytes(StandardCharsets.UTF_8))
        .build();
  }

  static ContentType related() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("type", "application/smil");
    p.put("start", "<smil>");
    return ContentType.of("application/vnd.wap.multipart.related", p);
  }

  static MmsPdu sendReq() {
    return MmsPdu.builder(PduType.SEND_REQ)
        .transactionId("T-send-1")
        .date(DATE)
        .fromInsertAddress()
        .addTo(ALICE)
        .addTo(BOB)
        .addCc("carol@example.com")
        .subject("Holiday photos")
        .messageClass(MessageClass.PERSONAL)
        .expiry(TimeSpec.after(Duration.ofDays(3)))
        .priority(Priority.NORMAL)
        .deliveryReport(true)
        .readReport(false)
        .contentType(related())
        .addPart(smil())
        .addPart(image(2000))
        .addPart(text())
        .build();
  }

  static MmsPdu sendConf() {
    return MmsPdu.builder(PduType.SEND_CONF)
        .transactionId("T-send-1")
        .responseStatus(PduStatus.OK)
        .messageId("MID-0001")
        .build();
  }

  static MmsPdu notificationInd() {
    return MmsPdu.builder(PduType.NOTIFICATION_IND)
        .transactionId("T-notif-1")
        .from(ALICE)
        .subject("Holiday photos")
        .messageClass(MessageClass.PERSONAL)
        .messageSize(29_000)
        .expiry(TimeSpec.after(Duration.ofDays(2)))
        .contentLocation("http://mmsc.example/mms?id=0001")
        .build();
  }

  static MmsPdu notifyRespInd() {
    return MmsPdu.builder(PduType.NOTIFYRESP_IND)
        .transactionId("T-notif-1")
        .status(PduStatus.STATUS_RETRIEVED)
        .reportAllowed(true)
        .build();
  }

  static MmsPdu retrieveConf() {
    return MmsPdu.builder(PduType.RETRIEVE_CONF)
        .transactionId("T-ret-1")
        .messageId("MID-0001")
        .date(DATE)
        .from(ALICE)
        .addTo(BOB)
        .subject("Holiday photos")
        .deliveryReport(false)
        .contentType(ContentType.MULTIPART_MIXED)
        .addPart(text())
        .addPart(image(500))
        .build();
  }

  static MmsPdu acknowledgeInd() {
    return MmsPdu.builder(PduType.ACKNOWLEDGE_IND)
        .transactionId("T-ret-1")
        .reportAllowed(true)
        .build();
  }

  static MmsPdu deliveryInd() {
    return MmsPdu.builder(PduType.DELIVERY_IND)
        .messageId("MID-0001")
        .addTo(BOB)
        .date(DATE)
        .status(PduStatus.STATUS_RETRIEVED)
        .build();
  }

  static MmsPdu readRecInd() {
    return MmsPdu.builder(PduType.READ_REC_IND)
        .version(MmsVersion.V1_1)
        .messageId("MID-0001")
        .addTo(ALICE)
        .from(BOB)
        .date(DATE)
        .readStatus(PduStatus.READ)
        .build();
  }

  static MmsPdu readOrigInd() {
    return MmsPdu.builder(PduType.READ_ORIG_IND)
        .version(MmsVersion.V1_1)
        .messageId("MID-0001")
        .addTo(ALICE)
        .from(BOB)
        .date(DATE)
        .readStatus(PduStatus.DELETED_WITHOUT_BEING_READ)
        .build();
  }

  static MmsPdu forwardReq() {
    return MmsPdu.builder(PduType.FORWARD_REQ)
        .transactionId("T-fwd-1")
        .date(DATE)
        .fromInsertAddress()
        .addTo(BOB)
        .deliveryReport(true)
        .contentLocation("http://mmsc.example/mms?id=0001")
        .build();
  }

  static MmsPdu forwardConf() {
    return MmsPdu.builder(PduType.FORWARD_CONF)
        .transactionId("T-fwd-1")
        .responseStatus(PduStatus.PERMANENT_SERVICE_DENIED)
        .responseText("Forwarding not allowed")
        .build();
  }

  /** One valid PDU of each type m-send-req to m-forward-conf. */
  static List<MmsPdu> all() {
    List<MmsPdu> out = new ArrayList<>();
    out.add(sendReq());
    out.add(sendConf());
    out.add(notificationInd());
    out.add(notifyRespInd());
    out.add(retrieveConf());
    out.add(acknowledgeInd());
    out.add(deliveryInd());
    out.add(readRecInd());
    out.add(readOrigInd());
    out.add(forwardReq());
    out.add(forwardConf());
    return out;
  }
}
