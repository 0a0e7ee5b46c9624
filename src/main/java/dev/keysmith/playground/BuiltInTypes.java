package dev.keysmith.playground;

import java.util.List;
import java.util.Map;

/**
 * The built-in resource types the playground announces: what the operator uses (Secrets, Events,
 * Leases, Namespaces, ConfigMaps) and what kubectl needs to manage CRDs. The store accepts any
 * path, but only these and the registered CRDs are discoverable, as on a cluster.
 */
final class BuiltInTypes {

  private static final Map<String, String> DEFINITION_PREFIXES =
      Map.of(
          "", "io.k8s.api.core.",
          "coordination.k8s.io", "io.k8s.api.coordination.",
          "events.k8s.io", "io.k8s.api.events.",
          "apiextensions.k8s.io", "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.");

  static final List<ApiResource> ALL =
      List.of(
          builtIn("", "Namespace", "namespaces", false, List.of("ns"), true),
          builtIn("", "Secret", "secrets", true, List.of(), false),
          builtIn("", "ConfigMap", "configmaps", true, List.of("cm"), false),
          builtIn("", "Event", "events", true, List.of("ev"), false),
          builtIn("coordination.k8s.io", "Lease", "leases", true, List.of(), false),
          builtIn("events.k8s.io", "Event", "events", true, List.of("ev"), false),
          builtIn(
              "apiextensions.k8s.io",
              "CustomResourceDefinition",
              "customresourcedefinitions",
              false,
              List.of("crd", "crds"),
              true));

  private BuiltInTypes() {}

  private static ApiResource builtIn(
      String group,
      String kind,
      String plural,
      boolean namespaced,
      List<String> shortNames,
      boolean hasStatus) {
    return new ApiResource(
        group,
        "v1",
        kind,
        plural,
        kind.toLowerCase(),
        namespaced,
        shortNames,
        List.of(),
        hasStatus,
        null);
  }

  /** Prefix of OpenAPI definition names of a built-in group; null for other groups. */
  static String definitionPrefix(String group) {
    return DEFINITION_PREFIXES.get(group);
  }
}
