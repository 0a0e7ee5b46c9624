package dev.keysmith.playground;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Server-side printing of CRD printer columns. */
class TablesTest {

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  @Test
  void printsTheCrdColumnsWithTypedCellsAndBlanksForWhatItCannotEvaluate() {
    JsonNode crdVersion =
        Json.parse(
            """
{"name": "v1", "additionalPrinterColumns": [
  {"name": "READY", "type": "string", "jsonPath": ".status.conditions[?(@.type==\\"Ready\\")].status"},
  {"name": "KEYS", "type": "integer", "jsonPath": ".status.keys.active"},
  {"name": "FIRST", "type": "string", "jsonPath": ".spec.list[0]"},
  {"name": "SLICE", "type": "string", "jsonPath": ".spec.list[0:1]"},
  {"name": "AGE", "type": "date", "jsonPath": ".metadata.creationTimestamp"}]}""");
    ApiResource resource =
        new ApiResource(
            "example.dev",
            "v1",
            "Thing",
            "things",
            "thing",
            true,
            List.of(),
            List.of(),
            true,
            crdVersion);
    JsonNode object =
        Json.parse(
            """
{"apiVersion": "example.dev/v1", "kind": "Thing",
 "metadata": {"name": "t", "namespace": "n", "creationTimestamp": "2026-11-23T11:57:30Z"},
 "spec": {"list": ["a", "b"]},
 "status": {"conditions": [{"type": "Active", "status": "False"}, {"type": "Ready", "status": "True"}]}}""");

    JsonNode table = Tables.table(resource, List.of(object), "7", null, NOW);

    assertThat(table.path("columnDefinitions").findValuesAsText("name"))
        .containsExactly("Name", "READY", "KEYS", "FIRST", "SLICE", "AGE");
    assertThat(table.path("rows").get(0).path("cells"))
        .isEqualTo(Json.parse("[\"t\", \"True\", null, \"a\", null, \"2m30s\"]"));
    assertThat(table.path("rows").get(0).path("object").path("kind").asText())
        .isEqualTo("PartialObjectMetadata");
    assertThat(table.path("metadata").path("resourceVersion").asText()).isEqualTo("7");
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          PT-5S, <invalid>
          PT0.5S, 0s
          PT119S, 119s
          PT2M, 2m
          PT9M59S, 9m59s
          PT2H59M, 179m
          PT3H5M, 3h5m
          PT47H, 47h
          PT50H, 2d2h
          P8D, 8d
          P800D, 2y70d
          P3000D, 8y
          """)
  void agesRoundLikeKubectl(Duration age, String printed) {
    assertThat(HumanDuration.format(age)).isEqualTo(printed);
  }
}
