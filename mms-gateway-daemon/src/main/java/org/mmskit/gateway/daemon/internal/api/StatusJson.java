package org.mmskit.gateway.daemon.internal.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mmskit.gateway.Delivery;
import org.mmskit.gateway.HistoryEntry;
import org.mmskit.gateway.MessageStatus;

/** {@code GET /v1/messages/{id}}: what the gateway knows of a message, as JSON. */
final class StatusJson {
  private StatusJson() {}

  static ObjectNode of(MessageStatus s) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("trackingId", s.trackingId());
    o.put("state", s.state().name());
    ArrayNode ids = o.putArray("mmscMessageIds");
    ArrayNode deliveries = o.putArray("deliveries");
    int attempts = 0;
    for (Delivery d : s.deliveries()) {
      ObjectNode j = deliveries.addObject();
      j.put("route", d.route());
      j.put("connection", d.connection());
      j.put("state", d.state().name());
      j.put("attempts", d.attempts());
      d.mmscMessageId().ifPresent(id -> j.put("mmscMessageId", id));
      d.mmscMessageId().ifPresent(ids::add);
      j.put("transactionId", d.transactionId());
      d.reason().ifPresent(r -> j.put("reason", r));
      attempts += d.attempts();
    }
    o.put("attempts", attempts);
    ArrayNode history = o.putArray("history");
    ArrayNode reports = o.putArray("reports");
    for (HistoryEntry h : s.history()) {
      ObjectNode j = entry(h);
      history.add(j);
      if (h.kind() == HistoryEntry.Kind.DELIVERY_REPORT
          || h.kind() == HistoryEntry.Kind.READ_REPLY) {
        reports.add(j.deepCopy());
      }
    }
    return o;
  }

  private static ObjectNode entry(HistoryEntry h) {
    ObjectNode j = JsonNodeFactory.instance.objectNode();
    j.put("at", h.at().toString());
    j.put("kind", h.kind().name());
    j.put("route", h.route());
    h.connection().ifPresent(c -> j.put("connection", c));
    j.put("attempt", h.attempt());
    h.statusCode().ifPresent(c -> j.put("statusCode", c));
    j.put("detail", h.detail());
    h.recipient().ifPresent(r -> j.put("recipient", r));
    return j;
  }
}
