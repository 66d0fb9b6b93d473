package org.mmskit.gateway.daemon.internal.status;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.mmskit.gateway.MessageState;
import org.mmskit.gateway.daemon.internal.webhook.TargetStatus;

/** Writes the status page. Every text from outside goes through {@link #escape}. */
final class StatusHtml {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private static final String STYLE =
      """
      body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222;background:#fff}
      h1{font-size:1.4em;margin:0 0 .2em}h2{font-size:1.1em;margin:1.4em 0 .4em}
      .meta{color:#666;margin:0}
      table{border-collapse:collapse;width:100%;max-width:70em}
      th,td{border-bottom:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
      th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums}
      td.detail{word-break:break-word;max-width:40em}
      .ok{color:#176f2c;font-weight:600}.failed{color:#b3261e;font-weight:600}
      .none{color:#888;font-style:italic}
      dl{display:flex;flex-wrap:wrap;gap:.3em 1.6em;margin:.6em 0}dt{color:#666}dd{margin:0 0 0 .3em}
      dl div{display:flex}
      """;

  private StatusHtml() {}

  static String render(StatusPage.View view) {
    Snapshot s = view.snapshot();
    StringBuilder h = new StringBuilder(16 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"refresh\" content=\"")
        .append(StatusPage.REFRESH_SECONDS)
        .append("\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>MMSKit gateway</title><style>")
        .append(STYLE)
        .append("</style></head>\n<body>\n<h1>MMSKit gateway</h1>\n<p class=\"meta\">As of ")
        .append(time(s.at()))
        .append(", refreshed every ")
        .append(StatusPage.REFRESH_SECONDS)
        .append(" s. <a href=\"status.json\">JSON</a></p>\n");
    totals(h, s.counts());
    connections(h, s.connections(), s.at());
    routes(h, view.routes());
    messages(h, view.messages(), s.at());
    reports(h, s.reports(), s.at());
    incoming(h, s.incoming(), s.at());
    webhooks(h, view.webhooks(), view.webhookError(), s.at());
    errors(h, s.errors(), s.at());
    h.append("</body></html>\n");
    return h.toString();
  }

  private static void totals(StringBuilder h, Snapshot.Counts c) {
    h.append("<dl id=\"totals\">");
    total(h, "Submitted", c.submitted());
    total(h, "Sent", c.outcomes().getOrDefault(MessageState.SENT, 0L));
    total(h, "Failed", c.outcomes().getOrDefault(MessageState.FAILED, 0L));
    total(h, "Cancelled", c.outcomes().getOrDefault(MessageState.CANCELLED, 0L));
    total(h, "Delivery reports", c.reports().getOrDefault(Snapshot.ReportKind.DELIVERY_REPORT, 0L));
    total(h, "Read replies", c.reports().getOrDefault(Snapshot.ReportKind.READ_REPLY, 0L));
    total(h, "Incoming", c.incoming());
    total(h, "Errors", c.errors());
    h.append("</dl>\n");
  }

  private static void total(StringBuilder h, String name, long value) {
    h.append("<div><dt>").append(name).append("</dt><dd>").append(value).append("</dd></div>");
  }

  private static void connections(StringBuilder h, List<Snapshot.Connection> list, Instant now) {
    table(
        h,
        "connections",
        "Connections",
        "Connection",
        "Last result",
        "When",
        "Detail",
        "OK",
        "Failed");
    for (Snapshot.Connection c : list) {
      h.append("<tr>");
      cell(h, c.name());
      if (c.last().isPresent()) {
        Snapshot.Result r = c.last().get();
        h.append(r.ok() ? "<td class=\"ok\">ok</td>" : "<td class=\"failed\">failed</td>");
        h.append("<td>").append(ago(r.at(), now)).append("</td>");
        h.append("<td class=\"detail\">").append(escape(r.detail())).append("</td>");
      } else {
        h.append("<td class=\"none\">not used yet</td><td></td><td></td>");
      }
      number(h, c.ok());
      number(h, c.failed());
      h.append("</tr>\n");
    }
    end(h, list.isEmpty(), 6);
  }

  private static void routes(StringBuilder h, List<StatusPage.RouteDepth> routes) {
    table(h, "routes", "Queue depth per route", "Route", "Queued or sending");
    for (StatusPage.RouteDepth r : routes) {
      h.append("<tr>");
      cell(h, r.route());
      if (r.depth().isPresent()) {
        number(h, r.depth().getAsLong());
      } else {
        h.append("<td class=\"failed\">unavailable: ").append(escape(r.error())).append("</td>");
      }
      h.append("</tr>\n");
    }
    end(h, routes.isEmpty(), 2);
  }

  private static void messages(StringBuilder h, List<Snapshot.Message> messages, Instant now) {
    table(
        h,
        "messages",
        "Last messages",
        "Tracking ID",
        "State",
        "Recipients",
        "Routes",
        "Submitted",
        "Detail");
    for (Snapshot.Message m : messages) {
      h.append("<tr>");
      cell(h, m.trackingId());
      h.append("<td class=\"")
          .append(stateClass(m.state()))
          .append("\">")
          .append(m.state().name())
          .append("</td>");
      cell(h, String.join(", ", m.recipients()));
      cell(h, String.join(", ", m.routes()));
      h.append("<td>").append(ago(m.submittedAt(), now)).append("</td>");
      h.append("<td class=\"detail\">").append(escape(m.detail())).append("</td>");
      h.append("</tr>\n");
    }
    end(h, messages.isEmpty(), 6);
  }

