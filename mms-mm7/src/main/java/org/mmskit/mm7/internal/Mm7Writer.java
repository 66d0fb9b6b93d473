package org.mmskit.mm7.internal;

import static org.mmskit.mm7.internal.XmlOut.ascii;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import org.mmskit.core.Address;
import org.mmskit.core.ChargedParty;
import org.mmskit.core.ContentType;
import org.mmskit.core.MessageClass;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.Priority;
import org.mmskit.core.ReplyCharging;
import org.mmskit.core.TimeSpec;
import org.mmskit.mm7.Mm7Dialect;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7Body.CancelReq;
import org.mmskit.mm7.internal.Mm7Body.DeliverReq;
import org.mmskit.mm7.internal.Mm7Body.DeliverRsp;
import org.mmskit.mm7.internal.Mm7Body.DeliveryReportReq;
import org.mmskit.mm7.internal.Mm7Body.ErrorRsp;
import org.mmskit.mm7.internal.Mm7Body.Fault;
import org.mmskit.mm7.internal.Mm7Body.ReadReplyReq;
import org.mmskit.mm7.internal.Mm7Body.ReplaceReq;
import org.mmskit.mm7.internal.Mm7Body.Response;
import org.mmskit.mm7.internal.Mm7Body.Status;
import org.mmskit.mm7.internal.Mm7Body.SubmitReq;
import org.mmskit.mm7.internal.Mm7Body.SubmitRsp;
import org.mmskit.mm7.internal.XmlOut.Tag;

/**
 * Writes MM7 envelopes strictly: the chosen version's namespace and element order, Release 6
 * elements dropped for Release 5 profiles, lower-case booleans.
 *
 * <p>The SOAP XML and the MIME headers around the part bodies are written in one pass as UTF-8
 * bytes into a per-thread scratch buffer, then cut into the payload's segments; constant tags and
 * the envelope fragments of each version are prepared once. Thread-safe: the only shared state is a
 * small copy-on-write cache of those fragments.
 */
final class Mm7Writer {
  static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
  static final String SOAP_PART_ID = "mm7-soap@mmskit";
  static final String CONTENT_PART_ID = "mm7-content@mmskit";

  private static final String TEXT_XML = "text/xml; charset=utf-8";
  private static final String HREF = "cid:" + CONTENT_PART_ID;
  private static final String OUTER_TYPE_HEAD = "multipart/related; boundary=\"";
  private static final String OUTER_TYPE_TAIL =
      "\"; type=\"text/xml\"; start=\"<" + SOAP_PART_ID + ">\"";

  private static final byte[] CRLF = ascii("\r\n");
  private static final byte[] DASHES = ascii("--");
  private static final byte[] CRLF_DASHES = ascii("\r\n--");
  private static final byte[] BOUNDARY_HEAD = ascii("mmskit-");
  private static final byte[] SOAP_PART_HEADERS =
      ascii(
          "\r\nContent-Type: text/xml; charset=utf-8\r\nContent-ID: <"
              + SOAP_PART_ID
              + ">\r\n\r\n");
  private static final byte[] RELATED_HEAD = ascii("Content-Type: multipart/related; boundary=\"");
  private static final byte[] RELATED_SMIL = ascii("\"; type=\"application/smil\"; start=\"<");
  private static final byte[] RELATED_TAIL = ascii(">\"\r\n");
  private static final byte[] MIXED_HEAD = ascii("Content-Type: multipart/mixed; boundary=\"");
  private static final byte[] QUOTE_CRLF = ascii("\"\r\n");
  private static final byte[] CONTENT_PART_HEADER =
      ascii("Content-ID: <" + CONTENT_PART_ID + ">\r\n\r\n");
  private static final byte[] CONTENT_TYPE = ascii("Content-Type: ");
  private static final byte[] CONTENT_ID = ascii("Content-ID: <");
  private static final byte[] GT_CRLF = ascii(">\r\n");
  private static final byte[] CONTENT_LOCATION = ascii("Content-Location: ");
  private static final byte[] CONTENT_DISPOSITION = ascii("Content-Disposition: ");
  private static final byte[] COLON_SPACE = ascii(": ");
  private static final byte[] SMIL_ID_HEAD = ascii("smil");
  private static final byte[] SMIL_ID_TAIL = ascii("@mmskit");
  private static final byte[] CTE_BASE64 = ascii("Content-Transfer-Encoding: base64\r\n\r\n");
  private static final byte[] CTE_7BIT = ascii("Content-Transfer-Encoding: 7bit\r\n\r\n");
  private static final byte[] CTE_8BIT = ascii("Content-Transfer-Encoding: 8bit\r\n\r\n");
  private static final byte[] CTE_BINARY = ascii("Content-Transfer-Encoding: binary\r\n\r\n");
  private static final byte[] DASHES_CRLF = ascii("--\r\n");
  private static final byte[] PARAM_SEP = ascii("; ");

  private static final byte[] ENV_HEAD =
      ascii("<?xml version=\"1.0\" encoding=\"UTF-8\"?><env:Envelope xmlns:env=\"" + SOAP_NS + '"');
  private static final byte[] ENV_BODY = ascii("<env:Body>");
  private static final byte[] ENV_TAIL = ascii("</env:Body></env:Envelope>");
  private static final byte[] FAULT_HEAD = ascii("<env:Fault>");
  private static final byte[] FAULT_TAIL = ascii("</env:Fault>");
  private static final byte[] DETAIL_HEAD = ascii("<detail>");
  private static final byte[] DETAIL_TAIL = ascii("</detail>");
  private static final byte[] ERICSSON_HEAD =
      ascii(
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
              + "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\""
              + SOAP_NS
              + '"'
              + " xmlns:xsi=\"http://www.w3.org/1999/XMLSchema-instance\""
              + " xmlns:xsd=\"http://www.w3.org/1999/XMLSchema\">"
              + "<SOAP-ENV:Header>"
              + "<MM7Header xmlns=\"urn:xml-MM7Header\""
              + " SOAP-ENV:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\">"
              + "<Transaction-ID xsi:type=\"xsd:string\">");
  private static final byte[] ERICSSON_BODY =
      ascii(
          "</Transaction-ID></MM7Header></SOAP-ENV:Header><SOAP-ENV:Body>"
              + "<MM7SubmitReq xmlns=\"urn:MM7Submit.Req\""
              + " SOAP-ENV:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\">");
  private static final byte[] ERICSSON_TAIL =
      ascii("</MM7SubmitReq></SOAP-ENV:Body></SOAP-ENV:Envelope>");

