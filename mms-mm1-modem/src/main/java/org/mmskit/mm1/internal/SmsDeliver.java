package org.mmskit.mm1.internal;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A decoded SMS-DELIVER (3GPP TS 23.040 §9.2.2.1), as a modem lists it in PDU mode.
 *
 * @param serviceCentre the SMSC address, empty when the modem gave none
 * @param originator the sender: digits (with {@code +} when international) or alphanumeric text
 * @param protocolId TP-PID
 * @param dataCoding TP-DCS
 * @param alphabet the alphabet TP-DCS names
 * @param timestamp TP-SCTS, empty when its digits are not a valid time
 * @param concat the concatenation element of the user-data header, if any
 * @param destinationPort the application port addressing element's destination port, if any
 * @param sourcePort its source port, if any
 * @param data the user data after the header: octets for 8-bit data, the UTF-16BE octets for UCS2,
 *     and for GSM 7-bit text the text's UTF-16BE octets
 * @param text the text for GSM 7-bit and UCS2 messages, empty for 8-bit data
 */
public record SmsDeliver(
    Optional<String> serviceCentre,
    String originator,
    int protocolId,
    int dataCoding,
    Alphabet alphabet,
    Optional<OffsetDateTime> timestamp,
    Optional<Concat> concat,
    OptionalInt destinationPort,
    OptionalInt sourcePort,
    byte[] data,
    Optional<String> text) {

  /** The WAP Push port (WDP, OMA-WAP-TS-WDP Appendix B) MMS notifications go to. */
  public static final int WAP_PUSH_PORT = 2948;

  public SmsDeliver {
    Objects.requireNonNull(serviceCentre, "serviceCentre");
    Objects.requireNonNull(originator, "originator");
    Objects.requireNonNull(alphabet, "alphabet");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(concat, "concat");
    Objects.requireNonNull(destinationPort, "destinationPort");
    Objects.requireNonNull(sourcePort, "sourcePort");
    Objects.requireNonNull(text, "text");
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** True when the message is addressed to the WAP Push port (an MMS notification or report). */
  public boolean isWapPush() {
    return destinationPort.isPresent() && destinationPort.getAsInt() == WAP_PUSH_PORT;
  }

  /** The character set of the user data (TP-DCS). */
  public enum Alphabet {
    GSM7,
    EIGHT_BIT,
    UCS2
  }

  /**
   * One segment of a concatenated message.
   *
   * @param reference the reference shared by the segments
   * @param total how many segments the message has
   * @param sequence this segment's number, from 1
   * @param sixteenBitReference true for the 16-bit reference element (IEI 0x08)
   */
  public record Concat(int reference, int total, int sequence, boolean sixteenBitReference) {}

  @Override
  public boolean equals(Object o) {
    return o instanceof SmsDeliver s
        && serviceCentre.equals(s.serviceCentre)
        && originator.equals(s.originator)
        && protocolId == s.protocolId
        && dataCoding == s.dataCoding
        && alphabet == s.alphabet
        && timestamp.equals(s.timestamp)
        && concat.equals(s.concat)
        && destinationPort.equals(s.destinationPort)
        && sourcePort.equals(s.sourcePort)
        && Arrays.equals(data, s.data)
        && text.equals(s.text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(originator, concat, destinationPort) * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "SmsDeliver[from="
        + originator
        + ", alphabet="
        + alphabet
        + ", concat="
        + concat.map(Concat::toString).orElse("none")
        + ", port="
        + (destinationPort.isPresent() ? destinationPort.getAsInt() : "none")
        + ", "
        + data.length
        + " octets]";
  }
}
