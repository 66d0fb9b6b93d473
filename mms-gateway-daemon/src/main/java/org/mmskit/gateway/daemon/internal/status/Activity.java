package org.mmskit.gateway.daemon.internal.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsClient;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.ReadReply;
import org.mmskit.core.Transport;
import org.mmskit.gateway.Delivery;
import org.mmskit.gateway.HistoryEntry;
import org.mmskit.gateway.MessageState;
import org.mmskit.gateway.MessageStatus;
import org.mmskit.gateway.daemon.internal.status.Snapshot.ReportKind;

/**
 * What the daemon did lately, for the status page and the metrics: the daemon records, the page and
 * the metrics read. Keeps the last {@value #KEEP} entries of each list (messages, reports, incoming
 * messages, errors), the last result of each connection, and totals since start. Texts coming from
 * peers are cut to {@value #MAX_TEXT} characters, so a hostile MMSC cannot grow it.
 *
 * <p>Thread-safe: recording methods are called from listener, gateway and API threads at once. One
 * instance per daemon; nothing is global.
 */
public final class Activity {
  /** How many entries each list keeps. */
  public static final int KEEP = 50;

  /** How many recipients of a message are kept. */
  static final int RECIPIENTS = 10;

  /** The longest text kept from a detail or an error. */
  static final int MAX_TEXT = 500;

  /** Tracking IDs whose outcome was counted, so an outcome told again is counted once. */
  private static final int COUNTED_OUTCOMES = 10_000;

  private final Clock clock;
  private final List<String> routes;
  private final List<Observer> observers = new CopyOnWriteArrayList<>();

  // Everything below is guarded by `this`.
  private final Map<String, Link> connections = new LinkedHashMap<>();
  private final LinkedHashMap<String, Snapshot.Message> messages = new LinkedHashMap<>();
  private final Deque<Snapshot.Report> reports = new ArrayDeque<>();
  private final Deque<Snapshot.Incoming> incoming = new ArrayDeque<>();
  private final Deque<Snapshot.Error> errors = new ArrayDeque<>();
  private final LinkedHashMap<String, Boolean> counted = new LinkedHashMap<>();
  private long submittedCount;
  private final Map<MessageState, Long> outcomeCounts = new EnumMap<>(MessageState.class);
  private final Map<ReportKind, Long> reportCounts = new EnumMap<>(ReportKind.class);
  private long incomingCount;
  private long errorCount;

