package org.mmskit.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import org.mmskit.mm7.Mm7Version;
import org.mmskit.mm7.internal.Mm7Body;
import org.mmskit.mm7.internal.Mm7Body.ErrorRsp;
import org.mmskit.mm7.internal.Mm7Body.Fault;
import org.mmskit.mm7.internal.Mm7Body.Status;
import org.mmskit.mm7.internal.Mm7Body.SubmitRsp;
import org.mmskit.mm7.internal.Mm7Codec;
import org.mmskit.mm7.internal.Mm7Envelope;
import org.mmskit.mm7.internal.Mm7Limits;
import org.mmskit.mm7.internal.Mm7WriteOptions;
import org.mmskit.server.InboundRequest;
import org.mmskit.server.InboundResponse;
import org.mmskit.server.MmsServer;
import org.mmskit.server.Route;

/**
 * A small MMSC for the {@code send} tests, on the project's own server and codec: records each
 * request and answers what the test scripted.
 */
final class StubMmsc implements AutoCloseable {
  enum Answer {
    OK,
    STATUS_2002,
    FAULT_4002,
    HTTP_503
  }

  /** One request as received. */
  record Received(
      String contentType, Optional<String> authorization, byte[] body, Mm7Envelope envelope) {}

  final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
  volatile Answer answer = Answer.OK;
  private final MmsServer server;

  StubMmsc() {
    server = MmsServer.builder().port(0).route(Route.open("/mm7", this::handle)).build().start();
  }

  URI uri() {
    return URI.create(server.uri() + "/mm7");
  }

  private InboundResponse handle(InboundRequest request) throws IOException {
    byte[] body = request.body().readAllBytes();
    String ct = request.contentType().orElse("");
    Mm7Envelope env = Mm7Codec.read(ct, body, Mm7Limits.defaults());
    received.add(new Received(ct, request.header("Authorization"), body, env));
    String tx = env.transactionId().orElse(null);
    Mm7Version v = env.version();
    switch (answer) {
      case STATUS_2002:
        return xml(200, Mm7Envelope.of(tx, v, new SubmitRsp(Status.of(2002, "Address error"), "")));
      case FAULT_4002:
        return xml(
            500,
            Mm7Envelope.of(
                tx,
                v,
                new Fault(
                    "Client",
                    "Unsupported version",
                    Optional.of(new ErrorRsp(true, Status.of(4002, "Unsupported version"))))));
      case HTTP_503:
        return InboundResponse.text(503, "busy");
      default:
        return xml(200, Mm7Envelope.of(tx, v, new SubmitRsp(Status.success(), "mid-0001")));
    }
  }

  private static InboundResponse xml(int status, Mm7Envelope env) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String ct = Mm7Codec.write(env, Mm7WriteOptions.standard(), out);
    return InboundResponse.of(status, ct, out.toByteArray());
  }

  static Mm7Body.SubmitReq submit(Received r) {
    return (Mm7Body.SubmitReq) r.envelope().body();
  }

  @Override
  public void close() {
    server.close();
  }
}
