package org.mmskit.mm7.internal.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.mmskit.core.Header;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.core.MmsTransportException;
import org.mmskit.core.Transport;
import org.mmskit.http.internal.HttpAnswer;
import org.mmskit.http.internal.HttpClientOptions;
import org.mmskit.http.internal.HttpTransport;
import org.mmskit.http.internal.RequestBody;
import org.mmskit.http.internal.WireTrace;
import org.mmskit.mm7.Mm7HttpRequest;
import org.mmskit.mm7.Mm7Probe.Candidate;
import org.mmskit.mm7.Mm7ProbeResult.Verdict;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7Body;
import org.mmskit.mm7.internal.Mm7Codec;
import org.mmskit.mm7.internal.Mm7Envelope;
import org.mmskit.mm7.internal.Mm7Limits;
import org.mmskit.mm7.internal.Mm7Payload;
import org.mmskit.mm7.internal.Mm7WriteOptions;

/**
 * One candidate's {@code CancelReq} for a message ID no MMSC has issued, written by the codec and
 * sent over the HTTP layer as {@code Mm7Client} writes and sends it, but read here: the probe needs
 * the answer's namespace and its bytes, which the client does not hand out.
 */
final class CandidateExchange {
  /** Answers are small; a bigger body is cut and read as what it is, not MM7. */
  private static final long MAX_ANSWER = 256 * 1024;

  private static final String USER_AGENT = "MMSKit-MM7/0.1";

  private final ProbeSettings settings;

  CandidateExchange(ProbeSettings settings) {
    this.settings = settings;
  }

  /**
   * What one exchange gave.
   *
   * @param reading the verdict and the answer in words
   * @param request the request as sent: request line, headers, body
   * @param answer the answer as received (status line, headers, body), or why there was none
   * @param answeredIn the version the MMSC answered in, when it read the request but answered in
   *     another namespace ({@link Verdict#OTHER_VERSION})
   */
  record Result(
      Classifier.Reading reading, String request, String answer, Optional<Mm7Version> answeredIn) {}

