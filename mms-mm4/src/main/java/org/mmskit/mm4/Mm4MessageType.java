package org.mmskit.mm4;

import java.util.Locale;
import java.util.Optional;

/** The MM4 message types ({@code X-Mms-Message-Type}) this module reads and writes. */
public enum Mm4MessageType {
  FORWARD_REQ("MM4_forward.REQ"),
  FORWARD_RES("MM4_forward.RES"),
  DELIVERY_REPORT_REQ("MM4_delivery_report.REQ"),
  DELIVERY_REPORT_RES("MM4_delivery_report.RES"),
  READ_REPLY_REPORT_REQ("MM4_read_reply_report.REQ"),
  READ_REPLY_REPORT_RES("MM4_read_reply_report.RES");

  private final String token;

  Mm4MessageType(String token) {
    this.token = token;
  }

  /** The header value, e.g. {@code MM4_forward.REQ}. */
  public String token() {
    return token;
  }

  /** True for the three {@code .RES} kinds. */
  public boolean isResponse() {
    return token.endsWith(".RES");
  }

  /** The {@code .RES} type answering this {@code .REQ} type (a {@code .RES} answers itself). */
  public Mm4MessageType response() {
    switch (this) {
      case FORWARD_REQ:
        return FORWARD_RES;
      case DELIVERY_REPORT_REQ:
        return DELIVERY_REPORT_RES;
      case READ_REPLY_REPORT_REQ:
        return READ_REPLY_REPORT_RES;
      default:
        return this;
    }
  }

  /** Looks a header value up, ignoring case and surrounding space; empty when unknown. */
  public static Optional<Mm4MessageType> fromToken(String token) {
    String t = token.trim().toLowerCase(Locale.ROOT);
    for (Mm4MessageType type : values()) {
      if (type.token.toLowerCase(Locale.ROOT).equals(t)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
