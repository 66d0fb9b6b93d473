package org.mmskit.gateway.daemon.internal.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsListener;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.ReadReply;
import org.mmskit.core.Transport;
import org.mmskit.gateway.GatewayStore;
import org.mmskit.gateway.HistoryEntry;
import org.mmskit.gateway.MmsGateway;
import org.mmskit.gateway.ReportListener;
import org.mmskit.gateway.RetryPolicy;
import org.mmskit.gateway.Route;
import org.mmskit.gateway.daemon.internal.webhook.TargetStatus;
import org.mmskit.gateway.daemon.internal.webhook.WebhookSettings;
import org.mmskit.gateway.daemon.internal.webhook.WebhookSettings.Event;
import org.mmskit.gateway.daemon.internal.webhook.Webhooks;
import org.mmskit.mm7.Mm7Client;
import org.mmskit.mm7.Mm7Listener;
import org.mmskit.server.InboundResponse;
import org.mmskit.server.MmsServer;
import org.mmskit.testkit.MmscReply;
import org.mmskit.testkit.MockMmsc;
import org.mmskit.testkit.Submission;

/**
 * A small real gateway wired to an {@link Activity} the way the daemon wires it: route {@code fast}
 * (the default) over connection {@code mmsc-a} to a {@link MockMmsc}, route {@code blocked}
 * (recipients {@code +49…}) over {@code mmsc-down}, a port nobody listens on, whose messages wait
 * for a retry an hour away; reports and incoming messages through an {@link Mm7Listener}; the
 * status page and the metrics on an {@link MmsServer} on 127.0.0.1.
 */
final class StatusFixture implements AutoCloseable {
  /** Text that would run script or add elements if the page printed it unescaped. */
  static final String HOSTILE =
      "<script>document.title='pwned'</script>"
          + "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">&amp; \"quoted\"";

  final MockMmsc mmsc;
  final Activity activity =
      Activity.create(List.of("mmsc-a", "mmsc-down"), List.of("fast", "blocked"));
  final MmsServer receiver;
  final URI deadTarget;
  final Webhooks webhooks;
  final MmsGateway gateway;
  final GatewayMetrics metrics;
  final Mm7Listener vasp;
  final MmsServer server;
  private final List<AutoCloseable> closeLater = new ArrayList<>();

  StatusFixture(Path dir) throws IOException {
    mmsc = later(MockMmsc.start());
    receiver =
        later(
            MmsServer.builder()
                .bindAddress("127.0.0.1")
                .port(0)
                .route(org.mmskit.server.Route.open("/hook", r -> InboundResponse.noContent()))
                .build()
                .start());
    deadTarget = URI.create("http://127.0.0.1:" + unusedPort() + "/hook");
    webhooks =
        later(
            Webhooks.sqlite(
                dir.resolve("webhooks.db"),
                new WebhookSettings(
                    List.of(
                        new WebhookSettings.Target(
                            receiver.uri().resolve("/hook"), "s1", EnumSet.allOf(Event.class)),
                        new WebhookSettings.Target(deadTarget, "s2", EnumSet.allOf(Event.class))),
                    64 * 1024,
                    Duration.ofHours(1),
                    Duration.ofHours(1),
                    Duration.ofHours(1),
                    URI.create("http://127.0.0.1/"))));
    webhooks.onAttempt(activity::webhookResult);
    webhooks.start();
    Mm7Client a =
        later(
            Mm7Client.builder()
                .endpoint(mmsc.mm7Uri())
                .vaspId("vasp")
                .defaultSender(Address.shortCode("12345"))
                .responseTimeout(Duration.ofSeconds(5))
                .build());
    Mm7Client down =
        later(
            Mm7Client.builder()
                .endpoint(URI.create("http://127.0.0.1:" + unusedPort() + "/mm7"))
                .vaspId("vasp")
                .defaultSender(Address.shortCode("12345"))
                .connectTimeout(Duration.ofSeconds(2))
                .build());
    gateway =
        later(
            MmsGateway.builder()
                .store(GatewayStore.sqlite(dir.resolve("outbox.db")))
                .connection("mmsc-a", activity.observe("mmsc-a", a))
                .connection("mmsc-down", activity.observe("mmsc-down", down))
                .route(Route.builder("fast", "mmsc-a").build())
                .route(Route.builder("blocked", "mmsc-down").prefixes("+49").build())
                .retryPolicy(
                    RetryPolicy.builder()
                        .initialDelay(Duration.ofHours(1))
                        .maxDelay(Duration.ofHours(1))
                        .jitter(0)
                        .build())
                .pollInterval(Duration.ofMillis(50))
                .onOutcome(
                    status -> {
                      webhooks.outcome(status);
                      activity.outcome(status);
                    })
                .reportListener(reports())
                .listener(incoming())
                .start());
    metrics = GatewayMetrics.create(activity, gateway, webhooks::pending);
    vasp =
        later(
            Mm7Listener.builder()
                .bindAddress("127.0.0.1")
                .port(0)
                .listener(gateway.listener())
                .start());
    server =
        later(
            MmsServer.builder()
                .bindAddress("127.0.0.1")
                .port(0)
                .route(
                    org.mmskit.server.Route.open(
                        "/", StatusPage.handler(activity, gateway, webhooks::targets)))
                .route(org.mmskit.server.Route.open("/metrics", metrics.handler()))
                .build()
                .start());
  }

