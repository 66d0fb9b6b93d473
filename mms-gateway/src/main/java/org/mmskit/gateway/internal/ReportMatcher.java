package org.mmskit.gateway.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.Address;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsListener;
import org.mmskit.core.ReadReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener the gateway offers: reports about messages it sent are matched by the MMSC's message
 * ID, stored in the message's history, de-duplicated and handed to the application once; everything
 * else goes to the application's own listener.
 *
 * <p>The recipient a report is about is the report's recipient when that is one of the message's
 * recipients, else its sender when that is (Mbuni writes the two the other way round), else the
 * message's only recipient.
 *
 * <p>A report can overtake the result of the submit it is about: the MMSC sends it as soon as the
 * message is delivered, while the gateway is still storing the submit's answer. A report naming an
 * unknown MMSC message ID while a submit is under way is therefore kept in the store and
 * acknowledged; {@link HeldReports} hands it over once the ID is stored, or to the application's
 * own listener when it still is not after a grace period.
 */
public final class ReportMatcher implements MmsListener {
  private static final Logger LOG = LoggerFactory.getLogger(ReportMatcher.class);

  /** Where a matched report goes; answers as the application did. */
  public interface Sink {
    Acknowledgement deliveryReport(String trackingId, Optional<String> recipient, DeliveryReport r);

    Acknowledgement readReply(String trackingId, Optional<String> recipient, ReadReply r);
  }

  private final Store store;
  private final Supplier<Long> now;
  private final Sink sink;
  private final MmsListener others;
  private final long leaseMillis;
  private final long pollMillis;

  /**
   * @param leaseMillis how long a report being handed over is this instance's alone; a repeat
   *     arriving later is handed over again unless the application took it
   * @param pollMillis when a kept report is first looked at again
   */
  public ReportMatcher(
      Store store,
      Supplier<Long> now,
      long leaseMillis,
      long pollMillis,
      Sink sink,
      MmsListener others) {
    this.store = store;
    this.now = now;
    this.leaseMillis = leaseMillis;
    this.pollMillis = pollMillis;
    this.sink = sink;
    this.others = others;
  }

  @Override
  public Acknowledgement onMessage(IncomingMessage message) {
    return others.onMessage(message);
  }

  @Override
  public Acknowledgement onDeliveryReport(DeliveryReport r) {
    return deliveryReport(r, true);
  }

  @Override
  public Acknowledgement onReadReply(ReadReply r) {
    return readReply(r, true);
  }

  /**
   * Hands over a report kept by {@link #onDeliveryReport} or {@link #onReadReply}: to the
   * application's report listener when its message ID is known now, else to its own listener as a
   * report about a message the gateway did not send.
   */
  public Acknowledgement release(byte[] held) {
    Object r = ReportCodec.read(held);
    return r instanceof DeliveryReport d
        ? deliveryReport(d, false)
        : readReply((ReadReply) r, false);
  }

  private Acknowledgement deliveryReport(DeliveryReport r, boolean mayHold) {
    Optional<Store.ReportTarget> target = store.findByMmscMessageId(r.messageId());
    if (target.isEmpty()) {
      if (mayHold
          && hold(
              "DR",
              r.messageId(),
              r.recipient(),
              r.sender(),
              r.status() + "|" + r.rawStatus(),
              () -> ReportCodec.write(r))) {
        return Acknowledgement.ok();
      }
      return others.onDeliveryReport(r);
    }
    Optional<String> recipient = recipient(target.get(), r.recipient(), r.sender());
    String detail =
        r.status().mm7Name()
            + " ("
            + r.rawStatus()
            + ")"
            + r.statusText().map(t -> ": " + t).orElse("");
    String key =
        "DR|" + r.messageId() + "|" + recipient.orElse("") + "|" + r.status() + "|" + r.rawStatus();
    return handOver(
        key,
        target.get(),
        "DELIVERY_REPORT",
        detail,
        recipient,
        () -> sink.deliveryReport(target.get().trackingId(), recipient, r));
  }

