package org.mmskit.gateway.daemon.internal.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.InboundContext;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsClient;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.MmscRejectedException;
import org.mmskit.core.Transport;
import org.mmskit.gateway.Delivery;
import org.mmskit.gateway.HistoryEntry;
import org.mmskit.gateway.MessageState;
import org.mmskit.gateway.MessageStatus;
import org.mmskit.mm7.Mm7Client;
import org.mmskit.testkit.MmscReply;
import org.mmskit.testkit.MockMmsc;

class ActivityTest {
  static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

  static MmsMessage message(String to) {
    return MmsMessage.builder().to(to).subject("s").addPart(MmsPart.text("x")).build();
  }

  static HistoryEntry line(HistoryEntry.Kind kind, Instant at) {
    return new HistoryEntry(
        at, kind, "r", Optional.of("c"), 1, OptionalInt.empty(), "", Optional.empty());
  }

  static MessageStatus status(String id, MessageState state, HistoryEntry... history) {
    Delivery d =
        new Delivery("r", "c", state, 1, Optional.of("mmsc-" + id), "txn-" + id, Optional.empty());
    return new MessageStatus(id, state, List.of(d), List.of(history));
  }

  static InboundContext context() {
    return new InboundContext(
        Transport.EAIF,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        T0,
        List.of());
  }

  static DeliveryReport report(String messageId) {
    return new DeliveryReport(
        messageId,
        Optional.of(Address.phone("+15550001")),
        Optional.empty(),
        Optional.empty(),
        DeliveryStatus.RETRIEVED,
        "Retrieved",
        Optional.empty(),
        context());
  }

  static IncomingMessage incoming(String subject) {
    return new IncomingMessage(
        MmsMessage.builder()
            .from(Address.phone("+15559999"))
            .to(Address.shortCode("12345"))
            .subject(subject)
            .addPart(MmsPart.text("hi"))
            .build(),
        context());
  }

  @Test
  void keepsTheLastEntriesOfEachListNewestFirstAndCountsThemAll() {
    Activity a = Activity.create(List.of(), List.of());
    int n = Activity.KEEP + 20;
    for (int i = 0; i < n; i++) {
      a.error("where", "error " + i);
      a.deliveryReport(Optional.empty(), Optional.empty(), report("m" + i));
      a.incoming(incoming("subject " + i));
      a.submitted("t" + i, message("+1555000" + i));
    }
    Snapshot s = a.snapshot();
    assertThat(s.errors()).hasSize(Activity.KEEP);
    assertThat(s.errors().get(0).what()).isEqualTo("error " + (n - 1));
    assertThat(s.errors().get(Activity.KEEP - 1).what()).isEqualTo("error " + (n - Activity.KEEP));
    assertThat(s.reports()).hasSize(Activity.KEEP);
    assertThat(s.reports().get(0).mmscMessageId()).isEqualTo("m" + (n - 1));
    assertThat(s.incoming()).hasSize(Activity.KEEP);
    assertThat(s.incoming().get(0).subject()).hasValue("subject " + (n - 1));
    assertThat(s.messages()).hasSize(Activity.KEEP);
    assertThat(s.messages().get(0).trackingId()).isEqualTo("t" + (n - 1));
    assertThat(s.counts().errors()).isEqualTo(n);
    assertThat(s.counts().submitted()).isEqualTo(n);
    assertThat(s.counts().incoming()).isEqualTo(n);
    assertThat(s.counts().reports()).containsEntry(Snapshot.ReportKind.DELIVERY_REPORT, (long) n);
  }

  @Test
  void textsFromPeersAreCut() {
    Activity a = Activity.create(List.of("c"), List.of());
    String huge = "x".repeat(100_000);
    a.error(huge, huge);
    a.connectionResult("c", false, huge);
    a.incoming(incoming(huge));
    Snapshot s = a.snapshot();
    assertThat(s.errors().get(0).what()).hasSize(Activity.MAX_TEXT + 1).endsWith("…");
    assertThat(s.errors().get(0).where()).hasSize(Activity.MAX_TEXT + 1);
    assertThat(s.connections().get(0).last().orElseThrow().detail()).hasSize(Activity.MAX_TEXT + 1);
    assertThat(s.incoming().get(0).subject().orElseThrow()).hasSize(Activity.MAX_TEXT + 1);
  }

  @Test
  void aMessageKeepsItsFirstRecipientsAndSaysHowManyMore() {
    Activity a = Activity.create(List.of(), List.of());
    MmsMessage.Builder b = MmsMessage.builder().subject("s").addPart(MmsPart.text("x"));
    int n = Activity.RECIPIENTS + 15;
    for (int i = 0; i < n; i++) {
      b.to(Address.phone("+1555100" + String.format("%04d", i)));
    }
    a.submitted("t", b.build());
    List<String> kept = a.snapshot().messages().get(0).recipients();
    assertThat(kept).hasSize(Activity.RECIPIENTS + 1);
    assertThat(kept.get(0)).isEqualTo("+15551000000");
    assertThat(kept.get(Activity.RECIPIENTS)).isEqualTo("(15 more)");
  }

  @Test
  void connectionsAreListedBeforeUseAndInConfigurationOrder() {
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    Activity a = Activity.create(List.of("b", "a"), List.of("r"), clock);
    a.connectionResult("a", true, "accepted");
    a.connectionResult("a", false, "refused");
    a.connectionResult("unlisted", true, "");
    List<Snapshot.Connection> c = a.snapshot().connections();
    assertThat(c).extracting(Snapshot.Connection::name).containsExactly("b", "a", "unlisted");
    assertThat(c.get(0).last()).isEmpty();
    assertThat(c.get(1).last()).hasValue(new Snapshot.Result(T0, false, "refused"));
    assertThat(c.get(1).ok()).isEqualTo(1);
    assertThat(c.get(1).failed()).isEqualTo(1);
  }

