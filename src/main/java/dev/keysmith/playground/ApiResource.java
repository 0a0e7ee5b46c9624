package dev.keysmith.playground;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One resource type the playground serves: what discovery announces, what OpenAPI describes and how
 * tables are printed. Custom resources carry the served version of their CRD.
 *
 * @param crdVersion the CRD's {@code spec.versions[]} entry (schema, printer columns), or null for
 *     built-in types
 */
record ApiResource(
    String group,
    String version,
    String kind,
    String plural,
    String singular,
    boolean namespaced,
    List<String> shortNames,
    List<String> categories,
    boolean hasStatus,
    JsonNode crdVersion) {

  static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  boolean isCustom() {
    return crdVersion != null;
  }

  String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The path of the group/version, e.g. {@code /apis/keysmith.dev/v1alpha1} or {@code /api/v1}. */
  String pathPrefix() {
    return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
  }

  /** How errors name the resource: {@code apikeys.keysmith.dev}, or {@code secrets}. */
  String qualifiedPlural() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  /** The component name OpenAPI gives the kind, e.g. {@code dev.keysmith.v1alpha1.ApiKey}. */
  String definitionName() {
    String prefix = BuiltInTypes.definitionPrefix(group);
    if (prefix == null) {
      StringBuilder reversed = new StringBuilder();
      String[] parts = group.split("\\.");
      for (int i = parts.length - 1; i >= 0; i--) {
        reversed.append(parts[i]).append('.');
      }
      prefix = reversed.toString();
    }
    return prefix + version + "." + kind;
  }

  /** The openAPIV3Schema of a custom resource; null for built-in types. */
  JsonNode schema() {
    return crdVersion == null ? null : crdVersion.path("schema").path("openAPIV3Schema");
  }

  boolean matches(String group, String version, String plural) {
    return this.group.equals(group) && this.version.equals(version) && this.plural.equals(plural);
  }
}
