package dev.keysmith.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Kubernetes API for {@code @QuarkusTest}s: the fabric8 mock server in CRUD mode, with the CRDs
 * committed in {@code crds/} created in it first, so that status is a subresource as on a real
 * cluster and the tests exercise exactly the CRDs that ship.
 */
public class KubernetesApi implements QuarkusTestResourceLifecycleManager {

  private static KubernetesMockServer server;
  private static KubernetesClient client;

  @Override
  public Map<String, String> start() {
    server =
        new KubernetesMockServer(
            new io.fabric8.mockwebserver.Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
    try (Stream<Path> files = Files.list(Path.of("crds"))) {
      files
          .filter(f -> f.toString().endsWith(".yaml"))
          .sorted()
          .forEach(KubernetesApi::createCrd);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CredentialLedger.watch(client);
    // The operator's client configures itself as in production (fabric8's auto-configuration),
    // pointed here, and never at a kubeconfig or service account the machine may have.
    System.setProperty("kubernetes.master", server.url("/"));
    System.setProperty("kubernetes.namespace", "default");
    System.setProperty("kubernetes.auth.tryKubeConfig", "false");
    System.setProperty("kubernetes.auth.tryServiceAccount", "false");
    return Map.of();
  }

  private static void createCrd(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      client.apiextensions().v1().customResourceDefinitions().resource(
          client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class)).create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.destroy();
    }
  }

  /** A client of its own for the test code, separate from the operator's. */
  public static KubernetesClient client() {
    return client;
  }

  public static KubernetesMockServer server() {
    return server;
  }
}
