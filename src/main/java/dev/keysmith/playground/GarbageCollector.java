package dev.keysmith.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What Kubernetes' garbage collector and namespace controller do, synchronously: when an object is
 * removed, its dependents (objects whose ownerReferences all point at removed owners) are deleted,
 * recursively; removing a Namespace deletes everything in it, removing a CRD deletes its custom
 * resources. Deletion is background-style: dependents are deleted after their owner is gone, and a
 * dependent with finalizers is only marked, as on a cluster.
 */
final class GarbageCollector {

  private final Store store;
  private final Catalog catalog;
  private final Writes writes;

  GarbageCollector(Store store, Catalog catalog, Writes writes) {
    this.store = store;
    this.catalog = catalog;
    this.writes = writes;
  }

  void ownerRemoved(ApiResource resource, JsonNode owner) {
    String name = Json.text(owner, "metadata.name");
    if (resource.group().isEmpty() && resource.kind().equals("Namespace")) {
      for (ApiResource contained : catalog.all()) {
        if (contained.namespaced()) {
          deleteAll(
              contained, contained.pathPrefix() + "/namespaces/" + name + "/" + contained.plural());
        }
      }
    } else if (resource.kind().equals("CustomResourceDefinition")) {
      for (ApiResource custom : Catalog.fromCrd(owner)) {
        deleteAll(custom, custom.pathPrefix() + "/" + custom.plural());
      }
    }
    String uid = Json.text(owner, "metadata.uid");
    for (ApiResource candidate : catalog.all()) {
      for (ObjectNode dependent :
          store.list(candidate.pathPrefix() + "/" + candidate.plural()).items()) {
        if (ownedBy(dependent, uid) && !hasOtherLiveOwner(dependent, uid)) {
          delete(candidate, dependent);
        }
      }
    }
  }

  private void deleteAll(ApiResource resource, String collection) {
    store.list(collection).items().forEach(object -> delete(resource, object));
  }

  private void delete(ApiResource resource, ObjectNode object) {
    String path =
        resource.pathPrefix()
            + (resource.namespaced()
                ? "/namespaces/" + Json.text(object, "metadata.namespace")
                : "")
            + "/"
            + resource.plural()
            + "/"
            + Json.text(object, "metadata.name");
    writes.deleteObject(resource, RequestPath.parse(path), object, true);
  }

  private static boolean ownedBy(JsonNode object, String uid) {
    for (JsonNode reference : object.path("metadata").path("ownerReferences")) {
      if (uid.equals(reference.path("uid").asText())) {
        return true;
      }
    }
    return false;
  }

  /** Whether another owner of the object still exists (then it is not garbage). */
  private boolean hasOtherLiveOwner(JsonNode object, String removedUid) {
    for (JsonNode reference : object.path("metadata").path("ownerReferences")) {
      String uid = reference.path("uid").asText();
      if (uid.equals(removedUid)) {
        continue;
      }
      ApiResource ownerType =
          catalog
              .findKind(reference.path("apiVersion").asText(), reference.path("kind").asText())
              .orElse(null);
      if (ownerType == null) {
        // An owner of a type not served cannot be checked; keep the object, as the GC would.
        return true;
      }
      String path =
          ownerType.pathPrefix()
              + (ownerType.namespaced()
                  ? "/namespaces/" + Json.text(object, "metadata.namespace")
                  : "")
              + "/"
              + ownerType.plural()
              + "/"
              + reference.path("name").asText();
      if (store.get(path).map(o -> uid.equals(Json.text(o, "metadata.uid"))).orElse(false)) {
        return true;
      }
    }
    return false;
  }
}
