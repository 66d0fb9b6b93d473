package org.mmskit.core.pdu;

import java.nio.charset.Charset;
import java.util.Objects;
import java.util.Optional;
import org.mmskit.core.internal.wsp.Charsets;

/**
 * An Encoded-string-value: text with the IANA MIBenum of the charset it is (or was) written in.
 * Charset 0 stands for a plain Text-string without charset (written as UTF-8, read as UTF-8 when
 * valid, else ISO-8859-1). Immutable.
 *
 * @param text the text
 * @param charset the IANA MIBenum (106 = UTF-8, 4 = ISO-8859-1, ...), or 0 for none
 */
public record EncodedString(String text, int charset) {

  /** MIBenum of UTF-8. */
  public static final int UTF_8 = 106;

  /** MIBenum of US-ASCII. */
  public static final int US_ASCII = 3;

  public EncodedString {
    Objects.requireNonNull(text, "text");
    if (charset < 0) {
      throw new IllegalArgumentException("negative charset: " + charset);
    }
  }

  /** Text without a charset label. */
  public static EncodedString of(String text) {
    return new EncodedString(text, 0);
  }

  /** Text labelled with a Java charset; a charset without a known MIBenum is replaced by UTF-8. */
  public static EncodedString of(String text, Charset charset) {
    int mib = Charsets.mibEnum(charset);
    return new EncodedString(text, mib > 0 ? mib : UTF_8);
  }

  /**
   * Text labelled UTF-8 when it holds anything beyond US-ASCII, else without label; what a sender
   * should use for a subject.
   */
  public static EncodedString auto(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return new EncodedString(text, UTF_8);
      }
    }
    return new EncodedString(text, 0);
  }

  /** The Java charset of the label, when there is one this JVM supports. */
  public Optional<Charset> javaCharset() {
    return charset == 0 ? Optional.empty() : Optional.ofNullable(Charsets.forMibEnum(charset));
  }

  @Override
  public String toString() {
    return charset == 0 ? text : text + " [charset " + charset + "]";
  }
}