  private Activity(Clock clock, Collection<String> connectionNames, Collection<String> routes) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.routes = List.copyOf(routes);
    for (String name : connectionNames) {
      connections.put(Objects.requireNonNull(name, "connection"), new Link());
    }
  }

  /**
   * An activity record for a daemon with these outgoing connections and routes (both shown on the
   * page even before they are used).
   */
  public static Activity create(Collection<String> connections, Collection<String> routes) {
    return new Activity(Clock.systemUTC(), connections, routes);
  }

  /** As {@link #create(Collection, Collection)}, with the clock that stamps entries. */
  public static Activity create(
      Collection<String> connections, Collection<String> routes, Clock clock) {
    return new Activity(clock, connections, routes);
  }

  /** The configured route names. */
  public List<String> routes() {
    return routes;
  }

  // ---- recording ----

  /**
   * The result of one request over an outgoing connection: {@code ok} when the MMSC accepted it,
   * else what went wrong. {@link #observe} records these for every submit.
   */
  public void connectionResult(String connection, boolean ok, String detail) {
    Objects.requireNonNull(connection, "connection");
    Snapshot.Result r = new Snapshot.Result(clock.instant(), ok, cut(detail));
    synchronized (this) {
      connections.computeIfAbsent(connection, c -> new Link()).record(r);
    }
    observers.forEach(o -> o.connectionResult(connection, ok));
  }

  /**
   * Wraps a client so that each submit's result is recorded as {@link #connectionResult} under this
   * connection's name. Give the wrapped client to the gateway; everything else is passed on.
   */
  public MmsClient observe(String connection, MmsClient client) {
    return new ObservedClient(this, connection, client);
  }

  /** A message was accepted for sending under this tracking ID. */
  public void submitted(String trackingId, MmsMessage message) {
    Objects.requireNonNull(trackingId, "trackingId");
    List<String> recipients = addresses(message.recipients());
    Snapshot.Message m =
        new Snapshot.Message(
            trackingId, clock.instant(), recipients, MessageState.QUEUED, List.of(), "");
    synchronized (this) {
      submittedCount++;
      Snapshot.Message told = messages.get(trackingId);
      if (told == null) {
        messages.put(trackingId, m);
        trim(messages, KEEP);
      } else {
        // The outcome came first (a fast MMSC): keep it, add what only the submit knows.
        messages.put(
            trackingId,
            new Snapshot.Message(
                trackingId,
                told.submittedAt(),
                recipients,
                told.state(),
                told.routes(),
                told.detail()));
      }
    }
    observers.forEach(Observer::submitted);
  }

  /**
   * A message reached its final state (the gateway's outcome listener). An outcome told again for
   * the same tracking ID (the gateway tells at least once) is counted once.
   */
  public void outcome(MessageStatus status) {
    List<String> routesUsed = status.deliveries().stream().map(Delivery::route).toList();
    String detail = cut(outcomeDetail(status));
    Optional<Duration> latency = latency(status);
    boolean first;
    synchronized (this) {
      Snapshot.Message m = messages.remove(status.trackingId());
      if (m == null) {
        Instant queued =
            status.history().stream()
                .filter(h -> h.kind() == HistoryEntry.Kind.QUEUED)
                .map(HistoryEntry::at)
                .findFirst()
                .orElse(clock.instant());
        m =
            new Snapshot.Message(
                status.trackingId(), queued, List.of(), status.state(), routesUsed, "");
      }
      messages.put(status.trackingId(), m.withState(status.state(), routesUsed, detail));
      trim(messages, KEEP);
      first = counted.put(status.trackingId(), Boolean.TRUE) == null;
      trim(counted, COUNTED_OUTCOMES);
      if (first) {
        outcomeCounts.merge(status.state(), 1L, Long::sum);
      }
    }
    if (first) {
      observers.forEach(o -> o.outcome(status.state(), latency));
    }
  }

  /**
   * A delivery report, with the tracking ID of the message it is about when the gateway sent it and
   * the recipient it is about.
   */
  public void deliveryReport(
      Optional<String> trackingId, Optional<String> recipient, DeliveryReport report) {
    report(
        new Snapshot.Report(
            clock.instant(),
            ReportKind.DELIVERY_REPORT,
            trackingId,
            recipient.or(() -> report.recipient().map(Address::toString)).map(Activity::cut),
            report.status().name(),
            cut(report.rawStatus()),
            cut(report.messageId())));
  }

  /** A read reply, as {@link #deliveryReport}. */
  public void readReply(Optional<String> trackingId, Optional<String> recipient, ReadReply reply) {
    report(
        new Snapshot.Report(
            clock.instant(),
            ReportKind.READ_REPLY,
            trackingId,
            recipient.or(() -> reply.recipient().map(Address::toString)).map(Activity::cut),
            reply.status().name(),
            cut(reply.rawStatus()),
            cut(reply.messageId())));
  }

  private void report(Snapshot.Report r) {
    synchronized (this) {
      reportCounts.merge(r.kind(), 1L, Long::sum);
      push(reports, r);
    }
    observers.forEach(o -> o.report(r.kind(), r.status()));
  }

  /** An incoming message from any listener. */
  public void incoming(IncomingMessage message) {
    MmsMessage m = message.message();
    Snapshot.Incoming i =
        new Snapshot.Incoming(
            clock.instant(),
            message.context().transport(),
            m.from().map(a -> cut(a.toString())),
            addresses(m.recipients()),
            m.subject().map(Activity::cut),
            m.parts().size());
    synchronized (this) {
      incomingCount++;
      push(incoming, i);
    }
    observers.forEach(o -> o.incoming(i.transport()));
  }

  /**
   * The result of one POST to a webhook target (e.g. {@code webhooks.onAttempt(activity::
   * webhookResult)}). Counted by the metrics; the page reads each target's backlog and last error
   * from the outbox itself.
   */
  public void webhookResult(String target, boolean ok, String detail) {
    Objects.requireNonNull(target, "target");
    observers.forEach(o -> o.webhookResult(ok));
  }

  /** Something went wrong: where (a component, a listener, a connection) and what. */
  public void error(String where, String what) {
    Snapshot.Error e = new Snapshot.Error(clock.instant(), cut(where), cut(what));
    synchronized (this) {
      errorCount++;
      push(errors, e);
    }
    observers.forEach(Observer::error);
  }

  // ---- reading ----

  /** A copy of everything held now. */
  public synchronized Snapshot snapshot() {
    List<Snapshot.Message> recent = new ArrayList<>(messages.values());
    Collections.reverse(recent);
    return new Snapshot(
        clock.instant(),
        links(connections),
        routes,
        recent,
        List.copyOf(reports),
        List.copyOf(incoming),
        List.copyOf(errors),
        new Snapshot.Counts(
            submittedCount,
            new EnumMap<>(outcomeCounts),
            new EnumMap<>(reportCounts),
            incomingCount,
            errorCount));
  }

  /** Told of each event as it is recorded; the metrics count with it. */
  interface Observer {
    default void submitted() {}

    default void outcome(MessageState state, Optional<Duration> latency) {}

    default void report(ReportKind kind, String status) {}

    default void incoming(Transport transport) {}

    default void connectionResult(String connection, boolean ok) {}

    default void webhookResult(boolean ok) {}

    default void error() {}
  }

  void addObserver(Observer observer) {
    observers.add(Objects.requireNonNull(observer, "observer"));
  }

  // ---- helpers ----

  /** Submit to final outcome: from the first QUEUED line to the last line of the history. */
  static Optional<Duration> latency(MessageStatus status) {
    List<HistoryEntry> h = status.history();
    Optional<Instant> queued =
        h.stream()
            .filter(e -> e.kind() == HistoryEntry.Kind.QUEUED)
            .map(HistoryEntry::at)
            .findFirst();
    Optional<Instant> ended =
        h.stream()
            .filter(
                e ->
                    e.kind() == HistoryEntry.Kind.ACCEPTED
                        || e.kind() == HistoryEntry.Kind.FAILED
                        || e.kind() == HistoryEntry.Kind.CANCELLED)
            .map(HistoryEntry::at)
            .max(Instant::compareTo);
    if (queued.isEmpty() || ended.isEmpty() || ended.get().isBefore(queued.get())) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(queued.get(), ended.get()));
  }

  private static String outcomeDetail(MessageStatus status) {
    List<String> parts = new ArrayList<>();
    for (Delivery d : status.deliveries()) {
      d.reason().or(d::mmscMessageId).ifPresent(parts::add);
    }
    return String.join("; ", parts);
  }

  private static List<Snapshot.Connection> links(Map<String, Link> map) {
    List<Snapshot.Connection> out = new ArrayList<>(map.size());
    map.forEach(
        (name, l) ->
            out.add(new Snapshot.Connection(name, Optional.ofNullable(l.last), l.ok, l.failed)));
    return out;
  }

  private static <T> void push(Deque<T> deque, T entry) {
    deque.addFirst(entry);
    while (deque.size() > KEEP) {
      deque.removeLast();
    }
  }

  private static void trim(LinkedHashMap<String, ?> map, int max) {
    var it = map.entrySet().iterator();
    while (map.size() > max && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  /** The first {@value #RECIPIENTS} addresses, and how many more there are. */
  private static List<String> addresses(List<Address> all) {
    List<String> out = new ArrayList<>(Math.min(all.size(), RECIPIENTS + 1));
    for (int i = 0; i < all.size() && i < RECIPIENTS; i++) {
      out.add(cut(all.get(i).toString()));
    }
    if (all.size() > RECIPIENTS) {
      out.add("(" + (all.size() - RECIPIENTS) + " more)");
    }
    return out;
  }

  static String cut(String text) {
    if (text == null) {
      return "";
    }
    return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
  }

  /** The last result and the totals of one connection; guarded by the owner. */
  private static final class Link {
    Snapshot.Result last;
    long ok;
    long failed;

    void record(Snapshot.Result r) {
      last = r;
      if (r.ok()) {
        ok++;
      } else {
        failed++;
      }
    }
  }
}
