package dev.keysmith.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates, updates, patches and deletes objects. Every write is turned into the object the store
 * should hold, admitted ({@link Admission}) and then written with POST or PUT, so that the store's
 * own rules (uid, resourceVersion conflicts, generation, status subresource, finalizers) apply.
 * Deletions collect garbage ({@link GarbageCollector}). {@code dryRun} writes are admitted and
 * answered, never stored.
 */
final class Writes {

  /** How often a patch is re-applied when a concurrent write changed the object under it. */
  private static final int PATCH_ATTEMPTS = 10;

  private final Store store;
  private final Catalog catalog;
  private final GarbageCollector garbage;
  private final Deletions deletions;

  Writes(Store store, Catalog catalog, Deletions deletions) {
    this.store = store;
    this.catalog = catalog;
    this.deletions = deletions;
    this.garbage = new GarbageCollector(store, catalog, this);
  }

  Reply create(RequestPath path, ApiResource resource, String body) {
    if (!path.isCollection()) {
      throw ApiException.methodNotAllowed("create is only allowed on a collection");
    }
    ObjectNode object = envelope(resource, Json.parseObject(body), path);
    Admission.generateName(object);
    if (resource.namespaced()) {
      requireNamespace(path.namespace());
    }
    if (resource.hasStatus() && resource.isCustom()) {
      object.remove("status");
    }
    List<String> warnings = Admission.admit(resource, object, path.param("fieldValidation"));
    if (path.query().containsKey("dryRun")) {
      return new Reply.Document(201, object, warnings);
    }
    return stored(
        resource,
        store.send(HttpMethod.POST, path.objectPath(false), Json.write(object)),
        object,
        warnings);
  }

  Reply update(RequestPath path, ApiResource resource, String body) {
    ObjectNode current = current(path, resource);
    ObjectNode object = envelope(resource, Json.parseObject(body), path);
    return write(path, resource, current, object, true);
  }

  Reply patch(RequestPath path, ApiResource resource, String contentType, String body) {
    Patches.requireSupported(contentType, !resource.isCustom());
    JsonNode patch = Json.parse(body);
    boolean patchPinsVersion = !Json.at(patch, "metadata.resourceVersion").isMissingNode();
    for (int attempt = 1; ; attempt++) {
      ObjectNode current = current(path, resource);
      JsonNode patched = Patches.apply(contentType, current, patch, !resource.isCustom());
      if (!patched.isObject()) {
        throw ApiException.badRequest("the patch does not produce an object");
      }
      Reply reply = write(path, resource, current, (ObjectNode) patched, false);
      boolean conflict = reply instanceof Reply.Document doc && doc.code() == 409;
      // A conflict the patch did not ask for (it names no resourceVersion) comes from a write
      // between our read and our update: apply the patch again to the newer object.
      if (!conflict || patchPinsVersion || attempt == PATCH_ATTEMPTS) {
        return reply;
      }
    }
  }

  Reply delete(RequestPath path, ApiResource resource, String body) {
    ObjectNode current = current(path, resource);
    JsonNode options = body == null || body.isBlank() ? Json.object() : Json.parse(body);
    checkPreconditions(current, options.path("preconditions"));
    if (path.query().containsKey("dryRun") || options.path("dryRun").size() > 0) {
      return new Reply.Document(200, current);
    }
    String propagation =
        Optional.ofNullable(path.param("propagationPolicy"))
            .orElse(options.path("propagationPolicy").asText("Background"));
    return new Reply.Document(
        200, deleteObject(resource, path, current, !"Orphan".equals(propagation)));
  }

  Reply deleteCollection(RequestPath path, ApiResource resource, List<ObjectNode> selected) {
    List<JsonNode> deleted = new ArrayList<>();
    for (ObjectNode object : selected) {
      RequestPath item =
          new RequestPath(
              path.group(),
              path.version(),
              Json.text(object, "metadata.namespace"),
              path.plural(),
              Json.text(object, "metadata.name"),
              null,
              path.query());
      deleted.add(deleteObject(resource, item, object, true));
    }
    ObjectNode list =
        Json.object()
            .put("apiVersion", resource.apiVersion())
            .put("kind", resource.kind() + "List");
    list.putObject("metadata");
    list.putArray("items").addAll(deleted);
    return new Reply.Document(200, list);
  }

  /**
   * Deletes one object: marks it when finalizers remain, removes it otherwise, and then deletes
   * what depended on it.
   *
   * @return the object as last seen (with its deletionTimestamp when only marked)
   */
  JsonNode deleteObject(
      ApiResource resource, RequestPath path, ObjectNode current, boolean cascade) {
    MockResponse response = store.send(HttpMethod.DELETE, path.objectPath(false), null);
    if (response.code() >= 300) {
      return current;
    }
    Optional<ObjectNode> remaining = store.get(path.objectPath(false));
    if (remaining.isEmpty()) {
      removed(resource, current, cascade);
    }
    return remaining.map(JsonNode.class::cast).orElse(current);
  }

