package org.mmskit.mm1.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.mmskit.core.MmsMalformedException;

/**
 * Reads SMS-DELIVER PDUs as 3GPP TS 27.005 PDU mode shows them (the SMSC address first), and writes
 * them for the modem simulator. Pure functions.
 */
public final class SmsPdus {
  private SmsPdus() {}

  /** The most user data one SMS carries. */
  public static final int MAX_USER_DATA = 140;

  private static final int IEI_CONCAT_8 = 0x00;
  private static final int IEI_PORTS_8 = 0x04;
  private static final int IEI_PORTS_16 = 0x05;
  private static final int IEI_CONCAT_16 = 0x08;

  /**
   * Decodes an SMS-DELIVER with its leading SMSC address.
   *
   * @throws MmsMalformedException when the octets are not a whole SMS-DELIVER (another message
   *     type, such as a stored SMS-SUBMIT, is refused too), with the offset of the problem
   */
  public static SmsDeliver decode(byte[] pdu) {
    Reader r = new Reader(pdu);
    int scaLength = r.u8("SMSC address length");
    Optional<String> sca = Optional.empty();
    if (scaLength > 0) {
      if (scaLength > 11) {
        throw r.error("SMSC address longer than 11 octets: " + scaLength, "SMSC address");
      }
      int toa = r.u8("SMSC address type");
      sca = Optional.of(bcdAddress(r, toa, (scaLength - 1) * 2, "SMSC address"));
    }
    int first = r.u8("first octet");
    if ((first & 0x03) != 0) {
      throw r.error("not an SMS-DELIVER (TP-MTI " + (first & 0x03) + ")", "first octet", r.pos - 1);
    }
    boolean udhi = (first & 0x40) != 0;
    int oaDigits = r.u8("originator length");
    if (oaDigits > 20) {
      throw r.error("originator longer than 20 digits: " + oaDigits, "originator");
    }
    int oaType = r.u8("originator type");
    String originator;
    if ((oaType & 0x70) == 0x50) {
      int octets = (oaDigits + 1) / 2;
      byte[] raw = r.bytes(octets, "originator");
      int[] septets = Gsm7.unpack(raw, 0, octets * 8 / 7);
      originator = Gsm7.decode(septets, 0, septets.length);
    } else {
      originator = bcdAddress(r, oaType, oaDigits, "originator");
    }
    int pid = r.u8("TP-PID");
    int dcs = r.u8("TP-DCS");
    byte[] scts = r.bytes(7, "TP-SCTS");
    Optional<OffsetDateTime> timestamp = timestamp(scts);
    int udl = r.u8("TP-UDL");
    SmsDeliver.Alphabet alphabet = alphabet(dcs);
    int udOctets = alphabet == SmsDeliver.Alphabet.GSM7 ? Gsm7.packedLength(udl) : udl;
    if (udOctets > MAX_USER_DATA) {
      throw r.error("user data longer than 140 octets: " + udOctets, "TP-UDL", r.pos - 1);
    }
    int udStart = r.pos;
    byte[] ud = r.bytes(udOctets, "TP-UD");

    int bodyOctet = 0;
    Optional<SmsDeliver.Concat> concat = Optional.empty();
    OptionalInt dst = OptionalInt.empty();
    OptionalInt src = OptionalInt.empty();
    if (udhi) {
      if (ud.length == 0) {
        throw r.error("header indicated but no user data", "TP-UDH", udStart);
      }
      int udhl = ud[0] & 0xFF;
      if (udhl + 1 > ud.length) {
        throw r.error("user-data header longer than the user data", "TP-UDH", udStart);
      }
      int p = 1;
      while (p < udhl + 1) {
        if (p + 2 > udhl + 1) {
          throw r.error("truncated information element", "TP-UDH", udStart + p);
        }
        int iei = ud[p] & 0xFF;
        int len = ud[p + 1] & 0xFF;
        int v = p + 2;
        if (v + len > udhl + 1) {
          throw r.error(
              "information element 0x" + Integer.toHexString(iei) + " overruns the header",
              "TP-UDH",
              udStart + p);
        }
        if (iei == IEI_CONCAT_8 && len == 3) {
          concat = concat(ud[v] & 0xFF, ud[v + 1] & 0xFF, ud[v + 2] & 0xFF, false);
        } else if (iei == IEI_CONCAT_16 && len == 4) {
          concat = concat(u16(ud, v), ud[v + 2] & 0xFF, ud[v + 3] & 0xFF, true);
        } else if (iei == IEI_PORTS_8 && len == 2) {
          dst = OptionalInt.of(ud[v] & 0xFF);
          src = OptionalInt.of(ud[v + 1] & 0xFF);
        } else if (iei == IEI_PORTS_16 && len == 4) {
          dst = OptionalInt.of(u16(ud, v));
          src = OptionalInt.of(u16(ud, v + 2));
        }
        p = v + len;
      }
      bodyOctet = udhl + 1;
    }

    byte[] data;
    Optional<String> text;
    switch (alphabet) {
      case GSM7:
        {
          int skip = (bodyOctet * 8 + 6) / 7;
          if (skip > udl) {
            throw r.error("user-data header longer than TP-UDL", "TP-UDH", udStart);
          }
          int[] septets = Gsm7.unpack(ud, 0, udl);
          String s = Gsm7.decode(septets, skip, udl);
          text = Optional.of(s);
          data = s.getBytes(StandardCharsets.UTF_16BE);
          break;
        }
      case UCS2:
        data = java.util.Arrays.copyOfRange(ud, bodyOctet, ud.length);
        text = Optional.of(new String(data, StandardCharsets.UTF_16BE));
        break;
      default:
        data = java.util.Arrays.copyOfRange(ud, bodyOctet, ud.length);
        text = Optional.empty();
    }
    return new SmsDeliver(
        sca, originator, pid, dcs, alphabet, timestamp, concat, dst, src, data, text);
  }

