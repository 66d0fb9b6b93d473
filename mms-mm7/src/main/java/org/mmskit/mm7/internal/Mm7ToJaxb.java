package org.mmskit.mm7.internal;

import jakarta.xml.bind.JAXBElement;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.ReplyCharging;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7Body.CancelReq;
import org.mmskit.mm7.internal.Mm7Body.DeliverReq;
import org.mmskit.mm7.internal.Mm7Body.DeliverRsp;
import org.mmskit.mm7.internal.Mm7Body.DeliveryReportReq;
import org.mmskit.mm7.internal.Mm7Body.ErrorRsp;
import org.mmskit.mm7.internal.Mm7Body.ReadReplyReq;
import org.mmskit.mm7.internal.Mm7Body.ReplaceReq;
import org.mmskit.mm7.internal.Mm7Body.Response;
import org.mmskit.mm7.internal.Mm7Body.Status;
import org.mmskit.mm7.internal.Mm7Body.SubmitReq;
import org.mmskit.mm7.internal.Mm7Body.SubmitRsp;
import org.mmskit.mm7.internal.jaxb.AddressType;
import org.mmskit.mm7.internal.jaxb.AddressValueType;
import org.mmskit.mm7.internal.jaxb.CancelReqType;
import org.mmskit.mm7.internal.jaxb.ContentReferenceType;
import org.mmskit.mm7.internal.jaxb.DeliverReqType;
import org.mmskit.mm7.internal.jaxb.DeliverRspType;
import org.mmskit.mm7.internal.jaxb.DeliveryReportReqType;
import org.mmskit.mm7.internal.jaxb.GenericResponseType;
import org.mmskit.mm7.internal.jaxb.MultiAddressType;
import org.mmskit.mm7.internal.jaxb.ObjectFactory;
import org.mmskit.mm7.internal.jaxb.ReadReplyReqType;
import org.mmskit.mm7.internal.jaxb.RecipientsType;
import org.mmskit.mm7.internal.jaxb.ReplaceReqType;
import org.mmskit.mm7.internal.jaxb.ReplyChargingType;
import org.mmskit.mm7.internal.jaxb.SenderIDType;
import org.mmskit.mm7.internal.jaxb.StatusType;
import org.mmskit.mm7.internal.jaxb.SubmitReqType;
import org.mmskit.mm7.internal.jaxb.SubmitRspType;
import org.mmskit.mm7.internal.jaxb.UaCapabilitiesType;

/**
 * Builds the JAXB element of an {@link Mm7Body} for a profile: the Release 6 elements (see {@link
 * Mm7Version}) are left out for a Release 5 profile, so the marshalled element is valid against
 * that profile's schema. Stateless.
 */
final class Mm7ToJaxb {
  private static final ObjectFactory F = new ObjectFactory();

  private Mm7ToJaxb() {}

  /**
   * The element for {@code body} (not a {@link Mm7Body.Fault}).
   *
   * @param href the {@code Content} reference to the attached parts, null when there are none
   * @throws IllegalArgumentException if the body lacks what the schema requires
   */
  static JAXBElement<?> element(Mm7Body body, Mm7Version version, String href) {
    boolean r6 = version.hasRelease6Elements();
    String v = version.mm7Version();
    if (body instanceof Response r) {
      return response(r, v);
    } else if (body instanceof SubmitReq s) {
      return F.createSubmitReq(submit(s, v, r6, href));
    } else if (body instanceof CancelReq c) {
      CancelReqType t = new CancelReqType();
      t.setMM7Version(v);
      t.setSenderIdentification(senderId(c.vaspId(), c.vasId(), c.sender()));
      t.setMessageID(c.messageId());
      return F.createCancelReq(t);
    } else if (body instanceof ReplaceReq r) {
      return F.createReplaceReq(replace(r, v, r6, href));
    } else if (body instanceof DeliverReq d) {
      return F.createDeliverReq(deliver(d, v, r6, href));
    } else if (body instanceof DeliveryReportReq d) {
      DeliveryReportReqType t = new DeliveryReportReqType();
      t.setMM7Version(v);
      t.setMMSRelayServerID(d.relayServerId().orElse(null));
      t.setMessageID(d.messageId());
      t.setRecipient(address(required(d.recipient(), "Recipient")));
      t.setSender(address(required(d.sender(), "Sender")));
      t.setDate(Mm7Values.dateTime(required(d.date(), "Date")));
      t.setMMStatus(d.mmStatus());
      t.setStatusText(d.statusText().orElse(null));
      if (r6) {
        t.setMMStatusExtension(d.mmStatusExtension().orElse(null));
        t.setApplicID(d.applicId().orElse(null));
        t.setReplyApplicID(d.replyApplicId().orElse(null));
        t.setAuxApplicInfo(d.auxApplicInfo().orElse(null));
        t.setUACapabilities(uaCapabilities(d.uaProf()));
      }
      return F.createDeliveryReportReq(t);
    } else if (body instanceof ReadReplyReq r) {
      ReadReplyReqType t = new ReadReplyReqType();
      t.setMM7Version(v);
      t.setMMSRelayServerID(r.relayServerId().orElse(null));
      t.setMessageID(r.messageId());
      t.setRecipient(address(required(r.recipient(), "Recipient")));
      t.setSender(address(required(r.sender(), "Sender")));
      t.setTimeStamp(Mm7Values.dateTime(required(r.timeStamp(), "TimeStamp")));
      t.setMMStatus(r.mmStatus());
      t.setStatusText(r.statusText().orElse(null));
      if (r6) {
        t.setApplicID(r.applicId().orElse(null));
        t.setReplyApplicID(r.replyApplicId().orElse(null));
        t.setAuxApplicInfo(r.auxApplicInfo().orElse(null));
      }
      return F.createReadReplyReq(t);
    }
    throw new IllegalArgumentException("cannot write " + body.elementName());
  }

