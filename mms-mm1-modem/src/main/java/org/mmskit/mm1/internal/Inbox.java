package org.mmskit.mm1.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.mmskit.core.Acknowledgement;
import org.mmskit.core.InboundContext;
import org.mmskit.core.IncomingMessage;
import org.mmskit.core.MmsException;
import org.mmskit.core.MmsListener;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.Transport;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.MmsPduDecoder;
import org.mmskit.core.pdu.MmsPduEncoder;
import org.mmskit.core.pdu.MmsVersion;
import org.mmskit.core.pdu.PduLimits;
import org.mmskit.core.pdu.PduMessages;
import org.mmskit.core.pdu.PduStatus;
import org.mmskit.core.pdu.PduType;
import org.mmskit.mm1.Mm1InboundDetail;
import org.mmskit.mm1.TextSms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the receiving loop does with the SMS store at each look: puts WAP Push segments together,
 * fetches the message a notification announces, hands it to the application, and only then tells
 * the MMSC (m-notifyresp-ind Retrieved) and deletes the SMS. Whatever fails leaves the SMS where it
 * is for the next look. Text SMS are left alone, or handed to the text callback and then deleted.
 * Used by one thread.
 */
public final class Inbox {
  private static final Logger log = LoggerFactory.getLogger(Inbox.class);
  private static final int REMEMBERED = 1024;

  /** The modem's SMS store. */
  public interface Store {
    /** Every stored message with its index, as hex PDUs ({@code AT+CMGL=4}). */
    Map<Integer, String> list() throws MmsException;

    /** Deletes one stored message ({@code AT+CMGD}). */
    void delete(int index) throws MmsException;
  }

  /** The MMSC side: fetching a message and telling the MMSC. */
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
  }

  private final Store store;
  private final Mmsc mmsc;
  private final MmsListener app;
  private final Consumer<TextSms> texts;
  private final MmsVersion version;
  private final PushAssembler pushes;
  private final PushAssembler textParts;
  private final Map<String, Boolean> notifyPending = bounded();
  private final Map<String, Boolean> seenMessageIds = bounded();
  private final Map<Integer, Boolean> ignored = new LinkedHashMap<>();

  public Inbox(
      Store store,
      Mmsc mmsc,
      MmsListener app,
      Consumer<TextSms> texts,
      MmsVersion version,
      Duration pushExpiry) {
    this.store = store;
    this.mmsc = mmsc;
    this.app = app;
    this.texts = texts;
    this.version = version;
    this.pushes = new PushAssembler(pushExpiry, 64);
    this.textParts = new PushAssembler(pushExpiry, 64);
  }

  private static <K> Map<K, Boolean> bounded() {
    return new LinkedHashMap<>(64, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, Boolean> eldest) {
        return size() > REMEMBERED;
      }
    };
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
    for (Map.Entry<Integer, SmsDeliver> e : decoded.entrySet()) {
      PushAssembler.Stored s = new PushAssembler.Stored(e.getKey(), e.getValue());
      if (e.getValue().isWapPush()) {
        pushes.offer(s, now).ifPresent(a -> handlePush(a, now));
      } else if (texts != null) {
        textParts.offer(s, now).ifPresent(a -> handleText(a, e.getValue()));
      }
    }
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

  private void handlePush(PushAssembler.Assembled a, Instant now) {
    MmsPdu pdu;
    try {
      WspPush push = WspPush.decode(a.payload());
      if (!push.isMms()) {
        log.info("leaving a {} push from {} alone", push.contentType().mediaType(), a.originator());
        return;
      }
      pdu = MmsPduDecoder.decode(push.body(), PduLimits.DEFAULT);
    } catch (MmsException e) {
      log.warn("unreadable WAP Push from {} deleted: {}", a.originator(), e.getMessage());
      a.indices().forEach(store::delete);
      return;
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
    boolean handled;
    switch (pdu.type()) {
      case NOTIFICATION_IND:
        handled = notification(pdu, ctx, a.indices());
        break;
      case DELIVERY_IND:
        handled = taken(() -> app.onDeliveryReport(PduMessages.toDeliveryReport(pdu, ctx)));
        break;
      case READ_ORIG_IND:
        handled = taken(() -> app.onReadReply(PduMessages.toReadReply(pdu, ctx)));
        break;
      default:
        log.warn("unexpected {} pushed by {}: deleted", pdu.type().specName(), a.originator());
        handled = true;
    }
    if (handled) {
      a.indices().forEach(store::delete);
    }
  }

  private boolean notification(MmsPdu ind, InboundContext ctx, List<Integer> smsIndices) {
    String tid = ind.transactionId().orElse("");
    Optional<String> location = ind.contentLocation();
    if (tid.isEmpty() || location.isEmpty()) {
      log.warn("m-notification-ind without Transaction-ID or Content-Location: deleted");
      return true;
    }
    if (!notifyPending.containsKey(tid) && !seenMessageIds.containsKey("tid:" + tid)) {
      MmsPdu conf;
      try {
        conf = mmsc.retrieve(URI.create(location.get()), smsIndices);
        if (conf.type() != PduType.RETRIEVE_CONF) {
          throw new org.mmskit.core.MmsMalformedException(
              "retrieve answered " + conf.type().specName(), null);
        }
        int st = conf.retrieveStatus().orElse(PduStatus.OK);
        if (!PduStatus.isOk(st)) {
          log.warn(
              "MMSC refused the retrieve of {}: {}; trying again later",
              location.get(),
              PduStatus.responseStatusName(st));
          return false;
        }
      } catch (MmsException | IllegalArgumentException e) {
        log.warn("fetching {} failed; the notification stays: {}", location.get(), e.getMessage());
        return false;
      }
      Optional<String> id = conf.messageId();
      if (id.isPresent() && seenMessageIds.containsKey(id.get())) {
        log.info("message {} was delivered before: not again", id.get());
      } else {
        MmsMessage message = PduMessages.toMessage(conf);
        if (!taken(() -> app.onMessage(new IncomingMessage(message, ctx)))) {
          return false;
        }
        id.ifPresent(m -> seenMessageIds.put(m, Boolean.TRUE));
      }
      seenMessageIds.put("tid:" + tid, Boolean.TRUE);
      notifyPending.put(tid, Boolean.TRUE);
    }
    try {
      mmsc.tell(
          MmsPduEncoder.encode(
              PduMessages.notifyRespInd(tid, PduStatus.STATUS_RETRIEVED, version)));
    } catch (MmsException e) {
      log.warn("telling the MMSC about {} failed; trying again later: {}", tid, e.getMessage());
      return false;
    }
    notifyPending.remove(tid);
    return true;
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
