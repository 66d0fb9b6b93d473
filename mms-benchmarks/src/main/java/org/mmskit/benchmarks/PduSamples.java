package org.mmskit.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.mmskit.core.ContentType;
import org.mmskit.core.MessageClass;
import org.mmskit.core.MmsPart;
import org.mmskit.core.TimeSpec;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.MmsPduEncoder;
import org.mmskit.core.pdu.MmsVersion;
import org.mmskit.core.pdu.PduType;

/**
 * The messages the PDU benchmarks work on, built from fixed seeds so every run sees the same bytes.
 */
final class PduSamples {
  private PduSamples() {}

  /** Size of each of the two images of the large m-retrieve-conf. */
  static final int IMAGE_SIZE = 150_000;

  /**
   * A ~300 KB m-retrieve-conf: multipart/related with a SMIL presentation (the start part), a text
   * part and two images of {@value #IMAGE_SIZE} bytes (seeded random bytes behind JPEG/PNG magic).
   */
  static MmsPdu retrieveConf() {
    Random random = new Random(20_261_125L);
    String smil =
        "<smil><head><layout><root-layout width=\"320\" height=\"480\"/>"
            + "<region id=\"Image\" top=\"0\" left=\"0\" width=\"320\" height=\"320\"/>"
            + "<region id=\"Text\" top=\"320\" left=\"0\" width=\"320\" height=\"160\"/>"
            + "</layout></head><body>"
            + "<par dur=\"5000ms\"><img src=\"photo1.jpg\" region=\"Image\"/>"
            + "<text src=\"text.txt\" region=\"Text\"/></par>"
            + "<par dur=\"5000ms\"><img src=\"photo2.png\" region=\"Image\"/></par>"
            + "</body></smil>";
    MmsPart smilPart =
        MmsPart.builder()
            .contentType(ContentType.APPLICATION_SMIL.withParameter("charset", "utf-8"))
            .contentId("smil")
            .contentLocation("smil.xml")
            .body(smil.getBytes(StandardCharsets.UTF_8))
            .build();
    MmsPart text =
        MmsPart.builder()
            .contentType(ContentType.TEXT_PLAIN.withParameter("charset", "utf-8"))
            .contentId("text")
            .contentLocation("text.txt")
            .body(
                "Greetings from the harbour: two pictures of the boats, more tomorrow. Grüße!"
                    .getBytes(StandardCharsets.UTF_8))
            .build();
    MmsPart jpeg = image(random, "image/jpeg", "photo1.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8});
    MmsPart png = image(random, "image/png", "photo2.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    return MmsPdu.builder(PduType.RETRIEVE_CONF)
        .version(MmsVersion.V1_2)
        .transactionId("T17f3a9c2b4e1")
        .messageId("MID-0123456789abcdef")
        .date(Instant.ofEpochSecond(1_764_000_000L))
        .from("+15551230001/TYPE=PLMN")
        .addTo("+15551230002/TYPE=PLMN")
        .addTo("friend@example.org")
        .subject("Harbour pictures")
        .messageClass(MessageClass.PERSONAL)
        .contentType(
            ContentType.of(
                "application/vnd.wap.multipart.related",
                Map.of("type", "application/smil", "start", "<smil>")))
        .addPart(smilPart)
        .addPart(text)
        .addPart(jpeg)
        .addPart(png)
        .build();
  }

  private static MmsPart image(Random random, String type, String name, byte[] magic) {
    byte[] body = new byte[IMAGE_SIZE];
    random.nextBytes(body);
    System.arraycopy(magic, 0, body, 0, magic.length);
    return MmsPart.builder()
        .contentType(type)
        .contentId(name.substring(0, name.indexOf('.')))
        .contentLocation(name)
        .body(body)
        .build();
  }

  /** A ~150-byte m-notification-ind as an MMSC pushes it to a phone. */
  static MmsPdu notificationInd() {
    return MmsPdu.builder(PduType.NOTIFICATION_IND)
        .version(MmsVersion.V1_2)
        .transactionId("T17f3a9c2b4e1")
        .from("+15551230001/TYPE=PLMN")
        .subject("Harbour pictures")
        .messageClass(MessageClass.PERSONAL)
        .messageSize(300_512)
        .expiry(TimeSpec.after(Duration.ofDays(3)))
        .contentLocation("http://mmsc.operator.example.net/mms/retrieve?id=MID-0123456789abcdef")
        .build();
  }

  /** The encoded bytes of a sample. */
  static byte[] bytes(MmsPdu pdu) {
    return MmsPduEncoder.encode(pdu);
  }
}
