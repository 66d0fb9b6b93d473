package org.mmskit.gateway.daemon.internal.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.mmskit.core.MmsMessage;
import org.mmskit.core.MmsPart;
import org.mmskit.gateway.MessageStatus;
import org.mmskit.gateway.MmsGateway;
import org.mmskit.gateway.daemon.internal.status.Activity;
import org.mmskit.server.InboundHandler;
import org.mmskit.server.InboundRequest;
import org.mmskit.server.InboundResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/messages}: {@code POST} submits (JSON or a form with files) and answers 202 with the
 * tracking ID once the gateway stored the message; {@code GET /v1/messages/{id}} tells its state;
 * {@code DELETE /v1/messages/{id}} cancels what is still queued. Every call needs an API key.
 */
final class MessagesHandler implements InboundHandler {
  private static final Logger LOG = LoggerFactory.getLogger(MessagesHandler.class);
  static final String PREFIX = "/v1/messages";

  private final MmsGateway gateway;
  private final Activity activity;
  private final ApiKeys keys;
  private final PartFetcher fetcher;
  private final BooleanSupplier stopping;

  MessagesHandler(
      MmsGateway gateway,
      Activity activity,
      ApiKeys keys,
      PartFetcher fetcher,
      BooleanSupplier stopping) {
    this.gateway = gateway;
    this.activity = activity;
    this.keys = keys;
    this.fetcher = fetcher;
    this.stopping = stopping;
  }

  @Override
  public InboundResponse handle(InboundRequest request) throws IOException {
    if (keys.check(request).isEmpty()) {
      return Json.error(401, "an API key is needed: Authorization: Bearer KEY or X-Api-Key: KEY")
          .toBuilder()
          .header("WWW-Authenticate", "Bearer realm=\"mmskit\"")
          .build();
    }
    String path = request.path();
    if (path.equals(PREFIX) || path.equals(PREFIX + "/")) {
      if (!request.method().equals("POST")) {
        return InboundResponse.builder(405).header("Allow", "POST").build();
      }
      if (stopping.getAsBoolean()) {
        return stoppingAnswer();
      }
      return submit(request);
    }
    String id = path.substring(PREFIX.length() + 1);
    if (id.isEmpty() || id.indexOf('/') >= 0) {
      return Json.error(404, "no such resource: " + path);
    }
    return switch (request.method()) {
      case "GET", "HEAD" -> status(id);
      case "DELETE" -> cancel(id);
      default -> InboundResponse.builder(405).header("Allow", "GET, DELETE").build();
    };
  }

  private static InboundResponse stoppingAnswer() {
    return Json.error(503, "the gateway is stopping: try again shortly").toBuilder()
        .header("Retry-After", "5")
        .build();
  }

  private InboundResponse submit(InboundRequest request) throws IOException {
    String type = request.contentType().orElse("").toLowerCase(Locale.ROOT);
    JsonNode fields;
    List<MmsPart> files = List.of();
    List<MessageReader.Problem> problems = new ArrayList<>();
    if (type.startsWith("application/json") || type.matches("application/[^;]*\\+json.*")) {
      try {
        fields = Json.MAPPER.readTree(request.body());
      } catch (JsonProcessingException e) {
        return parseError(e);
      }
      if (fields == null || fields.isMissingNode()) {
        return Json.error(400, "the body is empty: send a JSON object");
      }
    } else if (type.startsWith("multipart/form-data")) {
      FormReader.Form form = FormReader.read(request.body(), request.contentType().get());
      fields = form.fields();
      files = form.files();
      problems.addAll(form.problems());
    } else {
      return Json.error(
          415,
          "send application/json or multipart/form-data, not "
              + (type.isEmpty() ? "no type" : type));
    }
    MessageReader.Result r = MessageReader.read(fields, files);
    problems.addAll(r.problems());
    if (!problems.isEmpty()) {
      return Json.errors(400, problems);
    }
    List<MmsPart> parts = new ArrayList<>(r.parts());
    for (MessageReader.Fetch f : r.fetches()) {
      try {
        parts.set(f.slot(), fetcher.fetch(f.url(), f.contentType(), f.fileName()));
      } catch (PartFetcher.FetchException e) {
        problems.add(new MessageReader.Problem(f.field(), e.getMessage()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Json.error(503, "interrupted while fetching parts: try again");
      }
    }
    if (!problems.isEmpty()) {
      return Json.errors(400, problems);
    }
    MmsMessage message;
    try {
      message = r.builder().parts(parts).build();
      message.requireSendable();
    } catch (IllegalArgumentException | IllegalStateException e) {
      return Json.error(400, e.getMessage());
    }
    String trackingId;
    try {
      trackingId = gateway.submit(message);
    } catch (IllegalArgumentException e) {
      return Json.errors(400, List.of(new MessageReader.Problem("to", e.getMessage())));
    } catch (RuntimeException e) {
      LOG.error("could not store a message", e);
      activity.error("api", "could not store a message: " + e.getMessage());
      return Json.error(503, "the message could not be stored: try again");
    }
    activity.submitted(trackingId, message);
    ObjectNode body = Json.MAPPER.createObjectNode().put("trackingId", trackingId);
    return InboundResponse.builder(202)
        .header("Location", PREFIX + "/" + trackingId)
        .contentType(Json.TYPE)
        .body(Json.MAPPER.writeValueAsBytes(body))
        .build();
  }

  private static InboundResponse parseError(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    ObjectNode o = Json.MAPPER.createObjectNode();
    ObjectNode err = o.putArray("errors").addObject();
    err.put("message", "not valid JSON: " + e.getOriginalMessage());
    if (at != null) {
      long offset = at.getByteOffset() >= 0 ? at.getByteOffset() : at.getCharOffset();
      err.put("offset", offset);
      err.put("line", at.getLineNr());
      err.put("column", at.getColumnNr());
    }
    return Json.answer(400, o);
  }

  private InboundResponse status(String id) {
    Optional<MessageStatus> s = gateway.status(id);
    if (s.isEmpty()) {
      return Json.error(404, "no message with tracking ID " + id);
    }
    return Json.answer(200, StatusJson.of(s.get()));
  }

  private InboundResponse cancel(String id) {
    if (gateway.status(id).isEmpty()) {
      return Json.error(404, "no message with tracking ID " + id);
    }
    boolean cancelled = gateway.cancel(id);
    MessageStatus after = gateway.status(id).orElseThrow();
    ObjectNode o = StatusJson.of(after);
    o.put("cancelled", cancelled);
    return Json.answer(cancelled ? 200 : 409, o);
  }
}
