package dev.keysmith.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;

/**
 * Turns the store's watch events into what the client asked for. The store starts every watch with
 * an ADDED event per existing object; a client that watches from a resourceVersion (as informers
 * and {@code kubectl get -w} do after their list) must only see what changed after it, so ADDED
 * events for objects not newer than that version are dropped. Selectors the store cannot evaluate
 * are applied here, and events are converted to Tables for {@code kubectl get -w}.
 */
final class WatchFilter {

  private final String apiVersion;
  private final long sinceResourceVersion;
  private final Predicate<JsonNode> selector;
  private final ApiResource tableOf;
  private final String includeObject;
  private final Clock clock;

  /**
   * @param apiVersion the watched resource's: the store also reports other groups' objects of the
   *     same plural and version (core and events.k8s.io events)
   * @param sinceResourceVersion the watch's resourceVersion; 0 to see all existing objects
   * @param tableOf the resource to print events as Tables of, or null for plain objects
   */
  WatchFilter(
      String apiVersion,
      long sinceResourceVersion,
      Predicate<JsonNode> selector,
      ApiResource tableOf,
      String includeObject,
      Clock clock) {
    this.apiVersion = apiVersion;
    this.sinceResourceVersion = sinceResourceVersion;
    this.selector = selector;
    this.tableOf = tableOf;
    this.includeObject = includeObject;
    this.clock = clock;
  }

  /** The event to send for one the store emitted, or null to send nothing. */
  String transform(String storeEvent) {
    ObjectNode event = Json.parseObject(storeEvent);
    JsonNode object = event.path("object");
    if ("ADDED".equals(event.path("type").asText())
        && resourceVersion(object) <= sinceResourceVersion) {
      return null;
    }
    if (!apiVersion.equals(object.path("apiVersion").asText()) || !selector.test(object)) {
      return null;
    }
    if (tableOf != null) {
      event.set(
          "object",
          Tables.table(
              tableOf,
              List.of(object),
              Json.text(object, "metadata.resourceVersion"),
              includeObject,
              clock.instant()));
    }
    return Json.write(event);
  }

  static long resourceVersion(JsonNode object) {
    try {
      return Long.parseLong(object.path("metadata").path("resourceVersion").asText("0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
