package org.mmskit.testkit.mm1;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.mmskit.core.DeliveryReport;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.TimeSpec;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.MmsPduDecoder;
import org.mmskit.core.pdu.MmsPduEncoder;
import org.mmskit.core.pdu.MmsVersion;
import org.mmskit.core.pdu.PduField;
import org.mmskit.core.pdu.PduMessages;
import org.mmskit.core.pdu.PduStatus;
import org.mmskit.core.pdu.PduType;
import org.mmskit.mm1.internal.SmsPdus;
import org.mmskit.mm1.internal.WspPush;
import org.mmskit.server.InboundRequest;
import org.mmskit.server.InboundResponse;
import org.mmskit.server.MmsServer;
import org.mmskit.server.Route;

/**
 * The MM1 side of an MMSC on loopback, for tests and demos: it takes m-send-req (answering
 * m-send-conf), serves the m-retrieve-conf of a message at the Content-Location it hands out, takes
 * m-notifyresp-ind and m-acknowledge-ind, and writes the WAP Push SMS that tell a subscriber about
 * a message or report, for a {@link ModemSimulator} to deliver.
 *
 * <p>Scripting: {@link #failNext(int)} answers the next request with an HTTP error, {@link
 * #refuseNext(int)} the next send with an m-send-conf status, {@link #refuseRetrieveNext(int)} the
 * next fetch with an m-retrieve-conf status, {@link #forget(String)} drops a stored message (its
 * fetch answers 404), {@link #stallNext()} leaves the next request without an answer until the mock
 * closes. Like an MMSC, it wants m-acknowledge-ind for a message fetched after its notification was
 * answered "Deferred": the m-retrieve-conf then carries a Transaction-ID of its own.
 */
public final class MockMm1Mmsc implements AutoCloseable {
  private static final String PATH = "/mms";
  private static final String CT = "application/vnd.wap.mms-message";

  /**
   * How the Transaction-ID of an m-retrieve-conf that wants acknowledging starts; the
   * notification's own Transaction-ID follows.
   */
  public static final String ACK_PREFIX = "ack-";

  private final MmsServer server;
  private final LinkedBlockingQueue<MmsPdu> sent = new LinkedBlockingQueue<>();
  private final List<MmsPdu> told = new CopyOnWriteArrayList<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, byte[]> messages = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> retrievals = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Integer> httpFailures = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Integer> refusals = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Integer> retrieveRefusals = new ConcurrentLinkedQueue<>();
  private final Map<String, String> notificationOf = new ConcurrentHashMap<>();
  private final Map<String, Boolean> deferred = new ConcurrentHashMap<>();
  private final AtomicInteger stalls = new AtomicInteger();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicInteger refs = new AtomicInteger();

  private MockMm1Mmsc() {
    this.server =
        MmsServer.builder()
            .bindAddress("127.0.0.1")
            .port(0)
            .route(Route.open(PATH, this::handle))
            .build();
  }

  /** Starts a mock on an ephemeral loopback port. */
  public static MockMm1Mmsc start() {
    MockMm1Mmsc m = new MockMm1Mmsc();
    m.server.start();
    return m;
  }

  /**
   * The mock as the operator's WAP proxy too: requests for any MMSC URL sent through it (in
   * absolute form) reach the mock.
   */
  public URI proxyUri() {
    return server.uri();
  }

  /**
   * One HTTP request the mock took.
   *
   * @param method GET or POST
   * @param host the Host header: the MMSC's host when the request came through the mock as proxy
   * @param target the path and query
   * @param userAgent the User-Agent header
   * @param wapProfile the x-wap-profile header
   * @param contentType the Content-Type header
   * @param authorization the Authorization header
   */
  public record Request(
      String method,
      Optional<String> host,
      String target,
      Optional<String> userAgent,
      Optional<String> wapProfile,
      Optional<String> contentType,
      Optional<String> authorization) {}

  /** Every request taken, in order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The MMSC URL: m-send-req, m-notifyresp-ind and m-acknowledge-ind are POSTed here. */
  public URI mmscUri() {
    return server.uri().resolve(PATH);
  }

