package org.mmskit.mm7.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.mmskit.core.Address;
import org.mmskit.core.ContentType;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
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

/**
 * The straightforward StringBuilder writer that {@link Mm7Writer} replaced, kept as the oracle of
 * the exact bytes {@link Mm7WriterEquivalenceTest} compares against. Do not optimise.
 */
final class ReferenceMm7Writer {
  static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
  static final String SOAP_PART_ID = "mm7-soap@mmskit";
  static final String CONTENT_PART_ID = "mm7-content@mmskit";
  private static final byte[] CRLF = {'\r', '\n'};

  private ReferenceMm7Writer() {}

  static Mm7Payload encode(Mm7Envelope env, Mm7WriteOptions opts) {
    MmsMessage content = contentOf(env.body());
    boolean attach = content != null && !content.allParts().isEmpty();
    String xml = soapXml(env, opts, attach ? "cid:" + CONTENT_PART_ID : null);
    byte[] xmlBytes = xml.getBytes(StandardCharsets.UTF_8);
    if (!attach) {
      return new Mm7Payload(
          "text/xml; charset=utf-8", xmlBytes, 0, xmlBytes.length, List.of(xmlBytes));
    }
    String outer = boundary();
    String inner = boundary();
    List<Object> segs = new ArrayList<>();
    StringBuilder h = new StringBuilder(512);
    h.append("--").append(outer).append("\r\n");
    h.append("Content-Type: text/xml; charset=utf-8\r\n");
    h.append("Content-ID: <").append(SOAP_PART_ID).append(">\r\n\r\n");
    segs.add(ascii(h));
    segs.add(xmlBytes);
    h.setLength(0);
    h.append("\r\n--").append(outer).append("\r\n");
    List<MmsPart> parts = content.allParts();
    Optional<MmsPart> smil = content.presentation();
    if (smil.isPresent()) {
      h.append("Content-Type: multipart/related; boundary=\"").append(inner).append('"');
      h.append("; type=\"application/smil\"; start=\"<")
          .append(partId(smil.get(), 0))
          .append(">\"\r\n");
    } else {
      h.append("Content-Type: multipart/mixed; boundary=\"").append(inner).append("\"\r\n");
    }
    h.append("Content-ID: <").append(CONTENT_PART_ID).append(">\r\n\r\n");
    for (int i = 0; i < parts.size(); i++) {
      MmsPart p = parts.get(i);
      h.append("--").append(inner).append("\r\n");
      h.append("Content-Type: ").append(wireType(p.contentType())).append("\r\n");
      if (p.contentId().isPresent() || smil.filter(sp -> sp == p).isPresent()) {
        h.append("Content-ID: <").append(partId(p, i)).append(">\r\n");
      }
      p.contentLocation()
          .or(p::fileName)
          .ifPresent(l -> h.append("Content-Location: ").append(headerSafe(l)).append("\r\n"));
      p.disposition()
          .ifPresent(d -> h.append("Content-Disposition: ").append(headerValue(d)).append("\r\n"));
      for (org.mmskit.core.Header extra : p.headers()) {
        String n = extra.name();
        if (isHeaderToken(n) && !n.regionMatches(true, 0, "Content-", 0, 8)) {
          h.append(n).append(": ").append(headerValue(extra.value())).append("\r\n");
        }
      }
      boolean text = isTextual(p) && p.inMemory();
      boolean base64 = !text && !opts.binaryParts();
      String cte =
          base64 ? "base64" : text && isAscii(p.bytes()) ? "7bit" : text ? "8bit" : "binary";
      h.append("Content-Transfer-Encoding: ").append(cte).append("\r\n\r\n");
      segs.add(ascii(h));
      h.setLength(0);
      segs.add(new Mm7Payload.PartBody(p, base64));
      h.append("\r\n");
    }
    h.append("--").append(inner).append("--\r\n");
    h.append("\r\n--").append(outer).append("--\r\n");
    segs.add(ascii(h));
    String ct =
        "multipart/related; boundary=\""
            + outer
            + "\"; type=\"text/xml\"; start=\"<"
            + SOAP_PART_ID
            + ">\"";
    return new Mm7Payload(ct, xmlBytes, 0, xmlBytes.length, segs);
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

  private static byte[] ascii(StringBuilder sb) {
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String boundary() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return "mmskit-" + Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong());
  }