  private static void reports(StringBuilder h, List<Snapshot.Report> reports, Instant now) {
    table(
        h,
        "reports",
        "Last reports",
        "When",
        "Kind",
        "Tracking ID",
        "Recipient",
        "Status",
        "MMSC message ID");
    for (Snapshot.Report r : reports) {
      h.append("<tr><td>").append(ago(r.at(), now)).append("</td>");
      cell(h, r.kind() == Snapshot.ReportKind.DELIVERY_REPORT ? "delivery report" : "read reply");
      cell(h, r.trackingId().orElse("(not ours)"));
      cell(h, r.recipient().orElse(""));
      cell(h, r.status() + (r.rawStatus().isEmpty() ? "" : " (" + r.rawStatus() + ")"));
      cell(h, r.mmscMessageId());
      h.append("</tr>\n");
    }
    end(h, reports.isEmpty(), 6);
  }

  private static void incoming(StringBuilder h, List<Snapshot.Incoming> list, Instant now) {
    table(h, "incoming", "Last incoming messages", "When", "Via", "From", "To", "Subject", "Parts");
    for (Snapshot.Incoming i : list) {
      h.append("<tr><td>").append(ago(i.at(), now)).append("</td>");
      cell(h, i.transport().name());
      cell(h, i.from().orElse(""));
      cell(h, String.join(", ", i.to()));
      cell(h, i.subject().orElse(""));
      number(h, i.parts());
      h.append("</tr>\n");
    }
    end(h, list.isEmpty(), 6);
  }

  private static void webhooks(
      StringBuilder h, List<TargetStatus> targets, String error, Instant now) {
    table(
        h,
        "webhooks",
        "Webhooks",
        "Target",
        "Waiting",
        "Oldest waiting",
        "Attempts",
        "Last error",
        "Last delivered");
    for (TargetStatus t : targets) {
      h.append("<tr>");
      cell(h, t.url().toString());
      h.append(t.failing() ? "<td class=\"num failed\">" : "<td class=\"num\">")
          .append(t.pending())
          .append("</td>");
      h.append("<td>").append(t.oldestPending().map(at -> ago(at, now)).orElse("")).append("</td>");
      number(h, t.attempts());
      h.append("<td class=\"detail\">");
      if (t.lastError().isPresent()) {
        h.append(escape(t.lastError().get()));
        t.lastErrorAt().ifPresent(at -> h.append("<br>").append(ago(at, now)));
      }
      h.append("</td><td>")
          .append(
              t.lastDeliveredAt()
                  .map(at -> ago(at, now))
                  .orElse("<span class=\"none\">not yet</span>"))
          .append("</td></tr>\n");
    }
    if (!error.isEmpty()) {
      h.append("<tr><td class=\"failed\" colspan=\"6\">unavailable: ")
          .append(escape(error))
          .append("</td></tr>\n");
    }
    end(h, targets.isEmpty() && error.isEmpty(), 6);
  }

  private static void errors(StringBuilder h, List<Snapshot.Error> errors, Instant now) {
    table(h, "errors", "Recent errors", "When", "Where", "What");
    for (Snapshot.Error e : errors) {
      h.append("<tr><td>").append(ago(e.at(), now)).append("</td>");
      cell(h, e.where());
      h.append("<td class=\"detail\">").append(escape(e.what())).append("</td></tr>\n");
    }
    end(h, errors.isEmpty(), 3);
  }

  private static void table(StringBuilder h, String id, String title, String... headers) {
    h.append("<h2>")
        .append(title)
        .append("</h2>\n<table id=\"")
        .append(id)
        .append("\"><thead><tr>");
    for (String header : headers) {
      h.append("<th>").append(header).append("</th>");
    }
    h.append("</tr></thead><tbody>\n");
  }

  private static void end(StringBuilder h, boolean empty, int columns) {
    if (empty) {
      h.append("<tr><td class=\"none\" colspan=\"").append(columns).append("\">none</td></tr>\n");
    }
    h.append("</tbody></table>\n");
  }

  private static void cell(StringBuilder h, String text) {
    h.append("<td>").append(escape(text)).append("</td>");
  }

  private static void number(StringBuilder h, long n) {
    h.append("<td class=\"num\">").append(n).append("</td>");
  }

  private static String stateClass(MessageState state) {
    return switch (state) {
      case SENT -> "ok";
      case FAILED -> "failed";
      default -> "state";
    };
  }

  /** The time and how long before the page it was. */
  private static String ago(Instant at, Instant now) {
    Duration d = Duration.between(at, now);
    String rel;
    if (d.isNegative() || d.getSeconds() < 1) {
      rel = "just now";
    } else if (d.toMinutes() < 1) {
      rel = d.getSeconds() + " s ago";
    } else if (d.toHours() < 1) {
      rel = d.toMinutes() + " min ago";
    } else if (d.toDays() < 1) {
      rel = d.toHours() + " h ago";
    } else {
      rel = d.toDays() + " d ago";
    }
    return "<time datetime=\"" + at + "\">" + TIME.format(at) + "</time> (" + rel + ")";
  }

  private static String time(Instant at) {
    return "<time datetime=\"" + at + "\">" + TIME.format(at) + "</time>";
  }

  /**
   * Escapes text for an HTML element or a quoted attribute; control characters other than tab and
   * line breaks, which HTML does not allow, become U+FFFD.
   */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String rep =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default ->
                (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f ? "\uFFFD" : null;
          };
      if (rep != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (rep != null) {
          out.append(rep);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }
}
