package org.mmskit.mm7.internal;

import java.util.Map;

/**
 * The MM7 status codes of 3GPP TS 23.140 with their meanings, for messages and retry decisions. The
 * class is the thousands digit: 1xxx success, 2xxx client error, 3xxx server error, 4xxx service
 * error; vendor codes inside a range take the range's meaning.
 */
public final class Mm7StatusCodes {
  private Mm7StatusCodes() {}

  private static final Map<Integer, String> NAMES =
      Map.ofEntries(
          Map.entry(1000, "Success"),
          Map.entry(1100, "Partial success: only some recipients were accepted"),
          Map.entry(2000, "Client error: the request was invalid"),
          Map.entry(2001, "Operation restricted: no permission for this request"),
          Map.entry(2002, "Address error: an address is malformed or not served by this MMSC"),
          Map.entry(2003, "Address not found"),
          Map.entry(
              2004,
              "Multimedia content refused: content unreadable, too large or of a refused type"),
          Map.entry(2005, "Message ID not found"),
          Map.entry(2006, "LinkedID not found"),
          Map.entry(2007, "Message format corrupt: an element value is malformed"),
          Map.entry(2008, "Application ID not found"),
          Map.entry(2009, "Reply Application ID not found"),
          Map.entry(3000, "Server error: the MMSC failed on a valid request"),
          Map.entry(
              3001, "Not possible: cannot be done now (busy, or the message is already delivered)"),
          Map.entry(3002, "Message rejected: the MMSC could not complete the service"),
          Map.entry(3003, "Multiple addresses not supported: send one request per recipient"),
          Map.entry(3004, "Application addressing not supported"),
          Map.entry(4000, "General service error"),
          Map.entry(4001, "Improper identification: VASP/VAS ID or credentials not recognised"),
          Map.entry(4002, "Unsupported version: the MMSC does not accept this MM7Version"),
          Map.entry(4003, "Unsupported operation"),
          Map.entry(
              4004,
              "Validation error: SOAP/XML unreadable, a mandatory field missing, or an unknown element"),
          Map.entry(4005, "Service error: the operation made the MMSC fail; do not resend"),
          Map.entry(4006, "Service unavailable: temporarily busy, retry later"),
          Map.entry(4007, "Service denied: this client may not perform the operation"),
          Map.entry(4008, "Application denied"));

  /** The meaning of a code; unknown codes are described by their class. */
  public static String meaning(int code) {
    String n = NAMES.get(code);
    if (n != null) {
      return n;
    }
    switch (code / 1000) {
      case 1:
        return "Success (vendor code)";
      case 2:
        return "Client error (vendor code)";
      case 3:
        return "Server error (vendor code)";
      case 4:
        return "Service error (vendor code)";
      default:
        return "Unknown status";
    }
  }

  /** True for 1xxx. */
  public static boolean isSuccess(int code) {
    return code >= 1000 && code < 2000;
  }

  /**
   * Whether sending the same request again later may succeed: 3xxx server errors (except 3003 and
   * 3004, which need a different request) and 4006 Service unavailable. 2xxx client errors and the
   * other 4xxx service errors are not.
   */
  public static boolean isRetryable(int code) {
    if (code >= 3000 && code < 4000) {
      return code != 3003 && code != 3004;
    }
    return code == 4006;
  }
}
