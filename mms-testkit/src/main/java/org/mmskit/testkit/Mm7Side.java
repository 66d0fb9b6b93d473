package org.mmskit.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.Transport;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7Body;
import org.mmskit.mm7.internal.Mm7Body.CancelReq;
import org.mmskit.mm7.internal.Mm7Body.CancelRsp;
import org.mmskit.mm7.internal.Mm7Body.ErrorRsp;
import org.mmskit.mm7.internal.Mm7Body.Fault;
import org.mmskit.mm7.internal.Mm7Body.ReplaceReq;
import org.mmskit.mm7.internal.Mm7Body.ReplaceRsp;
import org.mmskit.mm7.internal.Mm7Body.Status;
import org.mmskit.mm7.internal.Mm7Body.SubmitReq;
import org.mmskit.mm7.internal.Mm7Body.SubmitRsp;
import org.mmskit.mm7.internal.Mm7Codec;
import org.mmskit.mm7.internal.Mm7Envelope;
import org.mmskit.mm7.internal.Mm7Limits;
import org.mmskit.mm7.internal.Mm7Payload;
import org.mmskit.mm7.internal.Mm7WriteOptions;
import org.mmskit.server.InboundHandler;
import org.mmskit.server.InboundRequest;
import org.mmskit.server.InboundResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The MMSC side of MM7: reads SubmitReq, CancelReq and ReplaceReq and answers them. */
final class Mm7Side implements InboundHandler {
  private static final Logger LOG = LoggerFactory.getLogger(MockMmsc.class);
  private static final String XML = "text/xml; charset=utf-8";
  private final MockMmsc mock;
  private final long maxBody;
  private final Mm7Limits limits;

  Mm7Side(MockMmsc mock, long maxBody) {
    this.mock = mock;
    this.maxBody = maxBody;
    this.limits = Mm7Limits.defaults().withMaxBodyBytes(maxBody);
  }

  @Override
  public InboundResponse handle(InboundRequest request) throws IOException {
    MmscProfile profile = mock.profile();
    if (profile.dropsConnections()) {
      return Bodies.drop(XML);
    }
    if (profile.forbidden()) {
      return MmscProfile.forbiddenPage();
    }
    Bodies.pause(profile.delay());
    if (!"POST".equals(request.method())) {
      return InboundResponse.builder(405)
          .header("Allow", "POST")
          .contentType("text/plain; charset=utf-8")
          .body("MM7 requests are POSTed\n".getBytes(StandardCharsets.UTF_8))
          .build();
    }
    byte[] bytes = Bodies.read(request, maxBody);
    if (bytes == null) {
      return fault(null, Mm7Version.DEFAULT, 413, "Client", 2004, "Request too large");
    }
    Mm7Envelope env;
    try {
      env = Mm7Codec.read(request.contentType().orElse(""), bytes, limits);
    } catch (MmsMalformedException e) {
      LOG.info("MockMmsc refused a malformed MM7 request: {}", e.getMessage());
      if (profile.htmlErrors()) {
        return MmscProfile.htmlPage("Message format corrupt");
      }
      return fault(null, profile.answerVersion(), 400, "Client", 2007, "Message format corrupt");
    }
    Optional<InboundResponse> refused = refuse(profile, env);
    if (refused.isPresent()) {
      return refused.get();
    }
    String tx = env.transactionId().orElse(null);
    Mm7Version version = profile.answerVersion(env.version());
    Mm7Body body = env.body();
    Submission.Operation op;
    MmsMessage message;
    String id;
    Optional<String> vaspId;
    Optional<String> vasId;
    MmscReply reply;
    if (body instanceof SubmitReq s) {
      reply = mock.nextReply();
      op = Submission.Operation.SUBMIT;
      message = s.message();
      id = reply.messageId().orElseGet(mock::newMessageId);
      vaspId = s.vaspId();
      vasId = s.vasId();
    } else if (body instanceof CancelReq c) {
      reply = mock.nextReply();
      op = Submission.Operation.CANCEL;
      message = null;
      id = c.messageId();
      vaspId = c.vaspId();
      vasId = c.vasId();
    } else if (body instanceof ReplaceReq r) {
      reply = mock.nextReply();
      op = Submission.Operation.REPLACE;
      message = r.message();
      id = r.messageId();
      vaspId = r.vaspId();
      vasId = r.vasId();
    } else {
      LOG.info("MockMmsc refused an MM7 {}: not an operation an MMSC serves", body.elementName());
      return fault(tx, version, 500, "Client", 4003, "Unsupported operation");
    }
    mock.record(
        new Submission(
            Transport.MM7,
            op,
            id,
            message,
            version,
            tx,
            vaspId.orElse(null),
            vasId.orElse(null),
            request.account().orElse(null),
            request.path(),
            request.headers(),
            bytes,
            Instant.now(),
            reply));
    Bodies.pause(reply.delay());
    switch (reply.kind()) {
      case HTTP_STATUS:
        return Bodies.httpStatus(reply.httpStatus());
      case DROP_CONNECTION:
        return Bodies.drop(XML);
      case SOAP_FAULT:
        return fault(
            tx,
            version,
            500,
            reply.statusCode() < 3000 ? "Client" : "Server",
            reply.statusCode(),
            reply.statusText());
      default:
        Status status = Status.of(reply.statusCode(), reply.statusText());
        Mm7Body answer =
            switch (op) {
              case SUBMIT -> new SubmitRsp(status, reply.accepts() ? id : "");
              case CANCEL -> new CancelRsp(status);
              case REPLACE -> new ReplaceRsp(status);
            };
        return xml(200, new Mm7Envelope(env.transactionId(), version, env.dialect(), answer));
    }
  }

