package org.mmskit.core.internal.wsp;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The IANA MIBenum numbers MMS uses for charsets, mapped to names and Java charsets. Built once;
 * lookups on the hot path are array or hash lookups, never {@code Charset.forName}.
 */
public final class Charsets {
  private Charsets() {}

  private static final Map<Integer, String> NAMES = new HashMap<>();
  private static final Map<Integer, Charset> JAVA = new HashMap<>();
  private static final Map<String, Integer> BY_NAME = new HashMap<>();
  private static final Map<Charset, Integer> BY_CHARSET = new HashMap<>();

  static {
    add(3, "us-ascii", "US-ASCII");
    add(4, "iso-8859-1", "ISO-8859-1");
    add(5, "iso-8859-2", "ISO-8859-2");
    add(6, "iso-8859-3", "ISO-8859-3");
    add(7, "iso-8859-4", "ISO-8859-4");
    add(8, "iso-8859-5", "ISO-8859-5");
    add(9, "iso-8859-6", "ISO-8859-6");
    add(10, "iso-8859-7", "ISO-8859-7");
    add(11, "iso-8859-8", "ISO-8859-8");
    add(12, "iso-8859-9", "ISO-8859-9");
    add(13, "iso-8859-10", "ISO-8859-10");
    add(17, "shift_jis", "Shift_JIS");
    add(18, "euc-jp", "EUC-JP");
    add(36, "ks_c_5601-1987", "x-windows-949");
    add(38, "euc-kr", "EUC-KR");
    add(39, "iso-2022-jp", "ISO-2022-JP");
    add(40, "iso-2022-jp-2", "ISO-2022-JP-2");
    add(106, "utf-8", "UTF-8");
    add(109, "iso-8859-13", "ISO-8859-13");
    add(111, "iso-8859-15", "ISO-8859-15");
    add(1000, "iso-10646-ucs-2", "UTF-16BE");
    add(1013, "utf-16be", "UTF-16BE");
    add(1014, "utf-16le", "UTF-16LE");
    add(1015, "utf-16", "UTF-16");
    add(2025, "gb2312", "GB2312");
    add(2026, "big5", "Big5");
    add(2084, "koi8-r", "KOI8-R");
    add(2250, "windows-1250", "windows-1250");
    add(2251, "windows-1251", "windows-1251");
    add(2252, "windows-1252", "windows-1252");
    add(2253, "windows-1253", "windows-1253");
    add(2254, "windows-1254", "windows-1254");
    add(2255, "windows-1255", "windows-1255");
    add(2256, "windows-1256", "windows-1256");
    add(2257, "windows-1257", "windows-1257");
    add(2258, "windows-1258", "windows-1258");
    BY_NAME.put("ascii", 3);
    BY_NAME.put("latin1", 4);
    BY_NAME.put("utf8", 106);
    BY_NAME.put("ucs-2", 1000);
    BY_NAME.put("iso-10646-ucs-2", 1000);
    BY_CHARSET.put(StandardCharsets.UTF_16BE, 1013);
  }

  private static void add(int mib, String name, String javaName) {
    NAMES.put(mib, name);
    BY_NAME.put(name, mib);
    try {
      Charset cs = Charset.forName(javaName);
      JAVA.put(mib, cs);
      BY_CHARSET.putIfAbsent(cs, mib);
      BY_NAME.putIfAbsent(cs.name().toLowerCase(Locale.ROOT), mib);
    } catch (RuntimeException e) {
      // not supported by this JVM: text in it is kept as ISO-8859-1 octets
    }
  }

  /** The Java charset of a MIBenum, or null when unknown or unsupported. */
  public static Charset forMibEnum(int mib) {
    return JAVA.get(mib);
  }

  /**
   * The charset used to turn text of this MIBenum into octets and back. Unknown or unsupported
   * MIBenums, and US-ASCII, use ISO-8859-1 so that every octet survives a round trip.
   */
  public static Charset codec(int mib) {
    if (mib == 106) {
      return StandardCharsets.UTF_8;
    }
    if (mib == 3) {
      return StandardCharsets.ISO_8859_1;
    }
    Charset cs = JAVA.get(mib);
    return cs != null ? cs : StandardCharsets.ISO_8859_1;
  }

  /** The MIBenum of a Java charset, or 0. */
  public static int mibEnum(Charset cs) {
    Integer mib = BY_CHARSET.get(cs);
    return mib == null ? 0 : mib;
  }

  /** The MIBenum of a charset name (case-insensitive), or -1. */
  public static int mibEnum(String name) {
    Integer mib = BY_NAME.get(name.toLowerCase(Locale.ROOT));
    return mib == null ? -1 : mib;
  }

  /** The preferred IANA name of a MIBenum, lower case, or null. */
  public static String name(int mib) {
    return NAMES.get(mib);
  }

  /** True for the 16-bit charsets, whose text can hold NUL octets. */
  public static boolean isWide(int mib) {
    return mib == 1000 || mib == 1013 || mib == 1014 || mib == 1015;
  }
}
