package org.mmskit.eaif.internal;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.MmsPduDecoder;
import org.mmskit.core.pdu.MmsPduEncoder;
import org.mmskit.core.pdu.MmsVersion;
import org.mmskit.core.pdu.PduLimits;
import org.mmskit.core.pdu.PduMessages;
import org.mmskit.core.pdu.PduStatus;
import org.mmskit.core.pdu.PduType;

/**
 * The PDU side of EAIF: builds the m-send-req a client posts, reads the m-send-conf an MMSC may
 * answer with, and summarises PDUs for the wire trace. Thin glue over the core codec.
 */
public final class EaifPdus {
  private static final int MESSAGE_TYPE_FIELD = 0x8C;
  private static final SecureRandom SEED = new SecureRandom();
  private static final String PREFIX = HexFormat.of().toHexDigits(SEED.nextInt());
  private static final AtomicLong COUNTER = new AtomicLong(SEED.nextInt() & 0xFFFFL);

  private EaifPdus() {}

  /** A transaction ID unique within this JVM and unlikely to repeat across JVMs. */
  public static String newTransactionId() {
    return "eaif-" + PREFIX + "-" + Long.toHexString(COUNTER.incrementAndGet());
  }

  /** The m-send-req for a message, sent from {@code sender} (the Insert-address token if null). */
  public static MmsPdu sendReq(
      MmsMessage message, Address sender, String transactionId, MmsVersion version) {
    MmsMessage m =
        java.util.Objects.equals(message.from().orElse(null), sender)
            ? message
            : message.toBuilder().from(sender).build();
    return PduMessages.toSendReq(m, transactionId, version);
  }

  /** The encoded m-send-req for a message. */
  public static byte[] encodeSendReq(
      MmsMessage message, Address sender, String transactionId, MmsVersion version) {
    return MmsPduEncoder.encode(sendReq(message, sender, transactionId, version));
  }

  /** Whether the bytes start like an MMS PDU (X-Mms-Message-Type first). */
  public static boolean looksLikePdu(byte[] body) {
    return body.length >= 2 && (body[0] & 0xFF) == MESSAGE_TYPE_FIELD && (body[1] & 0x80) != 0;
  }

  /** Whether the bytes start like an m-send-conf. */
  public static boolean looksLikeSendConf(byte[] body) {
    return body.length >= 2
        && (body[0] & 0xFF) == MESSAGE_TYPE_FIELD
        && (body[1] & 0xFF) == PduType.SEND_CONF.code();
  }

  /** What an m-send-conf said. */
  public record SendConf(
      int responseStatus, Optional<String> responseText, Optional<String> messageId) {

    /** True for Response-Status Ok. */
    public boolean ok() {
      return PduStatus.isOk(responseStatus);
    }

    /** True when a later retry may succeed. */
    public boolean transientFailure() {
      return PduStatus.isTransient(responseStatus);
    }

    /** The status's name, e.g. {@code Error-permanent-service-denied}. */
    public String statusName() {
      return PduStatus.responseStatusName(responseStatus);
    }
  }

  /**
   * Reads an m-send-conf.
   *
   * @throws MmsMalformedException when the bytes are not an m-send-conf with a Response-Status
   */
  public static SendConf readSendConf(byte[] body) {
    MmsPdu pdu;
    try {
      pdu = MmsPduDecoder.decode(body, PduLimits.DEFAULT);
    } catch (MmsMalformedException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new MmsMalformedException("unreadable m-send-conf: " + e.getMessage(), e);
    }
    if (pdu.type() != PduType.SEND_CONF) {
      throw new MmsMalformedException(
          "expected an m-send-conf in the EAIF answer, got " + pdu.type().specName(), null);
    }
    int status =
        pdu.responseStatus()
            .orElseThrow(
                () ->
                    new MmsMalformedException(
                        "m-send-conf without X-Mms-Response-Status", -1, "Response-Status", null));
    return new SendConf(status, pdu.responseText(), pdu.messageId());
  }

  /** A one-line summary of a PDU for logs: type, size, transaction, addresses. */
  public static String summary(byte[] body) {
    if (body == null || body.length == 0) {
      return "[empty body]";
    }
    try {
      return summary(MmsPduDecoder.decode(body, PduLimits.DEFAULT), body.length);
    } catch (RuntimeException e) {
      return "[" + body.length + " bytes, not a readable MMS PDU: " + e.getMessage() + "]";
    }
  }

  /** A one-line summary of a decoded PDU of {@code size} bytes. */
  public static String summary(MmsPdu pdu, int size) {
    StringBuilder sb = new StringBuilder("[");
    sb.append(pdu.type().specName()).append(' ').append(size).append(" bytes, MMS ");
    sb.append(pdu.version());
    pdu.transactionId().ifPresent(t -> sb.append(", tid=").append(t));
    pdu.messageId().ifPresent(t -> sb.append(", id=").append(t));
    if (pdu.fromInsertAddress()) {
      sb.append(", from=<insert>");
    } else {
      pdu.from().ifPresent(f -> sb.append(", from=").append(f));
    }
    appendList(sb, "to", pdu.to());
    appendList(sb, "cc", pdu.cc());
    appendList(sb, "bcc", pdu.bcc());
    if (!pdu.parts().isEmpty()) {
      sb.append(", parts=").append(pdu.parts().size());
    }
    pdu.responseStatus()
        .ifPresent(s -> sb.append(", status=").append(PduStatus.responseStatusName(s)));
    return sb.append(']').toString();
  }

  private static void appendList(StringBuilder sb, String name, List<String> values) {
    if (!values.isEmpty()) {
      sb.append(", ").append(name).append('=').append(values);
    }
  }
}
