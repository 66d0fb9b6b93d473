package org.mmskit.mm1.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.InboundContext;
import org.mmskit.core.MmsException;
import org.mmskit.core.MmsListener;
import org.mmskit.core.Transport;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.MmsPduDecoder;
import org.mmskit.core.pdu.MmsVersion;
import org.mmskit.core.pdu.PduLimits;
import org.mmskit.core.pdu.PduMessages;
import org.mmskit.mm1.Mm1InboundDetail;
import org.mmskit.mm1.TextSms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the receiving loop does with the SMS store at each look: puts WAP Push segments together,
 * hands each MMS notification to the {@link Retrieval} (fetch, hand over, tell the MMSC), reports
 * to the application, and deletes an SMS only once it is dealt with. Whatever fails leaves the SMS
 * where it is for the next look. Text SMS are left alone, or handed to the text callback and then
 * deleted. SMS are deleted after the look's exchanges with the MMSC, when the data link (which may
 * hold the modem's only port) is down again. Used by one thread.
 */
public final class Inbox {
  private static final Logger log = LoggerFactory.getLogger(Inbox.class);

  /** The modem's SMS store. */
  public interface Store {
    /** Every stored message with its index, as hex PDUs ({@code AT+CMGL=4}). */
    Map<Integer, String> list() throws MmsException;

    /** Deletes one stored message ({@code AT+CMGD}). */
    void delete(int index) throws MmsException;
  }

  /**
   * The MMSC side: fetching a message and telling the MMSC. A message the MMSC no longer has is an
   * {@link org.mmskit.core.MmscRejectedException} carrying {@link org.mmskit.core.HttpStatus} 404
   * or 410; any other failure is retried.
   */
  public interface Mmsc {
    MmsPdu retrieve(URI location);

    /**
     * Fetches the message of a notification that came in the SMS at these store indices (in segment
     * order); modems that fetch by SMS index (SIMCom's {@code AT+CMMSRECV}) need them.
     */
    default MmsPdu retrieve(URI location, List<Integer> smsIndices) {
      return retrieve(location);
    }

    void tell(byte[] pdu);

    /** The look's exchanges are over: what they opened (a data link) can close. */
    default void endOfLook() {}
  }

  private final Store store;
  private final MmsListener app;
  private final Mmsc mmsc;
  private final Consumer<TextSms> texts;
  private final Retrieval retrieval;
  private final PushAssembler pushes;
  private final PushAssembler textParts;
  private final Map<Integer, Boolean> ignored = new LinkedHashMap<>();

  public Inbox(
      Store store,
      Mmsc mmsc,
      MmsListener app,
      Consumer<TextSms> texts,
      MmsVersion version,
      Duration pushExpiry) {
    this(store, mmsc, app, texts, version, pushExpiry, Retrieval.Settings.DEFAULT);
  }

  public Inbox(
      Store store,
      Mmsc mmsc,
      MmsListener app,
      Consumer<TextSms> texts,
      MmsVersion version,
      Duration pushExpiry,
      Retrieval.Settings settings) {
    this.store = store;
    this.mmsc = mmsc;
    this.app = app;
    this.texts = texts;
    this.retrieval = new Retrieval(mmsc, app, version, settings);
    this.pushes = new PushAssembler(pushExpiry, 64);
    this.textParts = new PushAssembler(pushExpiry, 64);
  }

  /** Looks at every stored SMS once. */
  public void scan(Instant now) {
    Map<Integer, String> listed = store.list();
    Map<Integer, SmsDeliver> decoded = new LinkedHashMap<>();
    for (Map.Entry<Integer, String> e : listed.entrySet()) {
      try {
        decoded.put(e.getKey(), SmsPdus.decodeHex(e.getValue()));
      } catch (MmsException bad) {
        if (ignored.put(e.getKey(), Boolean.TRUE) == null) {
          log.info("leaving stored SMS {} alone: {}", e.getKey(), bad.getMessage());
        }
      }
    }
    ignored.keySet().retainAll(listed.keySet());
    pushes.retain(decoded);
    textParts.retain(decoded);
    List<PushAssembler.Assembled> complete = new ArrayList<>();
    for (Map.Entry<Integer, SmsDeliver> e : decoded.entrySet()) {
      PushAssembler.Stored s = new PushAssembler.Stored(e.getKey(), e.getValue());
      if (e.getValue().isWapPush()) {
        pushes.offer(s, now).ifPresent(complete::add);
      } else if (texts != null) {
        textParts.offer(s, now).ifPresent(a -> handleText(a, e.getValue()));
      }
    }
    List<Integer> done = new ArrayList<>();
    Set<String> notifications = new HashSet<>();
    try {
      for (PushAssembler.Assembled a : complete) {
        if (handlePush(a, sentAt(a, decoded, now), now, notifications)) {
          done.addAll(a.indices());
        }
      }
    } finally {
      mmsc.endOfLook();
    }
    retrieval.retain(notifications);
    done.forEach(store::delete);
    for (List<PushAssembler.Stored> gone : pushes.expire(now)) {
      log.warn(
          "WAP Push from {} never completed ({} segment(s) came); deleting them",
          gone.get(0).sms().originator(),
          gone.size());
      gone.forEach(s -> store.delete(s.index()));
    }
    for (List<PushAssembler.Stored> gone : textParts.expire(now)) {
      for (PushAssembler.Stored s : gone) {
        handleText(
            new PushAssembler.Assembled(s.sms().originator(), s.sms().data(), List.of(s.index())),
            s.sms());
      }
    }
  }