  private Acknowledgement readReply(ReadReply r, boolean mayHold) {
    Optional<Store.ReportTarget> target = store.findByMmscMessageId(r.messageId());
    if (target.isEmpty()) {
      if (mayHold
          && hold(
              "RR",
              r.messageId(),
              r.recipient(),
              r.sender(),
              r.status() + "|" + r.rawStatus(),
              () -> ReportCodec.write(r))) {
        return Acknowledgement.ok();
      }
      return others.onReadReply(r);
    }
    Optional<String> recipient = recipient(target.get(), r.recipient(), r.sender());
    String detail =
        r.status() + " (" + r.rawStatus() + ")" + r.statusText().map(t -> ": " + t).orElse("");
    String key =
        "RR|" + r.messageId() + "|" + recipient.orElse("") + "|" + r.status() + "|" + r.rawStatus();
    return handOver(
        key,
        target.get(),
        "READ_REPLY",
        detail,
        recipient,
        () -> sink.readReply(target.get().trackingId(), recipient, r));
  }

  /**
   * Keeps a report naming an unknown MMSC message ID while a submit is under way: its result, with
   * that ID, may not be stored yet. Acknowledged once kept; a repeat is kept once.
   */
  private boolean hold(
      String kind,
      String messageId,
      Optional<Address> recipient,
      Optional<Address> sender,
      String status,
      Supplier<byte[]> payload) {
    if (!store.anySending()) {
      return false;
    }
    String key =
        "held|"
            + kind
            + "|"
            + messageId
            + "|"
            + recipient.map(Address::value).orElse("")
            + "|"
            + sender.map(Address::value).orElse("")
            + "|"
            + status;
    long at = now.get();
    store.holdReport(key, messageId, at, at + pollMillis, payload.get());
    return true;
  }

  private Acknowledgement handOver(
      String key,
      Store.ReportTarget target,
      String kind,
      String detail,
      Optional<String> recipient,
      Supplier<Acknowledgement> forward) {
    long at = now.get();
    Store.Event event =
        new Store.Event(
            target.trackingId(),
            target.jobId(),
            at,
            kind,
            0,
            null,
            null,
            detail,
            recipient.orElse(null));
    switch (store.recordReport(key, event, at, at + leaseMillis)) {
      case FORWARDED:
        return Acknowledgement.ok();
      case BUSY:
        // another thread or instance is handing the same report over: the MMSC sends it again
        return Acknowledgement.refuse(
            4006, "Service unavailable: the same report is being handed over; send it later");
      default:
        break;
    }
    Acknowledgement ack;
    try {
      ack = forward.get();
    } catch (RuntimeException e) {
      LOG.warn("report listener failed on {}; the MMSC will send it again", key, e);
      release(key);
      throw e;
    }
    if (ack.isSuccess()) {
      store.markReportForwarded(key);
    } else {
      release(key);
    }
    return ack;
  }

  private void release(String key) {
    try {
      store.releaseReport(key);
    } catch (RuntimeException e) {
      LOG.warn("cannot release report {}; it is handed over when its claim runs out", key, e);
    }
  }

  /** The recipient a report is about, among the recipients the job was sent to. */
  static Optional<String> recipient(
      Store.ReportTarget target, Optional<Address> recipient, Optional<Address> sender) {
    String[] sent = target.recipients().split(" ");
    for (Optional<Address> candidate : java.util.List.of(recipient, sender)) {
      if (candidate.isPresent()) {
        String c = normalise(candidate.get().value());
        for (String s : sent) {
          if (normalise(s).equals(c)) {
            return Optional.of(s);
          }
        }
      }
    }
    if (sent.length == 1) {
      return Optional.of(sent[0]);
    }
    return recipient.map(Address::value);
  }

  /** Compares numbers with or without {@code +} and e-mail addresses in any case. */
  private static String normalise(String address) {
    String a = address.trim().toLowerCase(Locale.ROOT);
    return a.startsWith("+") ? a.substring(1) : a;
  }
}
