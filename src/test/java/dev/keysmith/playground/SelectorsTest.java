package dev.keysmith.playground;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Label and field selectors, and the part of them the store may see. */
class SelectorsTest {

  private static final JsonNode OBJECT =
      Json.parse(
          """
{"metadata": {"name": "billing", "labels": {"tier": "gold", "app.kubernetes.io/name": "api"}},
 "involvedObject": {"kind": "ApiKey", "name": "billing"}, "type": "Normal"}""");

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''                                 | true
          tier=gold                          | true
          tier==silver                       | false
          tier!=silver                       | true
          tier in (gold, silver)             | true
          tier notin (gold)                  | false
          tier,app.kubernetes.io/name=api    | true
          !tier                              | false
          missing notin (x)                  | true
          tier in (silver),tier              | false
          """)
  void labelSelectors(String selector, boolean matches) {
    assertThat(Selectors.labels(selector).test(OBJECT)).isEqualTo(matches);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          involvedObject.name=billing,involvedObject.kind=ApiKey | true
          type!=Warning                                          | true
          metadata.name==other                                   | false
          """)
  void fieldSelectors(String selector, boolean matches) {
    assertThat(Selectors.fields(selector).test(OBJECT)).isEqualTo(matches);
  }

  @Test
  void theStoreSeesOnlyWhatItEvaluatesCorrectly() {
    assertThat(Selectors.forStoreLabels("tier in (gold),app=api,!old,team,x=a b"))
        .isEqualTo("app=api,!old,team");
    assertThat(
            Selectors.forStoreFields(
                "metadata.name=billing,involvedObject.name=x,metadata.namespace!=y"))
        .isEqualTo("metadata.name=billing");
  }
}
