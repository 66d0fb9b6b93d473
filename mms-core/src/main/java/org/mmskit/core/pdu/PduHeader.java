package org.mmskit.core.pdu;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.mmskit.core.TimeSpec;
import org.mmskit.core.internal.wsp.WspReader;

/**
 * One header of an MMS PDU with its value, typed by the value encoding the field uses. Fields the
 * codec does not model, and values that do not have the form their field should have, are kept as
 * {@link Raw} bytes so that a decode and re-encode loses nothing. All implementations are immutable
 * records.
 */
public sealed interface PduHeader {

  /**
   * The field number ({@link PduField}), 0x01 to 0x7F; 0 for an {@link Application} header, which
   * is named by text.
   */
  int field();

  /** The header name, e.g. {@code Subject} or an application header's own name. */
  default String name() {
    return PduField.name(field());
  }

  /** A Text-string (or Token-text) value: Transaction-ID, Message-ID, Content-Location, ... */
  record Text(int field, String value) implements PduHeader {
    public Text {
      checkField(field);
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return name() + ": " + value;
    }
  }

  /** An Encoded-string-value: To, Cc, Bcc, Subject, Response-Text, ... */
  record Encoded(int field, EncodedString value) implements PduHeader {
    public Encoded {
      checkField(field);
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return name() + ": " + value;
    }
  }

  /** An Integer-value (sent as Long-integer): Date (epoch seconds), Message-Size, ... */
  record Int(int field, long value) implements PduHeader {
    public Int {
      checkField(field);
      if (value < 0) {
        throw new IllegalArgumentException("negative value for " + PduField.name(field));
      }
    }

    @Override
    public String toString() {
      return name() + ": " + value;
    }
  }

  /** A one-octet token, 0x80 to 0xFF: Delivery-Report, Priority, Status, Response-Status, ... */
  record Token(int field, int value) implements PduHeader {
    public Token {
      checkField(field);
      if (value < 0x80 || value > 0xFF) {
        throw new IllegalArgumentException(
            "token out of range for " + PduField.name(field) + ": " + value);
      }
    }

    @Override
    public String toString() {
      return name() + ": 0x" + Integer.toHexString(value).toUpperCase(java.util.Locale.ROOT);
    }
  }

  /** An absolute or relative time: Expiry, Delivery-Time, Reply-Charging-Deadline. */
  record Time(int field, TimeSpec value) implements PduHeader {
    public Time {
      checkField(field);
      Objects.requireNonNull(value, "value");
      if (value.absolute().isPresent() && value.absolute().get().getEpochSecond() < 0) {
        throw new IllegalArgumentException("time before 1970: " + value);
      }
    }

    @Override
    public String toString() {
      return name() + ": " + value;
    }
  }

  /**
   * The From header: an address, or (address {@code null}) the Insert-address token by which a
   * sender asks the MMSC to fill in its address.
   */
  record From(EncodedString address) implements PduHeader {
    /** The From header with the Insert-address token. */
    public static From insertAddress() {
      return new From(null);
    }

    /** True for the Insert-address token. */
    public boolean isInsertAddress() {
      return address == null;
    }

    @Override
    public int field() {
      return PduField.FROM;
    }

    @Override
    public String toString() {
      return "From: " + (address == null ? "<insert-address>" : address.toString());
    }
  }

  /**
   * A value kept as the octets that were on the wire (after the field octet), for fields the codec
   * does not model or values of an unexpected form. The bytes must form one whole WSP value (a
   * Short-length or Length-quote value, a NUL-terminated text, or one octet of 0x80 or more).
   */
  record Raw(int field, byte[] value) implements PduHeader {
    public Raw {
      checkField(field);
      value = value.clone();
      if (WspReader.valueEnd(value, 0, value.length) != value.length) {
        throw new IllegalArgumentException(
            "not one whole WSP value for " + PduField.name(field) + ": " + hex(value));
      }
    }

    /** The value octets (a copy). */
    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Raw && ((Raw) o).field == field && Arrays.equals(((Raw) o).value, value);
    }

    @Override
    public int hashCode() {
      return field * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return PduField.name(field) + ": [" + hex(value) + "]";
    }
  }

  /** An application header: {@code Token-text} name and {@code Text-string} value. */
  record Application(String name, String value) implements PduHeader {
    public Application {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("empty application header name");
      }
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (c <= 0x20 || c >= 0x7F) {
          throw new IllegalArgumentException("not a token: " + name);
        }
      }
    }

    @Override
    public int field() {
      return 0;
    }

    @Override
    public String toString() {
      return name + ": " + value;
    }
  }

  private static void checkField(int field) {
    if (field < 1 || field > 0x7F) {
      throw new IllegalArgumentException("field number out of range: " + field);
    }
    if (field == PduField.MESSAGE_TYPE
        || field == PduField.MMS_VERSION
        || field == PduField.CONTENT_TYPE) {
      throw new IllegalArgumentException(
          PduField.name(field) + " is a property of MmsPdu, not a header");
    }
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b, 0, Math.min(b.length, 32)) + (b.length > 32 ? "..." : "");
  }
}
