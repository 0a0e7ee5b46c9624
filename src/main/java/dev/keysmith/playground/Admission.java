package dev.keysmith.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What a real API server does to an object between the request and the store, where the store does
 * not: Secret {@code stringData} becomes base64 {@code data} (and the type defaults to {@code
 * Opaque}), Namespaces get their phase and {@code kubernetes.io/metadata.name} label, {@code
 * generateName} gets a short random suffix, and custom resources are validated against their CRD.
 */
final class Admission {

  static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

  private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Admission() {}

  /**
   * Mutates and validates the object about to be stored.
   *
   * @return warnings for the client (dropped unknown fields)
   */
  static List<String> admit(ApiResource resource, ObjectNode object, String fieldValidation) {
    switch (resource.group() + "/" + resource.kind()) {
      case "/Secret" -> {
        convertStringData(object);
        if (object.path("type").asText("").isEmpty()) {
          object.put("type", "Opaque");
        }
      }
      case "/Namespace" -> defaultNamespace(object);
      default -> {}
    }
    return resource.isCustom()
        ? SchemaValidation.admit(resource, object, fieldValidation)
        : List.of();
  }

  /** Names an object that asks for a generated name, the way the API server does. */
  static void generateName(ObjectNode object) {
    ObjectNode metadata = Json.child(object, "metadata");
    String prefix = metadata.path("generateName").asText("");
    if (metadata.path("name").asText("").isEmpty() && !prefix.isEmpty()) {
      StringBuilder name = new StringBuilder(prefix);
      for (int i = 0; i < 5; i++) {
        name.append(SUFFIX_ALPHABET.charAt(RANDOM.nextInt(SUFFIX_ALPHABET.length())));
      }
      metadata.put("name", name.toString());
    }
  }

  /** Secrets store only {@code data}: {@code stringData} is a write-only convenience. */
  private static void convertStringData(ObjectNode secret) {
    JsonNode stringData = secret.remove("stringData");
    if (stringData == null || !stringData.isObject() || stringData.isEmpty()) {
      return;
    }
    ObjectNode data = Json.child(secret, "data");
    for (Iterator<Map.Entry<String, JsonNode>> it = stringData.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      data.put(
          entry.getKey(),
          Base64.getEncoder()
              .encodeToString(entry.getValue().asText().getBytes(StandardCharsets.UTF_8)));
    }
  }

  private static void defaultNamespace(ObjectNode namespace) {
    ObjectNode metadata = Json.child(namespace, "metadata");
    Json.child(metadata, "labels").put(NAMESPACE_NAME_LABEL, metadata.path("name").asText());
    ObjectNode status = Json.child(namespace, "status");
    if (!status.has("phase")) {
      status.put("phase", "Active");
    }
  }
}
