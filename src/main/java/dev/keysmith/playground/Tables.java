package dev.keysmith.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Server-side printing: {@code kubectl get} asks for {@code application/json;as=Table;...} and
 * prints the columns the server chooses. For custom resources these are the CRD's
 * additionalPrinterColumns (an Age column when there are none); built-in kinds get the columns
 * kubectl users know. Without this, kubectl would fall back to NAME and AGE only.
 */
final class Tables {

  private static final String NAME_DESCRIPTION =
      "Name must be unique within a namespace. Cannot be updated.";

  private Tables() {}

  /** Whether an Accept header asks for a Table. */
  static boolean wanted(String accept) {
    return accept != null && accept.contains("as=Table");
  }

  /**
   * A Table of the given objects.
   *
   * @param includeObject the request's {@code includeObject}: None, Object or Metadata (default)
   */
  static ObjectNode table(
      ApiResource resource,
      List<? extends JsonNode> objects,
      String resourceVersion,
      String includeObject,
      Instant now) {
    List<Column> columns = columns(resource);
    ObjectNode table = Json.object().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    ObjectNode metadata = table.putObject("metadata");
    if (resourceVersion != null) {
      metadata.put("resourceVersion", resourceVersion);
    }
    ArrayNode definitions = table.putArray("columnDefinitions");
    for (Column column : columns) {
      definitions
          .addObject()
          .put("name", column.name())
          .put("type", column.type())
          .put("format", column.format())
          .put("description", column.description())
          .put("priority", column.priority());
    }
    ArrayNode rows = table.putArray("rows");
    for (JsonNode object : objects) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      for (Column column : columns) {
        cells.add(Json.MAPPER.valueToTree(column.cell().apply(object, now)));
      }
      if ("Object".equals(includeObject)) {
        row.set("object", object);
      } else if (!"None".equals(includeObject)) {
        ObjectNode partial =
            row.putObject("object")
                .put("kind", "PartialObjectMetadata")
                .put("apiVersion", "meta.k8s.io/v1");
        partial.set("metadata", object.path("metadata"));
      }
    }
    return table;
  }

  private static List<Column> columns(ApiResource resource) {
    List<Column> columns = new ArrayList<>();
    columns.add(new Column("Name", "string", "name", 0, NAME_DESCRIPTION, (o, now) -> name(o)));
    if (resource != null && resource.isCustom()) {
      JsonNode printerColumns = resource.crdVersion().path("additionalPrinterColumns");
      if (printerColumns.isEmpty()) {
        columns.add(age());
      }
      printerColumns.forEach(c -> columns.add(printerColumn(c)));
      return columns;
    }
    String kind = resource == null ? "" : resource.group() + "/" + resource.kind();
    switch (kind) {
      case "/Secret" -> {
        columns.add(text("Type", 0, "type"));
        columns.add(
            new Column(
                "Data",
                "string",
                "",
                0,
                "Number of data entries",
                (o, now) -> o.path("data").size()));
      }
      case "/ConfigMap" ->
          columns.add(
              new Column(
                  "Data",
                  "string",
                  "",
                  0,
                  "Number of data entries",
                  (o, now) -> o.path("data").size() + o.path("binaryData").size()));
      case "/Namespace" -> columns.add(text("Status", 0, "status.phase"));
      case "coordination.k8s.io/Lease" -> columns.add(text("Holder", 0, "spec.holderIdentity"));
      case "apiextensions.k8s.io/CustomResourceDefinition" -> {
        columns.add(
            new Column(
                "Created At",
                "date",
                "",
                0,
                "When the CRD was created",
                (o, now) -> Json.text(o, "metadata.creationTimestamp")));
        return columns;
      }
      case "/Event" -> {
        return eventColumns();
      }
      default -> {}
    }
    columns.add(age());
    return columns;
  }

  /** The columns of {@code kubectl get events}; the event's name is only shown with -o wide. */
  private static List<Column> eventColumns() {
    return List.of(
        new Column(
            "Last Seen",
            "string",
            "",
            0,
            "When the event last occurred",
            (o, now) -> HumanDuration.since(lastSeen(o), now)),
        text("Type", 0, "type"),
        text("Reason", 0, "reason"),
        new Column(
            "Object",
            "string",
            "",
            0,
            "The object the event is about",
            (o, now) ->
                o.path("involvedObject").path("kind").asText().toLowerCase(Locale.ROOT)
                    + "/"
                    + o.path("involvedObject").path("name").asText()),
        text("Subobject", 1, "involvedObject.fieldPath"),
        new Column(
            "Source",
            "string",
            "",
            1,
            "The component reporting the event",
            (o, now) ->
                o.path("source").path("component").asText(o.path("reportingComponent").asText(""))),
        text("Message", 0, "message"),
        new Column(
            "First Seen",
            "string",
            "",
            1,
            "When the event first occurred",
            (o, now) -> HumanDuration.since(Json.text(o, "firstTimestamp"), now)),
        new Column(
            "Count",
            "string",
            "",
            1,
            "How often the event occurred",
            (o, now) -> o.path("count").asInt(1)),
        new Column("Name", "string", "name", 1, NAME_DESCRIPTION, (o, now) -> name(o)));
  }

  private static String lastSeen(JsonNode event) {
    for (String field : List.of("series.lastObservedTime", "lastTimestamp", "eventTime")) {
      String value = Json.text(event, field);
      if (value != null && !value.isEmpty()) {
        return value;
      }
    }
    return Json.text(event, "metadata.creationTimestamp");
  }

  private static Column printerColumn(JsonNode definition) {
    JsonPath path;
    try {
      path = JsonPath.compile(definition.path("jsonPath").asText());
    } catch (IllegalArgumentException e) {
      // JSONPath beyond the supported subset (in a CRD someone applied): an empty column.
      path = null;
    }
    JsonPath compiled = path;
    String type = definition.path("type").asText("string");
    return new Column(
        definition.path("name").asText(),
        type,
        definition.path("format").asText(""),
        definition.path("priority").asInt(0),
        definition
            .path("description")
            .asText(
                "Custom resource definition column (in JSONPath format): "
                    + definition.path("jsonPath").asText()),
        (o, now) -> compiled == null ? null : cell(type, compiled.first(o), now));
  }

  /** A printer-column cell as the API server types it; null (blank) when absent or mistyped. */
  private static Object cell(String type, JsonNode value, Instant now) {
    if (value == null) {
      return null;
    }
    return switch (type) {
      case "integer" ->
          value.canConvertToLong() && value.isIntegralNumber() ? value.asLong() : null;
      case "number" -> value.isNumber() ? value.asDouble() : null;
      case "boolean" -> value.isBoolean() ? value.asBoolean() : null;
      case "date" -> value.isTextual() ? HumanDuration.since(value.asText(), now) : null;
      default -> value.isValueNode() ? value.asText() : Json.write(value);
    };
  }

  private static Column age() {
    return new Column(
        "Age",
        "string",
        "",
        0,
        "Time since the object was created",
        (o, now) -> HumanDuration.since(Json.text(o, "metadata.creationTimestamp"), now));
  }

  private static Column text(String name, int priority, String field) {
    return new Column(name, "string", "", priority, name, (o, now) -> Json.text(o, field));
  }

  private static String name(JsonNode object) {
    return Json.text(object, "metadata.name");
  }

  private record Column(
      String name,
      String type,
      String format,
      int priority,
      String description,
      BiFunction<JsonNode, Instant, Object> cell) {}
}
