package org.mmskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mmskit.core.MmsPart;
import org.mmskit.gateway.internal.RateLimiter;
import org.mmskit.gateway.internal.Store;

/** The behaviour every store has; run against SQLite and PostgreSQL by the subclasses. */
abstract class StoreContract {
  Store store;

  /** A store over fresh, empty tables. */
  abstract Store open();

  /** The same tables opened again, as after a restart. */
  abstract Store reopen();

  @BeforeEach
  void setUp() {
    store = open();
  }

  @AfterEach
  void tearDown() {
    if (store != null) {
      store.close();
    }
  }

  static Store.NewJob job(String route, String txn) {
    return new Store.NewJob(
        route, "conn", txn, Long.MAX_VALUE, "+15550001", txn.getBytes(StandardCharsets.UTF_8));
  }

  void enqueue(String tracking, String route, long now) {
    store.enqueue(tracking, now, List.of(job(route, "tx-" + tracking)), Map.of());
  }

  static Store.Finish sent(long at, String mmscId) {
    return new Store.Finish("SENT", at, mmscId, null, List.of());
  }

  @Test
  void claimsDueJobsOldestFirstAndCountsTheAttempt() {
    enqueue("a", "r", 100);
    enqueue("b", "r", 200);
    enqueue("c", "other", 100);
    List<Store.ClaimedJob> got = store.claim("r", "me", 10, 1_000, 61_000);
    assertThat(got).extracting(Store.ClaimedJob::trackingId).containsExactly("a", "b");
    assertThat(got).allMatch(j -> j.attempt() == 1 && !j.inDoubt());
    assertThat(new String(got.get(0).payload(), StandardCharsets.UTF_8)).isEqualTo("tx-a");
    assertThat(store.claim("r", "me", 10, 1_000, 61_000)).isEmpty();
    assertThat(store.queueDepth("r")).isEqualTo(2);
    assertThat(store.queueDepth("other")).isEqualTo(1);
  }

  @Test
  void aJobNotYetDueIsNotClaimed() {
    enqueue("a", "r", 5_000);
    assertThat(store.claim("r", "me", 10, 4_999, 60_000)).isEmpty();
    assertThat(store.nextDue("r")).contains(5_000L);
    assertThat(store.claim("r", "me", 10, 5_000, 60_000)).hasSize(1);
    assertThat(store.nextDue("r")).isEmpty();
  }

  @Test
  void finishingNeedsTheLeaseAndRecordsHistory() {
    enqueue("a", "r", 0);
    Store.ClaimedJob j = store.claim("r", "me", 1, 0, 60_000).get(0);
    Store.Event e = new Store.Event("a", j.id(), 10, "ACCEPTED", 1, "conn", 1000, "ok", null);
    assertThat(store.finish(j.id(), "someone-else", sent(10, "m1"))).isFalse();
    assertThat(store.finish(j.id(), "me", new Store.Finish("SENT", 10, "m1", null, List.of(e))))
        .isTrue();
    assertThat(store.finish(j.id(), "me", sent(11, "m2"))).isFalse();
    Store.JobRow row = store.jobs("a").get(0);
    assertThat(row.state()).isEqualTo("SENT");
    assertThat(row.mmscMessageId()).isEqualTo("m1");
    assertThat(row.txnId()).isEqualTo("tx-a");
    assertThat(store.events("a"))
        .extracting(Store.Event::kind)
        .containsExactly("QUEUED", "ACCEPTED");
    assertThat(store.findByMmscMessageId("m1"))
        .get()
        .extracting(Store.ReportTarget::trackingId)
        .isEqualTo("a");
    assertThat(store.queueDepth("r")).isZero();
  }

  @Test
  void aRetryComesBackWhenDue() {
    enqueue("a", "r", 0);
    Store.ClaimedJob j = store.claim("r", "me", 1, 0, 60_000).get(0);
    assertThat(
            store.finish(j.id(), "me", new Store.Finish("QUEUED", 30_000, null, null, List.of())))
        .isTrue();
    assertThat(store.claim("r", "me", 1, 29_999, 90_000)).isEmpty();
    Store.ClaimedJob again = store.claim("r", "me", 1, 30_000, 90_000).get(0);
    assertThat(again.attempt()).isEqualTo(2);
    assertThat(again.txnId()).isEqualTo(j.txnId());
  }