  Result send(Candidate c) {
    HttpClientOptions o = new HttpClientOptions(true, MAX_ANSWER);
    o.endpoint(settings.url());
    o.connectTimeout(settings.connectTimeout());
    o.responseTimeout(settings.responseTimeout());
    o.maxConnections(1);
    if (settings.hasCredentials()) {
      o.credentials(settings.user(), settings.password());
    }
    if (settings.sslContext() != null) {
      o.sslContext(settings.sslContext());
    }
    String txId = "mmskit-probe-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    Mm7Body.CancelReq cancel =
        new Mm7Body.CancelReq(
            Optional.ofNullable(settings.vaspId()),
            Optional.ofNullable(settings.vasId()),
            Optional.ofNullable(settings.from()),
            // a message ID no MMSC has issued: cancelling it cannot touch a real message
            "mmskit-probe-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    Mm7Envelope env = new Mm7Envelope(Optional.of(txId), c.version(), c.dialect(), cancel);
    Mm7WriteOptions w =
        Mm7WriteOptions.forDialect(c.dialect()).withPrefixElements(c.prefixElements());
    Mm7Payload payload = Mm7Codec.encode(env, w);
    byte[] bytes = bytes(payload);
    List<Header> headers = List.of(new Header("SOAPAction", c.soapAction()));
    try (HttpTransport http = new HttpTransport(o, Transport.MM7, WireTrace::summary)) {
      String request = requestText(http, headers, payload.contentType(), bytes);
      HttpAnswer answer;
      try {
        answer =
            http.post(headers, RequestBody.of(payload.contentType(), bytes, payload.soapXml()));
      } catch (MmsTransportException e) {
        Classifier.Reading r = Classifier.failure(e);
        return new Result(r, request, r.answer(), Optional.empty());
      }
      return read(c.version(), answer, request);
    }
  }

  /** Classifies an answer by its MM7 status and the namespace it came in. */
  static Result read(Mm7Version sent, HttpAnswer a, String request) {
    String raw = answerText(a);
    String http = a.status() == 200 ? "" : " (HTTP " + a.status() + ")";
    Mm7Envelope env;
    try {
      if (a.truncated()) {
        throw new MmsMalformedException(
            "answer larger than " + MAX_ANSWER + " bytes", 0, null, null);
      }
      env = Mm7Codec.read(a.contentType(), a.body(), Mm7Limits.defaults());
    } catch (MmsMalformedException e) {
      if (!a.success()) {
        String line = ("HTTP " + a.status() + " " + a.reason()).strip();
        return new Result(
            new Classifier.Reading(Classifier.forHttp(a.status()), line + " without an MM7 answer"),
            request,
            raw,
            Optional.empty());
      }
      return new Result(
          new Classifier.Reading(Verdict.UNREADABLE_ANSWER, "not an MM7 answer: " + e.reason()),
          request,
          raw,
          Optional.empty());
    }
    Mm7Version got = env.version();
    String in = " in " + got.schema();
    Mm7Body.Status status;
    String prefix;
    if (env.body() instanceof Mm7Body.Fault f) {
      if (f.detail().isEmpty()) {
        String words = "SOAP fault " + f.faultCode() + " \"" + f.faultString() + "\"" + http;
        return new Result(
            new Classifier.Reading(Verdict.SOAP_FAULT, words), request, raw, Optional.empty());
      }
      status = f.detail().get().status();
      prefix = "SOAP fault with MM7 status ";
    } else if (env.body() instanceof Mm7Body.Response r) {
      status = r.status();
      prefix = "MM7 status ";
    } else {
      return new Result(
          new Classifier.Reading(
              Verdict.UNREADABLE_ANSWER, "an MM7 " + env.body().elementName() + ", not an answer"),
          request,
          raw,
          Optional.empty());
    }
    String words = prefix + status.code() + " " + status.text() + in + http;
    Verdict v = Classifier.forStatus(status.code());
    boolean read = v == Verdict.UNDERSTOOD || v == Verdict.WRONG_IDENTIFICATION;
    if (read && !got.namespace().equals(sent.namespace())) {
      // it read the request but answers in its own version: that version is the one to use
      return new Result(
          new Classifier.Reading(Verdict.OTHER_VERSION, words + ", not in " + sent.schema()),
          request,
          raw,
          Optional.of(got));
    }
    return new Result(new Classifier.Reading(v, words), request, raw, Optional.empty());
  }

  /** The request as {@code HttpTransport} sends it: its own headers, then ours and the body's. */
  private String requestText(
      HttpTransport http, List<Header> headers, String contentType, byte[] body) {
    List<Header> all = new ArrayList<>();
    int port = settings.url().getPort();
    String host = settings.url().getHost();
    all.add(new Header("Host", port < 0 ? host : host + ":" + port));
    all.add(new Header("User-Agent", USER_AGENT));
    all.addAll(headers);
    all.addAll(http.addedHeaders());
    all.add(new Header("Content-Type", contentType));
    all.add(new Header("Content-Length", Integer.toString(body.length)));
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 512);
    try {
      new Mm7HttpRequest("POST", settings.url(), all, body).writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The answer as received: status line, header lines, blank line, body. */
  static String answerText(HttpAnswer a) {
    StringBuilder sb = new StringBuilder(a.body().length + 256);
    sb.append("HTTP/1.1 ").append(a.status());
    if (!a.reason().isEmpty()) {
      sb.append(' ').append(a.reason());
    }
    sb.append("\r\n");
    for (Header h : a.headers()) {
      sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
    }
    sb.append("\r\n").append(new String(a.body(), StandardCharsets.UTF_8));
    if (a.truncated()) {
      sb.append("\n[cut at ").append(a.body().length).append(" bytes]");
    }
    return sb.toString();
  }

  private static byte[] bytes(Mm7Payload payload) {
    try {
      return payload.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the request", e);
    }
  }
}