  private static JAXBElement<?> response(Response r, String v) {
    if (r instanceof SubmitRsp s) {
      SubmitRspType t = fill(new SubmitRspType(), v, s.status());
      t.setMessageID(s.messageId());
      return F.createSubmitRsp(t);
    }
    if (r instanceof DeliverRsp d) {
      DeliverRspType t = fill(new DeliverRspType(), v, d.status());
      t.setServiceCode(d.serviceCode().orElse(null));
      return F.createDeliverRsp(t);
    }
    GenericResponseType t = fill(new GenericResponseType(), v, r.status());
    if (r instanceof Mm7Body.CancelRsp) {
      return F.createCancelRsp(t);
    } else if (r instanceof Mm7Body.ReplaceRsp) {
      return F.createReplaceRsp(t);
    } else if (r instanceof Mm7Body.DeliveryReportRsp) {
      return F.createDeliveryReportRsp(t);
    } else if (r instanceof Mm7Body.ReadReplyRsp) {
      return F.createReadReplyRsp(t);
    } else if (r instanceof ErrorRsp e) {
      return e.fromRelay() ? F.createRSErrorRsp(t) : F.createVASPErrorRsp(t);
    }
    throw new IllegalArgumentException("cannot write " + r.elementName());
  }

  private static <T extends GenericResponseType> T fill(T t, String version, Status s) {
    t.setMM7Version(version);
    StatusType st = new StatusType();
    st.setStatusCode(Integer.toString(s.code()));
    st.setStatusText(s.text());
    st.setDetails(s.details().orElse(null));
    t.setStatus(st);
    return t;
  }

  private static <T> T required(Optional<T> v, String element) {
    if (v.isEmpty()) {
      throw new IllegalArgumentException(element + " is required by the MM7 schema");
    }
    return v.get();
  }

  private static SubmitReqType submit(SubmitReq s, String v, boolean r6, String href) {
    MmsMessage m = s.message();
    SubmitReqType t = new SubmitReqType();
    t.setMM7Version(v);
    t.setSenderIdentification(senderId(s.vaspId(), s.vasId(), m.from()));
    t.setRecipients(recipients(m));
    t.setServiceCode(m.serviceCode().orElse(null));
    t.setLinkedID(m.linkedId().orElse(null));
    t.setMessageClass(m.messageClass().map(Mm7Values::schemaName).orElse(null));
    t.setTimeStamp(m.date().map(Mm7Values::dateTime).orElse(null));
    t.setReplyCharging(m.replyCharging().map(Mm7ToJaxb::replyCharging).orElse(null));
    t.setEarliestDeliveryTime(m.earliestDelivery().map(Mm7Values::timeSpec).orElse(null));
    t.setExpiryDate(m.expiry().map(Mm7Values::timeSpec).orElse(null));
    t.setDeliveryReport(m.deliveryReport() ? "true" : null);
    t.setReadReply(m.readReport() ? "true" : null);
    t.setPriority(m.priority().map(Mm7Values::schemaName).orElse(null));
    t.setSubject(m.subject().orElse(null));
    t.setChargedParty(m.chargedParty().map(Mm7Values::schemaName).orElse(null));
    t.setDistributionIndicator(m.distributionIndicator().map(String::valueOf).orElse(null));
    if (r6) {
      t.setChargedPartyID(m.chargedPartyId().orElse(null));
      t.setApplicID(m.applicId().orElse(null));
      t.setReplyApplicID(m.replyApplicId().orElse(null));
      t.setAuxApplicInfo(m.auxApplicInfo().orElse(null));
      t.setContentClass(m.contentClass().map(c -> c.token()).orElse(null));
      t.setDRMContent(m.drmContent().map(String::valueOf).orElse(null));
    }
    t.setContent(content(href, m));
    return t;
  }

