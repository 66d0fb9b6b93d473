package org.mmskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.InboundContext;
import org.mmskit.core.MmsClient;
import org.mmskit.core.MmsListener;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.ReadReply;
import org.mmskit.core.ReadStatus;
import org.mmskit.core.SubmitResult;
import org.mmskit.core.Transport;
import org.mmskit.eaif.EaifClient;
import org.mmskit.mm7.Mm7Client;
import org.mmskit.mm7.Mm7Listener;
import org.mmskit.testkit.MmscReply;
import org.mmskit.testkit.MockMmsc;
import org.mmskit.testkit.Submission;

/** The gateway end to end against {@link MockMmsc}, over MM7 and EAIF, on the SQLite store. */
class GatewayTest {
  @TempDir Path dir;
  private final List<AutoCloseable> closeLater = new ArrayList<>();
  private final Map<String, MessageStatus> outcomes = new ConcurrentHashMap<>();
  private final List<String> outcomeOrder = new CopyOnWriteArrayList<>();

  static final RetryPolicy FAST =
      RetryPolicy.builder()
          .initialDelay(Duration.ofMillis(20))
          .maxDelay(Duration.ofMillis(100))
          .jitter(0)
          .maxAttempts(5)
          .build();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closeLater.size() - 1; i >= 0; i--) {
      closeLater.get(i).close();
    }
  }

  <T extends AutoCloseable> T later(T c) {
    closeLater.add(c);
    return c;
  }

  Mm7Client mm7(MockMmsc mmsc) {
    return later(
        Mm7Client.builder()
            .endpoint(mmsc.mm7Uri())
            .vaspId("vasp")
            .defaultSender(Address.shortCode("12345"))
            .responseTimeout(Duration.ofMillis(700))
            .maxConnections(8)
            .build());
  }

  MmsGateway.Builder gateway(String name, MmsClient client) {
    return MmsGateway.builder()
        .store(GatewayStore.sqlite(dir.resolve("q.db")))
        .connection(name, client)
        .retryPolicy(FAST)
        .pollInterval(Duration.ofMillis(50))
        .onOutcome(
            s -> {
              outcomes.put(s.trackingId(), s);
              outcomeOrder.add(s.trackingId());
            });
  }

  static MmsMessage message(String subject, String... to) {
    return MmsMessage.builder().to(to).subject(subject).addPart(MmsPart.text(subject)).build();
  }

  static List<Submission> withSubject(MockMmsc mmsc, String subject) {
    return mmsc.submissions().stream()
        .filter(s -> s.message().flatMap(MmsMessage::subject).orElse("").equals(subject))
        .collect(Collectors.toList());
  }

  void awaitFinal(MmsGateway gw, List<String> ids) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ids.stream().allMatch(id -> gw.status(id).orElseThrow().state().isFinal()));
  }

  MmsClient client(Transport transport, MockMmsc mmsc) {
    if (transport == Transport.MM7) {
      return mm7(mmsc);
    }
    return later(
        EaifClient.builder()
            .endpoint(mmsc.eaifUri())
            .defaultSender(Address.shortCode("12345"))
            .responseTimeout(Duration.ofMillis(700))
            .build());
  }

  /**
   * The same script over MM7 and EAIF. EAIF has no MM7 status: MockMmsc turns 3001 into a transient
   * failure and 4006 and 2002 into permanent ones, so EAIF fails two messages where MM7 fails one.
   */
  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"MM7", "EAIF"})
  void everyScriptedFaultEndsSentOrFailedForAStatedReason(Transport transport) {
    MockMmsc mmsc = later(MockMmsc.start());
    mmsc.enqueue(
        MmscReply.status(4006, "Service unavailable"),
        MmscReply.httpStatus(503),
        MmscReply.dropConnection(),
        MmscReply.status(3001, "Operation restricted"),
        MmscReply.success().delayed(Duration.ofSeconds(2)),
        MmscReply.status(2002, "Address error"));
    MmsGateway gw =
        later(
            gateway("a", client(transport, mmsc))
                .route(Route.builder("all", "a").maxConcurrency(1).build())
                .start());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(gw.submit(message("m" + i, "+1555000" + i)));
    }
    awaitFinal(gw, ids);

    int permanent = transport == Transport.MM7 ? 1 : 2;
    List<MessageStatus> all = ids.stream().map(id -> gw.status(id).orElseThrow()).toList();
    List<MessageStatus> failed =
        all.stream().filter(s -> s.state() == MessageState.FAILED).toList();
    assertThat(failed).hasSize(permanent);
    for (MessageStatus f : failed) {
      Delivery refused = f.deliveries().get(0);
      assertThat(refused.reason()).get().asString().startsWith("refused for good");
      assertThat(refused.attempts()).isEqualTo(1);
      String subject = "m" + ids.indexOf(f.trackingId());
      assertThat(withSubject(mmsc, subject)).as("a permanent refusal is not retried").hasSize(1);
    }
    if (transport == Transport.MM7) {
      assertThat(failed.get(0).deliveries().get(0).reason()).get().asString().contains("2002");
    }

    assertThat(all).filteredOn(s -> s.state() == MessageState.SENT).hasSize(6 - permanent);
    for (MessageStatus s : all) {
      assertThat(s.history())
          .first()
          .extracting(HistoryEntry::kind)
          .isEqualTo(HistoryEntry.Kind.QUEUED);
      if (s.state() == MessageState.SENT) {
        assertThat(s.deliveries().get(0).mmscMessageId()).isPresent();
        assertThat(s.history())
            .last()
            .extracting(HistoryEntry::kind)
            .isEqualTo(HistoryEntry.Kind.ACCEPTED);
      }
    }
    List<String> retryReasons =
        all.stream()
            .flatMap(s -> s.history().stream())
            .filter(h -> h.kind() == HistoryEntry.Kind.RETRY)
            .map(HistoryEntry::detail)
            .toList();
    assertThat(retryReasons).hasSize(5 - (permanent - 1));
    assertThat(retryReasons).anyMatch(r -> r.contains("503"));
    if (transport == Transport.MM7) {
      assertThat(retryReasons).anyMatch(r -> r.contains("4006"));
      assertThat(retryReasons).anyMatch(r -> r.contains("3001"));
    }
    assertThat(retryReasons.stream().filter(r -> r.startsWith("no answer, outcome unknown")))
        .as("the dropped connection and the slow answer")
        .hasSize(2);
    // first attempts and retries; the MMSC saw nothing else
    assertThat(mmsc.submissions()).hasSize(6 + retryReasons.size());
    await().until(() -> outcomes.size() == 6);
    assertThat(outcomes).containsOnlyKeys(ids);
    assertThat(outcomeOrder).hasSize(6);
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"MM7", "EAIF"})
  void aRequestSentAgainAfterAnUnknownOutcomeCarriesTheSameTransactionId(Transport transport) {
    MockMmsc mmsc = later(MockMmsc.start());
    mmsc.enqueue(MmscReply.dropConnection());
    MmsGateway gw =
        later(
            gateway("a", client(transport, mmsc)).route(Route.builder("all", "a").build()).start());
    String id = gw.submit(message("twice", "+15550001"));
    awaitFinal(gw, List.of(id));
    Delivery d = gw.status(id).orElseThrow().deliveries().get(0);
    assertThat(d.state()).isEqualTo(MessageState.SENT);
    assertThat(d.attempts()).isEqualTo(2);
    assertThat(withSubject(mmsc, "twice"))
        .hasSize(2)
        .extracting(s -> s.transactionId().orElseThrow())
        .containsOnly(d.transactionId());
  }

  @Test
  void aMessageThatEndedIsPurgedAfterTheRetentionAndItsStoredBodyAtOnce() throws Exception {
    MockMmsc mmsc = later(MockMmsc.start());
    MmsGateway gw =
        later(
            gateway("a", mm7(mmsc))
                .route(Route.builder("all", "a").build())
                .retention(Duration.ofSeconds(2))
                .start());
    byte[] big = new byte[100_000];
    new java.util.Random(5).nextBytes(big);
    String id =
        gw.submit(
            MmsMessage.builder()
                .to("+15550001")
                .subject("big")
                .addPart(MmsPart.of("image/jpeg", big))
                .build());
    Path bodies = dir.resolve("q.db.bodies");
    try (var files = java.nio.file.Files.list(bodies)) {
      assertThat(files.count()).as("the large part is stored apart").isEqualTo(1);
    }
    awaitFinal(gw, List.of(id));
    assertThat(withSubject(mmsc, "big").get(0).message().orElseThrow().parts().get(0).bytes())
        .isEqualTo(big);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              try (var files = java.nio.file.Files.list(bodies)) {
                return files.count() == 0;
              }
            });
    assertThat(gw.status(id)).as("kept for the retention").isPresent();
    await().atMost(Duration.ofSeconds(10)).until(() -> gw.status(id).isEmpty());
  }

  @Test
  void aMessageExpiredWhileQueuedIsNotSent() {
    MockMmsc mmsc = later(MockMmsc.start());
    MmsGateway gw = later(gateway("a", mm7(mmsc)).route(Route.builder("all", "a").build()).start());
    String id =
        gw.submit(
            message("late", "+15550001").toBuilder()
                .expiry(org.mmskit.core.TimeSpec.at(Instant.now().minusSeconds(5)))
                .build());
    awaitFinal(gw, List.of(id));
    MessageStatus s = gw.status(id).orElseThrow();
    assertThat(s.state()).isEqualTo(MessageState.FAILED);
    assertThat(s.deliveries().get(0).reason()).get().asString().startsWith("expired at");
    assertThat(mmsc.submissions()).isEmpty();
  }

  @Test
  void theMmscDownForAWhileGetsTheMessageWhenBack() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Mm7Client client =
        later(
            Mm7Client.builder()
                .endpoint(java.net.URI.create("http://127.0.0.1:" + port + "/mm7"))
                .vaspId("vasp")
                .build());
    MmsGateway gw = later(gateway("a", client).route(Route.builder("all", "a").build()).start());
    String id = gw.submit(message("down", "+15550001"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                gw.status(id).orElseThrow().history().stream()
                    .anyMatch(h -> h.detail().startsWith("not sent")));
    assertThat(gw.queueDepth("all")).isEqualTo(1);
    MockMmsc mmsc = later(MockMmsc.builder().port(port).start());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> gw.status(id).orElseThrow().state() == MessageState.SENT);
    assertThat(withSubject(mmsc, "down")).hasSize(1);
    assertThat(gw.queueDepth("all")).isZero();
  }

  MmsGateway alwaysBusy(MockMmsc mmsc, int maxAttempts) {
    for (int i = 0; i < 200; i++) {
      mmsc.enqueue(MmscReply.httpStatus(503));
    }
    return later(
        gateway("a", mm7(mmsc))
            .retryPolicy(
                RetryPolicy.builder()
                    .initialDelay(Duration.ofMillis(10))
                    .maxDelay(Duration.ofMillis(40))
                    .maxAttempts(maxAttempts)
                    .build())
            .route(Route.builder("all", "a").build())
            .start());
  }

  @Test
  void retriesStopAtTheAttemptLimit() {
    MockMmsc mmsc = later(MockMmsc.start());
    MmsGateway gw = alwaysBusy(mmsc, 4);
    String id = gw.submit(message("limited", "+15550001"));
    awaitFinal(gw, List.of(id));
    MessageStatus l = gw.status(id).orElseThrow();
    assertThat(l.state()).isEqualTo(MessageState.FAILED);
    assertThat(l.deliveries().get(0).reason())
        .get()
        .asString()
        .startsWith("gave up after 4 attempts");
    assertThat(withSubject(mmsc, "limited")).hasSize(4);
    assertThat(l.history())
        .filteredOn(h -> h.kind() == HistoryEntry.Kind.RETRY)
        .hasSize(3)
        .allMatch(h -> h.detail().contains("503"));
  }

  @Test
  void retriesStopAtTheMessagesExpiry() {
    MockMmsc mmsc = later(MockMmsc.start());
    MmsGateway gw = alwaysBusy(mmsc, 1000);
    String id =
        gw.submit(
            message("expiring", "+15550002").toBuilder()
                .expiry(org.mmskit.core.TimeSpec.at(Instant.now().plusSeconds(2)))
                .build());
    awaitFinal(gw, List.of(id));
    MessageStatus e = gw.status(id).orElseThrow();
    assertThat(e.state()).isEqualTo(MessageState.FAILED);
    assertThat(e.deliveries().get(0).reason()).get().asString().startsWith("expired at");
  }

  @Test
  void aMessageIsSplitAcrossRoutesWithEachRoutesSenderRule() {
    MockMmsc a = later(MockMmsc.start());
    MockMmsc b = later(MockMmsc.start());
    MmsGateway gw =
        later(
            gateway("op-a", mm7(a))
                .connection("op-b", later(EaifClient.builder().endpoint(b.eaifUri()).build()))
                .route(Route.builder("germany", "op-a").prefixes("+49").build())
                .route(
                    Route.builder("rest", "op-b")
                        .defaultSender(Address.shortCode("777"))
                        .allowSenderOverride(false)
                        .build())
                .start());
    String id =
        gw.submit(
            message("split", "+4917012345", "+15550001", "4915199").toBuilder()
                .from(Address.shortCode("55555"))
                .build());
    awaitFinal(gw, List.of(id));
    MessageStatus s = gw.status(id).orElseThrow();
    assertThat(s.state()).isEqualTo(MessageState.SENT);
    assertThat(s.deliveries())
        .extracting(Delivery::route)
        .containsExactlyInAnyOrder("germany", "rest");
    MmsMessage toA = a.takeSubmission().message().orElseThrow();
    assertThat(toA.to()).extracting(Address::value).containsExactly("+4917012345", "4915199");
    assertThat(toA.from()).get().extracting(Address::value).isEqualTo("55555");
    Submission toB = b.takeSubmission();
    assertThat(toB.transport()).isEqualTo(Transport.EAIF);
    assertThat(toB.message().orElseThrow().to())
        .extracting(Address::value)
        .containsExactly("+15550001");
    assertThat(toB.message().orElseThrow().from())
        .get()
        .extracting(Address::value)
        .isEqualTo("777");
    await().until(() -> outcomes.containsKey(id));
    assertThat(outcomes.get(id).state()).isEqualTo(MessageState.SENT);
  }

  @Test
  void aRecipientNoRouteTakesIsRefusedAtSubmit() {
    MockMmsc mmsc = later(MockMmsc.start());
    MmsGateway gw =
        later(
            gateway("a", mm7(mmsc))
                .route(Route.builder("de", "a").prefixes("+49").build())
                .start());
    assertThatThrownBy(() -> gw.submit(message("x", "+15550001")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no route takes recipient +15550001");
  }

  @Test
  void aQueuedMessageCanBeCancelled() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Mm7Client client =
        later(
            Mm7Client.builder()
                .endpoint(java.net.URI.create("http://127.0.0.1:" + port + "/mm7"))
                .vaspId("vasp")
                .build());
    MmsGateway gw =
        later(
            gateway("a", client)
                .retryPolicy(RetryPolicy.builder().initialDelay(Duration.ofMinutes(5)).build())
                .route(Route.builder("all", "a").build())
                .start());
    String id = gw.submit(message("cancel me", "+15550001"));
    await()
        .until(
            () ->
                gw.status(id).orElseThrow().deliveries().get(0).attempts() == 1
                    && gw.status(id).orElseThrow().state() == MessageState.QUEUED);
    assertThat(gw.cancel(id)).isTrue();
    assertThat(gw.cancel(id)).isFalse();
    MessageStatus s = gw.status(id).orElseThrow();
    assertThat(s.state()).isEqualTo(MessageState.CANCELLED);
    assertThat(s.history())
        .last()
        .extracting(HistoryEntry::kind)
        .isEqualTo(HistoryEntry.Kind.CANCELLED);
    await().until(() -> outcomes.containsKey(id));
    assertThat(outcomes.get(id).state()).isEqualTo(MessageState.CANCELLED);
    assertThat(gw.queueDepth("all")).isZero();
    assertThat(gw.status("no-such-id")).isEmpty();
  }

  @Test
  void anOutcomeTheListenerThrowsOnIsToldAgainAndOneNotToldBeforeCloseAfterRestart() {
    MockMmsc mmsc = later(MockMmsc.start());
    Mm7Client client = mm7(mmsc);
    List<String> told = new CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicInteger throwing =
        new java.util.concurrent.atomic.AtomicInteger(2);
    MmsGateway gw =
        gateway("a", client)
            .route(Route.builder("all", "a").build())
            .onOutcome(
                s -> {
                  told.add(s.trackingId() + " " + s.state());
                  if (throwing.getAndDecrement() > 0) {
                    throw new IllegalStateException("the application's webhook is down");
                  }
                })
            .start();
    String first = gw.submit(message("told after two failures", "+15550001"));
    await().until(() -> told.size() == 3);
    assertThat(told).containsOnly(first + " SENT");

    // the application cannot take outcomes at all now: the next one waits in the store
    throwing.set(Integer.MAX_VALUE);
    String second = gw.submit(message("told after the restart", "+15550002"));
    await().until(() -> told.contains(second + " SENT"));
    gw.close();

    List<String> afterRestart = new CopyOnWriteArrayList<>();
    MmsGateway again =
        later(
            gateway("a", client)
                .route(Route.builder("all", "a").build())
                .onOutcome(s -> afterRestart.add(s.trackingId() + " " + s.state()))
                .start());
    await().until(() -> afterRestart.contains(second + " SENT"));
    assertThat(afterRestart).containsExactly(second + " SENT");
    assertThat(again.status(first).orElseThrow().state()).isEqualTo(MessageState.SENT);
  }

  @Test
  void reportsAreMatchedStoredAndHandedOverOnce() {
    MockMmsc mmsc = later(MockMmsc.start());
    List<String> handed = new CopyOnWriteArrayList<>();
    List<DeliveryReport> unmatched = new CopyOnWriteArrayList<>();
    MmsGateway gw =
        later(
            gateway("a", mm7(mmsc))
                .route(Route.builder("all", "a").build())
                .reportListener(
                    new ReportListener() {
                      @Override
                      public Acknowledgement onDeliveryReport(
                          String trackingId, Optional<String> recipient, DeliveryReport r) {
                        handed.add(trackingId + " " + recipient.orElse("?") + " " + r.status());
                        return Acknowledgement.ok();
                      }

                      @Override
                      public Acknowledgement onReadReply(
                          String trackingId, Optional<String> recipient, ReadReply r) {
                        handed.add(trackingId + " " + recipient.orElse("?") + " " + r.status());
                        return Acknowledgement.ok();
                      }
                    })
                .listener(
                    new MmsListener() {
                      @Override
                      public Acknowledgement onDeliveryReport(DeliveryReport r) {
                        unmatched.add(r);
                        return Acknowledgement.ok();
                      }
                    })
                .start());
    Mm7Listener vasp = later(Mm7Listener.builder().listener(gw.listener()).start());
    String id = gw.submit(message("report", "+15550001", "+15550002"));
    awaitFinal(gw, List.of(id));
    Submission sent = mmsc.takeSubmission();

    Address second = Address.phone("+15550002");
    assertThat(
            mmsc.sendDeliveryReport(vasp.uri(), sent, second, DeliveryStatus.RETRIEVED).toString())
        .isNotNull();
    // the MMSC lost our acknowledgement and sends the same report again
    mmsc.sendDeliveryReport(vasp.uri(), sent, second, DeliveryStatus.RETRIEVED);
    assertThat(handed).containsExactly(id + " +15550002 RETRIEVED");

    // Mbuni's way: Sender and Recipient the other way round
    String mmscId = gw.status(id).orElseThrow().deliveries().get(0).mmscMessageId().orElseThrow();
    DeliveryReport swapped =
        new DeliveryReport(
            mmscId,
            Optional.of(Address.shortCode("12345")),
            Optional.of(Address.phone("+15550001")),
            Optional.empty(),
            DeliveryStatus.REJECTED,
            "Rejected",
            Optional.empty(),
            context());
    assertThat(gw.listener().onDeliveryReport(swapped).isSuccess()).isTrue();
    assertThat(handed).contains(id + " +15550001 REJECTED");

    ReadReply read =
        new ReadReply(
            mmscId,
            Optional.of(Address.phone("+15550002")),
            Optional.of(Address.shortCode("12345")),
            Optional.empty(),
            ReadStatus.READ,
            "Read",
            Optional.empty(),
            context());
    gw.listener().onReadReply(read);
    gw.listener().onReadReply(read);
    assertThat(handed).hasSize(3).contains(id + " +15550002 READ");

    DeliveryReport stranger =
        new DeliveryReport(
            "not-ours",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            DeliveryStatus.RETRIEVED,
            "Retrieved",
            Optional.empty(),
            context());
    gw.listener().onDeliveryReport(stranger);
    assertThat(unmatched).containsExactly(stranger);

    List<HistoryEntry> reports =
        gw.status(id).orElseThrow().history().stream()
            .filter(
                h ->
                    h.kind() == HistoryEntry.Kind.DELIVERY_REPORT
                        || h.kind() == HistoryEntry.Kind.READ_REPLY)
            .toList();
    assertThat(reports)
        .extracting(h -> h.recipient().orElseThrow())
        .containsExactly("+15550002", "+15550001", "+15550002");
  }

  /** An MMSC whose delivery reports come while its answer to the submit is still on the way. */
  static final class Overtaking implements MmsClient {
    final MmsClient inner;
    final List<Acknowledgement> answers = new CopyOnWriteArrayList<>();
    volatile MmsListener listener;

    Overtaking(MmsClient inner) {
      this.inner = inner;
    }

    DeliveryReport report(String messageId) {
      return new DeliveryReport(
          messageId,
          Optional.of(Address.phone("+15550001")),
          Optional.of(Address.shortCode("12345")),
          Optional.empty(),
          DeliveryStatus.RETRIEVED,
          "Retrieved",
          Optional.empty(),
          context());
    }

    @Override
    public SubmitResult submit(MmsMessage message) {
      SubmitResult r = inner.submit(message);
      answers.add(listener.onDeliveryReport(report(r.messageId())));
      answers.add(listener.onDeliveryReport(report(r.messageId()))); // lost ack: sent again
      answers.add(listener.onDeliveryReport(report("nobody-sent-" + r.messageId())));
      return r;
    }

    @Override
    public java.util.concurrent.CompletableFuture<SubmitResult> submitAsync(MmsMessage message) {
      return java.util.concurrent.CompletableFuture.supplyAsync(() -> submit(message));
    }

    @Override
    public Transport transport() {
      return inner.transport();
    }

    @Override
    public void close() {}
  }

  @Test
  void aReportOvertakingTheSubmitsResultIsKeptAndMatchedOnceTheResultIsStored() {
    MockMmsc mmsc = later(MockMmsc.start());
    Overtaking client = new Overtaking(mm7(mmsc));
    List<String> handed = new CopyOnWriteArrayList<>();
    List<DeliveryReport> strangers = new CopyOnWriteArrayList<>();
    MmsGateway gw =
        later(
            gateway("a", client)
                .route(Route.builder("all", "a").build())
                .leaseDuration(Duration.ofMillis(900))
                .reportListener(
                    new ReportListener() {
                      @Override
                      public Acknowledgement onDeliveryReport(
                          String trackingId, Optional<String> recipient, DeliveryReport r) {
                        handed.add(trackingId + " " + recipient.orElse("?") + " " + r.status());
                        return Acknowledgement.ok();
                      }
                    })
                .listener(
                    new MmsListener() {
                      @Override
                      public Acknowledgement onDeliveryReport(DeliveryReport r) {
                        strangers.add(r);
                        return Acknowledgement.ok();
                      }
                    })
                .start());
    client.listener = gw.listener();
    String id = gw.submit(message("overtaken", "+15550001"));
    await().until(() -> handed.size() == 1 && strangers.size() == 1);
    assertThat(handed).containsExactly(id + " +15550001 RETRIEVED");
    assertThat(client.answers).hasSize(3).allMatch(Acknowledgement::isSuccess);
    // the report about a message the gateway did not send reached the application after the grace
    assertThat(strangers.get(0).messageId()).startsWith("nobody-sent-");
    assertThat(gw.status(id).orElseThrow().history())
        .filteredOn(h -> h.kind() == HistoryEntry.Kind.DELIVERY_REPORT)
        .hasSize(1);
    // and when nothing is being sent, a stranger goes straight to the application
    DeliveryReport late = client.report("nobody-sent-either");
    assertThat(gw.listener().onDeliveryReport(late).isSuccess()).isTrue();
    assertThat(strangers).hasSize(2);
  }

  @Test
  void aReportTheApplicationRefusesIsHandedOverAgainWhenRepeated() {
    MockMmsc mmsc = later(MockMmsc.start());
    List<String> calls = new CopyOnWriteArrayList<>();
    MmsGateway gw =
        later(
            gateway("a", mm7(mmsc))
                .route(Route.builder("all", "a").build())
                .reportListener(
                    new ReportListener() {
                      @Override
                      public Acknowledgement onDeliveryReport(
                          String trackingId, Optional<String> recipient, DeliveryReport r) {
                        calls.add(trackingId);
                        return calls.size() == 1
                            ? Acknowledgement.notHandled()
                            : Acknowledgement.ok();
                      }
                    })
                .start());
    String id = gw.submit(message("again", "+15550001"));
    awaitFinal(gw, List.of(id));
    String mmscId = gw.status(id).orElseThrow().deliveries().get(0).mmscMessageId().orElseThrow();
    DeliveryReport r =
        new DeliveryReport(
            mmscId,
            Optional.of(Address.phone("+15550001")),
            Optional.empty(),
            Optional.empty(),
            DeliveryStatus.RETRIEVED,
            "Retrieved",
            Optional.empty(),
            context());
    assertThat(gw.listener().onDeliveryReport(r).isSuccess()).isFalse();
    assertThat(gw.listener().onDeliveryReport(r).isSuccess()).isTrue();
    assertThat(gw.listener().onDeliveryReport(r).isSuccess()).isTrue();
    assertThat(calls).hasSize(2);
  }

  @Test
  void aRouteLimitedTo50PerSecondCarriesAtMost50InAnyOneSecondWindow() {
    MockMmsc mmsc = later(MockMmsc.start());
    MmsGateway gw =
        later(
            gateway("a", mm7(mmsc))
                .route(Route.builder("slow", "a").messagesPerSecond(50).maxConcurrency(8).build())
                .start());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 130; i++) {
      ids.add(gw.submit(message("t" + i, "+1555" + i)));
    }
    awaitFinal(gw, ids);
    List<Long> attempts =
        ids.stream()
            .flatMap(id -> gw.status(id).orElseThrow().history().stream())
            .filter(h -> h.kind() == HistoryEntry.Kind.ACCEPTED)
            .map(h -> h.at().toEpochMilli())
            .toList();
    assertThat(attempts).hasSize(130);
    assertThat(Throttle.busiestWindow(attempts)).isLessThanOrEqualTo(50);
    assertThat(
            attempts.stream().mapToLong(Long::longValue).max().getAsLong()
                - attempts.stream().mapToLong(Long::longValue).min().getAsLong())
        .as("the 101st permit comes two seconds after the first")
        .isGreaterThanOrEqualTo(2_000);
  }

  static InboundContext context() {
    return new InboundContext(
        Transport.MM7,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Instant.now(),
        List.of());
  }
}
