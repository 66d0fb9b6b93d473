package org.mmskit.core.pdu;

/**
 * The kind of an MMS PDU, the value of its {@code X-Mms-Message-Type} header (MMS 1.0 to 1.3). The
 * MMBox, delete and cancel PDUs are decoded generically: their headers are kept, typed where the
 * field is known.
 */
public enum PduType {
  SEND_REQ(0x80, "m-send-req"),
  SEND_CONF(0x81, "m-send-conf"),
  NOTIFICATION_IND(0x82, "m-notification-ind"),
  NOTIFYRESP_IND(0x83, "m-notifyresp-ind"),
  RETRIEVE_CONF(0x84, "m-retrieve-conf"),
  ACKNOWLEDGE_IND(0x85, "m-acknowledge-ind"),
  DELIVERY_IND(0x86, "m-delivery-ind"),
  READ_REC_IND(0x87, "m-read-rec-ind"),
  READ_ORIG_IND(0x88, "m-read-orig-ind"),
  FORWARD_REQ(0x89, "m-forward-req"),
  FORWARD_CONF(0x8A, "m-forward-conf"),
  MBOX_STORE_REQ(0x8B, "m-mbox-store-req"),
  MBOX_STORE_CONF(0x8C, "m-mbox-store-conf"),
  MBOX_VIEW_REQ(0x8D, "m-mbox-view-req"),
  MBOX_VIEW_CONF(0x8E, "m-mbox-view-conf"),
  MBOX_UPLOAD_REQ(0x8F, "m-mbox-upload-req"),
  MBOX_UPLOAD_CONF(0x90, "m-mbox-upload-conf"),
  MBOX_DELETE_REQ(0x91, "m-mbox-delete-req"),
  MBOX_DELETE_CONF(0x92, "m-mbox-delete-conf"),
  MBOX_DESCR(0x93, "m-mbox-descr"),
  DELETE_REQ(0x94, "m-delete-req"),
  DELETE_CONF(0x95, "m-delete-conf"),
  CANCEL_REQ(0x96, "m-cancel-req"),
  CANCEL_CONF(0x97, "m-cancel-conf");

  private static final PduType[] BY_CODE = values();

  private final int code;
  private final String specName;

  PduType(int code, String specName) {
    this.code = code;
    this.specName = specName;
  }

  /** The octet on the wire, e.g. {@code 0x80} for m-send-req. */
  public int code() {
    return code;
  }

  /** The name used by the OMA specification, e.g. {@code m-send-req}. */
  public String specName() {
    return specName;
  }

  /** The type for a wire octet, or {@code null} when the octet names no known type. */
  public static PduType fromCode(int code) {
    int i = code - 0x80;
    return i >= 0 && i < BY_CODE.length ? BY_CODE[i] : null;
  }

  /** True for the PDUs whose Content-Type header is followed by a body. */
  public boolean carriesContent() {
    return this == SEND_REQ
        || this == RETRIEVE_CONF
        || this == MBOX_STORE_REQ
        || this == MBOX_VIEW_CONF
        || this == MBOX_UPLOAD_REQ
        || this == MBOX_DESCR;
  }
}
