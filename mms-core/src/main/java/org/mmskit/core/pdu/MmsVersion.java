package org.mmskit.core.pdu;

/**
 * An MMS encapsulation version, {@code X-Mms-MMS-Version}: a major (0-7) and a minor (0-15) number,
 * sent as one octet. Immutable.
 *
 * @param major the major version, 0 to 7
 * @param minor the minor version, 0 to 15 (15 on the wire also means "unknown minor")
 */
public record MmsVersion(int major, int minor) implements Comparable<MmsVersion> {

  public static final MmsVersion V1_0 = new MmsVersion(1, 0);
  public static final MmsVersion V1_1 = new MmsVersion(1, 1);
  public static final MmsVersion V1_2 = new MmsVersion(1, 2);
  public static final MmsVersion V1_3 = new MmsVersion(1, 3);

  public MmsVersion {
    if (major < 0 || major > 7 || minor < 0 || minor > 15) {
      throw new IllegalArgumentException("MMS version out of range: " + major + "." + minor);
    }
  }

  /** The version a Short-integer value (the octet without its top bit) stands for. */
  public static MmsVersion fromValue(int value) {
    int v = value & 0x7F;
    int major = v >> 4;
    int minor = v & 0x0F;
    if (major == 1 && minor <= 3) {
      return minor == 0 ? V1_0 : minor == 1 ? V1_1 : minor == 2 ? V1_2 : V1_3;
    }
    return new MmsVersion(major, minor);
  }

  /** Reads {@code 1.2} style text. */
  public static MmsVersion parse(String text) {
    int dot = text.indexOf('.');
    if (dot < 0) {
      return new MmsVersion(Integer.parseInt(text.trim()), 0);
    }
    return new MmsVersion(
        Integer.parseInt(text.substring(0, dot).trim()),
        Integer.parseInt(text.substring(dot + 1).trim()));
  }

  /** The octet on the wire, e.g. {@code 0x92} for 1.2. */
  public int code() {
    return 0x80 | (major << 4) | minor;
  }

  @Override
  public int compareTo(MmsVersion o) {
    return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
  }

  /** True when this version is the given one or later. */
  public boolean atLeast(MmsVersion other) {
    return compareTo(other) >= 0;
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
