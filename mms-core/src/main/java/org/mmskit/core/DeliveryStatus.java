package org.mmskit.core;

import java.util.Locale;

/** The outcome a delivery report tells (MM7 {@code MMStatus}, PDU {@code X-Mms-Status}). */
public enum DeliveryStatus {
  EXPIRED,
  RETRIEVED,
  REJECTED,
  DEFERRED,
  UNRECOGNISED,
  INDETERMINATE,
  FORWARDED,
  UNREACHABLE,
  DELIVERY_CONDITION_NOT_MET,
  /** A value this SDK does not know; the raw text is in the report. */
  OTHER;

  /** True when the message reached the handset. */
  public boolean isDelivered() {
    return this == RETRIEVED || this == FORWARDED;
  }

  /** True when no further report will change the outcome. */
  public boolean isFinal() {
    return this != DEFERRED && this != INDETERMINATE && this != OTHER;
  }

  /**
   * Reads an MM7 status name leniently: case-insensitive, {@code Unrecognized} with a z, vendor
   * words such as {@code Delivered} (as RETRIEVED); anything else is {@link #OTHER}.
   */
  public static DeliveryStatus fromText(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "expired":
        return EXPIRED;
      case "retrieved":
      case "delivered":
        return RETRIEVED;
      case "rejected":
        return REJECTED;
      case "deferred":
        return DEFERRED;
      case "unrecognised":
      case "unrecognized":
        return UNRECOGNISED;
      case "indeterminate":
        return INDETERMINATE;
      case "forwarded":
        return FORWARDED;
      case "unreachable":
        return UNREACHABLE;
      case "deliveryconditionnotmet":
        return DELIVERY_CONDITION_NOT_MET;
      default:
        return OTHER;
    }
  }

  /** The MM7 spelling, e.g. {@code Retrieved}, {@code DeliveryConditionNotMet}. */
  public String mm7Name() {
    if (this == DELIVERY_CONDITION_NOT_MET) {
      return "DeliveryConditionNotMet";
    }
    String n = name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(n.charAt(0)) + n.substring(1);
  }
}
