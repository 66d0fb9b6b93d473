package org.mmskit.mm7.internal;

import jakarta.xml.bind.JAXBElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.ReplyCharging;
import org.mmskit.core.TimeSpec;
import org.mmskit.mm7.internal.Mm7Body.Status;
import org.mmskit.mm7.internal.jaxb.AddressType;
import org.mmskit.mm7.internal.jaxb.AddressValueType;
import org.mmskit.mm7.internal.jaxb.CancelReqType;
import org.mmskit.mm7.internal.jaxb.ContentReferenceType;
import org.mmskit.mm7.internal.jaxb.DeliverReqType;
import org.mmskit.mm7.internal.jaxb.DeliverRspType;
import org.mmskit.mm7.internal.jaxb.DeliveryReportReqType;
import org.mmskit.mm7.internal.jaxb.GenericResponseType;
import org.mmskit.mm7.internal.jaxb.MultiAddressType;
import org.mmskit.mm7.internal.jaxb.ReadReplyReqType;
import org.mmskit.mm7.internal.jaxb.RecipientsType;
import org.mmskit.mm7.internal.jaxb.ReplaceReqType;
import org.mmskit.mm7.internal.jaxb.ReplyChargingType;
import org.mmskit.mm7.internal.jaxb.SenderIDType;
import org.mmskit.mm7.internal.jaxb.StatusType;
import org.mmskit.mm7.internal.jaxb.SubmitReqType;
import org.mmskit.mm7.internal.jaxb.SubmitRspType;
import org.mmskit.mm7.internal.jaxb.UaCapabilitiesType;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Maps the JAXB objects of a read MM7 element onto {@link Mm7Body} values. Required values that are
 * missing or unreadable (a message ID, a status code, an address) refuse the message; optional ones
 * that cannot be read are left out (see {@link Mm7Values}). Stateless.
 */
final class JaxbToMm7 {
  private JaxbToMm7() {}

  /** The {@code MM7Version} value of a read element, or null. */
  static String mm7Version(Object value) {
    if (value instanceof SubmitReqType v) {
      return v.getMM7Version();
    } else if (value instanceof DeliverReqType v) {
      return v.getMM7Version();
    } else if (value instanceof CancelReqType v) {
      return v.getMM7Version();
    } else if (value instanceof ReplaceReqType v) {
      return v.getMM7Version();
    } else if (value instanceof DeliveryReportReqType v) {
      return v.getMM7Version();
    } else if (value instanceof ReadReplyReqType v) {
      return v.getMM7Version();
    } else if (value instanceof GenericResponseType v) {
      return v.getMM7Version();
    }
    return null;
  }

  /**
   * The body of a read element.
   *
   * @param parts the message parts the element's {@code Content} refers to
   */
  static Mm7Body body(JAXBElement<?> element, Parts parts) {
    String name = element.getName().getLocalPart();
    Object v = element.getValue();
    switch (name) {
      case "SubmitReq":
        return submitReq((SubmitReqType) v, parts);
      case "SubmitRsp":
        SubmitRspType s = (SubmitRspType) v;
        return new Mm7Body.SubmitRsp(
            status(s, name), Optional.ofNullable(text(s.getMessageID())).orElse(""));
      case "CancelReq":
        CancelReqType c = (CancelReqType) v;
        SenderIDType id = c.getSenderIdentification();
        return new Mm7Body.CancelReq(
            id == null ? Optional.empty() : optional(id.getVASPID()),
            id == null ? Optional.empty() : optional(id.getVASID()),
            id == null ? Optional.empty() : address(id.getSenderAddress()),
            required(c.getMessageID(), name, "MessageID"));
      case "CancelRsp":
        return new Mm7Body.CancelRsp(status((GenericResponseType) v, name));
      case "ReplaceReq":
        return replaceReq((ReplaceReqType) v, parts);
      case "ReplaceRsp":
        return new Mm7Body.ReplaceRsp(status((GenericResponseType) v, name));
      case "DeliverReq":
        return deliverReq((DeliverReqType) v, parts);
      case "DeliverRsp":
        DeliverRspType d = (DeliverRspType) v;
        return new Mm7Body.DeliverRsp(status(d, name), optional(d.getServiceCode()));
      case "DeliveryReportReq":
        return deliveryReport((DeliveryReportReqType) v);
      case "DeliveryReportRsp":
        return new Mm7Body.DeliveryReportRsp(status((GenericResponseType) v, name));
      case "ReadReplyReq":
        return readReply((ReadReplyReqType) v);
      case "ReadReplyRsp":
        return new Mm7Body.ReadReplyRsp(status((GenericResponseType) v, name));
      case "RSErrorRsp":
        return new Mm7Body.ErrorRsp(true, status((GenericResponseType) v, name));
      case "VASPErrorRsp":
        return new Mm7Body.ErrorRsp(false, status((GenericResponseType) v, name));
      default:
        throw new MmsMalformedException("unknown MM7 message <" + name + ">", 0, name, null);
    }
  }