  private static final Tag MM7_VERSION = new Tag("MM7Version");
  private static final Tag TRANSACTION_ID = new Tag("TransactionID");
  private static final Tag STATUS = new Tag("Status");
  private static final Tag STATUS_CODE = new Tag("StatusCode");
  private static final Tag STATUS_TEXT = new Tag("StatusText");
  private static final Tag DETAILS = new Tag("Details");
  private static final Tag MESSAGE_ID = new Tag("MessageID");
  private static final Tag SERVICE_CODE = new Tag("ServiceCode");
  private static final Tag RELAY_SERVER_ID = new Tag("MMSRelayServerID");
  private static final Tag RECIPIENT = new Tag("Recipient");
  private static final Tag SENDER = new Tag("Sender");
  private static final Tag DATE = new Tag("Date");
  private static final Tag MM_STATUS = new Tag("MMStatus");
  private static final Tag MM_STATUS_EXTENSION = new Tag("MMStatusExtension");
  private static final Tag APPLIC_ID = new Tag("ApplicID");
  private static final Tag REPLY_APPLIC_ID = new Tag("ReplyApplicID");
  private static final Tag AUX_APPLIC_INFO = new Tag("AuxApplicInfo");
  private static final Tag UA_CAPABILITIES = new Tag("UACapabilities");
  private static final Tag TIME_STAMP = new Tag("TimeStamp");
  private static final Tag SENDER_IDENTIFICATION = new Tag("SenderIdentification");
  private static final Tag VASP_ID = new Tag("VASPID");
  private static final Tag VAS_ID = new Tag("VASID");
  private static final Tag SENDER_ADDRESS = new Tag("SenderAddress");
  private static final Tag LINKED_ID = new Tag("LinkedID");
  private static final Tag MESSAGE_CLASS = new Tag("MessageClass");
  private static final Tag EARLIEST_DELIVERY_TIME = new Tag("EarliestDeliveryTime");
  private static final Tag EXPIRY_DATE = new Tag("ExpiryDate");
  private static final Tag DELIVERY_REPORT = new Tag("DeliveryReport");
  private static final Tag READ_REPLY = new Tag("ReadReply");
  private static final Tag PRIORITY = new Tag("Priority");
  private static final Tag SUBJECT = new Tag("Subject");
  private static final Tag CHARGED_PARTY = new Tag("ChargedParty");
  private static final Tag CHARGED_PARTY_ID = new Tag("ChargedPartyID");
  private static final Tag DISTRIBUTION_INDICATOR = new Tag("DistributionIndicator");
  private static final Tag CONTENT_CLASS = new Tag("ContentClass");
  private static final Tag DRM_CONTENT = new Tag("DRMContent");
  private static final Tag REPLY_CHARGING_ID = new Tag("ReplyChargingID");
  private static final Tag CONTENT = new Tag("Content");
  private static final Tag REPLY_CHARGING = new Tag("ReplyCharging");
  private static final Tag RECIPIENTS = new Tag("Recipients");
  private static final Tag TO = new Tag("To");
  private static final Tag CC = new Tag("Cc");
  private static final Tag BCC = new Tag("Bcc");
  private static final Tag RFC2822_ADDRESS = new Tag("RFC2822Address");
  private static final Tag SHORT_CODE = new Tag("ShortCode");
  private static final Tag NUMBER = new Tag("Number");
  private static final Tag VERSION = new Tag("Version");
  private static final Tag FAULT_CODE = new Tag("faultcode");
  private static final Tag FAULT_STRING = new Tag("faultstring");

  private static final boolean[] TSPECIAL = tspecials();

  private static final String[] MESSAGE_CLASSES = capitalisedNames(MessageClass.values());
  private static final String[] PRIORITIES = capitalisedNames(Priority.values());
  private static final String[] CHARGED_PARTIES = chargedParties();

  /** The largest number of version profiles whose envelope fragments are kept. */
  private static final int MAX_CACHED_PROFILES = 32;

  /**
   * Envelope fragments per version and prefix style, copied on write; a race only loses an entry.
   */
  private static volatile Fragments[] fragmentCache = new Fragments[0];

  /** The size of a new scratch buffer: room for a typical SubmitReq envelope and its headers. */
  private static final int SCRATCH_SIZE = 4096;

  /** The largest scratch buffer a thread keeps between messages. */
  private static final int MAX_KEPT_SCRATCH = 64 * 1024;

  /**
   * Each thread's scratch buffer, in slot 0 while not in use; a message takes it out while being
   * written, so a nested use on the same thread would simply get a new one.
   */
  private static final ThreadLocal<byte[][]> SCRATCH = ThreadLocal.withInitial(() -> new byte[1][]);

  private Mm7Writer() {}

  private static byte[] takeScratch(byte[][] slot) {
    byte[] b = slot[0];
    slot[0] = null;
    return b != null ? b : new byte[SCRATCH_SIZE];
  }

  private static void keepScratch(byte[][] slot, XmlOut x) {
    byte[] b = x.buffer();
    if (b.length <= MAX_KEPT_SCRATCH) {
      slot[0] = b;
    }
  }

