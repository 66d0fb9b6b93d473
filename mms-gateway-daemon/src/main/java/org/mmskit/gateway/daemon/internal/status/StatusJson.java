package org.mmskit.gateway.daemon.internal.status;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mmskit.gateway.MessageState;
import org.mmskit.gateway.daemon.internal.webhook.TargetStatus;

/**
 * The status page's data as JSON ({@code /status.json}), for scripts and monitoring that want more
 * than the metrics: the same sections as the page, times as ISO-8601 instants.
 */
final class StatusJson {
  private StatusJson() {}

  static byte[] render(StatusPage.View view) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
    // A factory per call: it is cheap, and the page keeps no shared state.
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      write(g, view);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void write(JsonGenerator g, StatusPage.View view) throws IOException {
    Snapshot s = view.snapshot();
    g.writeStartObject();
    g.writeStringField("at", s.at().toString());

    g.writeObjectFieldStart("totals");
    Snapshot.Counts c = s.counts();
    g.writeNumberField("submitted", c.submitted());
    for (MessageState state :
        List.of(MessageState.SENT, MessageState.FAILED, MessageState.CANCELLED)) {
      g.writeNumberField(
          state.name().toLowerCase(Locale.ROOT), c.outcomes().getOrDefault(state, 0L));
    }
    g.writeNumberField(
        "deliveryReports", c.reports().getOrDefault(Snapshot.ReportKind.DELIVERY_REPORT, 0L));
    g.writeNumberField("readReplies", c.reports().getOrDefault(Snapshot.ReportKind.READ_REPLY, 0L));
    g.writeNumberField("incoming", c.incoming());
    g.writeNumberField("errors", c.errors());
    g.writeEndObject();

    connections(g, s.connections());

    g.writeArrayFieldStart("routes");
    for (StatusPage.RouteDepth r : view.routes()) {
      g.writeStartObject();
      g.writeStringField("route", r.route());
      if (r.depth().isPresent()) {
        g.writeNumberField("queueDepth", r.depth().getAsLong());
      } else {
        g.writeStringField("error", r.error());
      }
      g.writeEndObject();
    }
    g.writeEndArray();

    g.writeArrayFieldStart("messages");
    for (Snapshot.Message m : view.messages()) {
      g.writeStartObject();
      g.writeStringField("trackingId", m.trackingId());
      g.writeStringField("state", m.state().name());
      strings(g, "recipients", m.recipients());
      strings(g, "routes", m.routes());
      time(g, "submittedAt", m.submittedAt());
      g.writeStringField("detail", m.detail());
      g.writeEndObject();
    }
    g.writeEndArray();

    g.writeArrayFieldStart("reports");
    for (Snapshot.Report r : s.reports()) {
      g.writeStartObject();
      time(g, "at", r.at());
      g.writeStringField("kind", r.kind().name());
      optional(g, "trackingId", r.trackingId());
      optional(g, "recipient", r.recipient());
      g.writeStringField("status", r.status());
      g.writeStringField("rawStatus", r.rawStatus());
      g.writeStringField("mmscMessageId", r.mmscMessageId());
      g.writeEndObject();
    }
    g.writeEndArray();

    g.writeArrayFieldStart("incoming");
    for (Snapshot.Incoming i : s.incoming()) {
      g.writeStartObject();
      time(g, "at", i.at());
      g.writeStringField("transport", i.transport().name());
      optional(g, "from", i.from());
      strings(g, "to", i.to());
      optional(g, "subject", i.subject());
      g.writeNumberField("parts", i.parts());
      g.writeEndObject();
    }
    g.writeEndArray();

    g.writeArrayFieldStart("webhooks");
    for (TargetStatus t : view.webhooks()) {
      g.writeStartObject();
      g.writeStringField("url", t.url().toString());
      g.writeNumberField("pending", t.pending());
      if (t.oldestPending().isPresent()) {
        time(g, "oldestPending", t.oldestPending().get());
      }
      g.writeNumberField("attempts", t.attempts());
      optional(g, "lastError", t.lastError());
      if (t.lastErrorAt().isPresent()) {
        time(g, "lastErrorAt", t.lastErrorAt().get());
      }
      if (t.lastDeliveredAt().isPresent()) {
        time(g, "lastDeliveredAt", t.lastDeliveredAt().get());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    if (!view.webhookError().isEmpty()) {
      g.writeStringField("webhookError", view.webhookError());
    }

    g.writeArrayFieldStart("errors");
    for (Snapshot.Error e : s.errors()) {
      g.writeStartObject();
      time(g, "at", e.at());
      g.writeStringField("where", e.where());
      g.writeStringField("what", e.what());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void connections(JsonGenerator g, List<Snapshot.Connection> list)
      throws IOException {
    g.writeArrayFieldStart("connections");
    for (Snapshot.Connection c : list) {
      g.writeStartObject();
      g.writeStringField("name", c.name());
      if (c.last().isPresent()) {
        Snapshot.Result r = c.last().get();
        g.writeObjectFieldStart("last");
        time(g, "at", r.at());
        g.writeBooleanField("ok", r.ok());
        g.writeStringField("detail", r.detail());
        g.writeEndObject();
      }
      g.writeNumberField("okCount", c.ok());
      g.writeNumberField("failedCount", c.failed());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void strings(JsonGenerator g, String field, List<String> values)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private static void optional(JsonGenerator g, String field, Optional<String> value)
      throws IOException {
    if (value.isPresent()) {
      g.writeStringField(field, value.get());
    }
  }

  private static void time(JsonGenerator g, String field, Instant at) throws IOException {
    g.writeStringField(field, at.toString());
  }
}
