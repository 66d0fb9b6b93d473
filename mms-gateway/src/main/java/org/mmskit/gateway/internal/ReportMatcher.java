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
  private final Object[] locks = new Object[64];

  public ReportMatcher(Store store, Supplier<Long> now, Sink sink, MmsListener others) {
    this.store = store;
    this.now = now;
    this.sink = sink;
    this.others = others;
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
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
    // one copy at a time per key in this instance, so a repeated report is not handed over twice
    synchronized (locks[Math.floorMod(key.hashCode(), locks.length)]) {
      Store.Event event =
          new Store.Event(
              target.trackingId(),
              target.jobId(),
              now.get(),
              kind,
              0,
              null,
              null,
              detail,
              recipient.orElse(null));
      if (store.recordReport(key, event)) {
        return Acknowledgement.ok();
      }
      Acknowledgement ack;
      try {
        ack = forward.get();
      } catch (RuntimeException e) {
        LOG.warn("report listener failed on {}; the MMSC will send it again", key, e);
        throw e;
      }
      if (ack.isSuccess()) {
        store.markReportForwarded(key);
      }
      return ack;
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
