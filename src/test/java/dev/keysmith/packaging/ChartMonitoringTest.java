package dev.keysmith.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Metrics Service, optional ServiceMonitor, PrometheusRule and PodDisruptionBudget. */
class ChartMonitoringTest {

  private static final String ALL_ENABLED =
      """
      metrics:
        serviceMonitor: {enabled: true, labels: {release: prometheus}}
        prometheusRule: {enabled: true, labels: {release: prometheus}}
      podDisruptionBudget: {enabled: true}
      """;

  @Test
  void metricsServiceExposesPortHttpOfEveryReplica() {
    RenderedChart chart = RenderedChart.render();

    JsonNode service = chart.get("Service", "keysmith-metrics").tree();
    assertThat(service.at("/spec/ports")).hasSize(1);
    assertThat(service.at("/spec/ports/0/name").asText()).isEqualTo("http-metrics");
    assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(8080);
    assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
    assertThat(service.at("/spec/selector"))
        .isEqualTo(chart.get("Deployment", "keysmith").tree().at("/spec/selector/matchLabels"));
  }

  @Test
  void optionalObjectsAreOffByDefault() {
    assertThat(RenderedChart.render().names())
        .noneMatch(name -> name.startsWith("ServiceMonitor/") || name.startsWith("PrometheusRule/")
            || name.startsWith("PodDisruptionBudget/"));
  }

  @Test
  void serviceMonitorScrapesTheMetricsServiceAtQuarkusMetricsPath() {
    RenderedChart chart = RenderedChart.render(ALL_ENABLED);

    JsonNode monitor = chart.get("ServiceMonitor", "keysmith").tree();
    assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("prometheus");
    Map<String, String> serviceLabels = labels(chart.get("Service", "keysmith-metrics").tree().at("/metadata/labels"));
    assertThat(serviceLabels).containsAllEntriesOf(labels(monitor.at("/spec/selector/matchLabels")));
    assertThat(labels(monitor.at("/spec/selector/matchLabels")))
        .as("selects the metrics Service, not every Service of the release")
        .containsEntry("app.kubernetes.io/component", "metrics");
    assertThat(RenderedChart.strings(monitor.at("/spec/namespaceSelector/matchNames")))
        .containsExactly(RenderedChart.NAMESPACE);
    assertThat(monitor.at("/spec/endpoints")).hasSize(1);
    JsonNode endpoint = monitor.at("/spec/endpoints/0");
    assertThat(endpoint.path("port").asText()).isEqualTo("http-metrics");
    assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");
    assertThat(endpoint.path("honorLabels").asBoolean()).isTrue();
  }

  @Test
  void prometheusRuleShipsTheDocumentedAlerts() throws IOException {
    JsonNode rule = RenderedChart.render(ALL_ENABLED).get("PrometheusRule", "keysmith").tree();
    JsonNode documented = RenderedChart.readYaml(Files.readString(Path.of("docs/prometheusrule.yaml")));

    assertThat(documented.path("kind").asText()).isEqualTo("PrometheusRule");
    assertThat(rule.path("spec")).as("docs/prometheusrule.yaml and the chart").isEqualTo(documented.path("spec"));
    assertThat(rule.at("/metadata/labels/release").asText()).isEqualTo("prometheus");
    assertThat(rule.at("/spec/groups/0/rules").findValuesAsText("alert"))
        .containsExactly("KeysmithApiKeyExpiringSoon", "KeysmithApiKeyNotReady", "KeysmithRotationFailures");
    assertThat(rule.at("/spec/groups/0/rules/0/expr").asText())
        .contains("keysmith_apikey_expiry_timestamp_seconds", "- time() < 7 * 24 * 3600");
    assertThat(rule.at("/spec/groups/0/rules/1/expr").asText()).contains("keysmith_apikey_ready", "== 0");
    assertThat(rule.at("/spec/groups/0/rules/1/for").asText()).isEqualTo("15m");
    assertThat(rule.at("/spec/groups/0/rules/2/expr").asText())
        .contains("increase(keysmith_rotation_failures_total[15m])", "> 0");
    assertThat(rule.toString())
        .as("Prometheus templates reach Prometheus, not Helm")
        .contains("{{ $labels.namespace }}/{{ $labels.name }}");
  }

  @Test
  void podDisruptionBudgetKeepsOneOperatorPodAvailable() {
    RenderedChart chart = RenderedChart.render(ALL_ENABLED);

    JsonNode budget = chart.get("PodDisruptionBudget", "keysmith").tree();
    assertThat(budget.at("/apiVersion").asText()).isEqualTo("policy/v1");
    assertThat(budget.at("/spec/minAvailable").asInt()).isEqualTo(1);
    assertThat(budget.at("/spec/selector/matchLabels"))
        .isEqualTo(chart.get("Deployment", "keysmith").tree().at("/spec/selector/matchLabels"));
  }

  private static Map<String, String> labels(JsonNode labels) {
    return StreamSupport.stream(labels.properties().spliterator(), false)
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().asText()));
  }
}