  private static String partId(MmsPart p, int index) {
    return p.contentId().map(ReferenceMm7Writer::headerSafe).orElse("smil" + index + "@mmskit");
  }

  private static String headerSafe(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(c < 0x20 || c > 0x7e || c == '<' || c == '>' ? '_' : c);
    }
    return sb.toString();
  }

  private static String headerValue(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(c < 0x20 || c == 0x7f ? ' ' : c);
    }
    return sb.toString();
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

  /** The content type as written on the wire: WAP multipart names become MIME ones. */
  static String wireType(ContentType ct) {
    String mt = ct.mediaType();
    if (mt.equals("application/vnd.wap.multipart.related")) {
      return ContentType.of("multipart/related", ct.parameters()).toString();
    } else if (mt.equals("application/vnd.wap.multipart.mixed")) {
      return ContentType.of("multipart/mixed", ct.parameters()).toString();
    }
    return ct.toString();
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

  static String soapXml(Mm7Envelope env, Mm7WriteOptions opts, String href) {
    if (opts.dialect() == Mm7Dialect.ERICSSON && env.body() instanceof Mm7Body.SubmitReq) {
      return ericssonXml(env, opts, href);
    }
    String ns = env.version().namespace();
    StringBuilder sb = new StringBuilder(2048);
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    sb.append("<env:Envelope xmlns:env=\"").append(SOAP_NS).append('"');
    if (opts.prefixElements()) {
      sb.append(" xmlns:mm7=\"").append(ns).append('"');
    }
    sb.append('>');
    if (env.transactionId().isPresent()) {
      sb.append("<env:Header>");
      ReferenceXmlOut hx = new ReferenceXmlOut(sb, opts.prefixElements() ? "mm7:" : "");
      hx.openWithAttrs("TransactionID");
      if (!opts.prefixElements()) {
        hx.attr("xmlns", ns);
      }
      hx.attr("env:mustUnderstand", "1").endAttrs().text(env.transactionId().get());
      hx.close("TransactionID");
      sb.append("</env:Header>");
    }
    sb.append("<env:Body>");
    Mm7Body body = env.body();
    if (body instanceof Fault f) {
      writeFault(sb, f, env.version(), opts);
    } else {
      ReferenceXmlOut x = new ReferenceXmlOut(sb, opts.prefixElements() ? "mm7:" : "");
      x.openWithAttrs(body.elementName());
      if (!opts.prefixElements()) {
        x.attr("xmlns", ns);
      }
      x.endAttrs();
      writeBodyContent(x, body, env.version(), opts, href);
      x.close(body.elementName());
    }
    sb.append("</env:Body></env:Envelope>");
    return sb.toString();
  }

  private static void writeFault(StringBuilder sb, Fault f, Mm7Version v, Mm7WriteOptions opts) {
    sb.append("<env:Fault>");
    ReferenceXmlOut plain = new ReferenceXmlOut(sb, "");
    plain.leaf("faultcode", f.faultCode().contains(":") ? f.faultCode() : "env:" + f.faultCode());
    plain.leaf("faultstring", f.faultString());
    if (f.detail().isPresent()) {
      sb.append("<detail>");
      ErrorRsp e = f.detail().get();
      ReferenceXmlOut x = new ReferenceXmlOut(sb, opts.prefixElements() ? "mm7:" : "");
      x.openWithAttrs(e.elementName());
      x.attr(opts.prefixElements() ? "xmlns:mm7" : "xmlns", v.namespace()).endAttrs();
      writeBodyContent(x, e, v, opts, null);
      x.close(e.elementName());
      sb.append("</detail>");
    }
    sb.append("</env:Fault>");
  }

  private static void writeBodyContent(
      ReferenceXmlOut x, Mm7Body body, Mm7Version v, Mm7WriteOptions opts, String href) {
    x.leaf("MM7Version", v.mm7Version());
    boolean r6 = v.hasRelease6Elements();
    if (body instanceof Response r) {
      writeStatus(x, r.status());
      if (r instanceof SubmitRsp s) {
        x.leaf("MessageID", s.messageId());
      } else if (r instanceof DeliverRsp d) {
        x.leaf("ServiceCode", d.serviceCode().orElse(null));
      }
    } else if (body instanceof SubmitReq s) {
      writeSubmit(x, s, r6, opts, href);
    } else if (body instanceof CancelReq c) {
      writeSenderIdentification(x, c.vaspId(), c.vasId(), c.sender(), opts);
      x.leaf("MessageID", c.messageId());
    } else if (body instanceof ReplaceReq r) {
      writeReplace(x, r, r6, opts, href);
    } else if (body instanceof DeliverReq d) {
      writeDeliver(x, d, r6, opts, href);
    } else if (body instanceof DeliveryReportReq d) {
      x.leaf("MMSRelayServerID", d.relayServerId().orElse(null));
      x.leaf("MessageID", d.messageId());
      writeAddress(x, "Recipient", required(d.recipient(), "Recipient"), false);
      writeAddress(x, "Sender", required(d.sender(), "Sender"), opts.legacyTextAddresses());
      x.leaf("Date", dateTime(required(d.date(), "Date")));
      x.leaf("MMStatus", d.mmStatus());
      if (r6) {
        x.leaf("MMStatusExtension", d.mmStatusExtension().orElse(null));
      }
      x.leaf("StatusText", d.statusText().orElse(null));
      if (r6) {
        x.leaf("ApplicID", d.applicId().orElse(null));
        x.leaf("ReplyApplicID", d.replyApplicId().orElse(null));
        x.leaf("AuxApplicInfo", d.auxApplicInfo().orElse(null));
        if (d.uaProf().isPresent()) {
          x.openWithAttrs("UACapabilities").attr("UAProf", d.uaProf().get()).selfClose();
        }
      }
    } else if (body instanceof ReadReplyReq r) {
      x.leaf("MMSRelayServerID", r.relayServerId().orElse(null));
      x.leaf("MessageID", r.messageId());
      writeAddress(x, "Recipient", required(r.recipient(), "Recipient"), false);
      writeAddress(x, "Sender", required(r.sender(), "Sender"), opts.legacyTextAddresses());
      x.leaf("TimeStamp", dateTime(required(r.timeStamp(), "TimeStamp")));
      x.leaf("MMStatus", r.mmStatus());
      x.leaf("StatusText", r.statusText().orElse(null));
      if (r6) {
        x.leaf("ApplicID", r.applicId().orElse(null));
        x.leaf("ReplyApplicID", r.replyApplicId().orElse(null));
        x.leaf("AuxApplicInfo", r.auxApplicInfo().orElse(null));
      }
    } else {
      throw new IllegalArgumentException("cannot write " + body.elementName());
    }
  }

  private static <T> T required(Optional<T> v, String element) {
    return v.orElseThrow(
        () -> new IllegalArgumentException(element + " is required by the MM7 schema"));
  }

  private static void writeStatus(ReferenceXmlOut x, Status s) {
    x.open("Status");
    x.leaf("StatusCode", Integer.toString(s.code()));
    x.leaf("StatusText", s.text());
    x.leaf("Details", s.details().orElse(null));
    x.close("Status");
  }

  private static void writeSenderIdentification(
      ReferenceXmlOut x,
      Optional<String> vaspId,
      Optional<String> vasId,
      Optional<Address> sender,
      Mm7WriteOptions opts) {
    x.open("SenderIdentification");
    x.leaf("VASPID", vaspId.orElse(null));
    x.leaf("VASID", vasId.orElse(null));
    if (sender.isPresent()) {
      writeAddress(x, "SenderAddress", sender.get(), opts.legacyTextAddresses());
    }
    x.close("SenderIdentification");
  }

  private static void writeSubmit(
      ReferenceXmlOut x, SubmitReq s, boolean r6, Mm7WriteOptions opts, String href) {
    MmsMessage m = s.message();
    writeSenderIdentification(x, s.vaspId(), s.vasId(), m.from(), opts);
    writeRecipients(x, m);
    x.leaf("ServiceCode", m.serviceCode().orElse(null));
    x.leaf("LinkedID", m.linkedId().orElse(null));
    m.messageClass().ifPresent(c -> x.leaf("MessageClass", capitalised(c.name())));
    m.date().ifPresent(d -> x.leaf("TimeStamp", dateTime(d)));
    m.replyCharging().ifPresent(rc -> writeReplyCharging(x, rc));
    m.earliestDelivery().ifPresent(t -> x.leaf("EarliestDeliveryTime", timeSpec(t)));
    m.expiry().ifPresent(t -> x.leaf("ExpiryDate", timeSpec(t)));
    if (m.deliveryReport()) {
      x.leaf("DeliveryReport", "true");
    }
    if (m.readReport()) {
      x.leaf("ReadReply", "true");
    }
    m.priority().ifPresent(p -> x.leaf("Priority", capitalised(p.name())));
    x.leaf("Subject", m.subject().orElse(null));
    m.chargedParty()
        .ifPresent(
            c ->
                x.leaf(
                    "ChargedParty",
                    c.name().equals("THIRD_PARTY") ? "ThirdParty" : capitalised(c.name())));
    if (r6) {
      x.leaf("ChargedPartyID", m.chargedPartyId().orElse(null));
    }
    m.distributionIndicator().ifPresent(d -> x.leaf("DistributionIndicator", d.toString()));
    if (r6) {
      x.leaf("ApplicID", m.applicId().orElse(null));
      x.leaf("ReplyApplicID", m.replyApplicId().orElse(null));
      x.leaf("AuxApplicInfo", m.auxApplicInfo().orElse(null));
      m.contentClass().ifPresent(c -> x.leaf("ContentClass", c.token()));
      m.drmContent().ifPresent(d -> x.leaf("DRMContent", d.toString()));
    }
    writeContent(x, href, m);
  }

  private static void writeReplace(
      ReferenceXmlOut x, ReplaceReq r, boolean r6, Mm7WriteOptions opts, String href) {
    MmsMessage m = r.message();
    writeSenderIdentification(x, r.vaspId(), r.vasId(), m.from(), opts);
    x.leaf("MessageID", r.messageId());
    x.leaf("ServiceCode", m.serviceCode().orElse(null));
    m.date().ifPresent(d -> x.leaf("TimeStamp", dateTime(d)));
    if (r6 && m.readReport()) {
      x.leaf("ReadReply", "true");
    }
    m.earliestDelivery().ifPresent(t -> x.leaf("EarliestDeliveryTime", timeSpec(t)));
    m.distributionIndicator().ifPresent(d -> x.leaf("DistributionIndicator", d.toString()));
    if (r6) {
      m.contentClass().ifPresent(c -> x.leaf("ContentClass", c.token()));
      m.drmContent().ifPresent(d -> x.leaf("DRMContent", d.toString()));
      x.leaf("ApplicID", m.applicId().orElse(null));
      x.leaf("ReplyApplicID", m.replyApplicId().orElse(null));
      x.leaf("AuxApplicInfo", m.auxApplicInfo().orElse(null));
    }
    writeContent(x, href, m);
  }

  private static void writeDeliver(
      ReferenceXmlOut x, DeliverReq d, boolean r6, Mm7WriteOptions opts, String href) {
    MmsMessage m = d.message();
    x.leaf("MMSRelayServerID", d.relayServerId().orElse(null));
    if (r6) {
      x.leaf("VASPID", d.vaspId().orElse(null));
      x.leaf("VASID", d.vasId().orElse(null));
    }
    x.leaf("LinkedID", m.linkedId().orElse(null));
    writeAddress(x, "Sender", required(m.from(), "Sender"), opts.legacyTextAddresses());
    if (!m.recipients().isEmpty()) {
      writeRecipients(x, m);
    }
    m.date().ifPresent(t -> x.leaf("TimeStamp", dateTime(t)));
    x.leaf("ReplyChargingID", d.replyChargingId().orElse(null));
    m.priority().ifPresent(p -> x.leaf("Priority", capitalised(p.name())));
    x.leaf("Subject", m.subject().orElse(null));
    if (r6) {
      x.leaf("ApplicID", m.applicId().orElse(null));
      x.leaf("ReplyApplicID", m.replyApplicId().orElse(null));
      x.leaf("AuxApplicInfo", m.auxApplicInfo().orElse(null));
      if (d.uaProf().isPresent()) {
        x.openWithAttrs("UACapabilities").attr("UAProf", d.uaProf().get()).selfClose();
      }
    }
    writeContent(x, href, m);
  }

  private static void writeContent(ReferenceXmlOut x, String href, MmsMessage m) {
    if (href != null) {
      x.openWithAttrs("Content").attr("href", href);
      m.adaptationsAllowed().ifPresent(a -> x.attr("allowAdaptations", a.toString()));
      x.selfClose();
    }
  }

  private static void writeReplyCharging(ReferenceXmlOut x, ReplyCharging rc) {
    x.openWithAttrs("ReplyCharging");
    rc.maxSize().stream()
        .filter(s -> s > 0)
        .forEach(s -> x.attr("replyChargingSize", Long.toString(s)));
    rc.deadline().ifPresent(d -> x.attr("replyDeadline", timeSpec(d)));
    x.selfClose();
  }

  private static void writeRecipients(ReferenceXmlOut x, MmsMessage m) {
    x.open("Recipients");
    writeAddressList(x, "To", m.to());
    writeAddressList(x, "Cc", m.cc());
    writeAddressList(x, "Bcc", m.bcc());
    x.close("Recipients");
  }

  private static void writeAddressList(ReferenceXmlOut x, String name, List<Address> list) {
    if (list.isEmpty()) {
      return;
    }
    x.open(name);
    for (Address a : list) {
      writeAddressValue(x, a);
    }
    x.close(name);
  }

  private static void writeAddress(ReferenceXmlOut x, String name, Address a, boolean legacyText) {
    x.open(name);
    if (legacyText) {
      x.text(a.value());
    } else {
      writeAddressValue(x, a);
    }
    x.close(name);
  }

  private static void writeAddressValue(ReferenceXmlOut x, Address a) {
    String el;
    switch (a.kind()) {
      case EMAIL:
        el = "RFC2822Address";
        break;
      case SHORT_CODE:
        el = "ShortCode";
        break;
      default:
        el = "Number";
    }
    x.openWithAttrs(el);
    if (a.displayOnly()) {
      x.attr("displayOnly", "true");
    }
    x.endAttrs().text(a.value()).close(el);
  }

  static String capitalised(String enumName) {
    String n = enumName.toLowerCase(Locale.ROOT);
    return Character.toUpperCase(n.charAt(0)) + n.substring(1);
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

  private static String ericssonXml(Mm7Envelope env, Mm7WriteOptions opts, String href) {
    SubmitReq s = (SubmitReq) env.body();
    StringBuilder sb = new StringBuilder(2048);
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    sb.append("<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"").append(SOAP_NS).append('"');
    sb.append(" xmlns:xsi=\"http://www.w3.org/1999/XMLSchema-instance\"");
    sb.append(" xmlns:xsd=\"http://www.w3.org/1999/XMLSchema\">");
    sb.append("<SOAP-ENV:Header>");
    sb.append("<MM7Header xmlns=\"urn:xml-MM7Header\"");
    sb.append(" SOAP-ENV:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\">");
    ReferenceXmlOut hx = new ReferenceXmlOut(sb, "");
    hx.openWithAttrs("Transaction-ID").attr("xsi:type", "xsd:string").endAttrs();
    hx.text(env.transactionId().orElse("")).close("Transaction-ID");
    sb.append("</MM7Header></SOAP-ENV:Header><SOAP-ENV:Body>");
    sb.append("<MM7SubmitReq xmlns=\"urn:MM7Submit.Req\"");
    sb.append(" SOAP-ENV:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\">");
    ReferenceXmlOut x = new ReferenceXmlOut(sb, "");
    x.leaf("Version", env.version().mm7Version());
    writeSubmit(x, s, false, opts, href);
    sb.append("</MM7SubmitReq></SOAP-ENV:Body></SOAP-ENV:Envelope>");
    return sb.toString();
  }
}