  /**
   * The bytes of the SOAP envelope that depend only on the version and on the element prefix: the
   * namespace declarations, the transaction header tags and the {@code MM7Version} element.
   */
  private static final class Fragments {
    final String namespace;
    final String mm7Version;
    final boolean prefixed;
    final byte[] head;
    final byte[] transactionOpen;
    final byte[] transactionClose;
    final byte[] bodyNamespace;
    final byte[] versionLeaf;

    Fragments(Mm7Version v, boolean prefixed) {
      this.namespace = v.namespace();
      this.mm7Version = v.mm7Version();
      this.prefixed = prefixed;
      XmlOut x = new XmlOut(new byte[256], prefixed);
      x.raw(ENV_HEAD);
      if (prefixed) {
        x.raw(ascii(" xmlns:mm7=\"")).chars(namespace).raw('"');
      }
      x.raw('>');
      head = x.copy(0, x.position());

      int from = x.position();
      x.raw(ascii("<env:Header>")).openWithAttrs(TRANSACTION_ID);
      if (!prefixed) {
        x.attr("xmlns", namespace);
      }
      x.attr("env:mustUnderstand", "1").endAttrs();
      transactionOpen = x.copy(from, x.position());

      from = x.position();
      x.close(TRANSACTION_ID).raw(ascii("</env:Header>"));
      transactionClose = x.copy(from, x.position());

      from = x.position();
      if (!prefixed) {
        x.attr("xmlns", namespace);
      }
      bodyNamespace = x.copy(from, x.position());

      from = x.position();
      x.leaf(MM7_VERSION, mm7Version);
      versionLeaf = x.copy(from, x.position());
    }

    boolean matches(Mm7Version v, boolean p) {
      return prefixed == p && namespace.equals(v.namespace()) && mm7Version.equals(v.mm7Version());
    }
  }

  private static Fragments fragments(Mm7Version v, boolean prefixed) {
    Fragments[] cache = fragmentCache;
    for (Fragments f : cache) {
      if (f.matches(v, prefixed)) {
        return f;
      }
    }
    Fragments f = new Fragments(v, prefixed);
    if (cache.length < MAX_CACHED_PROFILES) {
      Fragments[] grown = Arrays.copyOf(cache, cache.length + 1);
      grown[cache.length] = f;
      fragmentCache = grown;
    }
    return f;
  }

  static Mm7Payload encode(Mm7Envelope env, Mm7WriteOptions opts) {
    MmsMessage content = contentOf(env.body());
    List<MmsPart> parts = content == null ? List.of() : content.allParts();
    boolean ericsson = isEricsson(env, opts);
    byte[][] slot = SCRATCH.get();
    XmlOut x = new XmlOut(takeScratch(slot), !ericsson && opts.prefixElements());
    try {
      if (parts.isEmpty()) {
        soapXml(x, env, opts, null, ericsson);
        byte[] xml = x.copy(0, x.position());
        return new Mm7Payload(TEXT_XML, xml, 0, xml.length, List.of(xml));
      }
      Object[] segs = new Object[2 * parts.size() + 1];
      int[] xml = new int[2];
      String ct = multipart(x, env, opts, ericsson, content, parts, segs, xml, null, null);
      // the first segment starts at 0, so the XML keeps its offsets in it
      return new Mm7Payload(ct, (byte[]) segs[0], xml[0], xml[1], List.of(segs));
    } finally {
      keepScratch(slot, x);
    }
  }

  /**
   * Writes the whole body, part bodies included, into {@code buffer} from its start, or into a
   * larger copy of it when it does not fit: the body is then in one array without the copies of the
   * bytes between part bodies that {@link #encode} makes. Null when a part is not in memory or the
   * body would be longer than {@code maxLength}: {@link #encode} then streams it.
   */
  static Mm7Codec.WholeBody encodeWhole(
      Mm7Envelope env, Mm7WriteOptions opts, EncodedParts encoded, byte[] buffer, long maxLength) {
    MmsMessage content = contentOf(env.body());
    List<MmsPart> parts = content == null ? List.of() : content.allParts();
    long partBytes = 0;
    for (int i = 0; i < parts.size(); i++) {
      MmsPart p = parts.get(i);
      if (!p.inMemory()) {
        return null;
      }
      partBytes += Mm7Payload.base64Length(p.bytes().length);
    }
    if (partBytes > maxLength) {
      return null;
    }
    boolean ericsson = isEricsson(env, opts);
    XmlOut x = new XmlOut(buffer, !ericsson && opts.prefixElements()).encodedParts(encoded);
    if (parts.isEmpty()) {
      soapXml(x, env, opts, null, ericsson);
      int n = x.position();
      return new Mm7Codec.WholeBody(TEXT_XML, x.buffer(), n, 0, n, new int[0], null);
    }
    int[] xml = new int[2];
    int[] spans = new int[3 * parts.size()];
    byte[] last = lastText(encoded, opts, parts);
    if (last != null) {
      String ct = multipart(x, env, opts, ericsson, content, parts, null, xml, spans, encoded);
      if (ct != null) {
        long length = (long) x.position() + last.length;
        return length > maxLength
            ? null
            : new Mm7Codec.WholeBody(ct, x.buffer(), x.position(), xml[0], xml[1], spans, last);
      }
      // the message holds a boundary of the kept text's bodies: written again, with new ones
      x = new XmlOut(x.buffer(), !ericsson && opts.prefixElements()).encodedParts(encoded);
    }
    String ct = multipart(x, env, opts, ericsson, content, parts, null, xml, spans, null);
    return x.position() > maxLength
        ? null
        : new Mm7Codec.WholeBody(ct, x.buffer(), x.position(), xml[0], xml[1], spans, null);
  }

