package org.mmskit.mm4.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mmskit.core.Address;

/**
 * MM4 address forms: {@code +E164/TYPE=PLMN} in headers, {@code +E164/TYPE=PLMN@mmsc.domain} in the
 * envelope and {@code Sender}; e-mail addresses as they are.
 */
public final class Mm4Addresses {
  private Mm4Addresses() {}

  /** The MM4 form of an address, with {@code @domain} appended when a domain is given. */
  public static String format(Address address, String domain) {
    if (address.kind() == Address.Kind.EMAIL) {
      return address.value();
    }
    String pdu = address.toPduString();
    return domain == null || domain.isEmpty() ? pdu : pdu + "@" + domain;
  }

  /**
   * Reads an address header leniently: a comma-separated list whose items may carry a display name
   * and angle brackets, with or without {@code /TYPE=} and with or without {@code @domain}.
   *
   * @throws IllegalArgumentException naming the item that is no address
   */
  public static List<Address> parseList(String header) {
    List<Address> out = new ArrayList<>();
    for (String item : splitItems(header)) {
      if (!item.isEmpty()) {
        out.add(parse(item));
      }
    }
    return out;
  }

  /** The address of a header item without display name and angle brackets. */
  public static String bare(String item) {
    String s = item.trim();
    int lt = s.lastIndexOf('<');
    int gt = s.lastIndexOf('>');
    if (lt >= 0 && gt > lt) {
      s = s.substring(lt + 1, gt).trim();
    }
    return s;
  }

  /** Reads one address (see {@link #parseList}). */
  public static Address parse(String item) {
    String s = bare(item);
    int type = s.toUpperCase(Locale.ROOT).indexOf("/TYPE=");
    if (type >= 0) {
      int at = s.indexOf('@', type);
      return Address.parse(at >= 0 ? s.substring(0, at) : s);
    }
    int at = s.lastIndexOf('@');
    if (at > 0) {
      // number@domain is how some MMSCs write a phone number without /TYPE=PLMN
      String local = s.substring(0, at);
      if (looksLikeNumber(local)) {
        return Address.parse(local);
      }
      return Address.email(s);
    }
    return Address.parse(s);
  }

  private static boolean looksLikeNumber(String local) {
    int i = local.startsWith("+") ? 1 : 0;
    if (i >= local.length()) {
      return false;
    }
    for (; i < local.length(); i++) {
      char c = local.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static List<String> splitItems(String header) {
    List<String> items = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    boolean angle = false;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '<') {
        angle = true;
      } else if (!quoted && c == '>') {
        angle = false;
      } else if (c == ',' && !quoted && !angle) {
        items.add(cur.toString().trim());
        cur.setLength(0);
        continue;
      }
      cur.append(c);
    }
    items.add(cur.toString().trim());
    return items;
  }
}
