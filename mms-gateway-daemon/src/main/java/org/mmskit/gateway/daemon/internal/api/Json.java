package org.mmskit.gateway.daemon.internal.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.mmskit.server.InboundResponse;

/** JSON answers of the API. */
final class Json {
  /**
   * Strict about what clients send: a key given twice or text after the object is an error, not
   * silently resolved.
   */
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  static final String TYPE = "application/json";

  private Json() {}

  static InboundResponse answer(int status, JsonNode body) {
    try {
      return InboundResponse.of(status, TYPE, MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always writes", e);
    }
  }

  /** {@code {"errors": [{"field": ..., "message": ...}, ...]}}. */
  static InboundResponse errors(int status, List<MessageReader.Problem> problems) {
    ObjectNode o = MAPPER.createObjectNode();
    ArrayNode list = o.putArray("errors");
    for (MessageReader.Problem p : problems) {
      ObjectNode e = list.addObject();
      if (!p.field().isEmpty()) {
        e.put("field", p.field());
      }
      e.put("message", p.message());
    }
    return answer(status, o);
  }

  static InboundResponse error(int status, String message) {
    return errors(status, List.of(new MessageReader.Problem("", message)));
  }
}