  /**
   * When the last part goes in base64 and {@code encoded} keeps its text: that text and what ends
   * the body after it, as one array {@code encoded} shares between bodies (see {@link
   * EncodedParts#textAndTail}). Else null.
   */
  private static byte[] lastText(EncodedParts encoded, Mm7WriteOptions opts, List<MmsPart> parts) {
    if (encoded == null || opts.binaryParts()) {
      return null;
    }
    MmsPart last = parts.get(parts.size() - 1);
    return isTextual(last) ? null : encoded.textAndTail(last.bytes());
  }

  /**
   * Whether {@code b[from, to)} has a line that starts with {@code --} and one of the boundaries
   * (each {@code mmskit-} and 32 digits), which would end a part there.
   */
  static boolean hasDelimiter(byte[] b, int from, int to, byte[] outer, byte[] inner) {
    int n = outer.length;
    for (int line = from; line >= 0 && line < to; ) {
      int at = line + 2;
      if (at + n <= to
          && b[line] == '-'
          && b[line + 1] == '-'
          && (Arrays.equals(b, at, at + n, outer, 0, n)
              || Arrays.equals(b, at, at + n, inner, 0, n))) {
        return true;
      }
      int lf = MimeReader.indexOfLf(b, line, to);
      line = lf < 0 ? -1 : lf + 1;
    }
    return false;
  }

  /**
   * The SOAP part and the message parts in a {@code multipart/related} body; returns the body's
   * content type, and where the SOAP XML is in {@code xml}. All the bytes around the part bodies
   * are written into {@code x} in one pass. With {@code segs}, they are then cut into the segments
   * between part bodies, which go into {@code segs} between the {@link Mm7Payload.PartBody part
   * bodies}; without, the part bodies are written into {@code x} too, and {@code spans} gets where
   * (see {@link Mm7Codec.WholeBody#parts}).
   */
  private static String multipart(
      XmlOut x,
      Mm7Envelope env,
      Mm7WriteOptions opts,
      boolean ericsson,
      MmsMessage content,
      List<MmsPart> parts,
      Object[] segs,
      int[] xml,
      int[] spans,
      EncodedParts kept) {
    ThreadLocalRandom r = ThreadLocalRandom.current();

    x.raw(DASHES);
    int outerStart = x.position();
    boundary(x, r, kept == null ? null : kept.outerBoundary());
    int outerEnd = x.position();
    x.raw(SOAP_PART_HEADERS);
    int xmlStart = x.position();
    soapXml(x, env, opts, HREF, ericsson);
    int xmlEnd = x.position();
    if (kept != null
        && hasDelimiter(x.buffer(), xmlStart, xmlEnd, kept.outerBoundary(), kept.innerBoundary())) {
      return null;
    }

    x.raw(CRLF_DASHES).again(outerStart, outerEnd).raw(CRLF);
    MmsPart smil = content.presentation().orElse(null);
    int innerStart;
    int innerEnd;
    if (smil != null) {
      x.raw(RELATED_HEAD);
      innerStart = x.position();
      boundary(x, r, kept == null ? null : kept.innerBoundary());
      innerEnd = x.position();
      x.raw(RELATED_SMIL);
      partId(x, smil, 0);
      x.raw(RELATED_TAIL);
    } else {
      x.raw(MIXED_HEAD);
      innerStart = x.position();
      boundary(x, r, kept == null ? null : kept.innerBoundary());
      innerEnd = x.position();
      x.raw(QUOTE_CRLF);
    }
    x.raw(CONTENT_PART_HEADER);
    int segStart = 0;
    int seg = 0;
    for (int i = 0; i < parts.size(); i++) {
      MmsPart p = parts.get(i);
      x.raw(DASHES).again(innerStart, innerEnd).raw(CRLF);
      x.raw(CONTENT_TYPE);
      wireType(x, p.contentType());
      x.raw(CRLF);
      if (p.contentId().isPresent() || p == smil) {
        x.raw(CONTENT_ID);
        partId(x, p, i);
        x.raw(GT_CRLF);
      }
      Optional<String> location = p.contentLocation().or(p::fileName);
      if (location.isPresent()) {
        x.raw(CONTENT_LOCATION);
        headerSafe(x, location.get());
        x.raw(CRLF);
      }
      Optional<String> disposition = p.disposition();
      if (disposition.isPresent()) {
        x.raw(CONTENT_DISPOSITION);
        headerValue(x, disposition.get());
        x.raw(CRLF);
      }
      List<org.mmskit.core.Header> extras = p.headers();
      for (int h = 0; h < extras.size(); h++) {
        org.mmskit.core.Header extra = extras.get(h);
        String n = extra.name();
        if (kept != null && n.startsWith("-")) {
          return null; // a header line starting like a delimiter: not with the kept boundaries
        }
        if (isHeaderToken(n) && !n.regionMatches(true, 0, "Content-", 0, 8)) {
          x.chars(n).raw(COLON_SPACE);
          headerValue(x, extra.value());
          x.raw(CRLF);
        }
      }
      boolean text = isTextual(p) && p.inMemory();
      boolean base64 = !text && !opts.binaryParts();
      x.raw(
          base64
              ? CTE_BASE64
              : text && isAscii(p.bytes()) ? CTE_7BIT : text ? CTE_8BIT : CTE_BINARY);
      if (kept != null && i == parts.size() - 1) {
        // the kept text and the tail follow as a shared array (see encodeWhole)
        int at = x.position();
        spans[3 * i] = at;
        spans[3 * i + 1] = at + (int) Mm7Payload.base64Length(p.bytes().length);
        spans[3 * i + 2] = 2 * p.bytes().length + 1;
        xml[0] = xmlStart;
        xml[1] = xmlEnd;
        return OUTER_TYPE_HEAD + x.string(outerStart, outerEnd) + OUTER_TYPE_TAIL;
      }
      if (kept != null
          && !base64
          && hasDelimiter(
              p.bytes(), 0, p.bytes().length, kept.outerBoundary(), kept.innerBoundary())) {
        return null;
      }
      if (segs == null) {
        spans[3 * i] = x.position();
        if (base64) {
          x.base64(p.bytes());
        } else {
          x.raw(p.bytes());
        }
        spans[3 * i + 1] = x.position();
        spans[3 * i + 2] = 2 * p.bytes().length + (base64 ? 1 : 0);
      } else {
        segs[seg++] = x.copy(segStart, x.position());
        segs[seg++] = new Mm7Payload.PartBody(p, base64);
        segStart = x.position();
      }
      x.raw(CRLF);
    }
    x.raw(DASHES).again(innerStart, innerEnd).raw(DASHES_CRLF);
    x.raw(CRLF_DASHES).again(outerStart, outerEnd).raw(DASHES_CRLF);
    if (segs != null) {
      segs[seg] = x.copy(segStart, x.position());
    }
    xml[0] = xmlStart;
    xml[1] = xmlEnd;
    return OUTER_TYPE_HEAD + x.string(outerStart, outerEnd) + OUTER_TYPE_TAIL;
  }