  /** Resolves a {@code Content} reference into the message's parts. */
  interface Parts {
    void addTo(ContentReferenceType content, MmsMessage.Builder message);
  }

  private static String text(String s) {
    return Mm7Values.text(s);
  }

  private static Optional<String> optional(String s) {
    return Mm7Values.optional(s);
  }

  private static String required(String value, String element, String child) {
    String t = text(value);
    if (t == null) {
      throw new MmsMalformedException(
          element + " without " + child, 0, element + "/" + child, null);
    }
    return t;
  }

  private static Status status(GenericResponseType r, String element) {
    StatusType s = r.getStatus();
    if (s == null) {
      throw new MmsMalformedException(element + " without Status", 0, element + "/Status", null);
    }
    String codeText = required(s.getStatusCode(), "Status", "StatusCode");
    int code;
    try {
      code = Integer.parseInt(codeText);
    } catch (NumberFormatException e) {
      throw new MmsMalformedException(
          "StatusCode is not a number: " + codeText, 0, "StatusCode", e);
    }
    Optional<String> details = Optional.empty();
    if (s.getDetails() instanceof Element e) {
      details = optional(allText(e));
    } else if (s.getDetails() != null) {
      details = optional(s.getDetails().toString());
    }
    return new Status(code, Optional.ofNullable(text(s.getStatusText())).orElse(""), details);
  }

