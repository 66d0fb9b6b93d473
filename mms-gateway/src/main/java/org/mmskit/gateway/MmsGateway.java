package org.mmskit.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.MmsClient;
import org.mmskit.core.MmsListener;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.ReadReply;
import org.mmskit.gateway.internal.Dispatcher;
import org.mmskit.gateway.internal.HeldReports;
import org.mmskit.gateway.internal.MessageCodec;
import org.mmskit.gateway.internal.OutcomeTeller;
import org.mmskit.gateway.internal.Purger;
import org.mmskit.gateway.internal.ReportMatcher;
import org.mmskit.gateway.internal.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends messages so that none is lost: {@link #submit} stores a message durably and returns a
 * tracking ID before any network I/O; background threads send it over the route its recipients
 * belong to, at the route's pace, trying retryable failures again with back-off, and record every
 * attempt. Reports arriving through {@link #listener()} are matched to the message they are about.
 *
 * <pre>{@code
 * try (MmsGateway gw = MmsGateway.builder()
 *     .store(GatewayStore.sqlite(Path.of("outbox.db")))
 *     .connection("operator-a", mm7Client)
 *     .route(Route.builder("a", "operator-a").messagesPerSecond(50).build())
 *     .onOutcome(status -> log.info("{} ended {}", status.trackingId(), status.state()))
 *     .start()) {
 *   String id = gw.submit(message);
 *   MessageStatus s = gw.status(id).orElseThrow();
 * }
 * }</pre>
 *
 * <p>What a retry cannot avoid: when a request went out and no answer came (a dropped connection, a
 * timeout, the process killed), the message is sent again and the MMSC may get it twice. Each
 * delivery keeps one {@linkplain Delivery#transactionId() transaction ID} for all its attempts so
 * that a transport able to send it lets the MMSC spot the duplicate.
 *
 * <p>The gateway does not close the clients it was given. Thread-safe.
 */
public final class MmsGateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MmsGateway.class);

  /** In-memory bodies up to this size go into the stored message; larger ones are kept apart. */
  private static final int INLINE_LIMIT = 16 * 1024;

  /** How often the purge runs at most. */
  private static final Duration PURGE_PERIOD = Duration.ofMinutes(10);

  private final Store store;
  private final List<Route> routes;
  private final Map<String, Route> routesByName = new LinkedHashMap<>();
  private final RetryPolicy retry;
  private final Clock clock;
  private final MessageCodec codec = new MessageCodec(INLINE_LIMIT);
  private final Dispatcher dispatcher;
  private final ReportMatcher listener;
  private final OutcomeListener outcomes;
  private final OutcomeTeller teller;
  private final HeldReports heldReports;
  private final Purger purger;

  private MmsGateway(Builder b) {
    this.routes = List.copyOf(b.routes);
    for (Route r : routes) {
      if (routesByName.put(r.name(), r) != null) {
        throw new IllegalStateException("two routes named " + r.name());
      }
      if (!b.connections.containsKey(r.connection())) {
        throw new IllegalStateException(
            "route " + r.name() + " names connection " + r.connection() + ", which is not given");
      }
    }
    if (routes.stream().filter(Route::isDefault).count() > 1) {
      throw new IllegalStateException("more than one default route (a route without prefixes)");
    }
    this.retry = b.retry;
    this.clock = b.clock;
    this.outcomes = b.outcomes;
    this.store = b.store.open();
    List<Dispatcher.RouteConfig> configs = new ArrayList<>();
    for (Route r : routes) {
      configs.add(new Dispatcher.RouteConfig(r.name(), r.messagesPerSecond(), r.maxConcurrency()));
    }
    String owner = b.instanceId != null ? b.instanceId : UUID.randomUUID().toString();
    this.dispatcher =
        new Dispatcher(
            store,
            b.connections,
            configs,
            retry,
            clock,
            owner,
            b.lease,
            b.poll,
            codec,
            trackingId -> wakeTeller());
    this.teller =
        outcomes == null
            ? null
            : new OutcomeTeller(
                store, owner, clock, b.lease.toMillis(), b.poll.toMillis(), retry, this::tell);
    ReportListener reports = b.reports;
    this.listener =
        new ReportMatcher(
            store,
            clock::millis,
            b.lease.toMillis(),
            b.poll.toMillis(),
            new ReportMatcher.Sink() {
              @Override
              public Acknowledgement deliveryReport(
                  String trackingId, Optional<String> recipient, DeliveryReport r) {
                return reports.onDeliveryReport(trackingId, recipient, r);
              }

              @Override
              public Acknowledgement readReply(
                  String trackingId, Optional<String> recipient, ReadReply r) {
                return reports.onReadReply(trackingId, recipient, r);
              }
            },
            b.others);
    this.heldReports =
        new HeldReports(
            store, listener, owner, clock, b.lease.toMillis(), b.poll.toMillis(), retry);
    long retention = b.retention.toMillis();
    this.purger =
        new Purger(store, clock, retention, Math.min(retention / 10, PURGE_PERIOD.toMillis()));
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Stores a message for sending and returns its tracking ID once the store has committed it. A
   * message whose recipients belong to several routes is split, one delivery per route, under the
   * one tracking ID.
   *
   * @throws IllegalArgumentException if the message has no recipient or part, or a recipient no
   *     route takes
   * @throws RuntimeException when the store fails; the message was then not taken
   */
  public String submit(MmsMessage message) {
    Objects.requireNonNull(message, "message");
    message.requireSendable();
    Map<Route, List<Address>> split = split(message);
    String trackingId = UUID.randomUUID().toString();
    long now = clock.millis();

    List<MmsPart> parts = message.allParts();
    Map<Integer, String> refs = new HashMap<>();
    Map<String, MmsPart> bodies = new LinkedHashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      if (!codec.inline(parts.get(i))) {
        String ref = trackingId + "-" + i;
        refs.put(i, ref);
        bodies.put(ref, parts.get(i));
      }
    }
    long expiresAt = now + retry.maxAge().toMillis();
    if (message.expiry().isPresent()) {
      expiresAt =
          Math.min(
              expiresAt, message.expiry().get().resolve(Instant.ofEpochMilli(now)).toEpochMilli());
    }
    List<Store.NewJob> jobs = new ArrayList<>();
    for (Map.Entry<Route, List<Address>> e : split.entrySet()) {
      Route route = e.getKey();
      MmsMessage share = forRoute(message, route, e.getValue(), split.size() > 1);
      StringBuilder recipients = new StringBuilder();
      for (Address a : e.getValue()) {
        recipients.append(recipients.length() == 0 ? "" : " ").append(a.value());
      }
      jobs.add(
          new Store.NewJob(
              route.name(),
              route.connection(),
              UUID.randomUUID().toString().replace("-", ""),
              expiresAt,
              recipients.toString(),
              codec.write(share, refs)));
    }
    store.enqueue(trackingId, now, jobs, bodies);
    for (Route r : split.keySet()) {
      dispatcher.wake(r.name());
    }
    return trackingId;
  }

  /** Which route each recipient (not display-only) goes over. */
  private Map<Route, List<Address>> split(MmsMessage message) {
    Map<Route, List<Address>> split = new LinkedHashMap<>();
    for (Address a : message.recipients()) {
      if (a.displayOnly()) {
        continue;
      }
      Route best = null;
      int bestLength = -1;
      for (Route r : routes) {
        int m = r.match(a);
        if (m > bestLength) {
          best = r;
          bestLength = m;
        }
      }
      if (best == null) {
        throw new IllegalArgumentException("no route takes recipient " + a);
      }
      split.computeIfAbsent(best, r -> new ArrayList<>()).add(a);
    }
    return split;
  }

  /** The message as the route sends it: its share of recipients, the route's sender rule. */
  private static MmsMessage forRoute(
      MmsMessage m, Route route, List<Address> mine, boolean splitUp) {
    MmsMessage.Builder b = m.toBuilder();
    if (splitUp) {
      b.clearRecipients();
      b.to(keep(m.to(), mine));
      b.cc(keep(m.cc(), mine));
      b.bcc(keep(m.bcc(), mine));
    }
    if (route.defaultSender().isPresent() && (m.from().isEmpty() || !route.allowSenderOverride())) {
      b.from(route.defaultSender().get());
    }
    return b.build();
  }

  private static List<Address> keep(List<Address> list, List<Address> mine) {
    List<Address> out = new ArrayList<>();
    for (Address a : list) {
      if (a.displayOnly() || mine.contains(a)) {
        out.add(a);
      }
    }
    return out;
  }

  /** What is known of a message; empty when the tracking ID is unknown. */
  public Optional<MessageStatus> status(String trackingId) {
    List<Store.JobRow> jobs = store.jobs(trackingId);
    if (jobs.isEmpty()) {
      return Optional.empty();
    }
    Map<Long, String> routeOfJob = new HashMap<>();
    List<Delivery> deliveries = new ArrayList<>();
    for (Store.JobRow j : jobs) {
      routeOfJob.put(j.id(), j.route());
      deliveries.add(
          new Delivery(
              j.route(),
              j.connection(),
              MessageState.valueOf(j.state()),
              j.attempts(),
              Optional.ofNullable(j.mmscMessageId()),
              j.txnId(),
              Optional.ofNullable(j.reason())));
    }
    List<HistoryEntry> history = new ArrayList<>();
    for (Store.Event e : store.events(trackingId)) {
      history.add(
          new HistoryEntry(
              Instant.ofEpochMilli(e.at()),
              HistoryEntry.Kind.valueOf(e.kind()),
              routeOfJob.getOrDefault(e.jobId(), ""),
              Optional.ofNullable(e.connection()),
              e.attempt(),
              e.statusCode() == null ? OptionalInt.empty() : OptionalInt.of(e.statusCode()),
              e.detail(),
              Optional.ofNullable(e.recipient())));
    }
    return Optional.of(
        new MessageStatus(trackingId, MessageStatus.overall(deliveries), deliveries, history));
  }

  /**
   * Cancels what of a message is still queued. Returns true when something was cancelled; a
   * delivery already being sent or sent is not affected.
   */
  public boolean cancel(String trackingId) {
    int n = store.cancel(trackingId, clock.millis());
    if (n > 0) {
      wakeTeller();
    }
    return n > 0;
  }

  /** How many deliveries on the route are not finished (queued, waiting to retry or sending). */
  public long queueDepth(String route) {
    if (!routesByName.containsKey(route)) {
      throw new IllegalArgumentException("no route named " + route);
    }
    return store.queueDepth(route);
  }

  /**
   * The listener to register with the transports' listeners (MM7, EAIF, MM4, MM1): reports about
   * messages this gateway sent are tracked and handed to the {@link ReportListener}; everything
   * else goes to the {@link Builder#listener(MmsListener) application's listener}.
   */
  public MmsListener listener() {
    return listener;
  }

  private void wakeTeller() {
    if (teller != null) {
      teller.wake();
    }
  }

  /** Hands a message's outcome to the application; true when its listener returned normally. */
  private boolean tell(String trackingId) {
    Optional<MessageStatus> s;
    try {
      s = status(trackingId);
    } catch (RuntimeException e) {
      LOG.warn("cannot read the outcome of {}; telling it later", trackingId, e);
      return false;
    }
    if (s.isEmpty() || !s.get().state().isFinal()) {
      return true; // purged, or nothing to tell
    }
    try {
      outcomes.onOutcome(s.get());
      return true;
    } catch (RuntimeException e) {
      LOG.warn("outcome listener failed for {}; telling it again later", trackingId, e);
      return false;
    }
  }

  /**
   * Starts nothing new, lets requests under way end, stops telling outcomes (those not told yet are
   * told after the next start) and closes the store.
   */
  @Override
  public void close() {
    dispatcher.close();
    heldReports.close();
    purger.close();
    if (teller != null) {
      teller.close();
    }
    store.close();
  }

  /** Configures an {@link MmsGateway}. */
  public static final class Builder {
    private GatewayStore store;
    private final Map<String, MmsClient> connections = new LinkedHashMap<>();
    private final List<Route> routes = new ArrayList<>();
    private RetryPolicy retry = RetryPolicy.defaults();
    private Clock clock = Clock.systemUTC();
    private ReportListener reports = new ReportListener() {};
    private MmsListener others = new MmsListener() {};
    private OutcomeListener outcomes;
    private String instanceId;
    private Duration lease = Duration.ofSeconds(60);
    private Duration poll = Duration.ofSeconds(1);
    private Duration retention = Duration.ofDays(15);

    private Builder() {}

    /** Where the queue is kept (required). */
    public Builder store(GatewayStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** A named client the routes send over. */
    public Builder connection(String name, MmsClient client) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(client, "client");
      if (connections.putIfAbsent(name, client) != null) {
        throw new IllegalArgumentException("two connections named " + name);
      }
      return this;
    }

    /** A route; at least one is required. */
    public Builder route(Route route) {
      routes.add(Objects.requireNonNull(route, "route"));
      return this;
    }

    public Builder retryPolicy(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    /** Gets the reports about messages this gateway sent (default: stored and acknowledged). */
    public Builder reportListener(ReportListener reports) {
      this.reports = Objects.requireNonNull(reports, "reports");
      return this;
    }

    /**
     * Gets what {@link #listener()} receives that is not a report about a message this gateway
     * sent: incoming messages, reports about other messages (default: refused with "try later").
     */
    public Builder listener(MmsListener listener) {
      this.others = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Told, at least once, the outcome of every message that reaches its final state, on a gateway
     * thread; see {@link OutcomeListener}.
     */
    public Builder onOutcome(OutcomeListener outcomes) {
      this.outcomes = outcomes;
      return this;
    }

    /** The clock of attempts, retries, rate limits and leases (default: the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** A name for this instance in the shared store's leases (default: a random one). */
    public Builder instanceId(String id) {
      this.instanceId = Objects.requireNonNull(id, "id");
      return this;
    }

    /**
     * How long a claimed message stays this instance's without the lease being renewed (default 60
     * s); another instance takes it over after that, so keep it above the clients' response
     * timeout. Leases are renewed every third of it.
     */
    public Builder leaseDuration(Duration lease) {
      if (lease.toMillis() < 3) {
        throw new IllegalArgumentException("lease too short: " + lease);
      }
      this.lease = lease;
      return this;
    }

    /**
     * How often a route with nothing due looks at the store again (default 1 s): the longest a
     * message submitted through another instance, or returned by a dead one, waits to be seen.
     */
    public Builder pollInterval(Duration poll) {
      this.poll = Objects.requireNonNull(poll, "poll");
      return this;
    }

    /**
     * How long what is kept of a message that ended (its jobs, history, report index entries) stays
     * in the store before it is deleted in the background (default 15 days, as NowSMS keeps its
     * data). The purge runs every tenth of the retention, at most every 10 minutes; it also deletes
     * the stored bodies of large parts of every message that ended, whatever its age. An outcome
     * not told within the retention is deleted with the rest, with a warning.
     */
    public Builder retention(Duration retention) {
      if (retention.toMillis() < 1) {
        throw new IllegalArgumentException("retention too short: " + retention);
      }
      this.retention = retention;
      return this;
    }

    /** Opens the store (creating or migrating its tables) and starts sending what it holds. */
    public MmsGateway start() {
      if (store == null) {
        throw new IllegalStateException("no store given");
      }
      if (routes.isEmpty()) {
        throw new IllegalStateException("no route given");
      }
      MmsGateway gw = new MmsGateway(this);
      gw.dispatcher.start();
      gw.heldReports.start();
      gw.purger.start();
      if (gw.teller != null) {
        gw.teller.start();
      }
      return gw;
    }
  }
}
