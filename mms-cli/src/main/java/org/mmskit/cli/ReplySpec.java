package org.mmskit.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mmskit.testkit.MmscReply;

/**
 * A {@code simulate --reply} answer: {@code 4006} or {@code 4006:Text} (an MM7 status), {@code
 * fault:3000} (a SOAP fault), {@code http:503} (a bare HTTP status), {@code drop} (cut the
 * connection), {@code ok} (success).
 */
final class ReplySpec {
  private ReplySpec() {}

  static final String FORMS =
      "an MM7 status code (4006 or 4006:Text), fault:CODE, http:STATUS, drop or ok";

  static List<MmscReply> parseAll(List<String> specs) {
    List<MmscReply> out = new ArrayList<>(specs.size());
    for (String s : specs) {
      out.add(parse(s));
    }
    return out;
  }

  static MmscReply parse(String spec) {
    String s = spec.trim();
    String lower = s.toLowerCase(Locale.ROOT);
    try {
      if (lower.equals("drop")) {
        return MmscReply.dropConnection();
      }
      if (lower.equals("ok") || lower.equals("success")) {
        return MmscReply.success();
      }
      if (lower.startsWith("http:")) {
        return MmscReply.httpStatus(Integer.parseInt(s.substring(5).trim()));
      }
      if (lower.startsWith("fault:")) {
        int code = Integer.parseInt(s.substring(6).trim());
        return MmscReply.soapFault(code, textFor(code));
      }
      int colon = s.indexOf(':');
      int code = Integer.parseInt(colon < 0 ? s : s.substring(0, colon).trim());
      return MmscReply.status(code, colon < 0 ? textFor(code) : s.substring(colon + 1).trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--reply " + spec + ": " + reason(e) + "; write " + FORMS, e);
    }
  }

  private static String reason(IllegalArgumentException e) {
    return e instanceof NumberFormatException ? "not a known answer" : e.getMessage();
  }

  /** The status text an MMSC commonly sends with a code's class. */
  private static String textFor(int code) {
    return switch (code / 1000) {
      case 1 -> code == 1100 ? "Partial success" : "Success";
      case 2 -> "Client error";
      case 3 -> "Operation restricted";
      case 4 -> code == 4006 ? "Service unavailable" : "Server error";
      default -> "Status " + code;
    };
  }
}
