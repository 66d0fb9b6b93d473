package org.mmskit.core.pdu;

import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.ReadStatus;

/**
 * The status octets of MMS PDUs (X-Mms-Status, X-Mms-Response-Status, X-Mms-Retrieve-Status,
 * X-Mms-Read-Status) and their mapping to the SDK's model.
 */
public final class PduStatus {
  private PduStatus() {}

  /** X-Mms-Response-Status / X-Mms-Retrieve-Status Ok. */
  public static final int OK = 0x80;

  /** Transient failure (the generic 0xC_ code). */
  public static final int TRANSIENT_FAILURE = 0xC0;

  /** Permanent failure (the generic 0xE_ code). */
  public static final int PERMANENT_FAILURE = 0xE0;

  public static final int PERMANENT_SERVICE_DENIED = 0xE1;
  public static final int PERMANENT_MESSAGE_FORMAT_CORRUPT = 0xE2;
  public static final int PERMANENT_SENDING_ADDRESS_UNRESOLVED = 0xE3;
  public static final int PERMANENT_MESSAGE_NOT_FOUND = 0xE4;
  public static final int PERMANENT_CONTENT_NOT_ACCEPTED = 0xE5;

  /** X-Mms-Status values (m-notifyresp-ind, m-delivery-ind). */
  public static final int STATUS_EXPIRED = 0x80;

  public static final int STATUS_RETRIEVED = 0x81;
  public static final int STATUS_REJECTED = 0x82;
  public static final int STATUS_DEFERRED = 0x83;
  public static final int STATUS_UNRECOGNISED = 0x84;
  public static final int STATUS_INDETERMINATE = 0x85;
  public static final int STATUS_FORWARDED = 0x86;
  public static final int STATUS_UNREACHABLE = 0x87;

  /** X-Mms-Read-Status values. */
  public static final int READ = 0x80;

  public static final int DELETED_WITHOUT_BEING_READ = 0x81;

  /** The model status of an X-Mms-Status octet; unknown octets are {@link DeliveryStatus#OTHER}. */
  public static DeliveryStatus deliveryStatus(int octet) {
    switch (octet) {
      case STATUS_EXPIRED:
        return DeliveryStatus.EXPIRED;
      case STATUS_RETRIEVED:
        return DeliveryStatus.RETRIEVED;
      case STATUS_REJECTED:
        return DeliveryStatus.REJECTED;
      case STATUS_DEFERRED:
        return DeliveryStatus.DEFERRED;
      case STATUS_UNRECOGNISED:
        return DeliveryStatus.UNRECOGNISED;
      case STATUS_INDETERMINATE:
        return DeliveryStatus.INDETERMINATE;
      case STATUS_FORWARDED:
        return DeliveryStatus.FORWARDED;
      case STATUS_UNREACHABLE:
        return DeliveryStatus.UNREACHABLE;
      default:
        return DeliveryStatus.OTHER;
    }
  }

  /**
   * The X-Mms-Status octet for a model status; statuses without a PDU code
   * (DELIVERY_CONDITION_NOT_MET, OTHER) give Indeterminate.
   */
  public static int statusOctet(DeliveryStatus status) {
    switch (status) {
      case EXPIRED:
        return STATUS_EXPIRED;
      case RETRIEVED:
        return STATUS_RETRIEVED;
      case REJECTED:
        return STATUS_REJECTED;
      case DEFERRED:
        return STATUS_DEFERRED;
      case UNRECOGNISED:
        return STATUS_UNRECOGNISED;
      case FORWARDED:
        return STATUS_FORWARDED;
      case UNREACHABLE:
        return STATUS_UNREACHABLE;
      default:
        return STATUS_INDETERMINATE;
    }
  }

  /** The model status of an X-Mms-Read-Status octet. */
  public static ReadStatus readStatus(int octet) {
    return octet == READ
        ? ReadStatus.READ
        : octet == DELETED_WITHOUT_BEING_READ ? ReadStatus.DELETED : ReadStatus.INDETERMINATE;
  }

  /** The X-Mms-Read-Status octet of a model status (INDETERMINATE has none: it gives Read). */
  public static int readStatusOctet(ReadStatus status) {
    return status == ReadStatus.DELETED ? DELETED_WITHOUT_BEING_READ : READ;
  }

  /** True for Response-Status / Retrieve-Status Ok. */
  public static boolean isOk(int octet) {
    return octet == OK;
  }

  /**
   * True for a transient (retry may succeed) Response-Status: 0xC0-0xDF, and the MMS 1.0 codes
   * Network problem (0x86) and Unspecified (0x81).
   */
  public static boolean isTransient(int octet) {
    return (octet >= 0xC0 && octet <= 0xDF) || octet == 0x86 || octet == 0x81;
  }

  /**
   * Reduces a Response-Status to the codes the receiving side must know: an unknown 0xC_ value is
   * read as 0xC0 and an unknown 0xE_ (or other) one as 0xE0, as OMA asks.
   */
  public static int normalizeResponseStatus(int octet) {
    if (octet == OK || (octet >= 0x81 && octet <= 0x88)) {
      return octet;
    }
    if (octet >= 0xC0 && octet <= 0xC4) {
      return octet;
    }
    if (octet >= 0xC0 && octet <= 0xDF) {
      return TRANSIENT_FAILURE;
    }
    if (octet >= 0xE0 && octet <= 0xEB) {
      return octet;
    }
    return PERMANENT_FAILURE;
  }

  /** A readable name for a Response-Status octet, e.g. {@code Error-permanent-service-denied}. */
  public static String responseStatusName(int octet) {
    switch (octet) {
      case 0x80:
        return "Ok";
      case 0x81:
        return "Error-unspecified";
      case 0x82:
        return "Error-service-denied";
      case 0x83:
        return "Error-message-format-corrupt";
      case 0x84:
        return "Error-sending-address-unresolved";
      case 0x85:
        return "Error-message-not-found";
      case 0x86:
        return "Error-network-problem";
      case 0x87:
        return "Error-content-not-accepted";
      case 0x88:
        return "Error-unsupported-message";
      case 0xC0:
        return "Error-transient-failure";
      case 0xC1:
        return "Error-transient-sending-address-unresolved";
      case 0xC2:
        return "Error-transient-message-not-found";
      case 0xC3:
        return "Error-transient-network-problem";
      case 0xC4:
        return "Error-transient-partial-success";
      case 0xE0:
        return "Error-permanent-failure";
      case 0xE1:
        return "Error-permanent-service-denied";
      case 0xE2:
        return "Error-permanent-message-format-corrupt";
      case 0xE3:
        return "Error-permanent-sending-address-unresolved";
      case 0xE4:
        return "Error-permanent-message-not-found";
      case 0xE5:
        return "Error-permanent-content-not-accepted";
      case 0xE6:
        return "Error-permanent-reply-charging-limitations-not-met";
      case 0xE7:
        return "Error-permanent-reply-charging-request-not-accepted";
      case 0xE8:
        return "Error-permanent-reply-charging-forwarding-denied";
      case 0xE9:
        return "Error-permanent-reply-charging-not-supported";
      case 0xEA:
        return "Error-permanent-address-hiding-not-supported";
      case 0xEB:
        return "Error-permanent-lack-of-prepaid";
      default:
        return (octet >= 0xC0 && octet <= 0xDF ? "Error-transient-" : "Error-permanent-")
            + "0x"
            + Integer.toHexString(octet);
    }
  }
}
