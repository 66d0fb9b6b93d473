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

  /**
   * @param leaseMillis how long a report being handed over is this instance's alone; a repeat
   *     arriving later is handed over again unless the application took it
   */
  public ReportMatcher(
      Store store, Supplier<Long> now, long leaseMillis, Sink sink, MmsListener others) {
    this.store = store;
    this.now = now;
    this.leaseMillis = leaseMillis;
    this.sink = sink;
    this.others = others;
  }

  @Override
  public Acknowledgement onMessage(IncomingMessage message) {
    return others.onMessage(message);
  }

  @Override
  public Acknowledgement onDeliveryReport(DeliveryReport r) {
    Optional<Store.ReportTarget> target = store.findByMmscMessageId(r.messageId());
    if (target.isEmpty()) {
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

  @Override
  public Acknowledgement onReadReply(ReadReply r) {
    Optional<Store.ReportTarget> target = store.findByMmscMessageId(r.messageId());
    if (target.isEmpty()) {
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
