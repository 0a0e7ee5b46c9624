package dev.keysmith.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The manifests in examples/, one document at a time, in file order. */
final class Examples {

  static final Path DIRECTORY = Path.of("examples");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  record Document(String file, JsonNode object) {
    String kind() {
      return object.path("kind").asText();
    }

    String name() {
      return object.at("/metadata/name").asText();
    }

    String namespace() {
      return object.at("/metadata/namespace").asText();
    }

    @Override
    public String toString() {
      return file + ": " + kind() + " " + name();
    }
  }

  static List<Document> all() {
    List<Document> documents = new ArrayList<>();
    try (Stream<Path> files = Files.list(DIRECTORY)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
          Iterator<JsonNode> objects = YAML.readValues(parser, JsonNode.class);
          while (objects.hasNext()) {
            JsonNode object = objects.next();
            if (object != null && !object.isEmpty()) {
              documents.add(new Document(file.getFileName().toString(), object));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return documents;
  }

  /** A Secret as the API server stores it: stringData folded into base64 data. */
  static JsonNode asStored(JsonNode object) {
    if (!"Secret".equals(object.path("kind").asText()) || !object.has("stringData")) {
      return object;
    }
    ObjectNode copy = object.deepCopy();
    ObjectNode data = copy.has("data") ? (ObjectNode) copy.get("data") : copy.putObject("data");
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) () -> object.get("stringData").fields()) {
      data.put(e.getKey(), Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
    }
    copy.remove("stringData");
    return copy;
  }

  private Examples() {}
}
