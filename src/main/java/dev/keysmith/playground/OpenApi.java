package dev.keysmith.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenAPI v3, one document per group/version, as kubectl reads it:
 *
 * <ul>
 *   <li>{@code kubectl explain} renders the kind's schema (for custom resources the CRD's
 *       openAPIV3Schema, so every field description shows; built-in kinds get a short schema);
 *   <li>{@code kubectl apply/create} (validation on by default) look at the PATCH operation of the
 *       kind for a {@code fieldValidation} parameter. It is announced, and the playground honours
 *       it: custom resources are validated against their CRD's schema on every write (see {@link
 *       SchemaValidation}). Without it kubectl would validate on the client side from OpenAPI v2, a
 *       protobuf document the playground does not serve.
 * </ul>
 */
final class OpenApi {

  private static final String REF_PREFIX = "#/components/schemas/";
  private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
  private static final JsonNode BUILT_IN = Json.resource("/playground/openapi-builtin.json");

  private final Catalog catalog;

  OpenApi(Catalog catalog) {
    this.catalog = catalog;
  }

  /** {@code /openapi/v3}: where each group/version's document is, with a content hash. */
  ObjectNode index() {
    ObjectNode index = Json.object();
    ObjectNode paths = index.putObject("paths");
    documents()
        .forEach(
            (path, doc) ->
                paths
                    .putObject(path)
                    .put("serverRelativeURL", "/openapi/v3/" + path + "?hash=" + hash(doc)));
    return index;
  }

  /** The document of {@code api/v1} or {@code apis/{group}/{version}}. */
  Optional<ObjectNode> document(String groupVersionPath) {
    return Optional.ofNullable(documents().get(groupVersionPath));
  }

  private Map<String, ObjectNode> documents() {
    Map<String, List<ApiResource>> byGroupVersion = new LinkedHashMap<>();
    for (ApiResource resource : catalog.all()) {
      String path = resource.pathPrefix().substring(1);
      byGroupVersion.computeIfAbsent(path, p -> new ArrayList<>()).add(resource);
    }
    Map<String, ObjectNode> docs = new LinkedHashMap<>();
    byGroupVersion.forEach((path, resources) -> docs.put(path, document(resources)));
    return docs;
  }

  private static ObjectNode document(List<ApiResource> resources) {
    ObjectNode doc = Json.object().put("openapi", "3.0.0");
    doc.putObject("info")
        .put("title", "Kubernetes")
        .put("version", "v" + Discovery.MAJOR + "." + Discovery.MINOR + ".0");
    ObjectNode paths = doc.putObject("paths");
    ObjectNode schemas = doc.putObject("components").putObject("schemas");
    for (String shared :
        List.of(
            META + "ObjectMeta", META + "OwnerReference", "io.k8s.api.core.v1.ObjectReference")) {
      schemas.set(shared, BUILT_IN.get(shared).deepCopy());
    }
    schemas
        .putObject(META + "Patch")
        .put("description", "A patch: JSON patch, JSON merge patch or strategic merge patch.")
        .put("type", "object");
    schemas
        .putObject(META + "Status")
        .put("description", "The result of an operation that returns no object.")
        .put("type", "object")
        .put("x-kubernetes-preserve-unknown-fields", true);
    for (ApiResource resource : resources) {
      schemas.set(resource.definitionName(), kindSchema(resource));
      addPaths(paths, resource);
    }
    return doc;
  }

  private static ObjectNode kindSchema(ApiResource resource) {
    ObjectNode schema =
        (ObjectNode)
            (resource.isCustom() ? resource.schema() : BUILT_IN.path(resource.definitionName()))
                .deepCopy();
    if (schema.isEmpty()) {
      schema.put("type", "object");
    }
    ObjectNode properties = Json.child(schema, "properties");
    properties
        .putObject("apiVersion")
        .put("type", "string")
        .put(
            "description",
            "Versioned schema of this representation of an object, e.g. "
                + resource.apiVersion()
                + ".");
    properties
        .putObject("kind")
        .put("type", "string")
        .put(
            "description",
            "The REST resource this object represents, e.g. " + resource.kind() + ".");
    ObjectNode metadata = properties.putObject("metadata");
    metadata.put(
        "description",
        "Standard object's metadata: name, namespace, labels, annotations, owner references.");
    metadata.putArray("allOf").addObject().put("$ref", REF_PREFIX + META + "ObjectMeta");
    metadata.putObject("default");
    ArrayNode gvk = schema.putArray("x-kubernetes-group-version-kind");
    gvk.add(gvk(resource));
    return schema;
  }

