package org.mmskit.gateway.daemon.internal.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.InboundContext;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.ReadReply;
import org.mmskit.gateway.Delivery;
import org.mmskit.gateway.HistoryEntry;
import org.mmskit.gateway.MessageStatus;

/**
 * Writes the JSON body of each webhook event. The format is documented on {@link Webhooks} and in
 * the module README; every event is an envelope {@code {"id", "type", "time", "data"}}, absent
 * values are {@code null}, times are ISO-8601 in UTC.
 */
final class EventJson {
  /** An event ready to store: its body and the parts kept apart for their URLs. */
  record Event(String id, String type, byte[] body, List<Outbox.NewPart> parts) {}

  static final String MESSAGE = "message";
  static final String DELIVERY_REPORT = "delivery_report";
  static final String READ_REPLY = "read_reply";
  static final String OUTCOME = "outcome";

  private final ObjectMapper mapper = new ObjectMapper();
  private final int inlineMaxBytes;
  private final String partsBase;

  EventJson(WebhookSettings settings) {
    this.inlineMaxBytes = settings.inlineMaxBytes();
    String base = settings.publicBaseUrl().toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    this.partsBase = base + "/v1/parts/";
  }

  Event message(
      String id, Instant time, IncomingMessage in, Instant partsExpireAt, Supplier<String> tokens) {
    MmsMessage m = in.message();
    ObjectNode data = mapper.createObjectNode();
    data.put("messageId", m.messageId().orElse(null));
    data.put("from", m.from().map(Address::toString).orElse(null));
    addresses(data.putArray("to"), m.to());
    addresses(data.putArray("cc"), m.cc());
    data.put("subject", m.subject().orElse(null));
    data.put("date", m.date().map(Instant::toString).orElse(null));
    data.put("linkedId", m.linkedId().orElse(null));
    context(data, in.context());
    List<Outbox.NewPart> apart = new ArrayList<>();
    ArrayNode parts = data.putArray("parts");
    for (MmsPart p : m.allParts()) {
      ObjectNode part = parts.addObject();
      part.put("contentType", p.contentType().toString());
      part.put("contentId", p.contentId().orElse(null));
      part.put("contentLocation", p.contentLocation().orElse(null));
      part.put("name", p.name().orElse(null));
      OptionalLong known = p.size();
      byte[] bytes = null;
      long size;
      if (known.isPresent()) {
        size = known.getAsLong();
      } else {
        bytes = read(p);
        size = bytes.length;
      }
      part.put("size", size);
      if (size <= inlineMaxBytes) {
        part.put("body", bytes != null ? bytes : read(p));
      } else {
        String token = tokens.get();
        MmsPart source = bytes == null ? p : p.toBuilder().body(bytes).build();
        apart.add(new Outbox.NewPart(token, p.contentType().toString(), size, source));
        part.put("url", partsBase + token);
        part.put("expiresAt", partsExpireAt.toString());
      }
    }
    return new Event(id, MESSAGE, envelope(id, MESSAGE, time, data), List.copyOf(apart));
  }

  Event deliveryReport(
      String id,
      Instant time,
      Optional<String> trackingId,
      Optional<String> recipient,
      DeliveryReport r) {
    ObjectNode data =
        report(trackingId, r.messageId(), recipient, r.recipient(), r.sender(), r.date());
    data.put("status", r.status().name());
    data.put("rawStatus", r.rawStatus());
    data.put("statusText", r.statusText().orElse(null));
    context(data, r.context());
    return new Event(id, DELIVERY_REPORT, envelope(id, DELIVERY_REPORT, time, data), List.of());
  }

  Event readReply(
      String id,
      Instant time,
      Optional<String> trackingId,
      Optional<String> recipient,
      ReadReply r) {
    ObjectNode data =
        report(trackingId, r.messageId(), recipient, r.recipient(), r.sender(), r.date());
    data.put("status", r.status().name());
    data.put("rawStatus", r.rawStatus());
    data.put("statusText", r.statusText().orElse(null));
    context(data, r.context());
    return new Event(id, READ_REPLY, envelope(id, READ_REPLY, time, data), List.of());
  }

  Event outcome(String id, Instant time, MessageStatus s) {
    ObjectNode data = mapper.createObjectNode();
    data.put("trackingId", s.trackingId());
    data.put("state", s.state().name());
    data.put("attempts", s.deliveries().stream().mapToInt(Delivery::attempts).sum());
    data.put(
        "mmscMessageId",
        s.deliveries().stream().flatMap(d -> d.mmscMessageId().stream()).findFirst().orElse(null));
    Optional<HistoryEntry> last =
        s.history().stream().filter(h -> attemptOrEnd(h.kind())).reduce((a, b) -> b);
    if (last.isPresent()) {
      HistoryEntry h = last.get();
      ObjectNode status = data.putObject("lastStatus");
      status.put("at", h.at().toString());
      status.put("kind", h.kind().name());
      if (h.statusCode().isPresent()) {
        status.put("statusCode", h.statusCode().getAsInt());
      } else {
        status.putNull("statusCode");
      }
      status.put("detail", h.detail());
    } else {
      data.putNull("lastStatus");
    }
    ArrayNode deliveries = data.putArray("deliveries");
    for (Delivery d : s.deliveries()) {
      ObjectNode o = deliveries.addObject();
      o.put("route", d.route());
      o.put("connection", d.connection());
      o.put("state", d.state().name());
      o.put("attempts", d.attempts());
      o.put("mmscMessageId", d.mmscMessageId().orElse(null));
      o.put("reason", d.reason().orElse(null));
    }
    return new Event(id, OUTCOME, envelope(id, OUTCOME, time, data), List.of());
  }

  private static boolean attemptOrEnd(HistoryEntry.Kind k) {
    return k == HistoryEntry.Kind.ACCEPTED
        || k == HistoryEntry.Kind.RETRY
        || k == HistoryEntry.Kind.FAILED
        || k == HistoryEntry.Kind.OUTCOME_UNKNOWN
        || k == HistoryEntry.Kind.CANCELLED;
  }

  private ObjectNode report(
      Optional<String> trackingId,
      String messageId,
      Optional<String> matchedRecipient,
      Optional<Address> recipient,
      Optional<Address> sender,
      Optional<Instant> date) {
    ObjectNode data = mapper.createObjectNode();
    data.put("trackingId", trackingId.orElse(null));
    data.put("messageId", messageId);
    data.put("recipient", matchedRecipient.or(() -> recipient.map(Address::toString)).orElse(null));
    data.put("sender", sender.map(Address::toString).orElse(null));
    data.put("date", date.map(Instant::toString).orElse(null));
    return data;
  }

  private static void context(ObjectNode data, InboundContext c) {
    data.put("transport", c.transport().name());
    data.put("account", c.account().orElse(null));
    data.put("receivedAt", c.receivedAt().toString());
  }

  private static void addresses(ArrayNode into, List<Address> addresses) {
    addresses.forEach(a -> into.add(a.toString()));
  }

  private byte[] envelope(String id, String type, Instant time, ObjectNode data) {
    ObjectNode root = mapper.createObjectNode();
    root.put("id", id);
    root.put("type", type);
    root.put("time", time.toString());
    root.set("data", data);
    try {
      return mapper.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a webhook event", e);
    }
  }

  private static byte[] read(MmsPart p) {
    try (InputStream in = p.openStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a part of the message", e);
    }
  }
}
