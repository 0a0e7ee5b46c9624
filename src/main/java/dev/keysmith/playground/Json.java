package dev.keysmith.playground;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The playground's JSON plumbing: Kubernetes objects are handled as Jackson trees throughout. */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** Parses a request or stored body; malformed JSON is the client's fault. */
  static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("invalid JSON: " + e.getOriginalMessage());
    }
  }

  static ObjectNode parseObject(String text) {
    JsonNode node = parse(text);
    if (!node.isObject()) {
      throw ApiException.badRequest("the request body must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /** Reads a document shipped in the jar. */
  static JsonNode resource(String name) {
    try (InputStream in = Json.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + name);
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text at a dotted path such as {@code metadata.name}, or null when absent. */
  static String text(JsonNode node, String dottedPath) {
    JsonNode value = at(node, dottedPath);
    return value.isValueNode() && !value.isNull() ? value.asText() : null;
  }

  /** The node at a dotted path; a missing node when any step is absent. */
  static JsonNode at(JsonNode node, String dottedPath) {
    JsonNode current = node;
    for (String step : dottedPath.split("\\.")) {
      current = current.path(step);
    }
    return current;
  }

  /** The object at {@code field} of {@code parent}, created when absent. */
  static ObjectNode child(ObjectNode parent, String field) {
    JsonNode existing = parent.get(field);
    if (existing instanceof ObjectNode object) {
      return object;
    }
    return parent.putObject(field);
  }
}
