package dev.keysmith.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keysmith.support.KeysmithConfig;
import io.quarkiverse.operatorsdk.runtime.RunTimeOperatorConfiguration;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator's Deployment: Restricted pod security, probes, and the settings it passes on. */
class ChartDeploymentTest {

  private static final String NON_DEFAULT =
      """
      replicaCount: 1
      logFormat: text
      logLevel: DEBUG
      watchNamespaces: [team-a, team-b]
      sharding:
        apiKeySelector: shard=a
        apiChannelSelector: "shard in (a,b)"
      config:
        foreign-secret-poll-interval: 2m
        rotation: {concurrency: 20}
        keyring: {min-write-interval: 500ms, bcrypt-cost: 6}
        events: {burst: 10, refill-interval: 1m, aggregation-window: 20m}
        leader-election: {lease-name: keysmith-shard-a}
      javaToolOptions: "-XX:MaxRAMPercentage=60 -Xss512k"
      extraEnv:
        - {name: QUARKUS_OPERATOR_SDK_CONCURRENT_RECONCILIATION_THREADS, value: "20"}
      """;

  @Test
  void podAndContainerFollowTheRestrictedPodSecurityStandard() {
    JsonNode pod = RenderedChart.render().get("Deployment", "keysmith").tree().at("/spec/template/spec");
    JsonNode container = pod.at("/containers/0");

    assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.path("securityContext").path("runAsUser").asInt()).isEqualTo(1000);
    assertThat(pod.path("securityContext").path("runAsGroup").asInt()).isEqualTo(1000);
    assertThat(pod.path("securityContext").path("fsGroup").asInt()).isEqualTo(1000);
    assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    JsonNode security = container.path("securityContext");
    assertThat(security.path("allowPrivilegeEscalation").isBoolean()).isTrue();
    assertThat(security.path("allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(RenderedChart.strings(security.at("/capabilities/drop"))).containsExactly("ALL");
    assertThat(security.has("privileged")).isFalse();
    assertThat(pod.has("hostNetwork") || pod.has("hostPID") || pod.has("hostIPC")).isFalse();

    // A read-only root filesystem leaves the JVM and Quarkus /tmp only, from an emptyDir.
    assertThat(container.path("volumeMounts").toString()).contains("\"mountPath\":\"/tmp\"");
    assertThat(pod.path("volumes").findValuesAsText("name")).containsExactly("tmp");
    assertThat(pod.at("/volumes/0/emptyDir").isObject()).isTrue();
  }

  @Test
  void runAsUserAndGroupCanBeOverridden() {
    JsonNode pod =
        RenderedChart.render("podSecurityContext: {runAsUser: 12345, runAsGroup: 23456, fsGroup: 23456}")
            .get("Deployment", "keysmith").tree().at("/spec/template/spec/securityContext");

    assertThat(pod.path("runAsUser").asInt()).isEqualTo(12345);
    assertThat(pod.path("runAsGroup").asInt()).isEqualTo(23456);
    assertThat(pod.path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
  }

  @Test
  void probesCallTheQuarkusHealthEndpointsOnPortHttp() {
    JsonNode container = RenderedChart.render().container();

    assertThat(container.at("/ports/0/name").asText()).isEqualTo("http");
    assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
    assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      assertThat(container.at("/" + probe + "/httpGet/port").asText()).as(probe).isEqualTo("http");
    }
    JsonNode startup = container.path("startupProbe");
    assertThat(startup.path("failureThreshold").asInt() * startup.path("periodSeconds").asInt())
        .as("seconds a slow JVM start may take")
        .isGreaterThanOrEqualTo(120);
  }

  @Test
  void resourcesAndReplicasHaveSensibleDefaults() {
    RenderedChart chart = RenderedChart.render();
    JsonNode resources = chart.container().path("resources");

    assertThat(chart.get("Deployment", "keysmith").tree().at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(resources.at("/requests/cpu").asText()).isEqualTo("100m");
    assertThat(resources.at("/requests/memory").asText()).isEqualTo("256Mi");
    assertThat(resources.at("/limits/memory").asText()).isEqualTo("384Mi");
    assertThat(resources.at("/limits/cpu").isMissingNode()).as("no CPU limit: no throttling").isTrue();
  }

  @Test
  void defaultEnvironmentNamesTheLeaseAndLogsJson() {
    Map<String, String> env = RenderedChart.render().env();

    assertThat(env)
        .containsExactly(
            entry("POD_NAMESPACE", "{\"fieldRef\":{\"fieldPath\":\"metadata.namespace\"}}"),
            entry("POD_NAME", "{\"fieldRef\":{\"fieldPath\":\"metadata.name\"}}"),
            entry("KEYSMITH_LEADER_ELECTION_LEASE_NAMESPACE", RenderedChart.NAMESPACE),
            entry("KEYSMITH_LEADER_ELECTION_LEASE_NAME", "keysmith"),
            entry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true"),
            entry("QUARKUS_LOG_LEVEL", "INFO"),
            entry("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=70 -XX:+UseSerialGC -XX:TieredStopAtLevel=1"));
  }

  @Test
  void nonDefaultValuesBecomeTheirEnvironmentVariables() {
    Map<String, String> env = RenderedChart.render(NON_DEFAULT).env();

    assertThat(env)
        .contains(
            entry("KEYSMITH_LEADER_ELECTION_LEASE_NAMESPACE", RenderedChart.NAMESPACE),
            entry("KEYSMITH_LEADER_ELECTION_LEASE_NAME", "keysmith-shard-a"),
            entry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false"),
            entry("QUARKUS_LOG_LEVEL", "DEBUG"),
            entry("QUARKUS_OPERATOR_SDK_NAMESPACES", "team-a,team-b"),
            entry("QUARKUS_OPERATOR_SDK_CONTROLLERS_APIKEY_SELECTOR", "shard=a"),
            entry("QUARKUS_OPERATOR_SDK_CONTROLLERS_APICHANNEL_SELECTOR", "shard in (a,b)"),
            entry("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=60 -Xss512k"),
            entry("KEYSMITH_FOREIGN_SECRET_POLL_INTERVAL", "2m"),
            entry("KEYSMITH_ROTATION_CONCURRENCY", "20"),
            entry("KEYSMITH_KEYRING_MIN_WRITE_INTERVAL", "500ms"),
            entry("KEYSMITH_KEYRING_BCRYPT_COST", "6"),
            entry("KEYSMITH_EVENTS_BURST", "10"),
            entry("KEYSMITH_EVENTS_REFILL_INTERVAL", "1m"),
            entry("KEYSMITH_EVENTS_AGGREGATION_WINDOW", "20m"),
            entry("QUARKUS_OPERATOR_SDK_CONCURRENT_RECONCILIATION_THREADS", "20"));
    assertThat(List.copyOf(env.keySet()))
        .as("extraEnv comes last, so it can override what the chart sets")
        .last()
        .isEqualTo("QUARKUS_OPERATOR_SDK_CONCURRENT_RECONCILIATION_THREADS");
  }

  /**
   * The variable names are the ones Quarkus maps to the operator's properties: read back through
   * the operator SDK's and Keysmith's own configuration mappings, as the application reads them.
   */
  @Test
  void theOperatorReadsTheSettingsTheChartPassesOn() {
    Map<String, String> env = new LinkedHashMap<>(RenderedChart.render(NON_DEFAULT).env());
    env.values().removeIf(value -> value.startsWith("{"));
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withSources(new EnvConfigSource(env, 300))
            .withConverter(Duration.class, 200, new DurationConverter())
            .withMapping(RunTimeOperatorConfiguration.class)
            .withMapping(KeysmithConfig.class)
            .build();

    RunTimeOperatorConfiguration sdk = config.getConfigMapping(RunTimeOperatorConfiguration.class);
    assertThat(sdk.namespaces()).contains(List.of("team-a", "team-b"));
    assertThat(sdk.controllers().get("apikey").selector()).contains("shard=a");
    assertThat(sdk.controllers().get("apichannel").selector()).contains("shard in (a,b)");
    assertThat(sdk.concurrentReconciliationThreads()).contains(20);
    KeysmithConfig keysmith = config.getConfigMapping(KeysmithConfig.class);
    assertThat(keysmith.foreignSecretPollInterval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(keysmith.rotation().concurrency()).isEqualTo(20);
    assertThat(keysmith.keyring().minWriteInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(keysmith.keyring().bcryptCost()).isEqualTo(6);
    assertThat(keysmith.events().burst()).isEqualTo(10);
    assertThat(keysmith.events().refillInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(keysmith.events().aggregationWindow()).isEqualTo(Duration.ofMinutes(20));
    assertThat(keysmith.leaderElection().leaseName()).isEqualTo("keysmith-shard-a");
    assertThat(keysmith.leaderElection().leaseNamespace()).contains(RenderedChart.NAMESPACE);
  }

  @Test
  void schedulingAndPodMetadataValuesReachThePod() {
    JsonNode deployment =
        RenderedChart.render(
                """
                image: {repository: registry.example.com/keysmith, tag: 0.2.0-rc1, pullPolicy: Always}
                imagePullSecrets: [{name: regcred}]
                nodeSelector: {kubernetes.io/os: linux}
                tolerations: [{key: dedicated, operator: Equal, value: platform, effect: NoSchedule}]
                affinity: {podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: []}}
                topologySpreadConstraints:
                  - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway,
                     labelSelector: {matchLabels: {app.kubernetes.io/name: keysmith}}}
                priorityClassName: platform-critical
                podAnnotations: {example.com/team: platform}
                podLabels: {example.com/tier: control}
                """)
            .get("Deployment", "keysmith")
            .tree();
    JsonNode pod = deployment.at("/spec/template");

    assertThat(pod.at("/spec/containers/0/image").asText()).isEqualTo("registry.example.com/keysmith:0.2.0-rc1");
    assertThat(pod.at("/spec/containers/0/imagePullPolicy").asText()).isEqualTo("Always");
    assertThat(pod.at("/spec/imagePullSecrets/0/name").asText()).isEqualTo("regcred");
    assertThat(pod.at("/spec/nodeSelector").path("kubernetes.io/os").asText()).isEqualTo("linux");
    assertThat(pod.at("/spec/tolerations/0/key").asText()).isEqualTo("dedicated");
    assertThat(pod.at("/spec/affinity/podAntiAffinity").isObject()).isTrue();
    assertThat(pod.at("/spec/topologySpreadConstraints/0/topologyKey").asText())
        .isEqualTo("topology.kubernetes.io/zone");
    assertThat(pod.at("/spec/priorityClassName").asText()).isEqualTo("platform-critical");
    assertThat(pod.at("/metadata/annotations").path("example.com/team").asText()).isEqualTo("platform");
    assertThat(pod.at("/metadata/labels").path("example.com/tier").asText()).isEqualTo("control");
    assertThat(deployment.at("/spec/selector/matchLabels").properties())
        .as("the selector does not change with podLabels, so upgrades keep working")
        .hasSize(2);
  }

  @Test
  void serviceAccountIsCreatedAndUsed() {
    RenderedChart chart =
        RenderedChart.render("serviceAccount: {annotations: {eks.amazonaws.com/role-arn: arn:aws:iam::1:role/x}}");

    JsonNode account = chart.get("ServiceAccount", "keysmith").tree();
    assertThat(account.at("/metadata/namespace").asText()).isEqualTo(RenderedChart.NAMESPACE);
    assertThat(account.at("/metadata/annotations").path("eks.amazonaws.com/role-arn").asText())
        .isEqualTo("arn:aws:iam::1:role/x");
    assertThat(chart.get("Deployment", "keysmith").tree().at("/spec/template/spec/serviceAccountName").asText())
        .isEqualTo("keysmith");

    RenderedChart existing = RenderedChart.render("serviceAccount: {create: false, name: platform-operators}");
    assertThat(existing.ofKind("ServiceAccount")).isEmpty();
    assertThat(existing.get("Deployment", "keysmith").tree().at("/spec/template/spec/serviceAccountName").asText())
        .isEqualTo("platform-operators");
    assertThat(existing.get("ClusterRoleBinding", "keysmith").tree().at("/subjects/0/name").asText())
        .isEqualTo("platform-operators");
  }
}
