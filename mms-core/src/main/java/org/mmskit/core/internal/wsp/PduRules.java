package org.mmskit.core.internal.wsp;

import java.util.ArrayList;
import java.util.List;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.PduField;

/** The mandatory headers of each PDU type (OMA MMS encapsulation 1.0 to 1.3). */
public final class PduRules {
  private PduRules() {}

  private static final int CT = -1;
  private static final int ANY_RECIPIENT = -2;

  private static int[] required(MmsPdu pdu) {
    switch (pdu.type()) {
      case SEND_REQ:
        return new int[] {PduField.TRANSACTION_ID, PduField.FROM, CT};
      case SEND_CONF:
      case FORWARD_CONF:
        return new int[] {PduField.TRANSACTION_ID, PduField.RESPONSE_STATUS};
      case NOTIFICATION_IND:
        return new int[] {
          PduField.TRANSACTION_ID,
          PduField.MESSAGE_CLASS,
          PduField.MESSAGE_SIZE,
          PduField.EXPIRY,
          PduField.CONTENT_LOCATION
        };
      case NOTIFYRESP_IND:
        return new int[] {PduField.TRANSACTION_ID, PduField.STATUS};
      case RETRIEVE_CONF:
        return new int[] {PduField.DATE, CT};
      case ACKNOWLEDGE_IND:
        return new int[] {PduField.TRANSACTION_ID};
      case DELIVERY_IND:
        return new int[] {PduField.MESSAGE_ID, PduField.TO, PduField.DATE, PduField.STATUS};
      case READ_REC_IND:
        return new int[] {PduField.MESSAGE_ID, PduField.TO, PduField.FROM, PduField.READ_STATUS};
      case READ_ORIG_IND:
        return new int[] {
          PduField.MESSAGE_ID, PduField.TO, PduField.FROM, PduField.DATE, PduField.READ_STATUS
        };
      case FORWARD_REQ:
        return new int[] {
          PduField.TRANSACTION_ID, PduField.FROM, ANY_RECIPIENT, PduField.CONTENT_LOCATION
        };
      case MBOX_DESCR:
        return new int[0];
      case MBOX_STORE_REQ:
      case MBOX_UPLOAD_REQ:
        return new int[] {PduField.TRANSACTION_ID, CT};
      default:
        return new int[] {PduField.TRANSACTION_ID};
    }
  }

  /** The names of the mandatory headers the PDU lacks. */
  public static List<String> missing(MmsPdu pdu) {
    List<String> out = new ArrayList<>(0);
    for (int f : required(pdu)) {
      if (f == CT) {
        if (pdu.contentType().isEmpty()) {
          out.add("Content-Type");
        }
      } else if (f == ANY_RECIPIENT) {
        if (pdu.header(PduField.TO).isEmpty()
            && pdu.header(PduField.CC).isEmpty()
            && pdu.header(PduField.BCC).isEmpty()) {
          out.add("To");
        }
      } else if (pdu.header(f).isEmpty()) {
        out.add(PduField.name(f));
      }
    }
    return out;
  }
}
