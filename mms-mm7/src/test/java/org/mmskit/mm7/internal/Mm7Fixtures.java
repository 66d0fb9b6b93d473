package org.mmskit.mm7.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.mmskit.core.Address;
import org.mmskit.core.ChargedParty;
import org.mmskit.core.ContentClass;
import org.mmskit.core.MessageClass;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.Priority;
import org.mmskit.core.ReplyCharging;
import org.mmskit.core.TimeSpec;
import org.mmskit.mm7.internal.Mm7Body.Status;

/** Seeded generators of MM7 bodies for round-trip and schema tests. */
final class Mm7Fixtures {
  private Mm7Fixtures() {}

  static Address address(Random r) {
    switch (r.nextInt(4)) {
      case 0:
        return Address.email("user" + r.nextInt(1000) + "@example.org");
      case 1:
        return Address.shortCode(Integer.toString(10000 + r.nextInt(80000)));
      default:
        return Address.phone("+" + (100_000_000L + (long) (r.nextDouble() * 899_999_999L)));
    }
  }

  static List<Address> addresses(Random r, int max) {
    List<Address> out = new ArrayList<>();
    int n = r.nextInt(max + 1);
    for (int i = 0; i < n; i++) {
      Address a = address(r);
      out.add(r.nextInt(5) == 0 ? a.withDisplayOnly(true) : a);
    }
    return out;
  }