  /**
   * The profile's answer to a request it does not accept, or to a cancel or replace of a message
   * never issued; such requests are not recorded.
   */
  private Optional<InboundResponse> refuse(MmscProfile profile, Mm7Envelope env) {
    if (profile.isLenient()) {
      return Optional.empty();
    }
    Mm7Body body = env.body();
    Optional<String> vaspId =
        body instanceof SubmitReq s
            ? s.vaspId()
            : body instanceof CancelReq c
                ? c.vaspId()
                : body instanceof ReplaceReq r ? r.vaspId() : Optional.empty();
    Optional<MmscProfile.Refusal> r = profile.check(env, vaspId);
    if (r.isPresent()) {
      MmscProfile.Refusal why = r.get();
      LOG.info("MockMmsc ({}) refused an MM7 {}: {}", profile, body.elementName(), why.text());
      if (profile.htmlErrors()) {
        return Optional.of(MmscProfile.htmlPage(why.text()));
      }
      String tx = env.transactionId().orElse(null);
      if (why.code() == 0) {
        Fault f = new Fault("Client", why.text(), Optional.empty());
        return Optional.of(xml(500, Mm7Envelope.of(tx, profile.answerVersion(), f)));
      }
      return Optional.of(fault(tx, profile.answerVersion(), 500, "Client", why.code(), why.text()));
    }
    String id =
        body instanceof CancelReq c
            ? c.messageId()
            : body instanceof ReplaceReq rr ? rr.messageId() : null;
    if (id != null && !mock.issued(id)) {
      Status status = Status.of(2005, "Message ID not found");
      Mm7Body answer = body instanceof CancelReq ? new CancelRsp(status) : new ReplaceRsp(status);
      Mm7Version v = profile.answerVersion(env.version());
      return Optional.of(xml(200, new Mm7Envelope(env.transactionId(), v, env.dialect(), answer)));
    }
    return Optional.empty();
  }

  private static InboundResponse fault(
      String tx, Mm7Version version, int httpStatus, String faultCode, int code, String text) {
    Fault f = new Fault(faultCode, text, Optional.of(new ErrorRsp(true, Status.of(code, text))));
    return xml(httpStatus, Mm7Envelope.of(tx, version, f));
  }

  private static InboundResponse xml(int httpStatus, Mm7Envelope env) {
    Mm7Payload p = Mm7Codec.encode(env, Mm7WriteOptions.forDialect(env.dialect()));
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try {
      p.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return InboundResponse.of(httpStatus, XML, out.toByteArray());
  }
}