  // ---- scripting ----

  /** Answers the next request with this HTTP status and no body. */
  public void failNext(int httpStatus) {
    httpFailures.add(httpStatus);
  }

  /** Answers the next m-send-req with an m-send-conf carrying this X-Mms-Response-Status. */
  public void refuseNext(int responseStatus) {
    refusals.add(responseStatus);
  }

  /** Answers the next fetch with an m-retrieve-conf carrying this X-Mms-Retrieve-Status. */
  public void refuseRetrieveNext(int retrieveStatus) {
    retrieveRefusals.add(retrieveStatus);
  }

  /** Drops the message stored at a Content-Location: fetching it answers 404 from now on. */
  public void forget(String contentLocation) {
    messages.remove(contentLocation);
  }

  /** Leaves the next request without an answer (until the mock closes). */
  public void stallNext() {
    stalls.incrementAndGet();
  }

  // ---- what the application sent ----

  /** The next m-send-req the mock took, waiting up to {@code timeout}; null when none came. */
  public MmsPdu takeSendReq(Duration timeout) throws InterruptedException {
    return sent.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Every m-notifyresp-ind and m-acknowledge-ind taken, in order. */
  public List<MmsPdu> notifications() {
    return List.copyOf(told);
  }

  /** How often the message at this Content-Location was fetched. */
  public int retrievals(String contentLocation) {
    AtomicInteger n = retrievals.get(contentLocation);
    return n == null ? 0 : n.get();
  }

  // ---- towards the subscriber ----

  /**
   * A pushed notification.
   *
   * @param transactionId the notification's X-Mms-Transaction-ID
   * @param contentLocation where the message is served
   * @param messageId the Message-ID of the m-retrieve-conf
   * @param sms the SMS-DELIVER PDUs (with an empty SMSC address) that carry the push
   */
  public record Push(
      String transactionId, String contentLocation, String messageId, List<byte[]> sms) {
    public Push {
      sms = sms.stream().map(byte[]::clone).toList();
    }
  }

  /**
   * Stores a message for a subscriber and writes the WAP Push SMS that announce it: a WSP push
   * (content type as text or as the well-known code, alternately) of an m-notification-ind, cut
   * into as many SMS as it needs, with 16-bit or 8-bit concatenation references alternately.
   */
  public Push notify(MmsMessage message) {
    int n = ids.incrementAndGet();
    return notify(message, "mock-mm1-" + n);
  }

  /** Like {@link #notify(MmsMessage)} with the Message-ID given (to push one message twice). */
  public Push notify(MmsMessage message, String messageId) {
    return notify(message, messageId, TimeSpec.after(Duration.ofDays(2)));
  }

  /** Like {@link #notify(MmsMessage, String)} with the notification's X-Mms-Expiry given. */
  public Push notify(MmsMessage message, String messageId, TimeSpec expiry) {
    int n = ids.incrementAndGet();
    String tid = "T" + n;
    String location = mmscUri() + "/m/" + messageId + "?n=" + n;
    byte[] conf = MmsPduEncoder.encodeUnchecked(retrieveConf(message, messageId));
    messages.put(location, conf);
    notificationOf.put(location, tid);
    MmsPdu ind =
        PduMessages.notificationInd(tid, location, conf.length, expiry, message, MmsVersion.V1_2);
    return new Push(tid, location, messageId, pushSms(MmsPduEncoder.encode(ind)));
  }

  /** The WAP Push SMS of an m-delivery-ind about a message the application sent. */
  public List<byte[]> deliveryReport(DeliveryReport report) {
    return pushSms(MmsPduEncoder.encode(PduMessages.toDeliveryInd(report, MmsVersion.V1_2)));
  }

  private List<byte[]> pushSms(byte[] mmsPdu) {
    int ref = refs.incrementAndGet();
    boolean alternate = ref % 2 == 0;
    byte[] push = WspPush.encodeMms(ref & 0xFF, mmsPdu, alternate);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    return SmsPdus.wapPush(
        null, "+4915550100", now, push, alternate ? ref & 0xFFFF : ref & 0xFF, alternate);
  }

  private static MmsPdu retrieveConf(MmsMessage message, String messageId) {
    MmsPdu req = PduMessages.toSendReq(message, "x", MmsVersion.V1_2);
    MmsPdu.Builder b =
        MmsPdu.builder(PduType.RETRIEVE_CONF).version(MmsVersion.V1_2).headers(req.headers());
    b.remove(PduField.TRANSACTION_ID);
    b.messageId(messageId);
    b.date(message.date().orElse(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
    req.contentType().ifPresent(b::contentType);
    b.parts(req.parts());
    return b.build();
  }

  // ---- HTTP ----

  private InboundResponse handle(InboundRequest r) throws IOException {
    byte[] body = r.body().readAllBytes();
    requests.add(
        new Request(
            r.method(),
            r.header("Host"),
            r.path() + r.query().map(q -> "?" + q).orElse(""),
            r.header("User-Agent"),
            r.header("x-wap-profile"),
            r.contentType(),
            r.header("Authorization")));
    if (stalls.getAndUpdate(s -> Math.max(0, s - 1)) > 0) {
      try {
        closing.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return InboundResponse.status(503);
    }
    Integer fail = httpFailures.poll();
    if (fail != null) {
      return InboundResponse.status(fail);
    }
    if (r.method().equals("GET")) {
      String location = mmscUri().resolve(r.path()) + r.query().map(q -> "?" + q).orElse("");
      byte[] conf = messages.get(location);
      if (conf == null) {
        return InboundResponse.status(404);
      }
      retrievals.computeIfAbsent(location, k -> new AtomicInteger()).incrementAndGet();
      Integer refused = retrieveRefusals.poll();
      String tid = notificationOf.get(location);
      if (refused != null || (tid != null && deferred.containsKey(tid))) {
        MmsPdu.Builder b = MmsPduDecoder.decode(conf).toBuilder();
        if (refused != null) {
          b.retrieveStatus(refused);
        }
        if (tid != null && deferred.containsKey(tid)) {
          b.transactionId(ACK_PREFIX + tid);
        }
        return InboundResponse.ok(CT, MmsPduEncoder.encodeUnchecked(b.build()));
      }
      return InboundResponse.ok(CT, conf);
    }
    MmsPdu pdu;
    try {
      pdu = MmsPduDecoder.decode(body);
    } catch (RuntimeException e) {
      return InboundResponse.text(400, "not an MMS PDU: " + e.getMessage());
    }
    switch (pdu.type()) {
      case SEND_REQ:
        {
          sent.add(pdu);
          Integer refuse = refusals.poll();
          String tid = pdu.transactionId().orElse("");
          MmsPdu conf =
              refuse != null
                  ? PduMessages.sendConf(tid, refuse, null, MmsVersion.V1_2)
                  : PduMessages.sendConf(
                      tid, PduStatus.OK, "mock-mm1-sent-" + ids.incrementAndGet(), MmsVersion.V1_2);
          return InboundResponse.ok(CT, MmsPduEncoder.encodeUnchecked(conf));
        }
      case NOTIFYRESP_IND:
        if (pdu.status().orElse(0) == PduStatus.STATUS_DEFERRED) {
          pdu.transactionId().ifPresent(t -> deferred.put(t, Boolean.TRUE));
        }
        told.add(pdu);
        return InboundResponse.noContent();
      case ACKNOWLEDGE_IND:
        told.add(pdu);
        return InboundResponse.noContent();
      default:
        return InboundResponse.text(400, "unexpected " + pdu.type().specName());
    }
  }

  /** The m-retrieve-conf served at a Content-Location, if the mock made one there. */
  public Optional<byte[]> storedMessage(String contentLocation) {
    return Optional.ofNullable(messages.get(contentLocation)).map(byte[]::clone);
  }

  @Override
  public void close() {
    closing.countDown();
    server.close();
  }
}
