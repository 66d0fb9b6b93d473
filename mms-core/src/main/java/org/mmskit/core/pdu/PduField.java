package org.mmskit.core.pdu;

/**
 * The field numbers of the MMS header fields (OMA MMS encapsulation 1.0 to 1.3). On the wire a
 * field is one octet: the number with the top bit set ({@code TO = 0x17} is written {@code 0x97}).
 */
public final class PduField {
  private PduField() {}

  public static final int BCC = 0x01;
  public static final int CC = 0x02;
  public static final int CONTENT_LOCATION = 0x03;
  public static final int CONTENT_TYPE = 0x04;
  public static final int DATE = 0x05;
  public static final int DELIVERY_REPORT = 0x06;
  public static final int DELIVERY_TIME = 0x07;
  public static final int EXPIRY = 0x08;
  public static final int FROM = 0x09;
  public static final int MESSAGE_CLASS = 0x0A;
  public static final int MESSAGE_ID = 0x0B;
  public static final int MESSAGE_TYPE = 0x0C;
  public static final int MMS_VERSION = 0x0D;
  public static final int MESSAGE_SIZE = 0x0E;
  public static final int PRIORITY = 0x0F;
  public static final int READ_REPORT = 0x10;
  public static final int REPORT_ALLOWED = 0x11;
  public static final int RESPONSE_STATUS = 0x12;
  public static final int RESPONSE_TEXT = 0x13;
  public static final int SENDER_VISIBILITY = 0x14;
  public static final int STATUS = 0x15;
  public static final int SUBJECT = 0x16;
  public static final int TO = 0x17;
  public static final int TRANSACTION_ID = 0x18;
  public static final int RETRIEVE_STATUS = 0x19;
  public static final int RETRIEVE_TEXT = 0x1A;
  public static final int READ_STATUS = 0x1B;
  public static final int REPLY_CHARGING = 0x1C;
  public static final int REPLY_CHARGING_DEADLINE = 0x1D;
  public static final int REPLY_CHARGING_ID = 0x1E;
  public static final int REPLY_CHARGING_SIZE = 0x1F;
  public static final int PREVIOUSLY_SENT_BY = 0x20;
  public static final int PREVIOUSLY_SENT_DATE = 0x21;
  public static final int STORE = 0x22;
  public static final int MM_STATE = 0x23;
  public static final int MM_FLAGS = 0x24;
  public static final int STORE_STATUS = 0x25;
  public static final int STORE_STATUS_TEXT = 0x26;
  public static final int STORED = 0x27;
  public static final int ATTRIBUTES = 0x28;
  public static final int TOTALS = 0x29;
  public static final int MBOX_TOTALS = 0x2A;
  public static final int QUOTAS = 0x2B;
  public static final int MBOX_QUOTAS = 0x2C;
  public static final int MESSAGE_COUNT = 0x2D;
  public static final int CONTENT = 0x2E;
  public static final int START = 0x2F;
  public static final int ADDITIONAL_HEADERS = 0x30;
  public static final int DISTRIBUTION_INDICATOR = 0x31;
  public static final int ELEMENT_DESCRIPTOR = 0x32;
  public static final int LIMIT = 0x33;
  public static final int RECOMMENDED_RETRIEVAL_MODE = 0x34;
  public static final int RECOMMENDED_RETRIEVAL_MODE_TEXT = 0x35;
  public static final int STATUS_TEXT = 0x36;
  public static final int APPLIC_ID = 0x37;
  public static final int REPLY_APPLIC_ID = 0x38;
  public static final int AUX_APPLIC_INFO = 0x39;
  public static final int CONTENT_CLASS = 0x3A;
  public static final int DRM_CONTENT = 0x3B;
  public static final int ADAPTATION_ALLOWED = 0x3C;
  public static final int REPLACE_ID = 0x3D;
  public static final int CANCEL_ID = 0x3E;
  public static final int CANCEL_STATUS = 0x3F;

  private static final String[] NAMES = {
    null,
    "Bcc",
    "Cc",
    "X-Mms-Content-Location",
    "Content-Type",
    "Date",
    "X-Mms-Delivery-Report",
    "X-Mms-Delivery-Time",
    "X-Mms-Expiry",
    "From",
    "X-Mms-Message-Class",
    "Message-ID",
    "X-Mms-Message-Type",
    "X-Mms-MMS-Version",
    "X-Mms-Message-Size",
    "X-Mms-Priority",
    "X-Mms-Read-Report",
    "X-Mms-Report-Allowed",
    "X-Mms-Response-Status",
    "X-Mms-Response-Text",
    "X-Mms-Sender-Visibility",
    "X-Mms-Status",
    "Subject",
    "To",
    "X-Mms-Transaction-ID",
    "X-Mms-Retrieve-Status",
    "X-Mms-Retrieve-Text",
    "X-Mms-Read-Status",
    "X-Mms-Reply-Charging",
    "X-Mms-Reply-Charging-Deadline",
    "X-Mms-Reply-Charging-ID",
    "X-Mms-Reply-Charging-Size",
    "X-Mms-Previously-Sent-By",
    "X-Mms-Previously-Sent-Date",
    "X-Mms-Store",
    "X-Mms-MM-State",
    "X-Mms-MM-Flags",
    "X-Mms-Store-Status",
    "X-Mms-Store-Status-Text",
    "X-Mms-Stored",
    "X-Mms-Attributes",
    "X-Mms-Totals",
    "X-Mms-Mbox-Totals",
    "X-Mms-Quotas",
    "X-Mms-Mbox-Quotas",
    "X-Mms-Message-Count",
    "Content",
    "X-Mms-Start",
    "Additional-headers",
    "X-Mms-Distribution-Indicator",
    "X-Mms-Element-Descriptor",
    "X-Mms-Limit",
    "X-Mms-Recommended-Retrieval-Mode",
    "X-Mms-Recommended-Retrieval-Mode-Text",
    "X-Mms-Status-Text",
    "X-Mms-Applic-ID",
    "X-Mms-Reply-Applic-ID",
    "X-Mms-Aux-Applic-Info",
    "X-Mms-Content-Class",
    "X-Mms-DRM-Content",
    "X-Mms-Adaptation-Allowed",
    "X-Mms-Replace-ID",
    "X-Mms-Cancel-ID",
    "X-Mms-Cancel-Status",
  };

  /**
   * The header name of a field number, e.g. {@code "Subject"}; for numbers no version defines,
   * {@code "Field-0xNN"}.
   */
  public static String name(int field) {
    if (field > 0 && field < NAMES.length) {
      return NAMES[field];
    }
    return "Field-0x" + Integer.toHexString(0x100 | (field & 0xFF)).substring(1).toUpperCase();
  }
}
