package org.mmskit.eaif;

/**
 * The HTTP header names and values of Nokia's External Application Interface (EAIF), as sent by
 * Nokia MMSCs and by gateways that copy the interface (NowSMS, Mbuni).
 *
 * <p>Header names compare case-insensitively on the wire; these constants give the usual spelling.
 */
public final class EaifHeaders {
  private EaifHeaders() {}

  /** The media type of the body: a binary MMS PDU (OMA MMS encapsulation). */
  public static final String CONTENT_TYPE = "application/vnd.wap.mms-message";

  /** The dotted spelling of {@link #CONTENT_TYPE} that some gateways write; accepted on input. */
  public static final String CONTENT_TYPE_DOTTED = "application/vnd.wap.mms.message";

  /** A recipient; may repeat and may hold a comma list. Overrides the PDU's To, Cc and Bcc. */
  public static final String TO = "X-NOKIA-MMSC-To";

  /** The sender; overrides the PDU's From. */
  public static final String FROM = "X-NOKIA-MMSC-From";

  /** The message ID: in a submit response, and on requests from the MMSC. */
  public static final String MESSAGE_ID = "X-NOKIA-MMSC-Message-Id";

  /** The EAIF version, {@code major.minor}; sent on requests and echoed on replies. */
  public static final String VERSION = "X-NOKIA-MMSC-Version";

  /**
   * What the body is: {@link #TYPE_MESSAGE}, {@link #TYPE_DELIVERY_REPORT} or {@link
   * #TYPE_READ_REPLY}.
   */
  public static final String MESSAGE_TYPE = "X-NOKIA-MMSC-Message-Type";

  /** A charging hint sent by originating applications. */
  public static final String CHARGING = "X-NOKIA-MMSC-Charging";

  /** Status used by asynchronous terminating applications. */
  public static final String STATUS = "X-NOKIA-MMSC-Status";

  /** {@link #MESSAGE_TYPE} of a content message (m-send-req, m-retrieve-conf). */
  public static final String TYPE_MESSAGE = "MultiMediaMessage";

  /** {@link #MESSAGE_TYPE} of a delivery report (m-delivery-ind). */
  public static final String TYPE_DELIVERY_REPORT = "DeliveryReport";

  /** {@link #MESSAGE_TYPE} of a read reply (m-read-orig-ind, m-read-rec-ind). */
  public static final String TYPE_READ_REPLY = "ReadReply";

  /** The EAIF version sent when none is configured. */
  public static final String DEFAULT_VERSION = "3.0";

  /**
   * Whether a {@code Content-Type} value names an MMS PDU body, in either spelling, ignoring case
   * and parameters.
   */
  public static boolean isMmsContentType(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semi = contentType.indexOf(';');
    String base = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
    return base.equalsIgnoreCase(CONTENT_TYPE) || base.equalsIgnoreCase(CONTENT_TYPE_DOTTED);
  }

  /** Whether the text is an EAIF version, {@code major.minor} with up to three digits each. */
  static boolean isVersion(String version) {
    return version != null && version.matches("[0-9]{1,3}\\.[0-9]{1,3}");
  }
}
