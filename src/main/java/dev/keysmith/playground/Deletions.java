package dev.keysmith.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Recent deletions, for watches that resume from a resourceVersion. The store forgets a deleted
 * object at once and starts a watch with the objects that exist; a client whose watch broke (a cut
 * connection, a timeout) and that watches again from the last version it saw, as informers do,
 * would never learn of a deletion in between and keep the object in its cache for ever. A real API
 * server replays those events from its watch cache, or answers 410 Gone when the version is older
 * than what it kept; so does this.
 */
final class Deletions {

  private static final int KEPT = 10_000;

  private record Deleted(long resourceVersion, ObjectNode object) {}

  private final ArrayDeque<Deleted> recent = new ArrayDeque<>();
  private long forgottenUpTo;

  /** Records that {@code object} was deleted at {@code resourceVersion}, a version of its own. */
  synchronized void record(long resourceVersion, JsonNode object) {
    ObjectNode deleted = object.deepCopy();
    Json.child(deleted, "metadata").put("resourceVersion", Long.toString(resourceVersion));
    recent.addLast(new Deleted(resourceVersion, deleted));
    if (recent.size() > KEPT) {
      forgottenUpTo = recent.removeFirst().resourceVersion();
    }
  }

  /**
   * The objects of this kind (in this namespace, if not null) that the selector matches and that
   * were deleted after {@code resourceVersion}; empty when deletions that old are forgotten.
   */
  synchronized Optional<List<ObjectNode>> since(
      long resourceVersion,
      String apiVersion,
      String kind,
      String namespace,
      Predicate<JsonNode> selector) {
    if (resourceVersion < forgottenUpTo) {
      return Optional.empty();
    }
    List<ObjectNode> missed = new ArrayList<>();
    for (Deleted deleted : recent) {
      ObjectNode object = deleted.object();
      if (deleted.resourceVersion() > resourceVersion
          && apiVersion.equals(object.path("apiVersion").asText())
          && kind.equals(object.path("kind").asText())
          && (namespace == null || namespace.equals(Json.text(object, "metadata.namespace")))
          && selector.test(object)) {
        missed.add(object);
      }
    }
    return Optional.of(missed);
  }
}
