package org.mmskit.core;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A sender or recipient address: a phone number, an e-mail address, a short code or an IP address.
 * Immutable and thread-safe.
 *
 * <p>{@link #parse(String)} reads both the plain form ({@code +15551234567}, {@code
 * alice@example.com}, {@code 12345}) and the MMS PDU form ({@code +15551234567/TYPE=PLMN}, {@code
 * 10.0.0.1/TYPE=IPv4}); {@link #toPduString()} writes the PDU form and {@link #toString()} the
 * plain one.
 */
public final class Address {

  /** The kind of an address, as told by the PDU {@code /TYPE=} suffix or the MM7 element. */
  public enum Kind {
    /** A phone number (MSISDN), international with a leading {@code +} or national. */
    PHONE("PLMN"),
    /** An RFC 5322 e-mail address. */
    EMAIL(null),
    /** A short code (a number a service is reached on, usually 3 to 8 digits). */
    SHORT_CODE(null),
    /** An IPv4 address. */
    IPV4("IPv4"),
    /** An IPv6 address. */
    IPV6("IPv6"),
    /** Any other {@code /TYPE=} value; the type name is kept in {@link Address#typeName()}. */
    OTHER(null);

    private final String pduType;

    Kind(String pduType) {
      this.pduType = pduType;
    }
  }

  private static final Pattern IPV4_PATTERN =
      Pattern.compile(
          "(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}");

  private final Kind kind;
  private final String value;
  private final String typeName;
  private final boolean displayOnly;

  private Address(Kind kind, String value, String typeName, boolean displayOnly) {
    this.kind = kind;
    this.value = value;
    this.typeName = typeName;
    this.displayOnly = displayOnly;
  }

  /** {@code \+?[0-9*#][0-9*#\-. ]*}, checked without a regex (it runs for every address read). */
  private static boolean isPhoneNumber(String s) {
    int i = s.startsWith("+") ? 1 : 0;
    if (i >= s.length() || !isDialChar(s.charAt(i))) {
      return false;
    }
    for (i++; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isDialChar(c) && c != '-' && c != '.' && c != ' ') {
        return false;
      }
    }
    return true;
  }

  private static boolean isDialChar(char c) {
    return (c >= '0' && c <= '9') || c == '*' || c == '#';
  }

  /** 2 to 8 ASCII digits: what a bare short code looks like. */
  private static boolean isShortCodeDigits(String s) {
    if (s.length() < 2 || s.length() > 8) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean allLettersOrDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isLetterOrDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** A phone number such as {@code +15551234567}; separators ({@code - . space}) are removed. */
  public static Address phone(String number) {
    Objects.requireNonNull(number, "number");
    String trimmed = number.trim();
    if (!isPhoneNumber(trimmed)) {
      throw new IllegalArgumentException("not a phone number: " + number);
    }
    return new Address(Kind.PHONE, stripSeparators(trimmed), "PLMN", false);
  }

  private static String stripSeparators(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean sep = c == '-' || c == '.' || c == ' ';
      if (sep && b == null) {
        b = new StringBuilder(s.length()).append(s, 0, i);
      } else if (!sep && b != null) {
        b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }

  /** An e-mail address such as {@code alice@example.com}. */
  public static Address email(String address) {
    Objects.requireNonNull(address, "address");
    String trimmed = address.trim();
    int at = trimmed.lastIndexOf('@');
    if (at <= 0 || at == trimmed.length() - 1) {
      throw new IllegalArgumentException("not an e-mail address: " + address);
    }
    return new Address(Kind.EMAIL, trimmed, null, false);
  }

  /** A short code such as {@code 12345}. */
  public static Address shortCode(String code) {
    Objects.requireNonNull(code, "code");
    String trimmed = code.trim();
    if (trimmed.isEmpty() || !allLettersOrDigits(trimmed)) {
      throw new IllegalArgumentException("not a short code: " + code);
    }
    return new Address(Kind.SHORT_CODE, trimmed, null, false);
  }

  /** An IPv4 address in dotted form. */
  public static Address ipv4(String address) {
    Objects.requireNonNull(address, "address");
    String trimmed = address.trim();
    if (!IPV4_PATTERN.matcher(trimmed).matches()) {
      throw new IllegalArgumentException("not an IPv4 address: " + address);
    }
    return new Address(Kind.IPV4, trimmed, "IPv4", false);
  }

  /** An IPv6 address in colon form. */
  public static Address ipv6(String address) {
    Objects.requireNonNull(address, "address");
    String trimmed = address.trim();
    if (trimmed.indexOf(':') < 0 || !trimmed.matches("[0-9A-Fa-f:.]+")) {
      throw new IllegalArgumentException("not an IPv6 address: " + address);
    }
    return new Address(Kind.IPV6, trimmed, "IPv6", false);
  }

  /**
   * Reads an address in plain or PDU form. A {@code /TYPE=} suffix decides the kind; without one,
   * an {@code @} means e-mail, 2 to 8 digits a short code, a dotted quad IPv4, a colon IPv6, and
   * anything else that looks like a number a phone number.
   *
   * @throws IllegalArgumentException if the text is empty or fits no kind
   */
  public static Address parse(String text) {
    Objects.requireNonNull(text, "text");
    String s = text.trim();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty address");
    }
    int slash = s.lastIndexOf("/TYPE=");
    if (slash < 0 && s.indexOf('/') >= 0) {
      slash = s.toUpperCase(Locale.ROOT).lastIndexOf("/TYPE=");
    }
    if (slash >= 0) {
      String value = s.substring(0, slash);
      String type = s.substring(slash + 6);
      if (value.isEmpty()) {
        throw new IllegalArgumentException("empty address: " + text);
      }
      switch (type.toUpperCase(Locale.ROOT)) {
        case "PLMN":
          return isPhoneNumber(value) ? phone(value) : new Address(Kind.OTHER, value, type, false);
        case "IPV4":
          return ipv4(value);
        case "IPV6":
          return ipv6(value);
        default:
          return new Address(Kind.OTHER, value, type, false);
      }
    }
    if (s.indexOf('@') > 0) {
      return email(s);
    }
    if (isShortCodeDigits(s)) {
      return shortCode(s);
    }
    if (s.indexOf('.') > 0 && IPV4_PATTERN.matcher(s).matches()) {
      return ipv4(s);
    }
    if (s.indexOf(':') >= 0 && s.matches("[0-9A-Fa-f:.]+")) {
      return ipv6(s);
    }
    if (isPhoneNumber(s)) {
      return phone(s);
    }
    throw new IllegalArgumentException("not an address: " + text);
  }

  /** The kind of this address. */
  public Kind kind() {
    return kind;
  }

  /** The address without any {@code /TYPE=} suffix, e.g. {@code +15551234567}. */
  public String value() {
    return value;
  }

  /**
   * The PDU type name ({@code PLMN}, {@code IPv4}, {@code IPv6} or a custom one for {@link
   * Kind#OTHER}); {@code null} for e-mail and short codes, which carry no suffix.
   */
  String typeName() {
    return typeName;
  }

  /**
   * True when the address is shown to recipients but the message is not sent to it (MM7 {@code
   * displayOnly}).
   */
  public boolean displayOnly() {
    return displayOnly;
  }

  /** This address with the display-only flag set as given. */
  public Address withDisplayOnly(boolean displayOnly) {
    return displayOnly == this.displayOnly ? this : new Address(kind, value, typeName, displayOnly);
  }

  /**
   * The PDU form: {@code +15551234567/TYPE=PLMN}, {@code 10.0.0.1/TYPE=IPv4}, or the plain value
   * for e-mail. A short code is written as {@code 12345/TYPE=PLMN}, which is how MMSCs address
   * short codes over MM1.
   */
  public String toPduString() {
    switch (kind) {
      case EMAIL:
        return value;
      case SHORT_CODE:
        return value + "/TYPE=PLMN";
      default:
        return value + "/TYPE=" + (kind.pduType != null ? kind.pduType : typeName);
    }
  }

  /** The plain form, e.g. {@code +15551234567}. */
  @Override
  public String toString() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Address)) {
      return false;
    }
    Address other = (Address) o;
    return kind == other.kind
        && displayOnly == other.displayOnly
        && value.equals(other.value)
        && Objects.equals(typeName, other.typeName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, value, typeName, displayOnly);
  }
}