  private ReportListener reports() {
    return new ReportListener() {
      @Override
      public Acknowledgement onDeliveryReport(
          String trackingId, Optional<String> recipient, DeliveryReport report) {
        webhooks.deliveryReport(Optional.of(trackingId), recipient, report);
        activity.deliveryReport(Optional.of(trackingId), recipient, report);
        return Acknowledgement.ok();
      }

      @Override
      public Acknowledgement onReadReply(
          String trackingId, Optional<String> recipient, ReadReply reply) {
        webhooks.readReply(Optional.of(trackingId), recipient, reply);
        activity.readReply(Optional.of(trackingId), recipient, reply);
        return Acknowledgement.ok();
      }
    };
  }

  private MmsListener incoming() {
    return new MmsListener() {
      @Override
      public Acknowledgement onMessage(IncomingMessage message) {
        webhooks.message(message);
        activity.incoming(message);
        return Acknowledgement.ok();
      }
    };
  }

  /** What {@link #fill} did, for the tests to look for. */
  record Filled(String sent, String failed, List<String> queued, String cancelled) {}

  /**
   * One message sent and reported retrieved, one refused for good (2002), three waiting on the dead
   * connection of which one is cancelled, an incoming message with a hostile subject and a hostile
   * error; each outcome, report and message delivered to the live webhook receiver and waiting for
   * the dead one.
   */
  Filled fill() {
    mmsc.enqueue(MmscReply.success(), MmscReply.status(2002, "Address <error>"));
    String sent = submit("+15550001", "hello");
    awaitFinal(sent);
    String failed = submit("+15550002", "refused");
    awaitFinal(failed);
    List<String> queued = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      queued.add(submit("+4915550000" + i, "waits " + i));
    }
    // Each tried once and back in the queue, its retry an hour away: cancel finds it queued.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                queued.stream()
                    .allMatch(
                        id ->
                            gateway.status(id).orElseThrow().history().stream()
                                .anyMatch(h -> h.kind() == HistoryEntry.Kind.RETRY)));
    assertThat(gateway.queueDepth("blocked")).isEqualTo(3);
    String cancelled = queued.remove(2);
    assertThat(gateway.cancel(cancelled)).isTrue();
    awaitFinal(cancelled);

    Submission s = mmsc.takeSubmission();
    assertThat(
            mmsc.sendDeliveryReport(
                    vasp.uri(), s, Address.phone("+15550001"), DeliveryStatus.RETRIEVED)
                .isSuccess())
        .isTrue();
    MmsMessage mo =
        MmsMessage.builder()
            .from(Address.phone("+15559999"))
            .to(Address.shortCode("12345"))
            .subject(HOSTILE)
            .addPart(MmsPart.text("hi"))
            .build();
    assertThat(mmsc.deliver(vasp.uri(), Transport.MM7, mo).isSuccess()).isTrue();
    activity.error("webhook " + HOSTILE, HOSTILE);
    // Five events (three outcomes, a report, a message): the live receiver takes them all, the
    // dead one keeps them after one refused attempt each.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              List<TargetStatus> t = webhooks.targets();
              return t.get(0).pending() == 0
                  && t.get(0).lastDeliveredAt().isPresent()
                  && t.get(1).pending() == 5
                  && t.get(1).attempts() == 1;
            });
    return new Filled(sent, failed, List.copyOf(queued), cancelled);
  }

  String submit(String to, String subject) {
    MmsMessage m =
        MmsMessage.builder().to(to).subject(subject).addPart(MmsPart.text(subject)).build();
    String id = gateway.submit(m);
    activity.submitted(id, m);
    return id;
  }

  void awaitFinal(String id) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                activity.snapshot().messages().stream()
                    .anyMatch(m -> m.trackingId().equals(id) && m.state().isFinal()));
  }

  URI uri(String path) {
    return server.uri().resolve(path);
  }

  private <T extends AutoCloseable> T later(T c) {
    closeLater.add(c);
    return c;
  }

  private static int unusedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * Closes everything, last started first; the first failure is thrown with the rest suppressed.
   */
  @Override
  public void close() {
    IllegalStateException failure = null;
    for (int i = closeLater.size() - 1; i >= 0; i--) {
      try {
        closeLater.get(i).close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("closing " + closeLater.get(i), e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