  private static ObjectNode gvk(ApiResource resource) {
    return Json.object()
        .put("group", resource.group())
        .put("kind", resource.kind())
        .put("version", resource.version());
  }

  private static void addPaths(ObjectNode paths, ApiResource resource) {
    String prefix = resource.pathPrefix();
    String collection =
        prefix + (resource.namespaced() ? "/namespaces/{namespace}/" : "/") + resource.plural();
    String item = collection + "/{name}";
    ObjectNode collectionPath = paths.putObject(collection);
    collectionPath.set("get", operation(resource, "list", false));
    collectionPath.set("post", operation(resource, "post", true));
    collectionPath.set("delete", operation(resource, "deletecollection", false));
    ObjectNode itemPath = paths.putObject(item);
    itemPath.set("get", operation(resource, "get", false));
    itemPath.set("put", operation(resource, "put", true));
    itemPath.set("patch", patchOperation(resource));
    itemPath.set("delete", operation(resource, "delete", false));
    if (resource.hasStatus()) {
      ObjectNode statusPath = paths.putObject(item + "/status");
      statusPath.set("get", operation(resource, "get", false));
      statusPath.set("put", operation(resource, "put", true));
      statusPath.set("patch", patchOperation(resource));
    }
    if (resource.namespaced()) {
      paths
          .putObject(prefix + "/" + resource.plural())
          .set("get", operation(resource, "list", false));
    }
  }

  private static ObjectNode operation(ApiResource resource, String action, boolean writes) {
    ObjectNode operation =
        Json.object()
            .put("operationId", action + resource.kind())
            .put("description", action + " " + resource.kind());
    ArrayNode parameters = operation.putArray("parameters");
    if (writes) {
      queryParameter(
          parameters, "dryRun", "When present, the change is validated but not persisted.");
      queryParameter(parameters, "fieldManager", "Name of the actor making the change.");
      queryParameter(
          parameters,
          "fieldValidation",
          "Strict rejects unknown fields, Warn reports them, Ignore drops them silently.");
    }
    if (writes || action.equals("get")) {
      operation
          .putObject("responses")
          .putObject("200")
          .put("description", "OK")
          .putObject("content")
          .putObject("application/json")
          .putObject("schema")
          .put("$ref", REF_PREFIX + resource.definitionName());
    } else {
      operation.putObject("responses").putObject("200").put("description", "OK");
    }
    if (writes) {
      operation
          .putObject("requestBody")
          .put("required", true)
          .putObject("content")
          .putObject("application/json")
          .putObject("schema")
          .put("$ref", REF_PREFIX + resource.definitionName());
    }
    operation.put("x-kubernetes-action", action);
    operation.set("x-kubernetes-group-version-kind", gvk(resource));
    return operation;
  }

  /**
   * PATCH as announced: JSON patch and merge patch. Strategic merge patch is accepted for built-in
   * kinds but deliberately not announced: kubectl would then compute its patches from these
   * abridged schemas instead of its own compiled-in types. Server-side apply is not offered.
   */
  private static ObjectNode patchOperation(ApiResource resource) {
    ObjectNode operation = operation(resource, "patch", true);
    ObjectNode content = Json.object();
    for (String type : List.of(Patches.JSON_PATCH, Patches.MERGE_PATCH)) {
      content.putObject(type).putObject("schema").put("$ref", REF_PREFIX + META + "Patch");
    }
    ((ObjectNode) operation.get("requestBody")).set("content", content);
    return operation;
  }

  private static void queryParameter(ArrayNode parameters, String name, String description) {
    ObjectNode parameter =
        parameters.addObject().put("name", name).put("in", "query").put("description", description);
    parameter.putObject("schema").put("type", "string").put("uniqueItems", true);
  }

  private static String hash(JsonNode doc) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(Json.write(doc).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().withUpperCase().formatHex(digest, 0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
