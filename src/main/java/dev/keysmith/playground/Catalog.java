package dev.keysmith.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The resource types being served: the built-in ones and one per served version of each CRD in the
 * store, so that a CRD applied with kubectl becomes discoverable at once, as on a cluster.
 */
final class Catalog {

  static final String CRD_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

  private final Store store;
  private List<ApiResource> resources;

  Catalog(Store store) {
    this.store = store;
  }

  // Synchronized so that a load racing with a CRD write cannot cache what the write replaced.
  synchronized List<ApiResource> all() {
    if (resources == null) {
      resources = load();
    }
    return resources;
  }

  /** Forgets the cached CRDs; called after every write to a CRD. */
  synchronized void invalidate() {
    resources = null;
  }

  Optional<ApiResource> find(String group, String version, String plural) {
    return all().stream().filter(r -> r.matches(group, version, plural)).findFirst();
  }

  Optional<ApiResource> findKind(String apiVersion, String kind) {
    return all().stream()
        .filter(r -> r.apiVersion().equals(apiVersion) && r.kind().equals(kind))
        .findFirst();
  }

  private List<ApiResource> load() {
    List<ApiResource> loaded = new ArrayList<>(BuiltInTypes.ALL);
    for (ObjectNode crd : store.list(CRD_PATH).items()) {
      loaded.addAll(fromCrd(crd));
    }
    return List.copyOf(loaded);
  }

  static List<ApiResource> fromCrd(JsonNode crd) {
    JsonNode spec = crd.path("spec");
    JsonNode names = spec.path("names");
    List<ApiResource> served = new ArrayList<>();
    for (JsonNode version : spec.path("versions")) {
      if (!version.path("served").asBoolean(true)) {
        continue;
      }
      served.add(
          new ApiResource(
              spec.path("group").asText(),
              version.path("name").asText(),
              names.path("kind").asText(),
              names.path("plural").asText(),
              names.path("singular").asText(names.path("kind").asText().toLowerCase()),
              "Namespaced".equals(spec.path("scope").asText()),
              strings(names.path("shortNames")),
              strings(names.path("categories")),
              version.path("subresources").has("status"),
              version));
    }
    return served;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }
}
