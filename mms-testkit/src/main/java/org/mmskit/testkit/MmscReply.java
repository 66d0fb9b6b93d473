package org.mmskit.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A scripted answer of {@link MockMmsc} to the next request, queued with {@link
 * MockMmsc#enqueue(MmscReply...)}: success (optionally with a fixed message ID), an MM7 status, a
 * SOAP fault, a bare HTTP error status or a dropped connection, each optionally after a delay.
 *
 * <p>How each kind looks on EAIF, which has no MM7 status: a 1xxx status is an accepted submit; a
 * 3xxx status becomes an m-send-conf with {@code Error-transient-failure}, any other an m-send-conf
 * with {@code Error-permanent-failure}; a SOAP fault becomes HTTP 500.
 *
 * <p>On MM4 the answer is the SMTP reply to the mail: success and 1xxx statuses are {@code 250}
 * (and an {@code MM4_forward.RES} with {@code Ok} when asked for); a 3xxx status, or an HTTP 5xx,
 * is {@code 451} (try later); any other status, SOAP fault or HTTP 4xx is {@code 554}; a dropped
 * connection closes the SMTP connection before the reply.
 *
 * <p>Immutable and thread-safe.
 */
public final class MmscReply {

  /** What kind of answer the mock gives. */
  public enum Kind {
    /** A normal successful response with a fresh (or the scripted) message ID. */
    SUCCESS,
    /** A regular MM7 response carrying the scripted status code and text. */
    STATUS,
    /** A SOAP fault with an {@code RSErrorRsp} detail, HTTP 500. */
    SOAP_FAULT,
    /** A bare HTTP status with a short text body, no MM7 or PDU content. */
    HTTP_STATUS,
    /** The connection is cut after the response head: the client sees a broken exchange. */
    DROP_CONNECTION
  }

  private static final MmscReply SUCCESS = new MmscReply(Kind.SUCCESS, 1000, "Success", 200, null);

  private final Kind kind;
  private final int statusCode;
  private final String statusText;
  private final int httpStatus;
  private final String messageId;
  private final Duration delay;

  private MmscReply(
      Kind kind, int statusCode, String statusText, int httpStatus, String messageId) {
    this(kind, statusCode, statusText, httpStatus, messageId, Duration.ZERO);
  }

  private MmscReply(
      Kind kind,
      int statusCode,
      String statusText,
      int httpStatus,
      String messageId,
      Duration delay) {
    this.kind = kind;
    this.statusCode = statusCode;
    this.statusText = statusText;
    this.httpStatus = httpStatus;
    this.messageId = messageId;
    this.delay = delay;
  }

  /** The default answer: 1000 Success with a fresh unique message ID. */
  public static MmscReply success() {
    return SUCCESS;
  }

  /** 1000 Success with the given message ID instead of a generated one. */
  public static MmscReply success(String messageId) {
    Objects.requireNonNull(messageId, "messageId");
    return new MmscReply(Kind.SUCCESS, 1000, "Success", 200, messageId);
  }

  /**
   * A regular MM7 response with this status, e.g. {@code 1100 Partial success}, {@code 2002 Address
   * Error}, {@code 3001 Operation restricted} or {@code 4006 Service unavailable}. A 1xxx code
   * still gets a message ID; other codes are refusals.
   */
  public static MmscReply status(int statusCode, String statusText) {
    checkCode(statusCode);
    Objects.requireNonNull(statusText, "statusText");
    return new MmscReply(Kind.STATUS, statusCode, statusText, 200, null);
  }

  /**
   * A SOAP fault (HTTP 500) whose {@code RSErrorRsp} detail carries this status; the fault code is
   * {@code Client} for 2xxx statuses and {@code Server} otherwise.
   */
  public static MmscReply soapFault(int statusCode, String statusText) {
    checkCode(statusCode);
    Objects.requireNonNull(statusText, "statusText");
    return new MmscReply(Kind.SOAP_FAULT, statusCode, statusText, 500, null);
  }

  /** A bare HTTP status (e.g. 503) with a short text body and no MM7 envelope or PDU. */
  public static MmscReply httpStatus(int httpStatus) {
    if (httpStatus < 200 || httpStatus > 599) {
      throw new IllegalArgumentException("HTTP status out of range: " + httpStatus);
    }
    return new MmscReply(Kind.HTTP_STATUS, 0, "HTTP " + httpStatus, httpStatus, null);
  }

  /** Cuts the connection in the middle of the response, as a crashing MMSC or proxy would. */
  public static MmscReply dropConnection() {
    return new MmscReply(Kind.DROP_CONNECTION, 0, "dropped", 200, null);
  }

  /** This reply, sent only after {@code delay} (use it to exercise client timeouts). */
  public MmscReply delayed(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("negative delay: " + delay);
    }
    return new MmscReply(kind, statusCode, statusText, httpStatus, messageId, delay);
  }

  /** The kind of answer. */
  public Kind kind() {
    return kind;
  }

  /** The MM7 status code sent (1000 for success); 0 for HTTP statuses and dropped connections. */
  public int statusCode() {
    return statusCode;
  }

  /** The MM7 status text sent. */
  public String statusText() {
    return statusText;
  }

  /** The HTTP status of the answer. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The scripted message ID, when one was given with {@link #success(String)}. */
  public Optional<String> messageId() {
    return Optional.ofNullable(messageId);
  }

  /** How long the mock waits before answering. */
  public Duration delay() {
    return delay;
  }

  /** True when the submit is accepted (success or a 1xxx status) and gets a message ID. */
  public boolean accepts() {
    return (kind == Kind.SUCCESS || kind == Kind.STATUS) && statusCode < 2000;
  }

  private static void checkCode(int code) {
    if (code < 1000 || code > 9999) {
      throw new IllegalArgumentException("MM7 status codes have four digits: " + code);
    }
  }

  @Override
  public String toString() {
    return "MmscReply["
        + kind
        + (statusCode > 0 ? " " + statusCode + " " + statusText : "")
        + (kind == Kind.HTTP_STATUS ? " " + httpStatus : "")
        + (messageId != null ? " id=" + messageId : "")
        + (delay.isZero() ? "" : " after " + delay)
        + "]";
  }
}
