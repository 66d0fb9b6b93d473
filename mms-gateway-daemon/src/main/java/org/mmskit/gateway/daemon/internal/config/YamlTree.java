package org.mmskit.gateway.daemon.internal.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as nodes that remember their line, so that every configuration problem can name
 * where it is. Jackson's YAML parser reads the text; this class only keeps the token locations its
 * tree model drops.
 */
final class YamlTree {
  private YamlTree() {}

  /** A node and the line it starts on (1-based). */
  sealed interface Node permits MapNode, ListNode, Scalar {
    int line();
  }

  /** A mapping; keys keep their order and their own lines. */
  record MapNode(int line, Map<String, Entry> entries) implements Node {}

  /** One key of a mapping. */
  record Entry(String key, int line, Node value) {}

  /** A sequence. */
  record ListNode(int line, List<Node> items) implements Node {}

  /** A scalar; {@code text} is null for YAML's null ({@code key:} with nothing after it). */
  record Scalar(int line, String text) implements Node {}

  /** Thrown for text that is not YAML, with the line the parser stopped at. */
  static final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    final int line;

    SyntaxException(int line, String message) {
      super(message);
      this.line = line;
    }
  }

  /**
   * Reads one document. Duplicate keys are added to {@code problems} (the later value wins, as
   * nothing else may be assumed about what was meant).
   */
  static Node read(Reader text, List<String> problems) throws SyntaxException, IOException {
    YAMLFactory factory = YAMLFactory.builder().build();
    try (JsonParser p = factory.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return new MapNode(1, Map.of());
      }
      return node(p, t, "", problems);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String message = e.getOriginalMessage();
      throw new SyntaxException(at == null ? 0 : at.getLineNr(), message);
    }
  }

  private static Node node(JsonParser p, JsonToken t, String path, List<String> problems)
      throws IOException {
    int line = p.currentTokenLocation().getLineNr();
    switch (t) {
      case START_OBJECT -> {
        Map<String, Entry> entries = new LinkedHashMap<>();
        JsonToken k;
        while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          int keyLine = p.currentTokenLocation().getLineNr();
          String childPath = path.isEmpty() ? key : path + "." + key;
          Node value = node(p, p.nextToken(), childPath, problems);
          Entry previous = entries.put(key, new Entry(key, keyLine, value));
          if (previous != null) {
            problems.add(
                "line "
                    + keyLine
                    + ": "
                    + childPath
                    + ": given twice (also on line "
                    + previous.line()
                    + ")");
          }
        }
        return new MapNode(line, entries);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        JsonToken i;
        int index = 0;
        while ((i = p.nextToken()) != JsonToken.END_ARRAY) {
          items.add(node(p, i, path + "[" + index++ + "]", problems));
        }
        return new ListNode(line, items);
      }
      case VALUE_NULL -> {
        return new Scalar(line, null);
      }
      default -> {
        return new Scalar(line, p.getText());
      }
    }
  }
}
