package dev.keysmith.playground;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The discovery documents kubectl reads before anything else. Served in the legacy format (plain
 * {@code application/json}, one request per group/version): kubectl asks for aggregated discovery
 * first and falls back to this when the response is not of that type.
 */
final class Discovery {

  /** The Kubernetes version the playground claims: the kubectl it is tested with. */
  static final String MAJOR = "1";

  static final String MINOR = "32";

  private final Catalog catalog;

  Discovery(Catalog catalog) {
    this.catalog = catalog;
  }

  static ObjectNode version() {
    return Json.object()
        .put("major", MAJOR)
        .put("minor", MINOR)
        .put("gitVersion", "v" + MAJOR + "." + MINOR + ".0+keysmith-playground")
        .put("gitCommit", "0000000000000000000000000000000000000000")
        .put("gitTreeState", "clean")
        .put("buildDate", "2026-01-01T00:00:00Z")
        .put("goVersion", "n/a (in-memory Java API server)")
        .put("compiler", "gc")
        .put("platform", "linux/amd64");
  }

  /** {@code /api}: the core group's versions. */
  static ObjectNode coreVersions(String serverAddress) {
    ObjectNode doc = Json.object().put("kind", "APIVersions");
    doc.putArray("versions").add("v1");
    doc.putArray("serverAddressByClientCIDRs")
        .addObject()
        .put("clientCIDR", "0.0.0.0/0")
        .put("serverAddress", serverAddress);
    return doc;
  }

  /** {@code /apis}: every named group with its versions. */
  ObjectNode groups() {
    Map<String, Set<String>> versions = new LinkedHashMap<>();
    for (ApiResource resource : catalog.all()) {
      if (!resource.group().isEmpty()) {
        versions
            .computeIfAbsent(resource.group(), g -> new LinkedHashSet<>())
            .add(resource.version());
      }
    }
    ObjectNode doc = Json.object().put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = doc.putArray("groups");
    versions.forEach(
        (group, groupVersions) -> {
          ObjectNode entry = groups.addObject().put("name", group);
          ArrayNode list = entry.putArray("versions");
          groupVersions.forEach(
              v -> list.addObject().put("groupVersion", group + "/" + v).put("version", v));
          String preferred = groupVersions.iterator().next();
          entry
              .putObject("preferredVersion")
              .put("groupVersion", group + "/" + preferred)
              .put("version", preferred);
        });
    return doc;
  }

  /** {@code /apis/{group}/{version}}, or {@code /api/v1} for the core group. */
  Optional<ObjectNode> resources(String group, String version) {
    List<ApiResource> served =
        catalog.all().stream()
            .filter(r -> r.group().equals(group) && r.version().equals(version))
            .toList();
    if (served.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode doc =
        Json.object()
            .put("kind", "APIResourceList")
            .put("apiVersion", "v1")
            .put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode list = doc.putArray("resources");
    for (ApiResource resource : served) {
      ObjectNode entry =
          list.addObject()
              .put("name", resource.plural())
              .put("singularName", resource.singular())
              .put("namespaced", resource.namespaced())
              .put("kind", resource.kind());
      ApiResource.VERBS.forEach(entry.putArray("verbs")::add);
      if (!resource.shortNames().isEmpty()) {
        resource.shortNames().forEach(entry.putArray("shortNames")::add);
      }
      if (!resource.categories().isEmpty()) {
        resource.categories().forEach(entry.putArray("categories")::add);
      }
      if (resource.hasStatus()) {
        ObjectNode status =
            list.addObject()
                .put("name", resource.plural() + "/status")
                .put("singularName", "")
                .put("namespaced", resource.namespaced())
                .put("kind", resource.kind());
        List.of("get", "patch", "update").forEach(status.putArray("verbs")::add);
      }
    }
    return Optional.of(doc);
  }
}
