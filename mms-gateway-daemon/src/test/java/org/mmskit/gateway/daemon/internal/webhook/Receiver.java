package org.mmskit.gateway.daemon.internal.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.mmskit.server.InboundResponse;
import org.mmskit.server.MmsServer;
import org.mmskit.server.Route;

/**
 * A webhook receiver on loopback (an {@link MmsServer}, TCP_NODELAY on): records every POST, checks
 * its signature as a receiver would, and answers what {@link #answer} says.
 */
final class Receiver implements AutoCloseable {
  static final String SECRET = "whsec_test-secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One POST as received. */
  record Hit(
      String eventId,
      String type,
      String signature,
      byte[] body,
      boolean signatureValid,
      int answered) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  final List<Hit> hits = new CopyOnWriteArrayList<>();
  volatile ToIntFunction<Hit> answer = h -> 204;
  private final MmsServer server;

  private Receiver(int port) {
    server =
        MmsServer.builder()
            .bindAddress("127.0.0.1")
            .port(port)
            .route(
                Route.open(
                    "/hook",
                    request -> {
                      byte[] body = request.body().readAllBytes();
                      String signature = request.header(WebhookSignature.HEADER).orElse(null);
                      boolean valid =
                          WebhookSignature.verify(
                              SECRET, signature, body, Instant.now(), Duration.ofMinutes(5));
                      Hit hit =
                          new Hit(
                              request.header(WebhookSignature.EVENT_ID_HEADER).orElse(null),
                              request.header("MMSKit-Event-Type").orElse(null),
                              signature,
                              body,
                              valid,
                              0);
                      int status = answer.applyAsInt(hit);
                      hits.add(new Hit(hit.eventId(), hit.type(), signature, body, valid, status));
                      return InboundResponse.status(status);
                    }))
            .build()
            .start();
  }

  /** A receiver on a free port. */
  static Receiver start() {
    return new Receiver(0);
  }

  /** A receiver on this port (one that was down, now up). */
  static Receiver start(int port) {
    return new Receiver(port);
  }

  URI uri() {
    return URI.create(server.uri() + "/hook");
  }

  int port() {
    return server.port();
  }

  /** The event IDs answered with 2xx, each as often as it was. */
  List<String> accepted() {
    return hits.stream().filter(h -> h.answered() / 100 == 2).map(Hit::eventId).toList();
  }

  Set<String> acceptedIds() {
    return accepted().stream().collect(Collectors.toSet());
  }

  @Override
  public void close() {
    server.close();
  }
}
