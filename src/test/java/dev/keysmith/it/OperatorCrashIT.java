package dev.keysmith.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.credentials.Hashes;
import dev.keysmith.testing.Fixtures;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The playground's API in one process, the operator in another, as on a cluster: the operator is
 * killed with SIGKILL and started again, and no credential has changed.
 */
class OperatorCrashIT {

  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final List<String> KEYS = List.of("opaque", "basic", "hmac");

  @TempDir Path dir;

  @Test
  void aKilledOperatorStartsAgainWithoutChangingAnyCredential() throws Exception {
    assumeThat(Processes.JAR).exists();
    try (Processes processes = new Processes()) {
      Path kubeconfig = dir.resolve("kubeconfig");
      Process api = processes.java("crash-api", Map.of(),
          "playground", "--api-only", "--no-examples", "--kubeconfig", kubeconfig.toString());
      assertThat(Processes.awaitLine(api, "kubeconfig: ", STARTUP)).endsWith(kubeconfig.toString());

      try (KubernetesClient client = new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
        Fixtures fixtures = new Fixtures(client);
        String ns = fixtures.namespace("crash");
        fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST, keyTypes: [Opaque, Basic, HMAC]}"));
        fixtures.create(Fixtures.key(ns, "opaque", "channelRef: {name: api}"));
        fixtures.create(Fixtures.key(ns, "basic", "{channelRef: {name: api}, type: Basic}"));
        fixtures.create(Fixtures.key(ns, "hmac", "{channelRef: {name: api}, type: HMAC}"));

        // The operator as deployed: the production profile, leader election included.
        Map<String, String> env = Map.of("KUBECONFIG", kubeconfig.toString());
        Process operator = processes.java("crash-operator-1", env);
        Map<String, String> before = new TreeMap<>();
        for (String name : KEYS) {
          ApiKey key = awaitActive(fixtures, ns, name);
          before.put(name, key.getStatus().getFingerprint() + " r" + key.getStatus().getRevision() + " " + digest(fixtures.secret(ns, name + "-credentials")));
        }

        operator.destroyForcibly().waitFor();
        assertThat(operator.exitValue()).isEqualTo(137); // SIGKILL
        processes.java("crash-operator-2", env);
        // The new operator works (it waits for the killed one's lease first) ...
        fixtures.create(Fixtures.key(ns, "after-restart", "channelRef: {name: api}"));
        awaitActive(fixtures, ns, "after-restart");

        // ... and changed no credential.
        for (String name : KEYS) {
          ApiKey key = fixtures.get(ns, name);
          assertThat(key.getStatus().getFingerprint() + " r" + key.getStatus().getRevision() + " " + digest(fixtures.secret(ns, name + "-credentials")))
              .as(name).isEqualTo(before.get(name));
          assertThat(fixtures.events(ns, name, "SecretRecreated")).as(name).isEmpty();
        }
      }
    }
  }

  private static ApiKey awaitActive(Fixtures fixtures, String ns, String name) {
    return Awaitility.await().atMost(STARTUP).pollInterval(Duration.ofMillis(200))
        .until(() -> fixtures.get(ns, name), k -> k.getStatus() != null && k.getStatus().getPhase() == KeyPhase.Active);
  }

  /** A digest of a Secret's data: compares credentials without holding them. */
  private static String digest(Secret secret) {
    return Hashes.sha256Hex(new TreeMap<>(secret.getData()).toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }
}