  @Test
  void anExpiredLeaseReturnsTheJobInDoubt() {
    enqueue("a", "r", 0);
    Store.ClaimedJob j = store.claim("r", "dead", 1, 0, 1_000).get(0);
    store.renewLeases("alive", 5_000);
    assertThat(store.recoverExpiredLeases(999)).isZero();
    assertThat(store.recoverExpiredLeases(1_001)).isEqualTo(1);
    Store.ClaimedJob taken = store.claim("r", "alive", 1, 1_001, 61_000).get(0);
    assertThat(taken.id()).isEqualTo(j.id());
    assertThat(taken.inDoubt()).isTrue();
    assertThat(taken.attempt()).isEqualTo(2);
    assertThat(store.finish(j.id(), "dead", sent(2_000, "late"))).isFalse();
  }

  @Test
  void renewedLeasesDoNotExpire() {
    enqueue("a", "r", 0);
    store.claim("r", "me", 1, 0, 1_000);
    store.renewLeases("me", 10_000);
    assertThat(store.recoverExpiredLeases(5_000)).isZero();
  }

  @Test
  void releasedJobsAreQueuedAsIfNeverClaimed() {
    enqueue("a", "r", 0);
    Store.ClaimedJob j = store.claim("r", "me", 1, 0, 60_000).get(0);
    store.release("me", List.of(j.id()));
    Store.ClaimedJob again = store.claim("r", "me", 1, 0, 60_000).get(0);
    assertThat(again.attempt()).isEqualTo(1);
    assertThat(again.inDoubt()).isFalse();
  }

  @Test
  void cancelTakesOnlyQueuedJobs() {
    store.enqueue("a", 0, List.of(job("r1", "t1"), job("r2", "t2")), Map.of());
    store.claim("r1", "me", 1, 0, 60_000);
    assertThat(store.cancel("a", 5)).isEqualTo(1);
    assertThat(store.jobs("a"))
        .extracting(Store.JobRow::state)
        .containsExactly("SENDING", "CANCELLED");
    assertThat(store.claim("r2", "me", 1, 10, 60_000)).isEmpty();
    assertThat(store.cancel("a", 6)).isZero();
    assertThat(store.jobs("unknown")).isEmpty();
  }

  @Test
  void aReportIsRecordedOnceAndForwardedOnce() {
    enqueue("a", "r", 0);
    long id = store.jobs("a").get(0).id();
    Store.Event e = new Store.Event("a", id, 5, "DELIVERY_REPORT", 0, null, null, "Retrieved", "x");
    assertThat(store.recordReport("k1", e, 5, 1_000)).isEqualTo(Store.ReportClaim.HAND_OVER);
    // a repeat while the first copy is being handed over
    assertThat(store.recordReport("k1", e, 10, 1_010)).isEqualTo(Store.ReportClaim.BUSY);
    // the application refused the first copy: the repeat is handed over
    store.releaseReport("k1");
    assertThat(store.recordReport("k1", e, 20, 1_020)).isEqualTo(Store.ReportClaim.HAND_OVER);
    // its handler died: after the claim ran out, the next repeat is handed over
    assertThat(store.recordReport("k1", e, 1_000, 2_000)).isEqualTo(Store.ReportClaim.BUSY);
    assertThat(store.recordReport("k1", e, 1_021, 2_021)).isEqualTo(Store.ReportClaim.HAND_OVER);
    store.markReportForwarded("k1");
    assertThat(store.recordReport("k1", e, 5_000, 6_000)).isEqualTo(Store.ReportClaim.FORWARDED);
    assertThat(store.events("a")).filteredOn(ev -> ev.kind().equals("DELIVERY_REPORT")).hasSize(1);
  }

