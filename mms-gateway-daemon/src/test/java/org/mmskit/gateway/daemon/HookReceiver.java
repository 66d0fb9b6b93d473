package org.mmskit.gateway.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.mmskit.gateway.daemon.internal.webhook.WebhookSignature;
import org.mmskit.server.InboundResponse;
import org.mmskit.server.MmsServer;
import org.mmskit.server.Route;

/** A webhook receiver on loopback that keeps every event whose signature checks out. */
final class HookReceiver implements AutoCloseable {
  static final String SECRET = "daemon-test-webhook-secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  final List<JsonNode> events = new CopyOnWriteArrayList<>();
  final List<String> badSignatures = new CopyOnWriteArrayList<>();
  private final MmsServer server;

  HookReceiver() {
    server =
        MmsServer.builder()
            .route(
                Route.open(
                    "/hook",
                    r -> {
                      byte[] body = r.body().readAllBytes();
                      String sig = r.header(WebhookSignature.HEADER).orElse(null);
                      if (!WebhookSignature.verify(
                          SECRET, sig, body, Instant.now(), Duration.ofMinutes(5))) {
                        badSignatures.add(String.valueOf(sig));
                        return InboundResponse.status(401);
                      }
                      events.add(JSON.readTree(body));
                      return InboundResponse.noContent();
                    }))
            .build()
            .start();
  }

  URI uri() {
    return server.uri().resolve("/hook");
  }

  List<JsonNode> ofType(String type) {
    return events.stream().filter(e -> e.path("type").asText().equals(type)).toList();
  }

  /** The tracking IDs named by the events of this type. */
  Set<String> trackingIds(String type) {
    return ofType(type).stream()
        .map(e -> e.path("data").path("trackingId").asText(null))
        .filter(java.util.Objects::nonNull)
        .collect(Collectors.toSet());
  }

  @Override
  public void close() {
    server.close();
  }
}
