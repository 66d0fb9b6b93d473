package org.mmskit.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.mmskit.core.pdu.PduField;

/**
 * The names of enumerated PDU header values (OMA MMS Encapsulation), spelled as Wireshark's MMSE
 * dissector shows them so that {@code pdu decode} and a capture read alike: {@code Yes}, {@code
 * Personal}, {@code High}, {@code Ok}, {@code Retrieved}, {@code Permanent: Service denied}, ...
 */
final class PduValueNames {
  private PduValueNames() {}

  private static final Map<Integer, Map<Integer, String>> BY_FIELD = new LinkedHashMap<>();

  static {
    Map<Integer, String> yesNo = names(0x80, "Yes", 0x81, "No");
    for (int f :
        new int[] {
          PduField.DELIVERY_REPORT,
          PduField.READ_REPORT,
          PduField.REPORT_ALLOWED,
          PduField.STORE,
          PduField.STORED,
          PduField.TOTALS,
          PduField.QUOTAS,
          PduField.DISTRIBUTION_INDICATOR,
          PduField.DRM_CONTENT,
          PduField.ADAPTATION_ALLOWED
        }) {
      BY_FIELD.put(f, yesNo);
    }
    BY_FIELD.put(
        PduField.MESSAGE_CLASS,
        names(0x80, "Personal", 0x81, "Advertisement", 0x82, "Informational", 0x83, "Auto"));
    BY_FIELD.put(PduField.PRIORITY, names(0x80, "Low", 0x81, "Normal", 0x82, "High"));
    BY_FIELD.put(PduField.SENDER_VISIBILITY, names(0x80, "Hide", 0x81, "Show"));
    BY_FIELD.put(
        PduField.RESPONSE_STATUS,
        names(
            0x80, "Ok",
            0x81, "Unspecified",
            0x82, "Service denied",
            0x83, "Message format corrupt",
            0x84, "Sending address unresolved",
            0x85, "Message not found",
            0x86, "Network problem",
            0x87, "Content not accepted",
            0x88, "Unsupported message",
            0xC0, "Transient failure",
            0xC1, "Transient: Sending address unresolved",
            0xC2, "Transient: Message not found",
            0xC3, "Transient: Network problem",
            0xC4, "Transient: Partial success",
            0xE0, "Permanent failure",
            0xE1, "Permanent: Service denied",
            0xE2, "Permanent: Message format corrupt",
            0xE3, "Permanent: Sending address unresolved",
            0xE4, "Permanent: Message not found",
            0xE5, "Permanent: Content not accepted",
            0xE6, "Permanent: Reply charging limitations not met",
            0xE7, "Permanent: Reply charging request not accepted",
            0xE8, "Permanent: Reply charging forwarding denied",
            0xE9, "Permanent: Reply charging not supported",
            0xEA, "Permanent: Address hiding not supported"));
    BY_FIELD.put(
        PduField.STATUS,
        names(
            0x80, "Expired",
            0x81, "Retrieved",
            0x82, "Rejected",
            0x83, "Deferred",
            0x84, "Unrecognized",
            0x85, "Indeterminate",
            0x86, "Forwarded",
            0x87, "Unreachable"));
    BY_FIELD.put(
        PduField.RETRIEVE_STATUS,
        names(
            0x80, "Ok",
            0xC0, "Transient failure",
            0xC1, "Transient: Message not found",
            0xC2, "Transient: Network problem",
            0xE0, "Permanent failure",
            0xE1, "Permanent: Service denied",
            0xE2, "Permanent: Message not found",
            0xE3, "Permanent: Content unsupported"));
    BY_FIELD.put(PduField.READ_STATUS, names(0x80, "Read", 0x81, "Deleted without being read"));
    BY_FIELD.put(
        PduField.REPLY_CHARGING,
        names(
            0x80, "Requested",
            0x81, "Requested text only",
            0x82, "Accepted",
            0x83, "Accepted text only"));
  }

  private static Map<Integer, String> names(Object... pairs) {
    Map<Integer, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((Integer) pairs[i], (String) pairs[i + 1]);
    }
    return m;
  }

  /** True when the field's values have names. */
  static boolean isEnumerated(int field) {
    return BY_FIELD.containsKey(field);
  }

  /** The name of a value of an enumerated field, if it has one. */
  static Optional<String> name(int field, int value) {
    Map<Integer, String> m = BY_FIELD.get(field);
    return m == null ? Optional.empty() : Optional.ofNullable(m.get(value));
  }

  /** The value a name stands for in this field (case and spaces as written, case ignored). */
  static OptionalInt value(int field, String name) {
    Map<Integer, String> m = BY_FIELD.get(field);
    if (m != null) {
      String wanted = name.trim().toLowerCase(Locale.ROOT);
      for (Map.Entry<Integer, String> e : m.entrySet()) {
        if (e.getValue().toLowerCase(Locale.ROOT).equals(wanted)) {
          return OptionalInt.of(e.getKey());
        }
      }
    }
    return OptionalInt.empty();
  }

  /** The valid names of a field, quoted and comma-separated, for error messages. */
  static String validNames(int field) {
    StringBuilder sb = new StringBuilder();
    for (String n : BY_FIELD.getOrDefault(field, Map.of()).values()) {
      sb.append(sb.length() == 0 ? "" : ", ").append('"').append(n).append('"');
    }
    return sb.toString();
  }
}
