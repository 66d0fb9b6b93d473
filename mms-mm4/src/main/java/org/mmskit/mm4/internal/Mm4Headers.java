package org.mmskit.mm4.internal;

import java.util.Locale;
import java.util.Optional;
import org.mmskit.core.MessageClass;
import org.mmskit.core.Priority;
import org.mmskit.core.SenderVisibility;

/** MM4 header names and their value vocabularies (TS 23.140 §8 as MMSCs write them). */
public final class Mm4Headers {
  public static final String VERSION = "X-Mms-3GPP-MMS-Version";
  public static final String MESSAGE_TYPE = "X-Mms-Message-Type";
  public static final String TRANSACTION_ID = "X-Mms-Transaction-ID";
  public static final String MMS_MESSAGE_ID = "X-Mms-Message-ID";
  public static final String ORIGINATOR_SYSTEM = "X-Mms-Originator-System";
  public static final String ACK_REQUEST = "X-Mms-Ack-Request";
  public static final String MESSAGE_CLASS = "X-Mms-Message-Class";
  public static final String PRIORITY = "X-Mms-Priority";
  public static final String EXPIRY = "X-Mms-Expiry";
  public static final String DELIVERY_REPORT = "X-Mms-Delivery-Report";
  public static final String READ_REPLY = "X-Mms-Read-Reply";
  public static final String SENDER_VISIBILITY = "X-Mms-Sender-Visibility";
  public static final String VASP_ID = "X-Mms-VASP-ID";
  public static final String VAS_ID = "X-Mms-VAS-ID";
  public static final String SERVICE_CODE = "X-Mms-Service-Code";
  public static final String CHARGED_PARTY_ID = "X-Mms-Charged-Party-ID";
  public static final String APPLIC_ID = "X-Mms-Applic-ID";
  public static final String REPLY_APPLIC_ID = "X-Mms-Reply-Applic-ID";
  public static final String AUX_APPLIC_INFO = "X-Mms-Aux-Applic-Info";
  public static final String CONTENT_CLASS = "X-Mms-Content-Class";
  public static final String ADAPTATION_ALLOWED = "X-Mms-Adaptation-Allowed";
  public static final String DRM_CONTENT = "X-Mms-Drm-Content";
  public static final String REQUEST_STATUS_CODE = "X-Mms-Request-Status-Code";
  public static final String STATUS_TEXT = "X-Mms-Status-Text";
  public static final String MM_STATUS_CODE = "X-Mms-MM-Status-Code";

  /** Mbuni's MM1 name for the delivery status, seen on MM4 too. */
  public static final String MM1_STATUS = "X-Mms-Status";

  public static final String MM_STATUS_EXTENSION = "X-Mms-MM-Status-Extension";
  public static final String FORWARD_TO_ORIGINATOR_UA = "X-Mms-Forward-To-Originator-UA";
  public static final String READ_STATUS = "X-Mms-Read-Status";

  /** The dialect name of the read status some MMSCs write. */
  public static final String MM_READ_STATUS = "X-Mms-MM-Read-Status";

  private Mm4Headers() {}

  public static String yesNo(boolean value) {
    return value ? "Yes" : "No";
  }

  /** {@code Yes}/{@code No} in any case, also {@code true}/{@code false}; empty otherwise. */
  public static Optional<Boolean> readYesNo(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("yes") || v.equals("true")) {
      return Optional.of(Boolean.TRUE);
    }
    if (v.equals("no") || v.equals("false")) {
      return Optional.of(Boolean.FALSE);
    }
    return Optional.empty();
  }

  /** {@code PERSONAL} as {@code Personal}: the MM4 spelling of the model's enums. */
  public static String token(Enum<?> value) {
    String n = value.name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(n.charAt(0)) + n.substring(1);
  }

  public static <E extends Enum<E>> E readToken(Class<E> type, String value, String header) {
    String v = value.trim().toUpperCase(Locale.ROOT);
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(v)) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown " + header + " value: " + value.trim());
  }

  public static MessageClass messageClass(String value) {
    return readToken(MessageClass.class, value, MESSAGE_CLASS);
  }

  public static Priority priority(String value) {
    return readToken(Priority.class, value, PRIORITY);
  }

  public static SenderVisibility senderVisibility(String value) {
    return readToken(SenderVisibility.class, value, SENDER_VISIBILITY);
  }

  /** Writes an ID as MMSCs do: in double quotes. */
  public static String quote(String id) {
    return '"' + id + '"';
  }

  /** Removes surrounding double quotes or angle brackets and space. */
  public static String unquote(String value) {
    String v = value.trim();
    if (v.length() >= 2
        && ((v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"')
            || (v.charAt(0) == '<' && v.charAt(v.length() - 1) == '>'))) {
      v = v.substring(1, v.length() - 1).trim();
    }
    return v;
  }
}
