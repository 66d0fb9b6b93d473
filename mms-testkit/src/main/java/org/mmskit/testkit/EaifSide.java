package org.mmskit.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.mmskit.core.Address;
import org.mmskit.core.MmsMalformedException;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.Transport;
import org.mmskit.core.pdu.MmsPdu;
import org.mmskit.core.pdu.MmsPduDecoder;
import org.mmskit.core.pdu.MmsPduEncoder;
import org.mmskit.core.pdu.PduLimits;
import org.mmskit.core.pdu.PduMessages;
import org.mmskit.core.pdu.PduStatus;
import org.mmskit.core.pdu.PduType;
import org.mmskit.eaif.EaifHeaders;
import org.mmskit.server.InboundHandler;
import org.mmskit.server.InboundRequest;
import org.mmskit.server.InboundResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The MMSC side of EAIF: reads m-send-req PDUs and answers with an m-send-conf. */
final class EaifSide implements InboundHandler {
  private static final Logger LOG = LoggerFactory.getLogger(MockMmsc.class);
  private final MockMmsc mock;
  private final int maxBody;
  private final PduLimits limits;

  EaifSide(MockMmsc mock, int maxBody) {
    this.mock = mock;
    this.maxBody = maxBody;
    this.limits = PduLimits.DEFAULT.withMaxPduSize(maxBody);
  }

  @Override
  public InboundResponse handle(InboundRequest request) throws IOException {
    if (!"POST".equals(request.method())) {
      return InboundResponse.builder(405)
          .header("Allow", "POST")
          .header(EaifHeaders.VERSION, EaifHeaders.DEFAULT_VERSION)
          .contentType("text/plain; charset=utf-8")
          .body("EAIF takes POST only\n".getBytes(StandardCharsets.UTF_8))
          .build();
    }
    if (!EaifHeaders.isMmsContentType(request.contentType().orElse(null))) {
      return text(415, "EAIF takes " + EaifHeaders.CONTENT_TYPE);
    }
    byte[] bytes = Bodies.read(request, maxBody);
    if (bytes == null) {
      return text(413, "body larger than " + maxBody + " bytes");
    }
    MmsPdu pdu;
    MmsMessage message;
    try {
      pdu = MmsPduDecoder.decode(bytes, limits);
      if (pdu.type() != PduType.SEND_REQ) {
        return text(400, "expected an m-send-req, got " + pdu.type().specName());
      }
      message = withHeaderAddresses(PduMessages.toMessage(pdu), request);
    } catch (MmsMalformedException | IllegalArgumentException e) {
      LOG.info("MockMmsc refused an EAIF request: {}", e.getMessage());
      return text(400, "malformed m-send-req: " + e.getMessage());
    }
    MmscReply reply = mock.nextReply();
    String id = reply.messageId().orElseGet(mock::newMessageId);
    String tx = pdu.transactionId().orElse(null);
    mock.record(
        new Submission(
            Transport.EAIF,
            Submission.Operation.SUBMIT,
            id,
            message,
            null,
            tx,
            null,
            null,
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
        return Bodies.drop(EaifHeaders.CONTENT_TYPE);
      case SOAP_FAULT:
        return text(500, reply.statusCode() + " " + reply.statusText());
      default:
        break;
    }
    String txId = tx == null ? "none" : tx;
    InboundResponse.Builder b =
        InboundResponse.builder(200)
            .contentType(EaifHeaders.CONTENT_TYPE)
            .header(EaifHeaders.VERSION, EaifHeaders.DEFAULT_VERSION);
    MmsPdu conf;
    if (reply.accepts()) {
      b.header(EaifHeaders.MESSAGE_ID, id);
      conf = PduMessages.sendConf(txId, PduStatus.OK, id, pdu.version());
    } else {
      int status =
          reply.statusCode() >= 3000 && reply.statusCode() < 4000
              ? PduStatus.TRANSIENT_FAILURE
              : PduStatus.PERMANENT_FAILURE;
      conf =
          PduMessages.sendConf(txId, status, null, pdu.version()).toBuilder()
              .responseText(reply.statusCode() + " " + reply.statusText())
              .build();
    }
    return b.body(MmsPduEncoder.encode(conf)).build();
  }

  /** Applies {@code X-NOKIA-MMSC-To} (replacing the PDU's recipients) and a missing sender. */
  private static MmsMessage withHeaderAddresses(MmsMessage m, InboundRequest request) {
    List<Address> to = new ArrayList<>();
    for (String v : request.headers().all(EaifHeaders.TO)) {
      for (String one : v.split(",")) {
        if (!one.isBlank()) {
          to.add(Address.parse(one.trim()));
        }
      }
    }
    MmsMessage.Builder b = m.toBuilder();
    boolean changed = false;
    if (!to.isEmpty()) {
      b.clearRecipients().to(to);
      changed = true;
    }
    if (m.from().isEmpty() && request.header(EaifHeaders.FROM).isPresent()) {
      b.from(Address.parse(request.header(EaifHeaders.FROM).get().trim()));
      changed = true;
    }
    return changed ? b.build() : m;
  }

  private static InboundResponse text(int status, String text) {
    return InboundResponse.builder(status)
        .header(EaifHeaders.VERSION, EaifHeaders.DEFAULT_VERSION)
        .contentType("text/plain; charset=utf-8")
        .body((text + "\n").getBytes(StandardCharsets.UTF_8))
        .build();
  }
}
