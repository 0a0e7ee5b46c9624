package dev.keysmith.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The chart as a whole: Helm's linter, and values.schema.json guarding every value. */
class HelmChartTest {

  @Test
  void passesHelmLintStrictly() {
    LintResult lint = new Helm(RenderedChart.CHART).lint().strict().call();

    assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages()).noneMatch(m -> m.startsWith("[WARNING]") || m.startsWith("[ERROR]"));
  }

  @Test
  void defaultImageIsTheAppVersionOfTheChart() throws IOException {
    JsonNode chart = RenderedChart.readYaml(Files.readString(RenderedChart.CHART.resolve("Chart.yaml")));

    assertThat(chart.path("apiVersion").asText()).isEqualTo("v2");
    assertThat(chart.path("appVersion").asText()).isEqualTo("0.1.0");
    assertThat(RenderedChart.render().container().path("image").asText())
        .isEqualTo("ghcr.io/keysmith/keysmith:0.1.0");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "logFormat: xml",
        "logLevel: verbose",
        "replicaCount: 0",
        "replicaCount: two",
        "watchNamespaces: [Team_A]",
        "image: {pullPolicy: Sometimes}",
        "config: {rotation: {concurrency: 0}}",
        "config: {keyring: {bcrypt-cost: 13}}",
        "config: {foreign-secret-poll-interval: 1h30m}",
        "config: {events: {burst: many}}",
        "config: {leader-election: {lease-namespace: elsewhere}}",
        "config: {rotation-concurrency: 5}",
        "crds: {enabled: 'yes'}",
        "metrics: {serviceMonitor: {interval: often}}",
        "extraEnv: [{value: no-name}]",
        "watchNamespace: [team-a]"
      })
  void schemaRejectsBadValuesBeforeAnythingIsRendered(String values) {
    assertThatThrownBy(() -> RenderedChart.render(values))
        .hasMessageContaining("values don't meet the specifications of the schema");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "config: {foreign-secret-poll-interval: 90s, keyring: {min-write-interval: 500ms}}",
        "config: {events: {refill-interval: PT5M, aggregation-window: 1h}}",
        "config: {rotation: {concurrency: 50}, keyring: {bcrypt-cost: 4}}",
        "podDisruptionBudget: {enabled: true, minAvailable: 50%}",
        "sharding: {apiKeySelector: 'shard in (a,b)'}"
      })
  void schemaAcceptsGoodValues(String values) {
    assertThat(RenderedChart.render(values).documents()).isNotEmpty();
  }
}