  @Test
  void aReportRecordedByFourAtOnceIsHandedOverByOne() throws Exception {
    enqueue("a", "r", 0);
    long id = store.jobs("a").get(0).id();
    int reports = 100;
    Map<String, List<String>> handers = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        String who = "w" + w;
        fs.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < reports; i++) {
                    Store.Event e =
                        new Store.Event("a", id, 5, "DELIVERY_REPORT", 0, null, null, "r" + i, "x");
                    if (store.recordReport("k" + i, e, 5, 60_000) == Store.ReportClaim.HAND_OVER) {
                      handers
                          .computeIfAbsent(
                              "k" + i, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                          .add(who);
                    }
                  }
                }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(handers).hasSize(reports).allSatisfy((k, v) -> assertThat(v).hasSize(1));
    assertThat(store.events("a"))
        .filteredOn(ev -> ev.kind().equals("DELIVERY_REPORT"))
        .hasSize(reports);
  }

  @Test
  void storedBodiesReadBackWhole() throws Exception {
    byte[] big = new byte[300_000];
    new Random(7).nextBytes(big);
    store.enqueue("a", 0, List.of(job("r", "t")), Map.of("a-0", MmsPart.of("image/jpeg", big)));
    try (var in = store.openBody("a-0").open()) {
      assertThat(in.readAllBytes()).isEqualTo(big);
    }
  }

  @Test
  void whatWasCommittedIsThereAfterReopening() {
    enqueue("a", "r", 0);
    store.close();
    store = reopen();
    assertThat(store.queueDepth("r")).isEqualTo(1);
    assertThat(store.claim("r", "me", 5, 0, 60_000)).hasSize(1);
  }

  @Test
  void twoOwnersClaimingAtOnceNeverShareAJob() throws Exception {
    List<Store.NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      jobs.add(job("r", "t" + i));
    }
    store.enqueue("batch", 0, jobs, Map.of());
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    List<Long> duplicates = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        String owner = "w" + w;
        fs.add(
            pool.submit(
                () -> {
                  List<Store.ClaimedJob> got;
                  while (!(got = store.claim("r", owner, 7, 0, 60_000)).isEmpty()) {
                    for (Store.ClaimedJob j : got) {
                      if (!seen.add(j.id())) {
                        synchronized (duplicates) {
                          duplicates.add(j.id());
                        }
                      }
                    }
                  }
                }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(duplicates).isEmpty();
    assertThat(seen).hasSize(200);
  }

  @Test
  void theRateLimiterKeepsEveryOneSecondWindowWithinTheRate() {
    RateLimiter limiter = store.rateLimiter("r", 50);
    Random random = new Random(42);
    List<Long> granted = new ArrayList<>();
    long now = 1_000_000;
    while (granted.size() < 400) {
      long wait = limiter.tryAcquire(now);
      if (wait == 0) {
        granted.add(now);
      } else {
        assertThat(wait).isPositive().isLessThanOrEqualTo(1_000);
      }
      now += random.nextInt(wait == 0 ? 15 : (int) Math.min(wait + 1, 40));
    }
    assertThat(Throttle.busiestWindow(granted)).isEqualTo(50);
    // and it does let the rate through: 400 permits in not much more than 8 seconds
    assertThat(granted.get(granted.size() - 1) - granted.get(0)).isLessThan(8_500);
  }

  @Test
  void tablesAreCreatedOnceAndOpenedAgainUnchanged() {
    enqueue("a", "r", 0);
    store.close();
    store = reopen();
    store.close();
    store = reopen();
    assertThat(store.jobs("a")).hasSize(1);
    Set<String> states = new HashSet<>();
    store.jobs("a").forEach(j -> states.add(j.state()));
    assertThat(states).containsExactly("QUEUED");
  }

  /** Claims and ends, as SENT, every due job of a route. */
  void sendAll(String route, long at) {
    for (Store.ClaimedJob j : store.claim(route, "sender", 1_000, at, at + 60_000)) {
      assertThat(store.finish(j.id(), "sender", sent(at, "m-" + j.id()))).isTrue();
    }
  }

  @Test
  void anOutcomeIsDueOnceEveryDeliveryOfTheMessageEnded() {
    store.enqueue("a", 0, List.of(job("r1", "t1"), job("r2", "t2")), Map.of());
    sendAll("r1", 10);
    assertThat(store.claimOutcomes("teller", 10, 100, 1_000)).isEmpty();
    assertThat(store.nextOutcomeDue()).isEmpty();
    Store.ClaimedJob second = store.claim("r2", "me", 1, 20, 60_000).get(0);
    // a retry ends nothing
    assertThat(
            store.finish(second.id(), "me", new Store.Finish("QUEUED", 50, null, null, List.of())))
        .isTrue();
    assertThat(store.claimOutcomes("teller", 10, 100, 1_000)).isEmpty();
    second = store.claim("r2", "me", 1, 50, 60_000).get(0);
    assertThat(
            store.finish(
                second.id(), "me", new Store.Finish("FAILED", 60, null, "refused", List.of())))
        .isTrue();
    assertThat(store.nextOutcomeDue()).contains(60L);
    assertThat(store.claimOutcomes("teller", 10, 100, 1_000))
        .containsExactly(new Store.DueOutcome("a", 1));
  }

  @Test
  void anOutcomeIsHeldUnderALeaseAndForgottenOnlyWhenTold() {
    enqueue("a", "r", 0);
    sendAll("r", 10);
    assertThat(store.claimOutcomes("t1", 10, 100, 1_000))
        .containsExactly(new Store.DueOutcome("a", 1));
    assertThat(store.claimOutcomes("t2", 10, 500, 1_500)).isEmpty();
    store.renewLeases("t1", 2_000);
    assertThat(store.claimOutcomes("t2", 10, 1_500, 2_500)).isEmpty();
    // t1 stops renewing: t2 takes the outcome over when the lease ran out
    assertThat(store.claimOutcomes("t2", 10, 2_001, 3_000))
        .containsExactly(new Store.DueOutcome("a", 2));
    store.retryOutcome("t1", "a", 2_100); // not t1's any more: changes nothing
    assertThat(store.claimOutcomes("t3", 10, 2_500, 3_500)).isEmpty();
    // t2's application refused it: told again from 5,000 on
    store.retryOutcome("t2", "a", 5_000);
    assertThat(store.claimOutcomes("t3", 10, 4_999, 6_000)).isEmpty();
    assertThat(store.claimOutcomes("t3", 10, 5_000, 6_000))
        .containsExactly(new Store.DueOutcome("a", 3));
    store.outcomesTold(List.of("a"));
    assertThat(store.claimOutcomes("t3", 10, 1_000_000, 1_060_000)).isEmpty();
    assertThat(store.nextOutcomeDue()).isEmpty();
  }

  @Test
  void cancellingTheLastQueuedDeliveryMakesTheOutcomeDue() {
    store.enqueue("a", 0, List.of(job("r1", "t1"), job("r2", "t2")), Map.of());
    sendAll("r1", 10);
    assertThat(store.cancel("a", 20)).isEqualTo(1);
    assertThat(store.claimOutcomes("teller", 10, 20, 1_000))
        .extracting(Store.DueOutcome::trackingId)
        .containsExactly("a");
  }

  @Test
  void anOutcomeNotToldIsThereAfterReopening() {
    enqueue("a", "r", 0);
    enqueue("b", "r", 0);
    sendAll("r", 10);
    store.outcomesTold(List.of("b"));
    assertThat(store.claimOutcomes("dead", 10, 100, 60_000)).hasSize(1);
    store.close();
    store = reopen();
    assertThat(store.claimOutcomes("new", 10, 60_001, 120_000))
        .extracting(Store.DueOutcome::trackingId)
        .containsExactly("a");
  }

  @Test
  void deliveriesEndingAtOnceUnderTwoOwnersMakeEachOutcomeDueOnce() throws Exception {
    int messages = 100;
    for (int i = 0; i < messages; i++) {
      store.enqueue("m" + i, 0, List.of(job("r1", "a" + i), job("r2", "b" + i)), Map.of());
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (String route : List.of("r1", "r2")) {
        fs.add(
            pool.submit(
                () -> {
                  for (Store.ClaimedJob j : store.claim(route, route, 1_000, 0, 60_000)) {
                    assertThat(store.finish(j.id(), route, sent(10, route + j.id()))).isTrue();
                  }
                }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.claimOutcomes("teller", 1_000, 100, 1_000)).hasSize(messages);
  }

  @Test
  void twoTellersAtOnceNeverShareAnOutcome() throws Exception {
    for (int i = 0; i < 200; i++) {
      enqueue("m" + i, "r", 0);
    }
    sendAll("r", 10);
    Set<String> seen = ConcurrentHashMap.newKeySet();
    List<String> duplicates = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        String owner = "w" + w;
        fs.add(
            pool.submit(
                () -> {
                  List<Store.DueOutcome> got;
                  while (!(got = store.claimOutcomes(owner, 7, 100, 60_000)).isEmpty()) {
                    for (Store.DueOutcome o : got) {
                      if (!seen.add(o.trackingId())) {
                        synchronized (duplicates) {
                          duplicates.add(o.trackingId());
                        }
                      }
                    }
                  }
                }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(duplicates).isEmpty();
    assertThat(seen).hasSize(200);
  }

  @Test
  void aReportKeptForLaterIsLookedAtUnderALeaseUntilDropped() {
    assertThat(store.anySending()).isFalse();
    enqueue("a", "r", 0);
    store.claim("r", "me", 1, 0, 60_000);
    assertThat(store.anySending()).isTrue();
    byte[] payload = {1, 2, 3};
    assertThat(store.holdReport("k", "m1", 100, 200, payload)).isTrue();
    // the MMSC repeats it: kept once
    assertThat(store.holdReport("k", "m1", 150, 250, payload)).isFalse();
    assertThat(store.claimHeldReports("a", 10, 199, 1_000)).isEmpty();
    assertThat(store.claimHeldReports("a", 10, 200, 1_000))
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.reportKey()).isEqualTo("k");
              assertThat(h.mmscMessageId()).isEqualTo("m1");
              assertThat(h.receivedAt()).isEqualTo(100);
              assertThat(h.attempt()).isEqualTo(1);
              assertThat(h.payload()).isEqualTo(payload);
            });
    assertThat(store.claimHeldReports("b", 10, 500, 1_500)).isEmpty();
    store.retryHeldReport("a", "k", 600);
    assertThat(store.claimHeldReports("b", 10, 600, 1_600))
        .extracting(Store.HeldReport::attempt)
        .containsExactly(2);
    store.dropHeldReport("k");
    assertThat(store.claimHeldReports("b", 10, 10_000, 11_000)).isEmpty();
  }

  @Test
  void thePurgeDeletesMessagesThatEndedBeforeTheCutoffAndTheBodiesOfEveryOneThatEnded()
      throws Exception {
    byte[] big = new byte[40_000];
    new Random(3).nextBytes(big);
    store.enqueue("old", 0, List.of(job("r", "t1")), Map.of("old-0", MmsPart.of("image/png", big)));
    store.enqueue(
        "new", 2_000, List.of(job("r", "t2")), Map.of("new-0", MmsPart.of("image/png", big)));
    store.enqueue(
        "open", 0, List.of(job("q", "t3")), Map.of("open-0", MmsPart.of("image/png", big)));
    sendAll("r", 1_000);
    long oldJob = store.jobs("old").get(0).id();
    store.recordReport(
        "k-old",
        new Store.Event("old", oldJob, 1_500, "DELIVERY_REPORT", 0, null, null, "Retrieved", "x"),
        1_500,
        2_500);
    store.holdReport("held", "unknown-id", 1_500, 1_600, new byte[] {1});
    sendAll("r", 5_000);

    assertThat(store.purge(3_000)).isEqualTo(1);
    assertThat(store.jobs("old")).isEmpty();
    assertThat(store.events("old")).isEmpty();
    assertThat(store.jobs("new")).hasSize(1);
    assertThat(store.claimHeldReports("me", 10, 10_000, 20_000)).isEmpty();
    // bodies go as soon as their message ended; the queued message keeps its body
    assertThatThrownBy(() -> store.openBody("old-0").open().close()).isInstanceOf(Exception.class);
    assertThatThrownBy(() -> store.openBody("new-0").open().close()).isInstanceOf(Exception.class);
    try (var in = store.openBody("open-0").open()) {
      assertThat(in.readAllBytes()).isEqualTo(big);
    }
    // the outcome of the message kept is still to be told; the purged one's is gone
    assertThat(store.claimOutcomes("teller", 10, 10_000, 20_000))
        .extracting(Store.DueOutcome::trackingId)
        .containsExactly("new");

    assertThat(store.purge(10_000)).isEqualTo(1);
    assertThat(store.jobs("new")).isEmpty();
    assertThat(store.jobs("open")).hasSize(1);
    assertThat(store.queueDepth("q")).isEqualTo(1);
  }
}
