package dev.keysmith.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The PATCH flavours, applied to the stored object before it is written back with an update. The
 * store's own merge patch keeps {@code null} values instead of removing the fields ({@code kubectl
 * annotate x key-} would leave a null annotation), and it has no strategic merge patch at all,
 * which kubectl uses for built-in kinds ({@code kubectl apply} of a changed Secret or Namespace,
 * {@code kubectl edit}, {@code kubectl patch} without {@code --type}).
 */
final class Patches {

  static final String JSON_PATCH = "application/json-patch+json";
  static final String MERGE_PATCH = "application/merge-patch+json";
  static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
  static final String APPLY_PATCH = "application/apply-patch+yaml";

  /**
   * Lists that strategic merge patch merges instead of replacing, by dotted path: the two such
   * lists of the built-in kinds served (both in metadata), with their merge key (empty for a list
   * of scalars).
   */
  private static final Map<String, String> MERGED_LISTS =
      Map.of("metadata.finalizers", "", "metadata.ownerReferences", "uid");

  private static final String DIRECTIVE = "$patch";
  private static final String RETAIN_KEYS = "$retainKeys";
  private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";
  private static final String SET_ELEMENT_ORDER = "$setElementOrder/";

  private Patches() {}

  /**
   * Rejects the patch types the playground does not apply, before the body is read or the object
   * looked up, so that {@code kubectl apply --server-side} learns why at once.
   */
  static void requireSupported(String contentType, boolean builtIn) {
    switch (mediaType(contentType)) {
      case JSON_PATCH, MERGE_PATCH -> {}
      case STRATEGIC_MERGE_PATCH -> {
        if (!builtIn) {
          // As on a real server: custom resources have no patch strategies to merge by.
          throw ApiException.unsupportedMediaType(
              "the body of the request was in an unknown format - accepted media types include:"
                  + " application/json-patch+json, application/merge-patch+json");
        }
      }
      case APPLY_PATCH ->
          throw ApiException.unsupportedMediaType(
              "server-side apply is not supported by the Keysmith playground; use client-side"
                  + " kubectl apply (without --server-side)");
      default -> throw ApiException.unsupportedMediaType("unsupported patch type: " + contentType);
    }
  }

  /** Applies a patch of the given content type; the result is a new tree. */
  static JsonNode apply(String contentType, JsonNode target, JsonNode patch, boolean builtIn) {
    requireSupported(contentType, builtIn);
    switch (mediaType(contentType)) {
      case JSON_PATCH:
        try {
          return JsonPatch.apply(patch, target);
        } catch (JsonPatchException | IllegalArgumentException e) {
          throw ApiException.badRequest("the JSON patch could not be applied: " + e.getMessage());
        }
      case MERGE_PATCH:
        return mergePatch(target.deepCopy(), patch);
      default:
        return strategicMergePatch(target.deepCopy(), patch, "");
    }
  }

  private static String mediaType(String contentType) {
    return contentType == null ? "" : contentType.split(";")[0].trim();
  }

  /** RFC 7386 JSON merge patch: {@code null} removes a field, objects merge, all else replaces. */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode result = target != null && target.isObject() ? (ObjectNode) target : Json.object();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getValue().isNull()) {
        result.remove(field.getKey());
      } else {
        result.set(field.getKey(), mergePatch(result.get(field.getKey()), field.getValue()));
      }
    }
    return result;
  }

  /**
   * Strategic merge patch as kubectl sends it for the built-in kinds served here: a merge patch
   * plus the {@code $patch}, {@code $retainKeys}, {@code $deleteFromPrimitiveList} and {@code
   * $setElementOrder} directives, and merging of the lists in {@link #MERGED_LISTS}.
   */
  static JsonNode strategicMergePatch(JsonNode target, JsonNode patch, String path) {
    if (!patch.isObject()) {
      return patch;
    }
    String directive = patch.path(DIRECTIVE).asText("merge");
    if (directive.equals("replace")) {
      return withoutDirectives((ObjectNode) patch.deepCopy());
    }
    ObjectNode result = target != null && target.isObject() ? (ObjectNode) target : Json.object();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      String childPath = path.isEmpty() ? key : path + "." + key;
      if (key.equals(DIRECTIVE) || key.equals(RETAIN_KEYS) || key.startsWith(SET_ELEMENT_ORDER)) {
        continue;
      }
      if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
        String list = key.substring(DELETE_FROM_PRIMITIVE_LIST.length());
        removeValues(result.get(list), value);
      } else if (value.isNull()) {
        result.remove(key);
      } else if (value.isObject() && "delete".equals(value.path(DIRECTIVE).asText())) {
        result.remove(key);
      } else if (value.isArray() && MERGED_LISTS.containsKey(childPath)) {
        result.set(key, mergeList(result.get(key), (ArrayNode) value, MERGED_LISTS.get(childPath)));
      } else {
        result.set(key, strategicMergePatch(result.get(key), value, childPath));
      }
    }
    if (patch.has(RETAIN_KEYS)) {
      Set<String> retained = new HashSet<>();
      patch.get(RETAIN_KEYS).forEach(k -> retained.add(k.asText()));
      result.retain(retained);
    }
    return result;
  }

  private static JsonNode mergeList(JsonNode target, ArrayNode patch, String mergeKey) {
    ArrayNode result =
        target != null && target.isArray() ? (ArrayNode) target : Json.MAPPER.createArrayNode();
    for (JsonNode element : patch) {
      if (mergeKey.isEmpty()) {
        if (!contains(result, element)) {
          result.add(element);
        }
        continue;
      }
      String key = element.path(mergeKey).asText();
      int index = indexOf(result, mergeKey, key);
      if ("delete".equals(element.path(DIRECTIVE).asText())) {
        if (index >= 0) {
          result.remove(index);
        }
      } else if (index >= 0) {
        result.set(index, strategicMergePatch(result.get(index), element, ""));
      } else {
        result.add(withoutDirectives((ObjectNode) element.deepCopy()));
      }
    }
    return result;
  }

  private static void removeValues(JsonNode list, JsonNode values) {
    if (list instanceof ArrayNode array) {
      for (int i = array.size() - 1; i >= 0; i--) {
        if (contains(values, array.get(i))) {
          array.remove(i);
        }
      }
    }
  }

  private static boolean contains(JsonNode array, JsonNode value) {
    for (JsonNode element : array) {
      if (element.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(ArrayNode array, String key, String value) {
    for (int i = 0; i < array.size(); i++) {
      if (array.get(i).path(key).asText().equals(value)) {
        return i;
      }
    }
    return -1;
  }

  private static ObjectNode withoutDirectives(ObjectNode node) {
    node.remove(DIRECTIVE);
    node.remove(RETAIN_KEYS);
    return node;
  }
}