  /** Decodes the hexadecimal form a modem lists (whitespace around it ignored). */
  public static SmsDeliver decodeHex(String hex) {
    String h = hex.strip();
    if (h.length() % 2 != 0) {
      throw new MmsMalformedException("odd number of hex digits: " + h.length(), -1, "PDU", null);
    }
    try {
      return decode(java.util.HexFormat.of().parseHex(h));
    } catch (IllegalArgumentException e) {
      throw new MmsMalformedException("not hexadecimal", -1, "PDU", e);
    }
  }

  private static Optional<SmsDeliver.Concat> concat(int ref, int total, int seq, boolean sixteen) {
    if (total == 0 || seq == 0 || seq > total) {
      // 23.040 §9.2.3.24.1: such an element is ignored, the message is read as one segment
      return Optional.empty();
    }
    return Optional.of(new SmsDeliver.Concat(ref, total, seq, sixteen));
  }

  /** TP-DCS → alphabet (23.038 §4); reserved and compressed codings are kept as 8-bit octets. */
  static SmsDeliver.Alphabet alphabet(int dcs) {
    int group = dcs >>> 4;
    if (group <= 0x7) {
      if ((dcs & 0x20) != 0) {
        return SmsDeliver.Alphabet.EIGHT_BIT; // compressed: not readable as text
      }
      switch ((dcs >>> 2) & 0x03) {
        case 0:
          return SmsDeliver.Alphabet.GSM7;
        case 2:
          return SmsDeliver.Alphabet.UCS2;
        default:
          return SmsDeliver.Alphabet.EIGHT_BIT;
      }
    }
    if (group == 0xC || group == 0xD) {
      return SmsDeliver.Alphabet.GSM7;
    }
    if (group == 0xE) {
      return SmsDeliver.Alphabet.UCS2;
    }
    if (group == 0xF) {
      return (dcs & 0x04) != 0 ? SmsDeliver.Alphabet.EIGHT_BIT : SmsDeliver.Alphabet.GSM7;
    }
    return SmsDeliver.Alphabet.GSM7; // reserved groups 8-B: read as the default alphabet
  }

  private static String bcdAddress(Reader r, int type, int digits, String field) {
    byte[] raw = r.bytes((digits + 1) / 2, field);
    StringBuilder sb = new StringBuilder(digits + 1);
    if ((type & 0x70) == 0x10) {
      sb.append('+');
    }
    for (int i = 0; i < digits; i++) {
      int nibble = i % 2 == 0 ? raw[i / 2] & 0x0F : (raw[i / 2] >>> 4) & 0x0F;
      if (nibble == 0x0F) {
        break;
      }
      sb.append("0123456789*#abc".charAt(nibble));
    }
    return sb.toString();
  }

