package org.mmskit.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.Transport;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.server.HeaderMap;

/**
 * One request {@link MockMmsc} received from the application: the parsed message and how it came,
 * down to the raw HTTP headers and body (for MM4, the mail's headers and the whole mail). Immutable
 * and thread-safe.
 */
public final class Submission {

  /** What the application asked for. */
  public enum Operation {
    /** MM7 SubmitReq or an EAIF m-send-req. */
    SUBMIT,
    /** MM7 CancelReq. */
    CANCEL,
    /** MM7 ReplaceReq. */
    REPLACE
  }

  private final Transport transport;
  private final Operation operation;
  private final String messageId;
  private final MmsMessage message;
  private final Mm7Version mm7Version;
  private final String transactionId;
  private final String vaspId;
  private final String vasId;
  private final String account;
  private final String path;
  private final HeaderMap headers;
  private final byte[] body;
  private final Instant receivedAt;
  private final MmscReply reply;

  Submission(
      Transport transport,
      Operation operation,
      String messageId,
      MmsMessage message,
      Mm7Version mm7Version,
      String transactionId,
      String vaspId,
      String vasId,
      String account,
      String path,
      HeaderMap headers,
      byte[] body,
      Instant receivedAt,
      MmscReply reply) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.operation = Objects.requireNonNull(operation, "operation");
    this.messageId = Objects.requireNonNull(messageId, "messageId");
    this.message = message;
    this.mm7Version = mm7Version;
    this.transactionId = transactionId;
    this.vaspId = vaspId;
    this.vasId = vasId;
    this.account = account;
    this.path = Objects.requireNonNull(path, "path");
    this.headers = Objects.requireNonNull(headers, "headers");
    this.body = body.clone();
    this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
    this.reply = Objects.requireNonNull(reply, "reply");
  }

  /** MM7, EAIF or MM4. */
  public Transport transport() {
    return transport;
  }

  /** Submit, cancel or replace. */
  public Operation operation() {
    return operation;
  }

  /**
   * For a submit, the message ID the mock assigned (returned to the client when the submit was
   * accepted, and used in delivery reports); for a cancel or replace, the ID the request named.
   */
  public String messageId() {
    return messageId;
  }

  /** The submitted (or replacing) message; empty for a cancel. */
  public Optional<MmsMessage> message() {
    return Optional.ofNullable(message);
  }

  /**
   * The MM7 profile of the request: its namespace and {@code MM7Version} value; the mock answered
   * in the same. Empty for EAIF.
   */
  public Optional<Mm7Version> mm7Version() {
    return Optional.ofNullable(mm7Version);
  }

  /** The MM7 {@code TransactionID} or the PDU {@code X-Mms-Transaction-ID}, if any. */
  public Optional<String> transactionId() {
    return Optional.ofNullable(transactionId);
  }

  /** The MM7 {@code VASPID}, if sent. */
  public Optional<String> vaspId() {
    return Optional.ofNullable(vaspId);
  }

  /** The MM7 {@code VASID}, if sent. */
  public Optional<String> vasId() {
    return Optional.ofNullable(vasId);
  }

  /** The account that authenticated the request, when the mock requires credentials. */
  public Optional<String> account() {
    return Optional.ofNullable(account);
  }

  /** The request path, e.g. {@code /mm7}; empty for MM4. */
  public String path() {
    return path;
  }

  /** The raw HTTP request headers, or the MM4 mail's headers (case-insensitive names). */
  public HeaderMap headers() {
    return headers;
  }

  /** The first value of a request header. */
  public Optional<String> header(String name) {
    return headers.first(name);
  }

  /** A copy of the raw HTTP request body, or the whole MM4 mail as received. */
  public byte[] body() {
    return body.clone();
  }

  /** The raw body decoded as UTF-8 (handy for asserting on MM7 XML). */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** When the mock received the request. */
  public Instant receivedAt() {
    return receivedAt;
  }

  /** The answer the mock gave (the scripted one, or success). */
  public MmscReply reply() {
    return reply;
  }

  @Override
  public String toString() {
    return "Submission["
        + transport
        + " "
        + operation
        + " id="
        + messageId
        + (mm7Version != null ? " " + mm7Version : "")
        + " "
        + body.length
        + " bytes]";
  }
}
