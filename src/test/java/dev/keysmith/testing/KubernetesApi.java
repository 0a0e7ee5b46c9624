package dev.keysmith.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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
    // CRUD behaviour, plus expectations that take precedence: the fault-injection tests use them.
    Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    server =
        new KubernetesMockServer(
            new io.fabric8.mockwebserver.Context(),
            new MockWebServer(),
            expectations,
            new RecordingDispatcher(expectations),
            false);
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

  /**
   * Makes {@code method} requests to {@code path} fail with {@code code}: the next {@code times}
   * of them, or all of them until {@link #clearFailures()} when {@code times} is negative.
   */
  public static void fail(String method, String path, int code, int times) {
    var status =
        new io.fabric8.kubernetes.api.model.StatusBuilder()
            .withCode(code)
            .withStatus("Failure")
            .withMessage("injected failure")
            .build();
    var request =
        switch (method) {
          case "PUT" -> server.expect().put();
          case "PATCH" -> server.expect().patch();
          case "POST" -> server.expect().post();
          case "DELETE" -> server.expect().delete();
          default -> throw new IllegalArgumentException(method);
        };
    var reply = request.withPath(path).andReturn(code, status);
    if (times < 0) {
      reply.always();
    } else {
      reply.times(times);
    }
  }

  /** How many {@code method} requests to {@code path} the server has received. */
  public static int requests(String method, String path) {
    return RecordingDispatcher.SEEN.getOrDefault(method + " " + path, new AtomicInteger()).get();
  }

  /** How many {@code method} requests the server has received for paths under {@code prefix}. */
  public static int requestsUnder(String method, String prefix) {
    return RecordingDispatcher.SEEN.entrySet().stream()
        .filter(e -> e.getKey().startsWith(method + " " + prefix))
        .mapToInt(e -> e.getValue().get())
        .sum();
  }

  /** The CRUD-with-expectations dispatcher, counting the requests it receives. */
  private static final class RecordingDispatcher extends KubernetesMixedDispatcher {
    static final Map<String, AtomicInteger> SEEN = new ConcurrentHashMap<>();

    RecordingDispatcher(Map<ServerRequest, Queue<ServerResponse>> expectations) {
      super(expectations);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getPath().split("\\?")[0];
      SEEN.computeIfAbsent(request.getMethod() + " " + path, k -> new AtomicInteger()).incrementAndGet();
      return super.dispatch(request);
    }
  }

  /** Removes every injected failure; the stored objects stay. */
  public static void clearFailures() {
    server.clearExpectations();
    server.onStart();
  }
}