  /** The earliest service-centre time stamp of a push's segments, else now. */
  private static Instant sentAt(
      PushAssembler.Assembled a, Map<Integer, SmsDeliver> decoded, Instant now) {
    return a.indices().stream()
        .map(decoded::get)
        .filter(Objects::nonNull)
        .flatMap(d -> d.timestamp().stream())
        .map(OffsetDateTime::toInstant)
        .min(Instant::compareTo)
        .orElse(now);
  }

  /** When the earliest notification waiting after a failed attempt is due, if one waits. */
  public Optional<Instant> nextAttempt() {
    return retrieval.nextAttempt();
  }

  private void handleText(PushAssembler.Assembled a, SmsDeliver any) {
    byte[] data = a.payload();
    String text =
        any.alphabet() == SmsDeliver.Alphabet.EIGHT_BIT
            ? new String(data, StandardCharsets.ISO_8859_1)
            : new String(data, StandardCharsets.UTF_16BE);
    try {
      texts.accept(new TextSms(a.originator(), any.timestamp(), text));
    } catch (RuntimeException e) {
      log.warn("text SMS callback failed; the SMS stays for the next look", e);
      return;
    }
    a.indices().forEach(store::delete);
  }

  /** Handles a complete push; true when its SMS can go. */
  private boolean handlePush(
      PushAssembler.Assembled a, Instant sent, Instant now, Set<String> notifications) {
    MmsPdu pdu;
    try {
      WspPush push = WspPush.decode(a.payload());
      if (!push.isMms()) {
        log.info("leaving a {} push from {} alone", push.contentType().mediaType(), a.originator());
        return false;
      }
      pdu = MmsPduDecoder.decode(push.body(), PduLimits.DEFAULT);
    } catch (MmsException e) {
      log.warn("unreadable WAP Push from {} deleted: {}", a.originator(), e.getMessage());
      return true;
    }
    InboundContext ctx =
        new InboundContext(
            Transport.MM1,
            Optional.empty(),
            Optional.empty(),
            pdu.transactionId(),
            Optional.of(pdu.version().toString()),
            now,
            List.of(new Mm1InboundDetail(a.originator(), pdu.contentLocation())));
    switch (pdu.type()) {
      case NOTIFICATION_IND:
        pdu.transactionId().ifPresent(notifications::add);
        return retrieval.handle(pdu, ctx, a.indices(), sent, now) == Retrieval.Outcome.DONE;
      case DELIVERY_IND:
        return taken(() -> app.onDeliveryReport(PduMessages.toDeliveryReport(pdu, ctx)));
      case READ_ORIG_IND:
        return taken(() -> app.onReadReply(PduMessages.toReadReply(pdu, ctx)));
      default:
        log.warn("unexpected {} pushed by {}: deleted", pdu.type().specName(), a.originator());
        return true;
    }
  }

  private boolean taken(java.util.function.Supplier<Acknowledgement> call) {
    try {
      Acknowledgement ack = call.get();
      if (ack != null && ack.isSuccess()) {
        return true;
      }
      log.info(
          "application did not take it ({}); the SMS stays for the next look",
          ack == null ? "null" : ack.statusCode() + " " + ack.statusText());
      return false;
    } catch (RuntimeException e) {
      log.warn("application failed; the SMS stays for the next look", e);
      return false;
    }
  }

  /** How many pushes wait for more segments. */
  public int pendingPushes() {
    return pushes.pending();
  }
}