  @Test
  void latencyRunsFromQueuedToTheLastFinalLine() {
    MessageStatus s =
        status(
            "a",
            MessageState.SENT,
            line(HistoryEntry.Kind.QUEUED, T0),
            line(HistoryEntry.Kind.RETRY, T0.plusSeconds(3)),
            line(HistoryEntry.Kind.ACCEPTED, T0.plusSeconds(65)),
            line(HistoryEntry.Kind.DELIVERY_REPORT, T0.plusSeconds(900)));
    assertThat(Activity.latency(s)).hasValue(Duration.ofSeconds(65));
    assertThat(
            Activity.latency(status("b", MessageState.SENT, line(HistoryEntry.Kind.ACCEPTED, T0))))
        .isEmpty();
  }

  @Test
  void anOutcomeToldBeforeItsSubmitWasRecordedKeepsItsState() {
    Activity a = Activity.create(List.of(), List.of());
    a.outcome(
        status(
            "t",
            MessageState.SENT,
            line(HistoryEntry.Kind.QUEUED, T0),
            line(HistoryEntry.Kind.ACCEPTED, T0.plusSeconds(1))));
    a.submitted("t", message("+15550001"));
    Snapshot.Message m = a.snapshot().messages().get(0);
    assertThat(m.state()).isEqualTo(MessageState.SENT);
    assertThat(m.recipients()).containsExactly("+15550001");
    assertThat(m.submittedAt()).isEqualTo(T0);
    assertThat(m.detail()).isEqualTo("mmsc-t");
    assertThat(a.snapshot().messages()).hasSize(1);
  }

  /** Threads recording at once lose nothing from the totals and keep every list bounded. */
  @ParameterizedTest
  @ValueSource(longs = {1, 42, 20261206})
  void concurrentRecordingKeepsExactTotals(long seed) throws Exception {
    Activity a = Activity.create(List.of("c0", "c1"), List.of("r"));
    int threads = 4;
    int each = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<long[]>> jobs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Random random = new Random(seed * 31 + t);
        int thread = t;
        jobs.add(
            () -> {
              long[] done = new long[5]; // submitted, sent, ok, failed, errors
              for (int i = 0; i < each; i++) {
                String id = "t" + thread + "-" + i;
                switch (random.nextInt(4)) {
                  case 0 -> {
                    a.submitted(id, message("+15550001"));
                    done[0]++;
                  }
                  case 1 -> {
                    a.outcome(status(id, MessageState.SENT, line(HistoryEntry.Kind.QUEUED, T0)));
                    done[1]++;
                  }
                  case 2 -> {
                    boolean ok = random.nextBoolean();
                    a.connectionResult("c" + random.nextInt(2), ok, "");
                    done[ok ? 2 : 3]++;
                  }
                  default -> {
                    a.error("w", "e");
                    done[4]++;
                  }
                }
              }
              return done;
            });
      }
      long[] total = new long[5];
      for (Future<long[]> f : pool.invokeAll(jobs)) {
        long[] d = f.get();
        IntStream.range(0, 5).forEach(i -> total[i] += d[i]);
      }
      Snapshot s = a.snapshot();
      assertThat(s.counts().submitted()).isEqualTo(total[0]);
      assertThat(s.counts().outcomes()).containsEntry(MessageState.SENT, total[1]);
      assertThat(s.connections().stream().mapToLong(Snapshot.Connection::ok).sum())
          .isEqualTo(total[2]);
      assertThat(s.connections().stream().mapToLong(Snapshot.Connection::failed).sum())
          .isEqualTo(total[3]);
      assertThat(s.counts().errors()).isEqualTo(total[4]);
      assertThat(s.messages()).hasSizeLessThanOrEqualTo(Activity.KEEP);
      assertThat(s.errors()).hasSizeLessThanOrEqualTo(Activity.KEEP);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anObservedClientRecordsEachSubmitSyncAndAsync() throws Exception {
    Activity a = Activity.create(List.of("m"), List.of());
    try (MockMmsc mmsc = MockMmsc.start();
        Mm7Client raw =
            Mm7Client.builder()
                .endpoint(mmsc.mm7Uri())
                .vaspId("vasp")
                .defaultSender(Address.shortCode("12345"))
                .build()) {
      MmsClient c = a.observe("m", raw);
      assertThat(c.transport()).isEqualTo(Transport.MM7);
      mmsc.enqueue(MmscReply.success(), MmscReply.status(4006, "Busy"), MmscReply.success());
      c.submit(message("+15550001"));
      assertThat(a.snapshot().connections().get(0).last().orElseThrow().ok()).isTrue();
      assertThatThrownBy(() -> c.submit(message("+15550001")))
          .isInstanceOf(MmscRejectedException.class);
      Snapshot.Result failed = a.snapshot().connections().get(0).last().orElseThrow();
      assertThat(failed.ok()).isFalse();
      assertThat(failed.detail()).contains("4006");
      c.submitAsync(message("+15550001")).get();
      Snapshot.Connection m = a.snapshot().connections().get(0);
      assertThat(m.last().orElseThrow().ok()).isTrue();
      assertThat(m.ok()).isEqualTo(2);
      assertThat(m.failed()).isEqualTo(1);
    }
  }
}
