package dev.keysmith.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The patch flavours kubectl and the operator send. */
class PatchesTest {

  private static final String SECRET =
      """
      {"metadata": {"name": "s", "annotations": {"a": "1", "b": "2"},
        "finalizers": ["x"],
        "ownerReferences": [{"uid": "u1", "name": "one"}, {"uid": "u2", "name": "two"}]},
       "data": {"k": "dg=="}, "type": "Opaque"}""";

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"metadata":{"annotations":{"a":null}}}  | {"b":"2"}
          {"metadata":{"annotations":{"c":"3"}}}   | {"a":"1","b":"2","c":"3"}
          {"metadata":{"annotations":null}}        |
          """)
  void mergePatchRemovesNullsAndMergesObjects(String patch, String annotations) {
    JsonNode result =
        Patches.apply(Patches.MERGE_PATCH, Json.parse(SECRET), Json.parse(patch), false);

    assertThat(result.path("metadata").get("annotations"))
        .isEqualTo(annotations == null ? null : Json.parse(annotations));
  }

  @Test
  void strategicMergePatchMergesMetadataListsByTheirKeys() {
    JsonNode result =
        Patches.apply(
            Patches.STRATEGIC_MERGE_PATCH,
            Json.parse(SECRET),
            Json.parse(
                """
{"metadata": {
   "finalizers": ["y"],
   "ownerReferences": [{"uid": "u1", "$patch": "delete"}, {"uid": "u3", "name": "three"}],
   "$setElementOrder/finalizers": ["x", "y"]},
 "data": {"k": null, "n": "bg=="}}"""),
            true);

    assertThat(result.path("metadata").path("finalizers")).isEqualTo(Json.parse("[\"x\",\"y\"]"));
    assertThat(result.path("metadata").path("ownerReferences"))
        .isEqualTo(
            Json.parse("[{\"uid\":\"u2\",\"name\":\"two\"},{\"uid\":\"u3\",\"name\":\"three\"}]"));
    assertThat(result.path("data")).isEqualTo(Json.parse("{\"n\":\"bg==\"}"));
  }

  @Test
  void strategicMergePatchDirectivesReplaceDeleteAndRetain() {
    JsonNode result =
        Patches.apply(
            Patches.STRATEGIC_MERGE_PATCH,
            Json.parse(SECRET),
            Json.parse(
                """
                {"metadata": {"annotations": {"$patch": "replace", "only": "this"},
                              "$deleteFromPrimitiveList/finalizers": ["x"],
                              "$retainKeys": ["name", "annotations", "finalizers"]},
                 "data": {"$patch": "delete"}}"""),
            true);

    assertThat(result.path("metadata"))
        .isEqualTo(
            Json.parse("{\"name\":\"s\",\"annotations\":{\"only\":\"this\"},\"finalizers\":[]}"));
    assertThat(result.has("data")).isFalse();
  }

  @Test
  void customResourcesTakeNoStrategicMergePatchAndNobodyServerSideApply() {
    JsonNode target = Json.parse(SECRET);

    assertThatThrownBy(
            () -> Patches.apply(Patches.STRATEGIC_MERGE_PATCH, target, Json.object(), false))
        .hasMessageContaining("application/merge-patch+json");
    assertThatThrownBy(() -> Patches.apply(Patches.APPLY_PATCH, target, Json.object(), true))
        .hasMessageContaining("server-side apply is not supported");
  }

  @Test
  void jsonPatchFailuresAreTheClientsFault() {
    assertThatThrownBy(
            () ->
                Patches.apply(
                    Patches.JSON_PATCH,
                    Json.parse(SECRET),
                    Json.parse("[{\"op\":\"test\",\"path\":\"/type\",\"value\":\"Other\"}]"),
                    true))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
  }
}