  static String text(Random r) {
    String[] words = {"hello", "<b>", "a&b", "\"q\"", "Grüße", "日本", "tab\there", "x > y", "'s"};
    StringBuilder sb = new StringBuilder();
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : " ").append(words[r.nextInt(words.length)]);
    }
    return sb.toString();
  }

  static Instant instant(Random r) {
    return Instant.ofEpochMilli(1_500_000_000_000L + (long) (r.nextDouble() * 300_000_000_000L));
  }

  static List<MmsPart> parts(Random r) {
    List<MmsPart> parts = new ArrayList<>();
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      MmsPart.Builder b = MmsPart.builder();
      if (r.nextBoolean()) {
        b.contentType("text/plain; charset=utf-8").body(text(r).getBytes(StandardCharsets.UTF_8));
      } else {
        byte[] data = new byte[r.nextInt(5000)];
        r.nextBytes(data);
        b.contentType(r.nextBoolean() ? "image/jpeg" : "audio/amr").body(data);
      }
      if (r.nextBoolean()) {
        b.contentId("p" + i + "-" + r.nextInt(1000) + "@fixture");
      }
      if (r.nextBoolean()) {
        b.contentLocation("file" + i + ".bin");
      }
      parts.add(b.build());
    }
    return parts;
  }

  static MmsPart smil() {
    return MmsPart.builder()
        .contentType("application/smil")
        .contentId("pres.smil")
        .body("<smil><body><par dur=\"5s\"/></body></smil>".getBytes(StandardCharsets.UTF_8))
        .build();
  }

  static Optional<String> maybe(Random r, String value) {
    return r.nextBoolean() ? Optional.of(value) : Optional.empty();
  }

  /** A DeliverReq using every field DeliverReq carries. */
  static Mm7Body.DeliverReq deliverReq(Random r) {
    MmsMessage.Builder m = MmsMessage.builder().from(address(r));
    m.to(addresses(r, 3)).cc(addresses(r, 2)).bcc(addresses(r, 1));
    if (r.nextBoolean()) {
      m.linkedId("link-" + r.nextInt(1000));
    }
    if (r.nextBoolean()) {
      m.date(instant(r));
    }
    if (r.nextBoolean()) {
      m.priority(Priority.values()[r.nextInt(3)]);
    }
    if (r.nextBoolean()) {
      m.subject(text(r));
    }
    if (r.nextBoolean()) {
      m.applicId("app" + r.nextInt(10)).replyApplicId("reply" + r.nextInt(10)).auxApplicInfo("aux");
    }
    if (r.nextInt(3) > 0) {
      m.parts(parts(r));
      if (r.nextBoolean()) {
        m.presentation(smil());
      }
    }
    return new Mm7Body.DeliverReq(
        maybe(r, "relay-" + r.nextInt(100)),
        maybe(r, "vasp"),
        maybe(r, "vas"),
        maybe(r, "rc-" + r.nextInt(100)),
        maybe(r, "http://ua.example/prof.xml"),
        m.build());
  }

  static Mm7Body.DeliveryReportReq deliveryReportReq(Random r) {
    String[] statuses = {
      "Retrieved", "Expired", "Rejected", "Deferred", "Indeterminate", "Forwarded"
    };
    return new Mm7Body.DeliveryReportReq(
        maybe(r, "relay"),
        "msg-" + r.nextInt(100000),
        Optional.of(address(r)),
        Optional.of(address(r)),
        Optional.of(instant(r)),
        statuses[r.nextInt(statuses.length)],
        maybe(r, "RejectionByMMSRecipient"),
        maybe(r, text(r)),
        maybe(r, "app"),
        maybe(r, "replyApp"),
        maybe(r, "aux"),
        maybe(r, "http://ua.example/p.xml"));
  }

  static Mm7Body.ReadReplyReq readReplyReq(Random r) {
    String[] statuses = {"Read", "Deleted", "Indeterminate"};
    return new Mm7Body.ReadReplyReq(
        maybe(r, "relay"),
        "msg-" + r.nextInt(100000),
        Optional.of(address(r)),
        Optional.of(address(r)),
        Optional.of(instant(r)),
        statuses[r.nextInt(statuses.length)],
        maybe(r, text(r)),
        maybe(r, "app"),
        maybe(r, "replyApp"),
        maybe(r, "aux"));
  }

  /** A SubmitReq using every field SubmitReq carries. */
  static Mm7Body.SubmitReq submitReq(Random r) {
    MmsMessage.Builder m = MmsMessage.builder();
    if (r.nextBoolean()) {
      m.from(address(r));
    }
    m.to(address(r)).to(addresses(r, 2)).cc(addresses(r, 2)).bcc(addresses(r, 2));
    if (r.nextBoolean()) {
      m.serviceCode("svc" + r.nextInt(100));
    }
    if (r.nextBoolean()) {
      m.linkedId("link");
    }
    if (r.nextBoolean()) {
      m.messageClass(MessageClass.values()[r.nextInt(MessageClass.values().length)]);
    }
    if (r.nextBoolean()) {
      m.date(instant(r));
    }
    if (r.nextBoolean()) {
      m.replyCharging(
          ReplyCharging.requested(
              TimeSpec.after(Duration.ofDays(1 + r.nextInt(9))), 1000 + r.nextInt(9000)));
    }
    if (r.nextBoolean()) {
      m.earliestDelivery(TimeSpec.at(instant(r)));
    }
    if (r.nextBoolean()) {
      m.expiry(
          r.nextBoolean()
              ? TimeSpec.after(Duration.ofHours(1 + r.nextInt(72)))
              : TimeSpec.at(instant(r)));
    }
    m.deliveryReport(r.nextBoolean()).readReport(r.nextBoolean());
    if (r.nextBoolean()) {
      m.priority(Priority.values()[r.nextInt(3)]);
    }
    if (r.nextBoolean()) {
      m.subject(text(r));
    }
    if (r.nextBoolean()) {
      m.chargedParty(ChargedParty.values()[r.nextInt(ChargedParty.values().length)]);
    }
    if (r.nextBoolean()) {
      m.chargedPartyId("payer");
    }
    if (r.nextBoolean()) {
      m.distributionIndicator(r.nextBoolean());
    }
    if (r.nextBoolean()) {
      m.applicId("a").replyApplicId("b").auxApplicInfo("c");
    }
    if (r.nextBoolean()) {
      m.contentClass(ContentClass.values()[r.nextInt(ContentClass.values().length)]);
    }
    if (r.nextBoolean()) {
      m.drmContent(r.nextBoolean());
    }
    if (r.nextBoolean()) {
      m.adaptationsAllowed(r.nextBoolean());
    }
    m.parts(parts(r));
    if (r.nextBoolean()) {
      m.presentation(smil());
    }
    return new Mm7Body.SubmitReq(maybe(r, "vasp-1"), maybe(r, "vas-1"), m.build());
  }

  static Mm7Body.ReplaceReq replaceReq(Random r) {
    MmsMessage.Builder m = MmsMessage.builder();
    if (r.nextBoolean()) {
      m.from(address(r));
    }
    if (r.nextBoolean()) {
      m.serviceCode("svc");
    }
    if (r.nextBoolean()) {
      m.date(instant(r));
    }
    m.readReport(r.nextBoolean());
    if (r.nextBoolean()) {
      m.earliestDelivery(TimeSpec.at(instant(r)));
    }
    if (r.nextBoolean()) {
      m.distributionIndicator(r.nextBoolean());
    }
    if (r.nextBoolean()) {
      m.contentClass(ContentClass.IMAGE_BASIC);
    }
    if (r.nextBoolean()) {
      m.drmContent(true);
    }
    if (r.nextBoolean()) {
      m.applicId("a").replyApplicId("b").auxApplicInfo("c");
    }
    if (r.nextBoolean()) {
      m.parts(parts(r));
    }
    return new Mm7Body.ReplaceReq(
        maybe(r, "vasp"), maybe(r, "vas"), "mid-" + r.nextInt(1000), m.build());
  }

  static Mm7Body.CancelReq cancelReq(Random r) {
    return new Mm7Body.CancelReq(
        maybe(r, "vasp"),
        maybe(r, "vas"),
        r.nextBoolean() ? Optional.of(address(r)) : Optional.empty(),
        "mid-" + r.nextInt(1000));
  }

  static Status status(Random r) {
    int[] codes = {1000, 1100, 2001, 2007, 3001, 4004, 4006};
    int code = codes[r.nextInt(codes.length)];
    return new Status(code, "text " + text(r), maybe(r, "details " + code));
  }

  /** One body of every kind, built from {@code r}. */
  static List<Mm7Body> allKinds(Random r) {
    return List.of(
        submitReq(r),
        new Mm7Body.SubmitRsp(status(r), "mid-" + r.nextInt(1000)),
        cancelReq(r),
        new Mm7Body.CancelRsp(status(r)),
        replaceReq(r),
        new Mm7Body.ReplaceRsp(status(r)),
        deliverReq(r),
        new Mm7Body.DeliverRsp(status(r), maybe(r, "svc")),
        deliveryReportReq(r),
        new Mm7Body.DeliveryReportRsp(status(r)),
        readReplyReq(r),
        new Mm7Body.ReadReplyRsp(status(r)),
        new Mm7Body.ErrorRsp(r.nextBoolean(), status(r)),
        new Mm7Body.Fault(
            r.nextBoolean() ? "env:Server" : "env:Client",
            "fault " + text(r),
            Optional.of(new Mm7Body.ErrorRsp(r.nextBoolean(), status(r)))));
  }
}
