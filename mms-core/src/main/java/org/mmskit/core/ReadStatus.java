package org.mmskit.core;

import java.util.Locale;

/** What a read reply tells (MM7 read {@code MMStatus}, PDU {@code X-Mms-Read-Status}). */
public enum ReadStatus {
  READ,
  DELETED,
  INDETERMINATE;

  /** Reads an MM7 status name case-insensitively; unknown words are INDETERMINATE. */
  public static ReadStatus fromText(String text) {
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "read":
        return READ;
      case "deleted":
      case "deletedwithoutbeingread":
        return DELETED;
      default:
        return INDETERMINATE;
    }
  }

  /** The MM7 spelling, e.g. {@code Read}. */
  public String mm7Name() {
    String n = name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(n.charAt(0)) + n.substring(1);
  }
}