  private static Optional<OffsetDateTime> timestamp(byte[] s) {
    int[] v = new int[6];
    for (int i = 0; i < 6; i++) {
      int lo = s[i] & 0x0F;
      int hi = (s[i] >>> 4) & 0x0F;
      if (lo > 9 || hi > 9) {
        return Optional.empty();
      }
      v[i] = lo * 10 + hi;
    }
    int tz = ((s[6] & 0x07) * 10) + ((s[6] >>> 4) & 0x0F);
    boolean negative = (s[6] & 0x08) != 0;
    try {
      ZoneOffset offset = ZoneOffset.ofTotalSeconds((negative ? -tz : tz) * 15 * 60);
      return Optional.of(OffsetDateTime.of(2000 + v[0], v[1], v[2], v[3], v[4], v[5], 0, offset));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static int u16(byte[] b, int at) {
    return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
  }

  // ---- writing (for the modem simulator and tests) ----

  /**
   * Encodes an SMS-DELIVER.
   *
   * @param serviceCentre the SMSC number, or null for none
   * @param originator digits, with {@code +} for international
   * @param timestamp TP-SCTS (seconds and a quarter-hour offset are kept)
   * @param alphabet GSM7 or UCS2 for {@code text}, EIGHT_BIT for {@code data}
   * @param concat the concatenation element to write, or null
   * @param ports destination and source port (16-bit element), or null
   * @param data the octets (8-bit) or null
   * @param text the text (GSM7, UCS2) or null
   */
  public static byte[] encode(
      String serviceCentre,
      String originator,
      OffsetDateTime timestamp,
      SmsDeliver.Alphabet alphabet,
      SmsDeliver.Concat concat,
      int[] ports,
      byte[] data,
      String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(176);
    if (serviceCentre == null) {
      out.write(0);
    } else {
      byte[] digits = bcd(serviceCentre);
      out.write(digits.length + 1);
      out.write(serviceCentre.startsWith("+") ? 0x91 : 0x81);
      out.writeBytes(digits);
    }
    ByteArrayOutputStream udh = new ByteArrayOutputStream();
    if (concat != null) {
      if (concat.sixteenBitReference()) {
        udh.writeBytes(
            new byte[] {
              IEI_CONCAT_16,
              4,
              (byte) (concat.reference() >>> 8),
              (byte) concat.reference(),
              (byte) concat.total(),
              (byte) concat.sequence()
            });
      } else {
        udh.writeBytes(
            new byte[] {
              IEI_CONCAT_8,
              3,
              (byte) concat.reference(),
              (byte) concat.total(),
              (byte) concat.sequence()
            });
      }
    }
    if (ports != null) {
      udh.writeBytes(
          new byte[] {
            IEI_PORTS_16,
            4,
            (byte) (ports[0] >>> 8),
            (byte) ports[0],
            (byte) (ports[1] >>> 8),
            (byte) ports[1]
          });
    }
    boolean udhi = udh.size() > 0;
    out.write(udhi ? 0x44 : 0x04); // SMS-DELIVER, no more messages to send
    String oaDigits = originator.startsWith("+") ? originator.substring(1) : originator;
    out.write(oaDigits.length());
    out.write(originator.startsWith("+") ? 0x91 : 0x81);
    out.writeBytes(bcd(originator));
    out.write(0); // TP-PID
    int dcs =
        alphabet == SmsDeliver.Alphabet.GSM7
            ? 0x00
            : alphabet == SmsDeliver.Alphabet.UCS2 ? 0x08 : 0x04;
    out.write(dcs);
    out.writeBytes(scts(timestamp));
    byte[] header = new byte[0];
    if (udhi) {
      ByteArrayOutputStream h = new ByteArrayOutputStream();
      h.write(udh.size());
      h.writeBytes(udh.toByteArray());
      header = h.toByteArray();
    }
    if (alphabet == SmsDeliver.Alphabet.GSM7) {
      int[] septets = Gsm7.encode(text);
      int skip = (header.length * 8 + 6) / 7;
      int udl = skip + septets.length;
      if (Gsm7.packedLength(udl) > MAX_USER_DATA) {
        throw new IllegalArgumentException("text too long for one SMS: " + udl + " septets");
      }
      out.write(udl);
      out.writeBytes(header);
      Gsm7.pack(septets, skip, out, header.length);
    } else {
      byte[] body =
          alphabet == SmsDeliver.Alphabet.UCS2 ? text.getBytes(StandardCharsets.UTF_16BE) : data;
      int udl = header.length + body.length;
      if (udl > MAX_USER_DATA) {
        throw new IllegalArgumentException("user data too long for one SMS: " + udl + " octets");
      }
      out.write(udl);
      out.writeBytes(header);
      out.writeBytes(body);
    }
    return out.toByteArray();
  }

  /**
   * The SMS-DELIVER PDUs that carry a WAP Push (WDP over SMS, ports 2948/9200, concatenated when it
   * does not fit one SMS).
   */
  public static List<byte[]> wapPush(
      String serviceCentre,
      String originator,
      OffsetDateTime timestamp,
      byte[] push,
      int reference,
      boolean sixteenBitReference) {
    int header = 1 + 6 + (sixteenBitReference ? 6 : 5);
    int room = MAX_USER_DATA - header;
    int total = Math.max(1, (push.length + room - 1) / room);
    if (total > 255) {
      throw new IllegalArgumentException("push too long for 255 segments: " + push.length);
    }
    List<byte[]> out = new ArrayList<>(total);
    int[] ports = {SmsDeliver.WAP_PUSH_PORT, 9200};
    if (total == 1) {
      out.add(
          encode(
              serviceCentre,
              originator,
              timestamp,
              SmsDeliver.Alphabet.EIGHT_BIT,
              null,
              ports,
              push,
              null));
      return out;
    }
    for (int i = 0; i < total; i++) {
      byte[] part =
          java.util.Arrays.copyOfRange(push, i * room, Math.min(push.length, (i + 1) * room));
      out.add(
          encode(
              serviceCentre,
              originator,
              timestamp,
              SmsDeliver.Alphabet.EIGHT_BIT,
              new SmsDeliver.Concat(reference, total, i + 1, sixteenBitReference),
              ports,
              part,
              null));
    }
    return out;
  }

  private static byte[] bcd(String number) {
    String d = number.startsWith("+") ? number.substring(1) : number;
    byte[] out = new byte[(d.length() + 1) / 2];
    for (int i = 0; i < d.length(); i++) {
      int v = "0123456789*#abc".indexOf(d.charAt(i));
      if (v < 0) {
        throw new IllegalArgumentException("not a phone number digit: " + d.charAt(i));
      }
      out[i / 2] |= (byte) (i % 2 == 0 ? v : v << 4);
    }
    if (d.length() % 2 == 1) {
      out[out.length - 1] |= (byte) 0xF0;
    }
    return out;
  }

  private static byte[] scts(OffsetDateTime t) {
    int[] v = {
      t.getYear() % 100,
      t.getMonthValue(),
      t.getDayOfMonth(),
      t.getHour(),
      t.getMinute(),
      t.getSecond()
    };
    byte[] out = new byte[7];
    for (int i = 0; i < 6; i++) {
      out[i] = (byte) ((v[i] % 10) << 4 | (v[i] / 10));
    }
    int quarters = t.getOffset().getTotalSeconds() / 900;
    int q = Math.abs(quarters);
    out[6] = (byte) ((q % 10) << 4 | (q / 10) | (quarters < 0 ? 0x08 : 0));
    return out;
  }

  /** Reads octets with their offsets, for errors that say where. */
  private static final class Reader {
    private final byte[] b;
    private int pos;

    Reader(byte[] b) {
      this.b = b;
    }

    int u8(String field) {
      if (pos >= b.length) {
        throw error("truncated", field, pos);
      }
      return b[pos++] & 0xFF;
    }

    byte[] bytes(int n, String field) {
      if (pos + n > b.length) {
        throw error(
            "truncated: " + n + " octets needed, " + (b.length - pos) + " left", field, pos);
      }
      byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
      pos += n;
      return out;
    }

    MmsMalformedException error(String reason, String field) {
      return error(reason, field, pos);
    }

    MmsMalformedException error(String reason, String field, int at) {
      return new MmsMalformedException("SMS PDU " + reason, at, field, null);
    }
  }
}