  /** Writes the object an update or patch produced, as the store would keep it. */
  private Reply write(
      RequestPath path,
      ApiResource resource,
      ObjectNode current,
      ObjectNode requested,
      boolean put) {
    ObjectNode object;
    if ("status".equals(path.subresource())) {
      // A status write changes status only; the version it was based on still counts.
      object = current.deepCopy();
      if (requested.hasNonNull("status")) {
        object.set("status", requested.get("status").deepCopy());
      } else {
        object.remove("status");
      }
      String basedOn = Json.text(requested, "metadata.resourceVersion");
      if (basedOn != null) {
        Json.child(object, "metadata").put("resourceVersion", basedOn);
      }
    } else {
      object = requested;
      if (resource.hasStatus() && current.has("status")) {
        object.set("status", current.get("status").deepCopy());
      } else if (resource.hasStatus()) {
        object.remove("status");
      }
    }
    if (put && Json.text(object, "metadata.resourceVersion") == null) {
      // An update without resourceVersion is unconditional, as on a real server.
      Json.child(object, "metadata")
          .put("resourceVersion", Json.text(current, "metadata.resourceVersion"));
    }
    List<String> warnings = Admission.admit(resource, object, path.param("fieldValidation"));
    if (path.query().containsKey("dryRun")) {
      return new Reply.Document(200, object, warnings);
    }
    MockResponse response = store.send(HttpMethod.PUT, path.objectPath(true), Json.write(object));
    if (response.code() < 300 && store.get(path.objectPath(false)).isEmpty()) {
      // The write removed the last finalizer of an object being deleted.
      removed(resource, object, true);
      return new Reply.Document(200, object, warnings);
    }
    return stored(resource, response, object, warnings);
  }

  private void removed(ApiResource resource, JsonNode object, boolean cascade) {
    deletions.record(store.nextResourceVersion(), object);
    if (resource.kind().equals("CustomResourceDefinition")) {
      catalog.invalidate();
    }
    if (cascade) {
      garbage.ownerRemoved(resource, object);
    }
  }

  private Reply stored(
      ApiResource resource, MockResponse response, JsonNode sent, List<String> warnings) {
    if (resource.kind().equals("CustomResourceDefinition")) {
      catalog.invalidate();
    }
    String body = Store.bodyOf(response);
    JsonNode answer = body.isEmpty() ? sent : Json.parse(body);
    // The store answers PATCH with 202 and some errors without a body; a server answers 200.
    int code = response.code() == 202 ? 200 : response.code();
    return new Reply.Document(code, answer, code < 300 ? warnings : List.of());
  }

  private ObjectNode current(RequestPath path, ApiResource resource) {
    return store
        .get(path.objectPath(false))
        .orElseThrow(() -> ApiException.notFound(resource.qualifiedPlural(), path.name()));
  }

  /** Fills in apiVersion, kind and namespace from the URL, as the server's decoder does. */
  private static ObjectNode envelope(ApiResource resource, ObjectNode object, RequestPath path) {
    String kind = object.path("kind").asText("");
    String apiVersion = object.path("apiVersion").asText("");
    if (!kind.isEmpty() && !kind.equals(resource.kind())
        || !apiVersion.isEmpty() && !apiVersion.equals(resource.apiVersion())) {
      throw ApiException.badRequest(
          "the API version in the data ("
              + apiVersion
              + ") and kind ("
              + kind
              + ") do not match the URL ("
              + resource.apiVersion()
              + ", "
              + resource.kind()
              + ")");
    }
    object.put("apiVersion", resource.apiVersion()).put("kind", resource.kind());
    ObjectNode metadata = Json.child(object, "metadata");
    if (path.namespace() != null && !metadata.hasNonNull("namespace")) {
      metadata.put("namespace", path.namespace());
    }
    if (path.name() != null && !metadata.hasNonNull("name")) {
      metadata.put("name", path.name());
    }
    return object;
  }

  private void requireNamespace(String namespace) {
    Optional<ObjectNode> found = store.get("/api/v1/namespaces/" + namespace);
    if (found.isEmpty()) {
      throw ApiException.notFound("namespaces", namespace);
    }
    if (found.get().path("metadata").hasNonNull("deletionTimestamp")) {
      throw ApiException.forbidden(
          "unable to create new content in namespace "
              + namespace
              + " because it is being terminated");
    }
  }

  private static void checkPreconditions(JsonNode current, JsonNode preconditions) {
    for (String field : List.of("uid", "resourceVersion")) {
      String expected = preconditions.path(field).asText("");
      if (!expected.isEmpty() && !expected.equals(current.path("metadata").path(field).asText())) {
        throw ApiException.conflict(
            "Precondition failed: "
                + field
                + " in precondition: "
                + expected
                + ", "
                + field
                + " in object meta: "
                + current.path("metadata").path(field).asText());
      }
    }
  }
}