  /** The element's own text, then its children's, separated by spaces. */
  private static String allText(Node n) {
    StringBuilder own = new StringBuilder();
    List<String> children = new ArrayList<>();
    for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c.getNodeType() == Node.TEXT_NODE || c.getNodeType() == Node.CDATA_SECTION_NODE) {
        own.append(c.getNodeValue());
      } else if (c.getNodeType() == Node.ELEMENT_NODE) {
        children.add(allText(c));
      }
    }
    StringBuilder sb = new StringBuilder(own.toString().strip());
    for (String t : children) {
      if (!t.isEmpty()) {
        sb.append(sb.length() > 0 ? " " : "").append(t);
      }
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- requests with content

  private static Mm7Body submitReq(SubmitReqType r, Parts parts) {
    MmsMessage.Builder b = MmsMessage.builder();
    SenderIDType id = r.getSenderIdentification();
    if (id != null) {
      address(id.getSenderAddress()).ifPresent(b::from);
    }
    recipients(r.getRecipients(), b);
    optional(r.getServiceCode()).ifPresent(b::serviceCode);
    optional(r.getLinkedID()).ifPresent(b::linkedId);
    Mm7Values.messageClass(r.getMessageClass()).ifPresent(b::messageClass);
    Mm7Values.instant(r.getTimeStamp(), "TimeStamp").ifPresent(b::date);
    replyCharging(r.getReplyCharging()).ifPresent(b::replyCharging);
    Mm7Values.timeSpec(r.getEarliestDeliveryTime(), "EarliestDeliveryTime")
        .ifPresent(b::earliestDelivery);
    Mm7Values.timeSpec(r.getExpiryDate(), "ExpiryDate").ifPresent(b::expiry);
    Mm7Values.bool(r.getDeliveryReport(), "DeliveryReport").ifPresent(b::deliveryReport);
    Mm7Values.bool(r.getReadReply(), "ReadReply").ifPresent(b::readReport);
    Mm7Values.priority(r.getPriority()).ifPresent(b::priority);
    if (r.getSubject() != null) {
      b.subject(r.getSubject().strip());
    }
    Mm7Values.chargedParty(r.getChargedParty()).ifPresent(b::chargedParty);
    optional(r.getChargedPartyID()).ifPresent(b::chargedPartyId);
    Mm7Values.bool(r.getDistributionIndicator(), "DistributionIndicator")
        .ifPresent(b::distributionIndicator);
    applicIds(r.getApplicID(), r.getReplyApplicID(), r.getAuxApplicInfo(), b);
    Mm7Values.contentClass(r.getContentClass()).ifPresent(b::contentClass);
    Mm7Values.bool(r.getDRMContent(), "DRMContent").ifPresent(b::drmContent);
    parts.addTo(r.getContent(), b);
    return new Mm7Body.SubmitReq(
        id == null ? Optional.empty() : optional(id.getVASPID()),
        id == null ? Optional.empty() : optional(id.getVASID()),
        b.build());
  }

  private static Mm7Body replaceReq(ReplaceReqType r, Parts parts) {
    MmsMessage.Builder b = MmsMessage.builder();
    SenderIDType id = r.getSenderIdentification();
    if (id != null) {
      address(id.getSenderAddress()).ifPresent(b::from);
    }
    optional(r.getServiceCode()).ifPresent(b::serviceCode);
    Mm7Values.instant(r.getTimeStamp(), "TimeStamp").ifPresent(b::date);
    Mm7Values.bool(r.getReadReply(), "ReadReply").ifPresent(b::readReport);
    Mm7Values.timeSpec(r.getEarliestDeliveryTime(), "EarliestDeliveryTime")
        .ifPresent(b::earliestDelivery);
    Mm7Values.bool(r.getDistributionIndicator(), "DistributionIndicator")
        .ifPresent(b::distributionIndicator);
    Mm7Values.contentClass(r.getContentClass()).ifPresent(b::contentClass);
    Mm7Values.bool(r.getDRMContent(), "DRMContent").ifPresent(b::drmContent);
    applicIds(r.getApplicID(), r.getReplyApplicID(), r.getAuxApplicInfo(), b);
    parts.addTo(r.getContent(), b);
    return new Mm7Body.ReplaceReq(
        id == null ? Optional.empty() : optional(id.getVASPID()),
        id == null ? Optional.empty() : optional(id.getVASID()),
        required(r.getMessageID(), "ReplaceReq", "MessageID"),
        b.build());
  }

  private static Mm7Body deliverReq(DeliverReqType r, Parts parts) {
    MmsMessage.Builder b = MmsMessage.builder();
    address(r.getSender()).ifPresent(b::from);
    recipients(r.getRecipients(), b);
    optional(r.getLinkedID()).ifPresent(b::linkedId);
    Mm7Values.instant(r.getTimeStamp(), "TimeStamp").ifPresent(b::date);
    Mm7Values.priority(r.getPriority()).ifPresent(b::priority);
    if (r.getSubject() != null) {
      b.subject(r.getSubject().strip());
    }
    applicIds(r.getApplicID(), r.getReplyApplicID(), r.getAuxApplicInfo(), b);
    parts.addTo(r.getContent(), b);
    return new Mm7Body.DeliverReq(
        optional(r.getMMSRelayServerID()),
        optional(r.getVASPID()),
        optional(r.getVASID()),
        optional(r.getReplyChargingID()),
        uaProf(r.getUACapabilities()),
        b.build());
  }

  private static Mm7Body deliveryReport(DeliveryReportReqType r) {
    String name = "DeliveryReportReq";
    return new Mm7Body.DeliveryReportReq(
        optional(r.getMMSRelayServerID()),
        required(r.getMessageID(), name, "MessageID"),
        address(r.getRecipient()),
        address(r.getSender()),
        Mm7Values.instant(r.getDate(), "Date"),
        required(r.getMMStatus(), name, "MMStatus"),
        optional(r.getMMStatusExtension()),
        optional(r.getStatusText()),
        optional(r.getApplicID()),
        optional(r.getReplyApplicID()),
        optional(r.getAuxApplicInfo()),
        uaProf(r.getUACapabilities()));
  }

  private static Mm7Body readReply(ReadReplyReqType r) {
    String name = "ReadReplyReq";
    return new Mm7Body.ReadReplyReq(
        optional(r.getMMSRelayServerID()),
        required(r.getMessageID(), name, "MessageID"),
        address(r.getRecipient()),
        address(r.getSender()),
        Mm7Values.instant(r.getTimeStamp(), "TimeStamp"),
        required(r.getMMStatus(), name, "MMStatus"),
        optional(r.getStatusText()),
        optional(r.getApplicID()),
        optional(r.getReplyApplicID()),
        optional(r.getAuxApplicInfo()));
  }

  private static Optional<String> uaProf(UaCapabilitiesType ua) {
    return ua == null ? Optional.empty() : optional(ua.getUAProf());
  }

  private static void applicIds(
      String applicId, String replyApplicId, String auxApplicInfo, MmsMessage.Builder b) {
    optional(applicId).ifPresent(b::applicId);
    optional(replyApplicId).ifPresent(b::replyApplicId);
    optional(auxApplicInfo).ifPresent(b::auxApplicInfo);
  }

  private static Optional<ReplyCharging> replyCharging(ReplyChargingType rc) {
    if (rc == null) {
      return Optional.empty();
    }
    Optional<TimeSpec> deadline = Mm7Values.timeSpec(rc.getReplyDeadline(), "replyDeadline");
    long size = Mm7Values.positiveLong(rc.getReplyChargingSize(), "replyChargingSize").orElse(-1L);
    return Optional.of(ReplyCharging.of(ReplyCharging.Type.REQUESTED, deadline.orElse(null), size));
  }

  // ---------------------------------------------------------------- addresses

  private static void recipients(RecipientsType r, MmsMessage.Builder b) {
    if (r == null) {
      return;
    }
    b.to(addresses(r.getTo()));
    b.cc(addresses(r.getCc()));
    b.bcc(addresses(r.getBcc()));
  }

  private static List<Address> addresses(MultiAddressType list) {
    if (list == null) {
      return List.of();
    }
    List<Address> out = new ArrayList<>(list.getAddressChoice().size());
    for (JAXBElement<AddressValueType> e : list.getAddressChoice()) {
      Address a = value(e.getName().getLocalPart(), e.getValue());
      if (a != null) {
        out.add(a);
      }
    }
    return out;
  }

  /** An address element's value; empty when it holds none. */
  static Optional<Address> address(AddressType a) {
    if (a == null) {
      return Optional.empty();
    }
    Address v = value("Number", a.getNumber());
    if (v == null) {
      v = value("RFC2822Address", a.getRFC2822Address());
    }
    if (v == null) {
      v = value("ShortCode", a.getShortCode());
    }
    return Optional.ofNullable(v);
  }

  /** One address value, null when empty; unreadable refuses the message. */
  private static Address value(String kind, AddressValueType value) {
    String v = value == null ? null : text(value.getValue());
    if (v == null) {
      return null;
    }
    Address a;
    try {
      a =
          switch (kind) {
            case "RFC2822Address" -> Address.email(v);
            case "ShortCode" -> Address.shortCode(v);
            default -> {
              Address parsed = Address.parse(v);
              yield parsed.kind() == Address.Kind.SHORT_CODE
                  ? Address.phone(parsed.value())
                  : parsed;
            }
          };
    } catch (IllegalArgumentException e) {
      throw new MmsMalformedException("unreadable address <" + kind + ">" + v, 0, kind, e);
    }
    return Mm7Values.bool(value.getDisplayOnly(), "displayOnly").orElse(false)
        ? a.withDisplayOnly(true)
        : a;
  }
}
