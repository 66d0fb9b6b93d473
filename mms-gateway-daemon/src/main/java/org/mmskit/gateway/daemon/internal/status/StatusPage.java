package org.mmskit.gateway.daemon.internal.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.mmskit.gateway.Delivery;
import org.mmskit.gateway.MessageStatus;
import org.mmskit.gateway.MmsGateway;
import org.mmskit.gateway.daemon.internal.webhook.TargetStatus;
import org.mmskit.server.InboundHandler;
import org.mmskit.server.InboundRequest;
import org.mmskit.server.InboundResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTML page at {@code GET /}: connections, queue depth per route, recent messages, errors.
 *
 * <p>Mounted at {@code /}, the handler answers {@code /} with the page and {@code /status.json}
 * with the same data as JSON; any other path (the root route catches every path no other route
 * takes) gets 404. The page is self-contained (inline style, no script, no external resource) and
 * reloads itself every {@value #REFRESH_SECONDS} seconds; every text it prints is escaped, and its
 * Content-Security-Policy forbids scripts, so a hostile subject or MMSC detail stays text.
 */
public final class StatusPage {
  private static final Logger LOG = LoggerFactory.getLogger(StatusPage.class);

  /** How often the page reloads itself. */
  static final int REFRESH_SECONDS = 10;

  /** No script, no external resource, no framing: the page is text and tables. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none';"
          + " frame-ancestors 'none'";

  private final Activity activity;
  private final MmsGateway gateway;
  private final Supplier<List<TargetStatus>> webhooks;

  StatusPage(Activity activity, MmsGateway gateway, Supplier<List<TargetStatus>> webhooks) {
    this.activity = Objects.requireNonNull(activity, "activity");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
  }

  /** The handler the daemon mounts at {@code /}, for a daemon without webhooks. */
  public static InboundHandler handler(Activity activity, MmsGateway gateway) {
    return handler(activity, gateway, List::of);
  }

  /**
   * The handler the daemon mounts at {@code /}, showing each webhook target's backlog and latest
   * failure from {@code webhooks} (e.g. {@code webhooks::targets}), read at each request.
   */
  public static InboundHandler handler(
      Activity activity, MmsGateway gateway, Supplier<List<TargetStatus>> webhooks) {
    return new StatusPage(activity, gateway, webhooks)::handle;
  }

  private InboundResponse handle(InboundRequest request) {
    String path = request.path();
    boolean html = path.equals("/") || path.equals("/index.html");
    boolean json = path.equals("/status.json");
    if (!html && !json) {
      return InboundResponse.text(404, "not found\n");
    }
    if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
      return InboundResponse.builder(405)
          .header("Allow", "GET, HEAD")
          .contentType("text/plain; charset=UTF-8")
          .body("GET only\n".getBytes(StandardCharsets.UTF_8))
          .build();
    }
    View view = view();
    byte[] body;
    String type;
    if (html) {
      body = StatusHtml.render(view).getBytes(StandardCharsets.UTF_8);
      type = "text/html; charset=UTF-8";
    } else {
      body = StatusJson.render(view);
      type = "application/json";
    }
    return InboundResponse.builder(200)
        .contentType(type)
        .header("Cache-Control", "no-store")
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .body(body)
        .build();
  }

  /** The activity, with queue depths and the current state of unfinished messages added. */
  View view() {
    Snapshot s = activity.snapshot();
    List<RouteDepth> depths = new ArrayList<>();
    for (String route : s.routes()) {
      try {
        depths.add(new RouteDepth(route, OptionalLong.of(gateway.queueDepth(route)), ""));
      } catch (RuntimeException e) {
        LOG.debug("queue depth of route {} unavailable", route, e);
        depths.add(new RouteDepth(route, OptionalLong.empty(), Activity.cut(e.getMessage())));
      }
    }
    List<Snapshot.Message> messages = new ArrayList<>(s.messages().size());
    for (Snapshot.Message m : s.messages()) {
      messages.add(m.state().isFinal() ? m : current(m));
    }
    List<TargetStatus> targets = List.of();
    String webhookError = "";
    try {
      targets = List.copyOf(webhooks.get());
    } catch (RuntimeException e) {
      LOG.debug("webhook targets unavailable", e);
      webhookError = Activity.cut(String.valueOf(e.getMessage()));
    }
    return new View(s, depths, messages, targets, webhookError);
  }

  /** A message not finished when last told: the gateway knows whether it is being sent now. */
  private Snapshot.Message current(Snapshot.Message m) {
    try {
      Optional<MessageStatus> now = gateway.status(m.trackingId());
      if (now.isEmpty()) {
        return m;
      }
      List<String> routes = now.get().deliveries().stream().map(Delivery::route).toList();
      return m.withState(now.get().state(), routes, m.detail());
    } catch (RuntimeException e) {
      LOG.debug("status of {} unavailable", m.trackingId(), e);
      return m;
    }
  }

  /**
   * A route's queue depth, or why it could not be read.
   *
   * @param depth empty when the store could not answer
   * @param error the store's complaint when it could not
   */
  record RouteDepth(String route, OptionalLong depth, String error) {}

  /**
   * What the page shows.
   *
   * @param messages the snapshot's messages with the current state of unfinished ones
   * @param webhooks each webhook target's backlog
   * @param webhookError why the targets could not be read, else empty
   */
  record View(
      Snapshot snapshot,
      List<RouteDepth> routes,
      List<Snapshot.Message> messages,
      List<TargetStatus> webhooks,
      String webhookError) {}
}
