package dev.keysmith.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.testing.Fixtures;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two operators configured as two shards (watched namespaces, as the chart's watchNamespaces
 * sets them, and a Lease each) against one API: each reconciles the keys of its own namespace and
 * never the other's.
 */
class ShardingIT {

  @TempDir Path dir;

  @Test
  void twoShardsReconcileDisjointKeys() throws Exception {
    assumeThat(Processes.JAR).exists();
    try (Processes processes = new Processes()) {
      Path kubeconfig = dir.resolve("kubeconfig");
      Process api = processes.java("shard-api", Map.of(), "playground", "--api-only", "--no-examples", "--kubeconfig", kubeconfig.toString());
      Processes.awaitLine(api, "kubeconfig: ", Duration.ofSeconds(90));

      try (KubernetesClient client = new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
        Fixtures fixtures = new Fixtures(client);
        String a = fixtures.namespace("team-a");
        String b = fixtures.namespace("team-b");
        String unwatched = fixtures.namespace("team-c");
        for (String ns : List.of(a, b, unwatched)) {
          fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
          for (int i = 0; i < 3; i++) {
            fixtures.create(Fixtures.key(ns, "k" + i, "channelRef: {name: api}"));
          }
        }

        processes.java("shard-a", shard(kubeconfig, "shard-a", a));
        processes.java("shard-b", shard(kubeconfig, "shard-b", b));

        for (String ns : List.of(a, b)) {
          for (int i = 0; i < 3; i++) {
            String name = "k" + i;
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> fixtures.get(ns, name), k -> k.getStatus() != null && k.getStatus().getPhase() == KeyPhase.Active);
          }
        }
        // Who reported what: every event of team-a came from shard-a, every one of team-b from shard-b.
        assertThat(reporters(client, a)).containsOnly("shard-a");
        assertThat(reporters(client, b)).containsOnly("shard-b");
        // And a namespace no shard watches is left alone.
        assertThat(fixtures.get(unwatched, "k0").getStatus()).isNull();
        assertThat(client.secrets().inNamespace(unwatched).list().getItems()).isEmpty();
      }
    }
  }

  private static Map<String, String> shard(Path kubeconfig, String name, String namespace) throws Exception {
    return Map.of(
        "KUBECONFIG", kubeconfig.toString(),
        "POD_NAME", name,
        "QUARKUS_OPERATOR_SDK_NAMESPACES", namespace,
        "KEYSMITH_LEADER_ELECTION_LEASE_NAME", "keysmith-" + name,
        "QUARKUS_HTTP_PORT", Integer.toString(Processes.freePort()));
  }

  private static List<String> reporters(KubernetesClient client, String namespace) {
    List<String> reporters = Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> client.v1().events().inNamespace(namespace).list().getItems().stream()
            .map(Event::getReportingInstance).distinct().toList(), r -> !r.isEmpty());
    return reporters;
  }
}
