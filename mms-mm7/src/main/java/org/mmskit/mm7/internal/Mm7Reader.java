package org.mmskit.mm7.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mmskit.core.Address;
import org.mmskit.core.ChargedParty;
import org.mmskit.core.ContentClass;
import org.mmskit.core.Header;
import org.mmskit.core.MessageClass;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.Priority;
import org.mmskit.core.ReplyCharging;
import org.mmskit.core.TimeSpec;
import org.mmskit.mm7.Mm7Dialect;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7Body.Status;

/**
 * Reads MM7 leniently: any MM7 namespace or none, any prefixes, elements out of order, unqualified
 * children, plain-text addresses, capitalised booleans, the Ericsson RPC style, SOAP faults with
 * {@code RSErrorRsp}/{@code VASPErrorRsp}/{@code MM7VASPErrorRsp} details. Stateless.
 */
final class Mm7Reader {
  private Mm7Reader() {}

  /** Reads {@code body[0, length)}; what is returned holds no reference to the array. */
  static Mm7Envelope read(String contentType, byte[] body, int length, Mm7Limits limits) {
    MimeEntity top = MimeReader.parseBody(contentType, body, length, limits);
    MimeEntity soap = top;
    List<MimeEntity> attachments = List.of();
    if (top.isMultipart()) {
      soap = soapRoot(top);
      attachments = new ArrayList<>(top.children());
      attachments.remove(soap);
    }
    if (soap.rawLength() == 0) {
      throw new MmsMalformedException("empty MM7 body", 0, "body", null);
    }
    XmlNode root;
    if (soap.rawRange()) {
      root = XmlNode.parse(soap.source(), soap.from(), soap.to(), limits);
    } else {
      byte[] xml = soap.body();
      root = XmlNode.parse(xml, 0, xml.length, limits);
    }
    return map(root, attachments);
  }

  /** The SOAP part: the one {@code start} names, else the first XML part, else the first part. */
  private static MimeEntity soapRoot(MimeEntity top) {
    String start = top.contentType().parameters().get("start");
    if (start != null) {
      String id = MimeEntity.normaliseId(start);
      for (MimeEntity c : top.children()) {
        if (id.equals(c.contentIdOrNull())) {
          return c;
        }
      }
    }
    for (MimeEntity c : top.children()) {
      String mt = c.mediaType();
      if (mt.equals("text/xml") || mt.equals("application/xml") || mt.endsWith("+xml")) {
        return c;
      }
    }
    return top.children().get(0);
  }

  // ---------------------------------------------------------------- envelope

  private static Mm7Envelope map(XmlNode root, List<MimeEntity> attachments) {
    XmlNode body;
    Optional<XmlNode> header = Optional.empty();
    if (root.localName.equalsIgnoreCase("Envelope")) {
      header = root.child("Header");
      body =
          root.child("Body")
              .flatMap(XmlNode::firstElementChild)
              .orElseThrow(
                  () ->
                      new MmsMalformedException(
                          "SOAP envelope without a Body element", 0, "Body", null));
    } else {
      body = root; // a bare MM7 element, as some peers post
    }
    Optional<XmlNode> txNode =
        header.flatMap(h -> h.find("TransactionID").or(() -> h.find("Transaction-ID")));
    Optional<String> txId = txNode.map(XmlNode::text);
    boolean ericsson =
        header.flatMap(h -> h.find("MM7Header")).isPresent()
            || body.namespace.startsWith("urn:MM7")
            || txNode.filter(t -> t.localName.equalsIgnoreCase("Transaction-ID")).isPresent();

    String name = body.localName;
    XmlNode mm7 = body;
    if (name.equalsIgnoreCase("Fault")) {
      Optional<XmlNode> err =
          body.child("detail")
              .flatMap(
                  d ->
                      d.find("RSErrorRsp")
                          .or(() -> d.find("VASPErrorRsp"))
                          .or(() -> d.find("MM7VASPErrorRsp"))
                          .or(() -> d.find("MM7RSErrorRsp")));
      Mm7Version v = version(err.orElse(body), txNode, body);
      Optional<Mm7Body.ErrorRsp> detail =
          err.map(
              e ->
                  new Mm7Body.ErrorRsp(
                      !e.localName.toUpperCase(Locale.ROOT).contains("VASP"), status(e)));
      String code = body.childText("faultcode").orElse("");
      String text = body.childText("faultstring").orElse("");
      return new Mm7Envelope(
          txId,
          versionValue(v, err.orElse(body)),
          dialect(ericsson),
          new Mm7Body.Fault(code, text, detail));
    }
    if (name.length() > 3
        && name.regionMatches(true, 0, "MM7", 0, 3)
        && Character.isUpperCase(name.charAt(3))) {
      name = name.substring(3);
    }
    Mm7Version v = versionValue(version(mm7, txNode, body), mm7);
    Mm7Body parsed = body(name, mm7, attachments);
    return new Mm7Envelope(txId, v, dialect(ericsson), parsed);
  }

