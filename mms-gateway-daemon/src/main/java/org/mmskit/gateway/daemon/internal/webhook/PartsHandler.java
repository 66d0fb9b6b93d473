package org.mmskit.gateway.daemon.internal.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;
import org.mmskit.server.InboundHandler;
import org.mmskit.server.InboundRequest;
import org.mmskit.server.InboundResponse;

/**
 * Serves {@code GET /v1/parts/<token>}: the body of a part too large to travel inside its event,
 * until the part expires. The token is the only credential (256 random bits, in the signed event),
 * so the route needs no API key; an unknown or expired token gets 404, like one never issued.
 */
final class PartsHandler implements InboundHandler {
  /** 32 random bytes in unpadded base64url. */
  static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

  private final Outbox outbox;
  private final Clock clock;

  PartsHandler(Outbox outbox, Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  @Override
  public InboundResponse handle(InboundRequest request) {
    if (!request.method().equals("GET")) {
      return InboundResponse.builder(405)
          .header("Allow", "GET")
          .contentType("text/plain; charset=UTF-8")
          .body("only GET\n".getBytes(StandardCharsets.UTF_8))
          .build();
    }
    String path = request.path();
    String token = path.substring(path.lastIndexOf('/') + 1);
    if (!TOKEN.matcher(token).matches()) {
      return InboundResponse.text(404, "no such part\n");
    }
    Optional<Outbox.PartInfo> part = outbox.part(token, clock.millis());
    Optional<InboundResponse.BodyWriter> body = part.flatMap(p -> outbox.body(token));
    if (part.isEmpty() || body.isEmpty()) {
      return InboundResponse.text(404, "no such part, or it expired\n");
    }
    return InboundResponse.builder(200)
        .contentType(part.get().contentType())
        .header("Cache-Control", "private, no-store")
        .header("X-Content-Type-Options", "nosniff")
        .body(body.get(), part.get().size())
        .build();
  }
}
