package dev.keysmith.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * The playground's API server in a process of its own ({@code playground --api-only}), a client
 * of the test talking to it directly, and operators started against it as the README says: the
 * packaged jar, production profile, leader election on.
 */
final class TestCluster implements AutoCloseable {

  static final Duration STARTUP = Duration.ofSeconds(90);
  /** The operator SDK's default Lease duration (15 s) plus start-up and retry period, with room. */
  static final Duration LEADERSHIP = Duration.ofSeconds(90);

  final Path kubeconfig;
  final KubernetesClient client;
  final URI server;

  private TestCluster(Path kubeconfig) throws IOException {
    this.kubeconfig = kubeconfig;
    Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
    this.client = new KubernetesClientBuilder().withConfig(config).build();
    this.server = URI.create(config.getMasterUrl());
  }

  static TestCluster start(Processes processes, String name, Path dir) {
    Path kubeconfig = dir.resolve(name + ".kubeconfig");
    Process api = processes.java(name, Map.of(),
        "playground", "--api-only", "--no-examples", "--kubeconfig", kubeconfig.toString());
    assertThat(Processes.awaitLine(api, "kubeconfig: ", STARTUP)).endsWith(kubeconfig.toString());
    try {
      return new TestCluster(kubeconfig);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy of the kubeconfig whose server is a proxy on 127.0.0.1 at {@code port}. */
  Path kubeconfigVia(int port) {
    try {
      String text = Files.readString(kubeconfig);
      String proxied = text.replace(server.getHost() + ":" + server.getPort(), "127.0.0.1:" + port);
      assertThat(proxied).isNotEqualTo(text);
      Path file = kubeconfig.resolveSibling(kubeconfig.getFileName() + ".proxied");
      Files.writeString(file, proxied);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The environment of an operator process: its kubeconfig, a pod name to recognise it by in the
   * Lease, a free HTTP port, and DEBUG logging for everything, Keysmith included.
   */
  static Map<String, String> operatorEnv(String pod, Path kubeconfig) {
    return Map.of(
        "KUBECONFIG", kubeconfig.toString(),
        "POD_NAME", pod,
        "QUARKUS_HTTP_PORT", Integer.toString(Processes.freePort()),
        "QUARKUS_LOG_LEVEL", "DEBUG",
        "QUARKUS_LOG_CATEGORY__DEV_KEYSMITH__LEVEL", "DEBUG");
  }

  /** Waits until the operator holds the Lease, i.e. is reconciling; fails if it died first. */
  void awaitLeader(String pod, Process operator) {
    Awaitility.await().atMost(LEADERSHIP).pollInterval(Duration.ofMillis(100))
        .until(() -> !operator.isAlive() || pod.equals(holder()));
    assertThat(operator.isAlive()).as(pod + " is alive").isTrue();
  }

  private String holder() {
    Lease lease = client.leases().inNamespace("default").withName("keysmith-operator").get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }


  @Override
  public void close() {
    client.close();
  }
}
