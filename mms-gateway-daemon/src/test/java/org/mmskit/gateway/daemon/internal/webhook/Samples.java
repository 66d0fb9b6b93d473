package org.mmskit.gateway.daemon.internal.webhook;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.DeliveryStatus;
import org.mmskit.core.InboundContext;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.core.Transport;
import org.mmskit.gateway.Delivery;
import org.mmskit.gateway.HistoryEntry;
import org.mmskit.gateway.MessageState;
import org.mmskit.gateway.MessageStatus;

/** Events and settings the tests store. */
final class Samples {
  static final int INLINE_MAX = 1000;
  static final Duration RETENTION = Duration.ofHours(1);
  static final Instant RECEIVED = Instant.parse("2026-12-06T20:00:00Z");

  private Samples() {}

  static WebhookSettings settings(URI publicBase, URI... targets) {
    return new WebhookSettings(
        List.of(targets).stream()
            .map(
                u ->
                    new WebhookSettings.Target(
                        u, Receiver.SECRET, EnumSet.allOf(WebhookSettings.Event.class)))
            .toList(),
        INLINE_MAX,
        RETENTION,
        Duration.ofMillis(20),
        Duration.ofMillis(200),
        publicBase,
        Duration.ofSeconds(2));
  }

  static InboundContext context() {
    return new InboundContext(
        Transport.MM7,
        Optional.of("mmsc"),
        Optional.empty(),
        Optional.of("tx-1"),
        Optional.of("6.8.0"),
        RECEIVED,
        List.of());
  }

  /** A seeded body of {@code size} bytes. */
  static byte[] bytes(long seed, int size) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  static IncomingMessage message(String id, byte[]... bodies) {
    MmsMessage.Builder m =
        MmsMessage.builder()
            .messageId(id)
            .from(Address.phone("+4915112345678"))
            .to(Address.shortCode("12345"))
            .subject("Hello " + id)
            .addPart(MmsPart.text("hi there"));
    for (int i = 0; i < bodies.length; i++) {
      m.addPart(
          MmsPart.builder()
              .contentType("image/jpeg")
              .contentId("<img" + i + ">")
              .contentLocation("img" + i + ".jpg")
              .body(bodies[i])
              .build());
    }
    return new IncomingMessage(m.build(), context());
  }

  static DeliveryReport report(String mmscId) {
    return new DeliveryReport(
        mmscId,
        Optional.of(Address.phone("+4915112345678")),
        Optional.of(Address.shortCode("12345")),
        Optional.of(RECEIVED.minusSeconds(5)),
        DeliveryStatus.RETRIEVED,
        "Retrieved",
        Optional.empty(),
        context());
  }

  static MessageStatus outcome(String trackingId) {
    return new MessageStatus(
        trackingId,
        MessageState.SENT,
        List.of(
            new Delivery(
                "default",
                "operator-a",
                MessageState.SENT,
                2,
                Optional.of("mmsc-42"),
                "txn-1",
                Optional.empty())),
        List.of(
            new HistoryEntry(
                RECEIVED,
                HistoryEntry.Kind.RETRY,
                "default",
                Optional.of("operator-a"),
                1,
                OptionalInt.of(4006),
                "service unavailable",
                Optional.empty()),
            new HistoryEntry(
                RECEIVED.plusSeconds(30),
                HistoryEntry.Kind.ACCEPTED,
                "default",
                Optional.of("operator-a"),
                2,
                OptionalInt.of(1000),
                "accepted",
                Optional.empty())));
  }
}