  private static ReplaceReqType replace(ReplaceReq r, String v, boolean r6, String href) {
    MmsMessage m = r.message();
    ReplaceReqType t = new ReplaceReqType();
    t.setMM7Version(v);
    t.setSenderIdentification(senderId(r.vaspId(), r.vasId(), m.from()));
    t.setMessageID(r.messageId());
    t.setServiceCode(m.serviceCode().orElse(null));
    t.setTimeStamp(m.date().map(Mm7Values::dateTime).orElse(null));
    t.setEarliestDeliveryTime(m.earliestDelivery().map(Mm7Values::timeSpec).orElse(null));
    t.setDistributionIndicator(m.distributionIndicator().map(String::valueOf).orElse(null));
    if (r6) {
      t.setReadReply(m.readReport() ? "true" : null);
      t.setContentClass(m.contentClass().map(c -> c.token()).orElse(null));
      t.setDRMContent(m.drmContent().map(String::valueOf).orElse(null));
      t.setApplicID(m.applicId().orElse(null));
      t.setReplyApplicID(m.replyApplicId().orElse(null));
      t.setAuxApplicInfo(m.auxApplicInfo().orElse(null));
    }
    t.setContent(content(href, m));
    return t;
  }

  private static DeliverReqType deliver(DeliverReq d, String v, boolean r6, String href) {
    MmsMessage m = d.message();
    DeliverReqType t = new DeliverReqType();
    t.setMM7Version(v);
    t.setMMSRelayServerID(d.relayServerId().orElse(null));
    t.setLinkedID(m.linkedId().orElse(null));
    t.setSender(address(required(m.from(), "Sender")));
    t.setRecipients(m.recipients().isEmpty() ? null : recipients(m));
    t.setTimeStamp(m.date().map(Mm7Values::dateTime).orElse(null));
    t.setReplyChargingID(d.replyChargingId().orElse(null));
    t.setPriority(m.priority().map(Mm7Values::schemaName).orElse(null));
    t.setSubject(m.subject().orElse(null));
    if (r6) {
      t.setVASPID(d.vaspId().orElse(null));
      t.setVASID(d.vasId().orElse(null));
      t.setApplicID(m.applicId().orElse(null));
      t.setReplyApplicID(m.replyApplicId().orElse(null));
      t.setAuxApplicInfo(m.auxApplicInfo().orElse(null));
      t.setUACapabilities(uaCapabilities(d.uaProf()));
    }
    t.setContent(content(href, m));
    return t;
  }

  private static UaCapabilitiesType uaCapabilities(Optional<String> uaProf) {
    if (uaProf.isEmpty()) {
      return null;
    }
    UaCapabilitiesType ua = new UaCapabilitiesType();
    ua.setUAProf(uaProf.get());
    return ua;
  }

  private static ContentReferenceType content(String href, MmsMessage m) {
    if (href == null) {
      return null;
    }
    ContentReferenceType c = new ContentReferenceType();
    c.setHref(href);
    c.setAllowAdaptations(m.adaptationsAllowed().map(String::valueOf).orElse(null));
    return c;
  }

  private static ReplyChargingType replyCharging(ReplyCharging rc) {
    ReplyChargingType t = new ReplyChargingType();
    OptionalLong size = rc.maxSize();
    if (size.isPresent() && size.getAsLong() > 0) {
      t.setReplyChargingSize(Long.toString(size.getAsLong()));
    }
    t.setReplyDeadline(rc.deadline().map(Mm7Values::timeSpec).orElse(null));
    return t;
  }

  private static SenderIDType senderId(
      Optional<String> vaspId, Optional<String> vasId, Optional<Address> sender) {
    SenderIDType t = new SenderIDType();
    t.setVASPID(vaspId.orElse(null));
    t.setVASID(vasId.orElse(null));
    t.setSenderAddress(sender.map(Mm7ToJaxb::address).orElse(null));
    return t;
  }

  private static RecipientsType recipients(MmsMessage m) {
    RecipientsType t = new RecipientsType();
    t.setTo(list(m.to()));
    t.setCc(list(m.cc()));
    t.setBcc(list(m.bcc()));
    return t;
  }

  private static MultiAddressType list(List<Address> addresses) {
    if (addresses.isEmpty()) {
      return null;
    }
    MultiAddressType t = new MultiAddressType();
    for (Address a : addresses) {
      AddressValueType v = value(a);
      t.getAddressChoice()
          .add(
              switch (a.kind()) {
                case EMAIL -> F.createMultiAddressTypeRFC2822Address(v);
                case SHORT_CODE -> F.createMultiAddressTypeShortCode(v);
                default -> F.createMultiAddressTypeNumber(v);
              });
    }
    return t;
  }

  static AddressType address(Address a) {
    AddressType t = new AddressType();
    AddressValueType v = value(a);
    switch (a.kind()) {
      case EMAIL -> t.setRFC2822Address(v);
      case SHORT_CODE -> t.setShortCode(v);
      default -> t.setNumber(v);
    }
    return t;
  }

  private static AddressValueType value(Address a) {
    AddressValueType v = new AddressValueType();
    v.setValue(a.value());
    if (a.displayOnly()) {
      v.setDisplayOnly("true");
    }
    return v;
  }
}