  private static Mm7Dialect dialect(boolean ericsson) {
    return ericsson ? Mm7Dialect.ERICSSON : Mm7Dialect.STANDARD;
  }

  /** The profile from the first MM7 namespace seen on the body, its children or the header. */
  private static Mm7Version version(XmlNode el, Optional<XmlNode> tx, XmlNode body) {
    Mm7Version v = fromNamespace(el.namespace);
    for (int i = 0; v == null && i < el.childCount(); i++) {
      v = fromNamespace(el.child(i).namespace);
    }
    if (v == null && tx.isPresent()) {
      v = fromNamespace(tx.get().namespace);
    }
    if (v == null) {
      v = fromNamespace(body.namespace);
    }
    if (v != null) {
      return v;
    }
    // no MM7 namespace anywhere: infer the release from the MM7Version value
    String value = el.childText("MM7Version").or(() -> el.childText("Version")).orElse("");
    return value.startsWith("5.") ? Mm7Version.REL_5_MM7_1_0 : Mm7Version.REL_6_MM7_1_4;
  }

  private static Mm7Version fromNamespace(String ns) {
    return ns == null || ns.isEmpty() ? null : Mm7Version.forNamespace(ns).orElse(null);
  }

  /** Same as matching {@code [0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}}, without a regex per call. */
  static boolean isVersionValue(String v) {
    int groups = 0;
    int digits = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c >= '0' && c <= '9') {
        if (++digits > 3) {
          return false;
        }
      } else if (c == '.' && digits > 0 && groups < 2) {
        groups++;
        digits = 0;
      } else {
        return false;
      }
    }
    return groups == 2 && digits > 0;
  }

  private static Mm7Version versionValue(Mm7Version v, XmlNode el) {
    Optional<String> value = el.childText("MM7Version").or(() -> el.childText("Version"));
    if (value.isPresent() && isVersionValue(value.get())) {
      return v.withMm7Version(value.get());
    }
    return v;
  }

  private static Mm7Body body(String name, XmlNode el, List<MimeEntity> attachments) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "submitreq":
        return submitReq(el, attachments);
      case "submitrsp":
        return new Mm7Body.SubmitRsp(status(el), el.childText("MessageID").orElse(""));
      case "cancelreq":
        {
          SenderId s = senderId(el);
          return new Mm7Body.CancelReq(s.vaspId, s.vasId, s.address, required(el, "MessageID"));
        }
      case "cancelrsp":
        return new Mm7Body.CancelRsp(status(el));
      case "replacereq":
        return replaceReq(el, attachments);
      case "replacersp":
        return new Mm7Body.ReplaceRsp(status(el));
      case "deliverreq":
        return deliverReq(el, attachments);
      case "deliverrsp":
        return new Mm7Body.DeliverRsp(status(el), el.childText("ServiceCode"));
      case "deliveryreportreq":
        return new Mm7Body.DeliveryReportReq(
            el.childText("MMSRelayServerID"),
            required(el, "MessageID"),
            el.child("Recipient").flatMap(Mm7Reader::address),
            el.child("Sender").flatMap(Mm7Reader::address),
            el.childText("Date").or(() -> el.childText("TimeStamp")).flatMap(Mm7Reader::instant),
            required(el, "MMStatus"),
            el.childText("MMStatusExtension"),
            el.childText("StatusText"),
            el.childText("ApplicID"),
            el.childText("ReplyApplicID"),
            el.childText("AuxApplicInfo"),
            el.child("UACapabilities").flatMap(u -> u.attribute("UAProf")));
      case "deliveryreportrsp":
        return new Mm7Body.DeliveryReportRsp(status(el));
      case "readreplyreq":
        return new Mm7Body.ReadReplyReq(
            el.childText("MMSRelayServerID"),
            required(el, "MessageID"),
            el.child("Recipient").flatMap(Mm7Reader::address),
            el.child("Sender").flatMap(Mm7Reader::address),
            el.childText("TimeStamp").or(() -> el.childText("Date")).flatMap(Mm7Reader::instant),
            required(el, "MMStatus"),
            el.childText("StatusText"),
            el.childText("ApplicID"),
            el.childText("ReplyApplicID"),
            el.childText("AuxApplicInfo"));
      case "readreplyrsp":
        return new Mm7Body.ReadReplyRsp(status(el));
      case "rserrorrsp":
        return new Mm7Body.ErrorRsp(true, status(el));
      case "vasperrorrsp":
        return new Mm7Body.ErrorRsp(false, status(el));
      default:
        throw new MmsMalformedException(
            "unknown MM7 message <" + el.localName + ">", 0, el.localName, null);
    }
  }

  private static String required(XmlNode el, String name) {
    return el.childText(name)
        .orElseThrow(
            () ->
                new MmsMalformedException(
                    el.localName + " without " + name, 0, el.localName + "/" + name, null));
  }

  private static Status status(XmlNode el) {
    XmlNode s =
        el.child("Status")
            .orElseThrow(
                () ->
                    new MmsMalformedException(
                        el.localName + " without Status", 0, el.localName + "/Status", null));
    String codeText =
        s.childText("StatusCode")
            .orElseThrow(
                () ->
                    new MmsMalformedException("Status without StatusCode", 0, "StatusCode", null));
    int code;
    try {
      code = Integer.parseInt(codeText.trim());
    } catch (NumberFormatException e) {
      throw new MmsMalformedException(
          "StatusCode is not a number: " + codeText, 0, "StatusCode", e);
    }
    Optional<String> details = s.child("Details").map(Mm7Reader::allText).filter(t -> !t.isEmpty());
    return new Status(code, s.childText("StatusText").orElse(""), details);
  }

  private static String allText(XmlNode n) {
    StringBuilder sb = new StringBuilder(n.text());
    for (int i = 0; i < n.childCount(); i++) {
      String t = allText(n.child(i));
      if (!t.isEmpty()) {
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(t);
      }
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- requests with content

  private record SenderId(
      Optional<String> vaspId, Optional<String> vasId, Optional<Address> address) {}

  private static SenderId senderId(XmlNode el) {
    Optional<XmlNode> si = el.child("SenderIdentification");
    if (si.isEmpty()) {
      return new SenderId(el.childText("VASPID"), el.childText("VASID"), Optional.empty());
    }
    XmlNode s = si.get();
    return new SenderId(
        s.childText("VASPID"),
        s.childText("VASID"),
        s.child("SenderAddress").flatMap(Mm7Reader::address));
  }

  private static Mm7Body submitReq(XmlNode el, List<MimeEntity> attachments) {
    SenderId s = senderId(el);
    MmsMessage.Builder b = MmsMessage.builder();
    s.address.ifPresent(b::from);
    recipients(el, b);
    el.childText("ServiceCode").ifPresent(b::serviceCode);
    el.childText("LinkedID").ifPresent(b::linkedId);
    el.childText("MessageClass").flatMap(Mm7Reader::messageClass).ifPresent(b::messageClass);
    el.childText("TimeStamp").flatMap(Mm7Reader::instant).ifPresent(b::date);
    el.child("ReplyCharging").flatMap(Mm7Reader::replyCharging).ifPresent(b::replyCharging);
    el.childText("EarliestDeliveryTime")
        .flatMap(Mm7Reader::timeSpec)
        .ifPresent(b::earliestDelivery);
    el.childText("ExpiryDate").flatMap(Mm7Reader::timeSpec).ifPresent(b::expiry);
    el.childText("DeliveryReport").map(Mm7Reader::bool).ifPresent(b::deliveryReport);
    el.childText("ReadReply").map(Mm7Reader::bool).ifPresent(b::readReport);
    el.childText("Priority").flatMap(Mm7Reader::priority).ifPresent(b::priority);
    el.child("Subject").map(XmlNode::text).ifPresent(b::subject);
    el.childText("ChargedParty").flatMap(Mm7Reader::chargedParty).ifPresent(b::chargedParty);
    el.childText("ChargedPartyID").ifPresent(b::chargedPartyId);
    el.childText("DistributionIndicator").map(Mm7Reader::bool).ifPresent(b::distributionIndicator);
    applicIds(el, b);
    el.childText("ContentClass").flatMap(Mm7Reader::contentClass).ifPresent(b::contentClass);
    el.childText("DRMContent").map(Mm7Reader::bool).ifPresent(b::drmContent);
    content(el, attachments, b);
    return new Mm7Body.SubmitReq(s.vaspId, s.vasId, b.build());
  }

  private static Mm7Body replaceReq(XmlNode el, List<MimeEntity> attachments) {
    SenderId s = senderId(el);
    MmsMessage.Builder b = MmsMessage.builder();
    s.address.ifPresent(b::from);
    el.childText("ServiceCode").ifPresent(b::serviceCode);
    el.childText("TimeStamp").flatMap(Mm7Reader::instant).ifPresent(b::date);
    el.childText("ReadReply").map(Mm7Reader::bool).ifPresent(b::readReport);
    el.childText("EarliestDeliveryTime")
        .flatMap(Mm7Reader::timeSpec)
        .ifPresent(b::earliestDelivery);
    el.childText("DistributionIndicator").map(Mm7Reader::bool).ifPresent(b::distributionIndicator);
    el.childText("ContentClass").flatMap(Mm7Reader::contentClass).ifPresent(b::contentClass);
    el.childText("DRMContent").map(Mm7Reader::bool).ifPresent(b::drmContent);
    applicIds(el, b);
    content(el, attachments, b);
    return new Mm7Body.ReplaceReq(s.vaspId, s.vasId, required(el, "MessageID"), b.build());
  }

  // The MMSC→VASP requests are the listener's hot path: plain null checks here, no Optional or
  // lambda chains, which the JIT does not always flatten in methods this size.
  private static Mm7Body deliverReq(XmlNode el, List<MimeEntity> attachments) {
    MmsMessage.Builder b = MmsMessage.builder();
    XmlNode senderNode = el.childOrNull("Sender");
    Address sender = senderNode == null ? null : addressOrNull(senderNode);
    if (sender == null) {
      // seen in the field: the sender only inside SenderIdentification/SenderAddress
      sender = senderId(el).address.orElse(null);
    }
    if (sender != null) {
      b.from(sender);
    }
    recipients(el, b);
    String linked = el.childTextOrNull("LinkedID");
    if (linked != null) {
      b.linkedId(linked);
    }
    String stamp = el.childTextOrNull("TimeStamp");
    if (stamp != null) {
      b.date(instantOrNull(stamp));
    }
    String priority = el.childTextOrNull("Priority");
    if (priority != null) {
      priority(priority).ifPresent(b::priority);
    }
    XmlNode subject = el.childOrNull("Subject");
    if (subject != null) {
      b.subject(subject.text());
    }
    applicIds(el, b);
    content(el, attachments, b);
    XmlNode ua = el.childOrNull("UACapabilities");
    return new Mm7Body.DeliverReq(
        el.childText("MMSRelayServerID"),
        el.childText("VASPID"),
        el.childText("VASID"),
        el.childText("ReplyChargingID"),
        ua == null ? Optional.empty() : ua.attribute("UAProf"),
        b.build());
  }

  private static void applicIds(XmlNode el, MmsMessage.Builder b) {
    el.childText("ApplicID").ifPresent(b::applicId);
    el.childText("ReplyApplicID").ifPresent(b::replyApplicId);
    el.childText("AuxApplicInfo").or(() -> el.childText("AuxApplicID")).ifPresent(b::auxApplicInfo);
  }

  private static void recipients(XmlNode el, MmsMessage.Builder b) {
    Optional<XmlNode> rs = el.child("Recipients");
    if (rs.isEmpty()) {
      return;
    }
    for (XmlNode to : rs.get().children("To")) {
      b.to(addresses(to));
    }
    for (XmlNode cc : rs.get().children("Cc")) {
      b.cc(addresses(cc));
    }
    for (XmlNode bcc : rs.get().children("Bcc")) {
      b.bcc(addresses(bcc));
    }
  }

  private static List<Address> addresses(XmlNode list) {
    int n = list.childCount();
    List<Address> out = new ArrayList<>(Math.max(1, n));
    for (int i = 0; i < n; i++) {
      Address v = addressValueOrNull(list.child(i));
      if (v != null) {
        out.add(v);
      }
    }
    if (n == 0) {
      Address v = parseAddressOrNull(list.text());
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  /** An address element: one Number/RFC2822Address/ShortCode child, or plain text. */
  static Optional<Address> address(XmlNode el) {
    return Optional.ofNullable(addressOrNull(el));
  }

  private static Address addressOrNull(XmlNode el) {
    for (int i = 0; i < el.childCount(); i++) {
      Address a = addressValueOrNull(el.child(i));
      if (a != null) {
        return a;
      }
    }
    return parseAddressOrNull(el.text());
  }

  private static Address addressValueOrNull(XmlNode c) {
    String v = c.text();
    if (v.isEmpty()) {
      return null;
    }
    Address a;
    try {
      String kind = c.localName;
      if (kind.equalsIgnoreCase("Number")) {
        a = Address.parse(v);
        if (a.kind() == Address.Kind.SHORT_CODE) {
          a = Address.phone(a.value());
        }
      } else if (kind.equalsIgnoreCase("ShortCode")) {
        a = Address.shortCode(v);
      } else if (kind.equalsIgnoreCase("RFC2822Address")) {
        a = Address.email(v);
      } else {
        return null;
      }
    } catch (IllegalArgumentException e) {
      throw new MmsMalformedException(
          "unreadable address <" + c.localName + ">" + v, 0, c.localName, e);
    }
    String displayOnly = c.attributeOrNull("displayOnly");
    return displayOnly != null && bool(displayOnly) ? a.withDisplayOnly(true) : a;
  }

  private static Address parseAddressOrNull(String text) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return Address.parse(text);
    } catch (IllegalArgumentException e) {
      throw new MmsMalformedException("unreadable address: " + text, 0, "address", e);
    }
  }

  /** Resolves {@code <Content href>} to the attached parts and puts them into the message. */
  private static void content(XmlNode el, List<MimeEntity> attachments, MmsMessage.Builder b) {
    XmlNode content = el.childOrNull("Content");
    String adaptations = content == null ? null : content.attributeOrNull("allowAdaptations");
    if (adaptations != null) {
      b.adaptationsAllowed(bool(adaptations));
    }
    if (attachments.isEmpty()) {
      return;
    }
    List<MimeEntity> chosen = new ArrayList<>();
    String hrefValue = content == null ? null : content.attributeOrNull("href");
    if (hrefValue != null) {
      String href = MimeEntity.normaliseId(hrefValue);
      for (MimeEntity a : attachments) {
        if (href.equals(a.contentIdOrNull()) || href.equals(a.contentLocationOrNull())) {
          chosen.add(a);
        }
      }
    }
    if (chosen.isEmpty()) {
      chosen.addAll(attachments); // unresolved or missing href: every non-SOAP part
    }
    for (MimeEntity e : chosen) {
      addParts(e, b);
    }
  }

  private static void addParts(MimeEntity e, MmsMessage.Builder b) {
    if (!e.isMultipart()) {
      b.addPart(toPart(e));
      return;
    }
    MimeEntity start = null;
    if (e.mediaType().equals("multipart/related")) {
      Optional<String> s = e.contentType().parameter("start").map(MimeEntity::normaliseId);
      if (s.isPresent()) {
        for (MimeEntity c : e.children()) {
          if (c.contentId().filter(s.get()::equals).isPresent()) {
            start = c;
          }
        }
      }
      if (start == null) {
        for (MimeEntity c : e.children()) {
          if (c.mediaType().equals("application/smil")) {
            start = c;
            break;
          }
        }
      }
    }
    for (MimeEntity c : e.children()) {
      if (c == start && !c.isMultipart() && c.mediaType().equals("application/smil")) {
        b.presentation(toPart(c));
      } else {
        addParts(c, b);
      }
    }
  }

  private static MmsPart toPart(MimeEntity e) {
    MmsPart.Builder p = MmsPart.builder().contentType(e.contentType()).body(e.body());
    String id = e.contentIdOrNull();
    if (id != null) {
      p.contentId(id);
    }
    String location = e.contentLocationOrNull();
    if (location != null) {
      p.contentLocation(location);
    }
    for (Header h : e.headers()) {
      String n = h.name();
      if (n.equalsIgnoreCase("Content-Disposition")) {
        p.disposition(h.value());
      } else if (!n.equalsIgnoreCase("Content-Type")
          && !n.equalsIgnoreCase("Content-ID")
          && !n.equalsIgnoreCase("Content-Location")
          && !n.equalsIgnoreCase("Content-Transfer-Encoding")) {
        p.addHeader(h.name(), h.value());
      }
    }
    return p.build();
  }

  // ---------------------------------------------------------------- values

  static boolean bool(String s) {
    String t = s.trim();
    return t.equalsIgnoreCase("true") || t.equals("1") || t.equalsIgnoreCase("yes");
  }

  /**
   * The common form {@code yyyy-MM-ddTHH:mm:ss} followed by {@code Z} or {@code +hh:mm}, read
   * without a formatter; null for anything else (the formatter then decides).
   */
  static Instant fastInstant(String t) {
    int n = t.length();
    if ((n != 20 && n != 25)
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || t.charAt(10) != 'T'
        || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    int offsetSeconds;
    char z = t.charAt(19);
    if (n == 20) {
      if (z != 'Z') {
        return null;
      }
      offsetSeconds = 0;
    } else {
      int oh = digits(t, 20, 2);
      int om = digits(t, 23, 2);
      if ((z != '+' && z != '-') || t.charAt(22) != ':' || (oh | om) < 0) {
        return null;
      }
      offsetSeconds = (z == '-' ? -1 : 1) * (oh * 3600 + om * 60);
      if (Math.abs(offsetSeconds) > 18 * 3600) {
        return null; // out of ZoneOffset's range: the formatter decides (and refuses)
      }
    }
    try {
      // validated by LocalDateTime (day of month, leap years), then shifted by the offset
      return LocalDateTime.of(year, month, day, hour, minute, second)
          .toInstant(ZoneOffset.UTC)
          .minusSeconds(offsetSeconds);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  private static int digits(String t, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  static Optional<Instant> instant(String s) {
    return Optional.of(instantOrNull(s));
  }

  /** As {@link #instant}; never actually null (an unreadable value throws). */
  static Instant instantOrNull(String s) {
    String t = s.trim();
    Instant fast = fastInstant(t);
    if (fast != null) {
      return fast;
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        throw new MmsMalformedException("unreadable date-time: " + t, 0, "dateTime", e2);
      }
    }
  }

  static Optional<TimeSpec> timeSpec(String s) {
    String t = s.trim();
    if (t.startsWith("P") || t.startsWith("-P")) {
      try {
        return Optional.of(TimeSpec.after(Duration.parse(t)));
      } catch (DateTimeParseException e) {
        try {
          Period p = Period.parse(t);
          return Optional.of(
              TimeSpec.after(
                  Duration.ofDays(p.getYears() * 365L + p.getMonths() * 30L + p.getDays())));
        } catch (DateTimeParseException e2) {
          throw new MmsMalformedException("unreadable duration: " + t, 0, "duration", e2);
        }
      }
    }
    return instant(t).map(TimeSpec::at);
  }

  private static Optional<ReplyCharging> replyCharging(XmlNode rc) {
    Optional<TimeSpec> deadline = rc.attribute("replyDeadline").flatMap(Mm7Reader::timeSpec);
    Optional<Long> size = rc.attribute("replyChargingSize").map(String::trim).map(Long::parseLong);
    return Optional.of(
        ReplyCharging.of(ReplyCharging.Type.REQUESTED, deadline.orElse(null), size.orElse(-1L)));
  }

  private static Optional<MessageClass> messageClass(String s) {
    for (MessageClass c : MessageClass.values()) {
      if (c.name().equalsIgnoreCase(s.trim())) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  private static Optional<Priority> priority(String s) {
    for (Priority p : Priority.values()) {
      if (p.name().equalsIgnoreCase(s.trim())) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static Optional<ChargedParty> chargedParty(String s) {
    String t = s.trim().replace("_", "");
    for (ChargedParty c : ChargedParty.values()) {
      if (c.name().replace("_", "").equalsIgnoreCase(t)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  private static Optional<ContentClass> contentClass(String s) {
    try {
      return Optional.of(ContentClass.fromToken(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