  private static boolean isEricsson(Mm7Envelope env, Mm7WriteOptions opts) {
    return opts.dialect() == Mm7Dialect.ERICSSON && env.body() instanceof Mm7Body.SubmitReq;
  }

  /** The message whose parts travel as attachments, or null. */
  static MmsMessage contentOf(Mm7Body body) {
    if (body instanceof SubmitReq s) {
      return s.message();
    } else if (body instanceof ReplaceReq r) {
      return r.message();
    } else if (body instanceof DeliverReq d) {
      return d.message();
    }
    return null;
  }

  /** A MIME boundary: {@code mmskit-} and two random numbers in hexadecimal. */
  private static void boundary(XmlOut x, ThreadLocalRandom r, byte[] fixed) {
    if (fixed != null) {
      x.raw(fixed);
    } else {
      x.raw(BOUNDARY_HEAD).hex(r.nextLong()).hex(r.nextLong());
    }
  }

  private static void partId(XmlOut x, MmsPart p, int index) {
    Optional<String> id = p.contentId();
    if (id.isPresent()) {
      headerSafe(x, id.get());
    } else {
      x.raw(SMIL_ID_HEAD).chars(Integer.toString(index)).raw(SMIL_ID_TAIL);
    }
  }

  /** Writes {@code s} with every char outside printable ASCII, and angle brackets, as {@code _}. */
  private static void headerSafe(XmlOut x, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      x.raw(c < 0x20 || c > 0x7e || c == '<' || c == '>' ? '_' : c);
    }
  }

  /** Writes {@code s} with control chars as spaces. */
  private static void headerValue(XmlOut x, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int j = 0; j < s.length(); j++) {
          char d = s.charAt(j);
          sb.append(d < 0x20 || d == 0x7f ? ' ' : d);
        }
        x.chars(sb.toString());
        return;
      }
    }
    x.chars(s);
  }

  private static boolean isHeaderToken(String n) {
    if (n.isEmpty()) {
      return false;
    }
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == ':') {
        return false;
      }
    }
    return true;
  }

  /** Writes the content type as on the wire: WAP multipart names become MIME ones. */
  private static void wireType(XmlOut x, ContentType ct) {
    String mt = ct.mediaType();
    if (mt.equals("application/vnd.wap.multipart.related")) {
      mt = "multipart/related";
    } else if (mt.equals("application/vnd.wap.multipart.mixed")) {
      mt = "multipart/mixed";
    }
    x.chars(mt);
    Map<String, String> params = ct.parameters();
    if (params.isEmpty()) {
      return;
    }
    for (Map.Entry<String, String> e : params.entrySet()) {
      x.raw(PARAM_SEP).chars(e.getKey()).raw('=');
      String v = e.getValue();
      if (needsQuotes(v)) {
        x.raw('"');
        int from = 0;
        for (int i = 0; i < v.length(); i++) {
          char c = v.charAt(i);
          if (c == '"' || c == '\\') {
            x.chars(v.substring(from, i)).raw('\\');
            from = i;
          }
        }
        x.chars(from == 0 ? v : v.substring(from)).raw('"');
      } else {
        x.chars(v);
      }
    }
  }

  /** As {@link ContentType#toString()} decides when a parameter value needs quotes. */
  private static boolean needsQuotes(String v) {
    if (v.isEmpty()) {
      return true;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c <= ' ' || c >= 0x7f || TSPECIAL[c]) {
        return true;
      }
    }
    return false;
  }

  private static boolean[] tspecials() {
    boolean[] t = new boolean[128];
    for (char c : "()<>@,;:\\\"/[]?=".toCharArray()) {
      t[c] = true;
    }
    return t;
  }

  private static boolean isTextual(MmsPart p) {
    String mt = p.contentType().mediaType();
    return mt.startsWith("text/") || mt.equals("application/smil") || mt.endsWith("+xml");
  }

  private static boolean isAscii(byte[] b) {
    for (byte x : b) {
      if (x < 0) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- SOAP XML

  /** The SOAP envelope alone, as text. */
  static String soapXml(Mm7Envelope env, Mm7WriteOptions opts, String href) {
    boolean ericsson = isEricsson(env, opts);
    XmlOut x = new XmlOut(new byte[SCRATCH_SIZE], !ericsson && opts.prefixElements());
    soapXml(x, env, opts, href, ericsson);
    return x.string(0, x.position());
  }

  private static void soapXml(
      XmlOut x, Mm7Envelope env, Mm7WriteOptions opts, String href, boolean ericsson) {
    if (ericsson) {
      ericssonXml(x, env, opts, href);
      return;
    }
    Fragments f = fragments(env.version(), opts.prefixElements());
    x.raw(f.head);
    if (env.transactionId().isPresent()) {
      x.raw(f.transactionOpen).text(env.transactionId().get()).raw(f.transactionClose);
    }
    x.raw(ENV_BODY);
    Mm7Body body = env.body();
    if (body instanceof Fault fault) {
      writeFault(x, fault, env.version(), opts);
    } else {
      x.openWithAttrs(body.elementName()).raw(f.bodyNamespace).endAttrs();
      x.raw(f.versionLeaf);
      writeBodyContent(x, body, env.version(), opts, href);
      x.close(body.elementName());
    }
    x.raw(ENV_TAIL);
  }

  private static void writeFault(XmlOut x, Fault f, Mm7Version v, Mm7WriteOptions opts) {
    x.raw(FAULT_HEAD);
    x.plainLeaf(FAULT_CODE, f.faultCode().contains(":") ? f.faultCode() : "env:" + f.faultCode());
    x.plainLeaf(FAULT_STRING, f.faultString());
    if (f.detail().isPresent()) {
      x.raw(DETAIL_HEAD);
      ErrorRsp e = f.detail().get();
      x.openWithAttrs(e.elementName());
      x.attr(opts.prefixElements() ? "xmlns:mm7" : "xmlns", v.namespace()).endAttrs();
      x.leaf(MM7_VERSION, v.mm7Version());
      writeBodyContent(x, e, v, opts, null);
      x.close(e.elementName());
      x.raw(DETAIL_TAIL);
    }
    x.raw(FAULT_TAIL);
  }

  /** The content of a body element after {@code MM7Version}. */
  private static void writeBodyContent(
      XmlOut x, Mm7Body body, Mm7Version v, Mm7WriteOptions opts, String href) {
    boolean r6 = v.hasRelease6Elements();
    if (body instanceof Response r) {
      writeStatus(x, r.status());
      if (r instanceof SubmitRsp s) {
        x.leaf(MESSAGE_ID, s.messageId());
      } else if (r instanceof DeliverRsp d) {
        x.leaf(SERVICE_CODE, d.serviceCode().orElse(null));
      }
    } else if (body instanceof SubmitReq s) {
      writeSubmit(x, s, r6, opts, href);
    } else if (body instanceof CancelReq c) {
      writeSenderIdentification(x, c.vaspId(), c.vasId(), c.sender(), opts);
      x.leaf(MESSAGE_ID, c.messageId());
    } else if (body instanceof ReplaceReq r) {
      writeReplace(x, r, r6, opts, href);
    } else if (body instanceof DeliverReq d) {
      writeDeliver(x, d, r6, opts, href);
    } else if (body instanceof DeliveryReportReq d) {
      x.leaf(RELAY_SERVER_ID, d.relayServerId().orElse(null));
      x.leaf(MESSAGE_ID, d.messageId());
      writeAddress(x, RECIPIENT, required(d.recipient(), "Recipient"), false);
      writeAddress(x, SENDER, required(d.sender(), "Sender"), opts.legacyTextAddresses());
      leafInstant(x, DATE, required(d.date(), "Date"));
      x.leaf(MM_STATUS, d.mmStatus());
      if (r6) {
        x.leaf(MM_STATUS_EXTENSION, d.mmStatusExtension().orElse(null));
      }
      x.leaf(STATUS_TEXT, d.statusText().orElse(null));
      if (r6) {
        x.leaf(APPLIC_ID, d.applicId().orElse(null));
        x.leaf(REPLY_APPLIC_ID, d.replyApplicId().orElse(null));
        x.leaf(AUX_APPLIC_INFO, d.auxApplicInfo().orElse(null));
        if (d.uaProf().isPresent()) {
          x.openWithAttrs(UA_CAPABILITIES).attr("UAProf", d.uaProf().get()).selfClose();
        }
      }
    } else if (body instanceof ReadReplyReq r) {
      x.leaf(RELAY_SERVER_ID, r.relayServerId().orElse(null));
      x.leaf(MESSAGE_ID, r.messageId());
      writeAddress(x, RECIPIENT, required(r.recipient(), "Recipient"), false);
      writeAddress(x, SENDER, required(r.sender(), "Sender"), opts.legacyTextAddresses());
      leafInstant(x, TIME_STAMP, required(r.timeStamp(), "TimeStamp"));
      x.leaf(MM_STATUS, r.mmStatus());
      x.leaf(STATUS_TEXT, r.statusText().orElse(null));
      if (r6) {
        x.leaf(APPLIC_ID, r.applicId().orElse(null));
        x.leaf(REPLY_APPLIC_ID, r.replyApplicId().orElse(null));
        x.leaf(AUX_APPLIC_INFO, r.auxApplicInfo().orElse(null));
      }
    } else {
      throw new IllegalArgumentException("cannot write " + body.elementName());
    }
  }

  private static <T> T required(Optional<T> v, String element) {
    if (v.isEmpty()) {
      throw new IllegalArgumentException(element + " is required by the MM7 schema");
    }
    return v.get();
  }

  private static void writeStatus(XmlOut x, Status s) {
    x.open(STATUS);
    x.leaf(STATUS_CODE, Integer.toString(s.code()));
    x.leaf(STATUS_TEXT, s.text());
    x.leaf(DETAILS, s.details().orElse(null));
    x.close(STATUS);
  }

  private static void writeSenderIdentification(
      XmlOut x,
      Optional<String> vaspId,
      Optional<String> vasId,
      Optional<Address> sender,
      Mm7WriteOptions opts) {
    x.open(SENDER_IDENTIFICATION);
    x.leaf(VASP_ID, vaspId.orElse(null));
    x.leaf(VAS_ID, vasId.orElse(null));
    if (sender.isPresent()) {
      writeAddress(x, SENDER_ADDRESS, sender.get(), opts.legacyTextAddresses());
    }
    x.close(SENDER_IDENTIFICATION);
  }

  private static void writeSubmit(
      XmlOut x, SubmitReq s, boolean r6, Mm7WriteOptions opts, String href) {
    MmsMessage m = s.message();
    writeSenderIdentification(x, s.vaspId(), s.vasId(), m.from(), opts);
    writeRecipients(x, m);
    x.leaf(SERVICE_CODE, m.serviceCode().orElse(null));
    x.leaf(LINKED_ID, m.linkedId().orElse(null));
    if (m.messageClass().isPresent()) {
      x.leaf(MESSAGE_CLASS, MESSAGE_CLASSES[m.messageClass().get().ordinal()]);
    }
    if (m.date().isPresent()) {
      leafInstant(x, TIME_STAMP, m.date().get());
    }
    if (m.replyCharging().isPresent()) {
      writeReplyCharging(x, m.replyCharging().get());
    }
    if (m.earliestDelivery().isPresent()) {
      leafTimeSpec(x, EARLIEST_DELIVERY_TIME, m.earliestDelivery().get());
    }
    if (m.expiry().isPresent()) {
      leafTimeSpec(x, EXPIRY_DATE, m.expiry().get());
    }
    if (m.deliveryReport()) {
      x.leaf(DELIVERY_REPORT, "true");
    }
    if (m.readReport()) {
      x.leaf(READ_REPLY, "true");
    }
    if (m.priority().isPresent()) {
      x.leaf(PRIORITY, PRIORITIES[m.priority().get().ordinal()]);
    }
    x.leaf(SUBJECT, m.subject().orElse(null));
    if (m.chargedParty().isPresent()) {
      x.leaf(CHARGED_PARTY, CHARGED_PARTIES[m.chargedParty().get().ordinal()]);
    }
    if (r6) {
      x.leaf(CHARGED_PARTY_ID, m.chargedPartyId().orElse(null));
    }
    if (m.distributionIndicator().isPresent()) {
      x.leaf(DISTRIBUTION_INDICATOR, m.distributionIndicator().get().toString());
    }
    if (r6) {
      x.leaf(APPLIC_ID, m.applicId().orElse(null));
      x.leaf(REPLY_APPLIC_ID, m.replyApplicId().orElse(null));
      x.leaf(AUX_APPLIC_INFO, m.auxApplicInfo().orElse(null));
      if (m.contentClass().isPresent()) {
        x.leaf(CONTENT_CLASS, m.contentClass().get().token());
      }
      if (m.drmContent().isPresent()) {
        x.leaf(DRM_CONTENT, m.drmContent().get().toString());
      }
    }
    writeContent(x, href, m);
  }

  private static void writeReplace(
      XmlOut x, ReplaceReq r, boolean r6, Mm7WriteOptions opts, String href) {
    MmsMessage m = r.message();
    writeSenderIdentification(x, r.vaspId(), r.vasId(), m.from(), opts);
    x.leaf(MESSAGE_ID, r.messageId());
    x.leaf(SERVICE_CODE, m.serviceCode().orElse(null));
    if (m.date().isPresent()) {
      leafInstant(x, TIME_STAMP, m.date().get());
    }
    if (r6 && m.readReport()) {
      x.leaf(READ_REPLY, "true");
    }
    if (m.earliestDelivery().isPresent()) {
      leafTimeSpec(x, EARLIEST_DELIVERY_TIME, m.earliestDelivery().get());
    }
    if (m.distributionIndicator().isPresent()) {
      x.leaf(DISTRIBUTION_INDICATOR, m.distributionIndicator().get().toString());
    }
    if (r6) {
      if (m.contentClass().isPresent()) {
        x.leaf(CONTENT_CLASS, m.contentClass().get().token());
      }
      if (m.drmContent().isPresent()) {
        x.leaf(DRM_CONTENT, m.drmContent().get().toString());
      }
      x.leaf(APPLIC_ID, m.applicId().orElse(null));
      x.leaf(REPLY_APPLIC_ID, m.replyApplicId().orElse(null));
      x.leaf(AUX_APPLIC_INFO, m.auxApplicInfo().orElse(null));
    }
    writeContent(x, href, m);
  }

  private static void writeDeliver(
      XmlOut x, DeliverReq d, boolean r6, Mm7WriteOptions opts, String href) {
    MmsMessage m = d.message();
    x.leaf(RELAY_SERVER_ID, d.relayServerId().orElse(null));
    if (r6) {
      x.leaf(VASP_ID, d.vaspId().orElse(null));
      x.leaf(VAS_ID, d.vasId().orElse(null));
    }
    x.leaf(LINKED_ID, m.linkedId().orElse(null));
    writeAddress(x, SENDER, required(m.from(), "Sender"), opts.legacyTextAddresses());
    if (!m.recipients().isEmpty()) {
      writeRecipients(x, m);
    }
    if (m.date().isPresent()) {
      leafInstant(x, TIME_STAMP, m.date().get());
    }
    x.leaf(REPLY_CHARGING_ID, d.replyChargingId().orElse(null));
    if (m.priority().isPresent()) {
      x.leaf(PRIORITY, PRIORITIES[m.priority().get().ordinal()]);
    }
    x.leaf(SUBJECT, m.subject().orElse(null));
    if (r6) {
      x.leaf(APPLIC_ID, m.applicId().orElse(null));
      x.leaf(REPLY_APPLIC_ID, m.replyApplicId().orElse(null));
      x.leaf(AUX_APPLIC_INFO, m.auxApplicInfo().orElse(null));
      if (d.uaProf().isPresent()) {
        x.openWithAttrs(UA_CAPABILITIES).attr("UAProf", d.uaProf().get()).selfClose();
      }
    }
    writeContent(x, href, m);
  }

  private static void writeContent(XmlOut x, String href, MmsMessage m) {
    if (href != null) {
      x.openWithAttrs(CONTENT).attr("href", href);
      if (m.adaptationsAllowed().isPresent()) {
        x.attr("allowAdaptations", m.adaptationsAllowed().get().toString());
      }
      x.selfClose();
    }
  }

  private static void writeReplyCharging(XmlOut x, ReplyCharging rc) {
    x.openWithAttrs(REPLY_CHARGING);
    OptionalLong size = rc.maxSize();
    if (size.isPresent() && size.getAsLong() > 0) {
      x.attr("replyChargingSize", Long.toString(size.getAsLong()));
    }
    if (rc.deadline().isPresent()) {
      x.attr("replyDeadline", timeSpec(rc.deadline().get()));
    }
    x.selfClose();
  }

  private static void writeRecipients(XmlOut x, MmsMessage m) {
    x.open(RECIPIENTS);
    writeAddressList(x, TO, m.to());
    writeAddressList(x, CC, m.cc());
    writeAddressList(x, BCC, m.bcc());
    x.close(RECIPIENTS);
  }

  private static void writeAddressList(XmlOut x, Tag name, List<Address> list) {
    if (list.isEmpty()) {
      return;
    }
    x.open(name);
    for (int i = 0; i < list.size(); i++) {
      writeAddressValue(x, list.get(i));
    }
    x.close(name);
  }

  private static void writeAddress(XmlOut x, Tag name, Address a, boolean legacyText) {
    x.open(name);
    if (legacyText) {
      x.text(a.value());
    } else {
      writeAddressValue(x, a);
    }
    x.close(name);
  }

  private static void writeAddressValue(XmlOut x, Address a) {
    Tag el;
    switch (a.kind()) {
      case EMAIL:
        el = RFC2822_ADDRESS;
        break;
      case SHORT_CODE:
        el = SHORT_CODE;
        break;
      default:
        el = NUMBER;
    }
    if (a.displayOnly()) {
      x.openWithAttrs(el).attr("displayOnly", "true").endAttrs();
    } else {
      x.open(el);
    }
    x.text(a.value()).close(el);
  }

  static String capitalised(String enumName) {
    String n = enumName.toLowerCase(Locale.ROOT);
    return Character.toUpperCase(n.charAt(0)) + n.substring(1);
  }

  private static String[] capitalisedNames(Enum<?>[] values) {
    String[] out = new String[values.length];
    for (Enum<?> e : values) {
      out[e.ordinal()] = capitalised(e.name());
    }
    return out;
  }

  private static String[] chargedParties() {
    String[] out = capitalisedNames(ChargedParty.values());
    out[ChargedParty.THIRD_PARTY.ordinal()] = "ThirdParty";
    return out;
  }

  private static void leafInstant(XmlOut x, Tag tag, Instant t) {
    x.open(tag);
    instant(x, t);
    x.close(tag);
  }

  private static void leafTimeSpec(XmlOut x, Tag tag, TimeSpec t) {
    if (t.isRelative()) {
      x.leaf(tag, timeSpec(t));
    } else {
      leafInstant(x, tag, t.absolute().orElseThrow());
    }
  }

  /** The last second of the year 9999. */
  private static final long MAX_FOUR_DIGIT_YEAR_SECOND = 253_402_300_799L;

  /**
   * Writes {@code t} as {@link Instant#toString()} does ({@code 2024-05-01T10:00:00Z}, the fraction
   * in groups of three digits when not zero), directly for the years 1970 to 9999 and through
   * {@code toString} otherwise.
   */
  static void instant(XmlOut x, Instant t) {
    long secs = t.getEpochSecond();
    if (secs < 0 || secs > MAX_FOUR_DIGIT_YEAR_SECOND) {
      x.text(t.toString());
      return;
    }
    long days = secs / 86_400;
    int secOfDay = (int) (secs % 86_400);
    // proleptic Gregorian date of a day count from 1970-01-01, by 400-year eras from 0000-03-01
    long z = days + 719_468;
    long era = z / 146_097;
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long mp = (5 * dayOfYear + 2) / 153;
    long day = dayOfYear - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    x.digits(year, 4).raw('-').digits(month, 2).raw('-').digits(day, 2).raw('T');
    x.digits(secOfDay / 3600, 2).raw(':').digits(secOfDay / 60 % 60, 2).raw(':');
    x.digits(secOfDay % 60, 2);
    int nano = t.getNano();
    if (nano != 0) {
      x.raw('.');
      if (nano % 1_000_000 == 0) {
        x.digits(nano / 1_000_000, 3);
      } else if (nano % 1_000 == 0) {
        x.digits(nano / 1_000, 6);
      } else {
        x.digits(nano, 9);
      }
    }
    x.raw('Z');
  }

  static String dateTime(Instant t) {
    return t.toString();
  }

  static String timeSpec(TimeSpec t) {
    if (t.isRelative()) {
      Duration d = t.relative().orElseThrow();
      return d.isNegative() ? "PT0S" : d.toString();
    }
    return dateTime(t.absolute().orElseThrow());
  }

  // ---------------------------------------------------------------- Ericsson RPC style

  private static void ericssonXml(XmlOut x, Mm7Envelope env, Mm7WriteOptions opts, String href) {
    SubmitReq s = (SubmitReq) env.body();
    x.raw(ERICSSON_HEAD);
    x.text(env.transactionId().orElse(""));
    x.raw(ERICSSON_BODY);
    x.leaf(VERSION, env.version().mm7Version());
    writeSubmit(x, s, false, opts, href);
    x.raw(ERICSSON_TAIL);
  }
}
