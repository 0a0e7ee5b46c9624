package dev.keysmith.playground;

import dev.keysmith.playground.ApiDispatcher.ApiRequest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An in-memory Kubernetes API server that kubectl and the operator can use as if it were a cluster:
 * fabric8's CRUD mock store behind an HTTP front that adds what a real API server has and the mock
 * lacks - discovery, OpenAPI v3, server-side tables, streamed watches, strategic merge patch, CRD
 * schema validation, Secret stringData, garbage collection by ownerReference and namespace
 * deletion. Keysmith's CRDs are created in it at start. It listens on 127.0.0.1 over plain HTTP
 * without authentication: a playground for one machine, not a cluster.
 */
public final class PlaygroundApiServer implements AutoCloseable {

  /** The CRDs shipped in the jar (under {@code crds/}, copied from the repository's crds/). */
  static final List<String> CRD_RESOURCES =
      List.of("apichannels.keysmith.dev.yaml", "apikeys.keysmith.dev.yaml");

  private static final String HOST = "127.0.0.1";
  private static final List<String> INITIAL_NAMESPACES =
      List.of("default", "kube-system", "kube-public", "kube-node-lease");

  private final int requestedPort;
  private final Store store = new Store();
  private final Catalog catalog = new Catalog(store);

  /** Set once the port is known: nobody can send a request before that. */
  private volatile ApiDispatcher dispatcher;

  private HttpFront front;
  private KubernetesClient client;
  private int port;

  /** A server for the given port; 0 picks a free one. Call {@link #start()}. */
  public PlaygroundApiServer(int port) {
    this.requestedPort = port;
  }

  /** Starts listening and creates the initial namespaces and Keysmith's CRDs. */
  public PlaygroundApiServer start() {
    front = new HttpFront((ApiRequest request) -> dispatcher.dispatch(request));
    port = front.start(HOST, requestedPort);
    dispatcher = new ApiDispatcher(store, catalog, Clock.systemUTC(), HOST + ":" + port);
    client = new KubernetesClientBuilder().withConfig(clientConfig()).build();
    INITIAL_NAMESPACES.forEach(this::ensureNamespace);
    for (String crd : CRD_RESOURCES) {
      try (InputStream in = PlaygroundApiServer.class.getResourceAsStream("/crds/" + crd)) {
        if (in == null) {
          throw new IllegalStateException("CRD " + crd + " is not on the classpath");
        }
        client
            .resource(
                client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class))
            .create();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return this;
  }

  /** The server's URL, e.g. {@code http://127.0.0.1:43117}. */
  public String url() {
    return "http://" + HOST + ":" + port;
  }

  /** A client for this server (namespace {@code default}); closed with the server. */
  public KubernetesClient client() {
    return client;
  }

  /**
   * Writes a kubeconfig whose current context is this server, creating parent directories. kubectl
   * needs no TLS settings for plain HTTP; the token is a placeholder, never checked.
   */
  public Path writeKubeconfig(Path file) {
    String kubeconfig =
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: keysmith-playground
          cluster:
            server: %s
        contexts:
        - name: keysmith-playground
          context:
            cluster: keysmith-playground
            user: keysmith-playground
            namespace: default
        current-context: keysmith-playground
        users:
        - name: keysmith-playground
          user:
            token: keysmith-playground
        preferences: {}
        """
            .formatted(url());
    try {
      Path absolute = file.toAbsolutePath();
      Files.createDirectories(absolute.getParent());
      Files.writeString(absolute, kubeconfig);
      restrictToOwner(absolute);
      return absolute;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Creates or updates every object in a YAML/JSON file, or in the {@code .yaml}, {@code .yml} and
   * {@code .json} files of a directory (not recursive, in name order, as {@code kubectl apply -f
   * dir} does; a {@code kustomization.yaml} is not a manifest and is skipped). Documents may be of
   * any served kind; Namespaces and CRDs come first, and namespaces that objects name but no
   * document creates are created.
   *
   * @return the objects as stored
   */
  public List<HasMetadata> applyManifests(Path dirOrFile) {
    List<HasMetadata> objects = new ArrayList<>();
    for (Path file : manifestFiles(dirOrFile)) {
      try (InputStream in = Files.newInputStream(file)) {
        objects.addAll(client.load(in).items());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    objects.sort(Comparator.comparingInt(PlaygroundApiServer::applyOrder));
    List<HasMetadata> applied = new ArrayList<>();
    for (HasMetadata object : objects) {
      ApiResource type =
          catalog
              .findKind(object.getApiVersion(), object.getKind())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "no matches for kind \""
                              + object.getKind()
                              + "\" in version \""
                              + object.getApiVersion()
                              + "\" ("
                              + object.getMetadata().getName()
                              + ")"));
      if (type.namespaced()) {
        String namespace = object.getMetadata().getNamespace();
        if (namespace == null) {
          namespace = "default";
          object.getMetadata().setNamespace(namespace);
        }
        ensureNamespace(namespace);
      }
      applied.add(client.resource(object).unlock().createOr(NonDeletingOperation::update));
    }
    return applied;
  }

  private static int applyOrder(HasMetadata object) {
    return switch (object.getKind()) {
      case "Namespace" -> 0;
      case "CustomResourceDefinition" -> 1;
      default -> 2;
    };
  }

  private static List<Path> manifestFiles(Path dirOrFile) {
    if (!Files.isDirectory(dirOrFile)) {
      return List.of(dirOrFile);
    }
    try (Stream<Path> files = Files.list(dirOrFile)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> f.getFileName().toString().matches(".*\\.(ya?ml|json)$"))
          .filter(f -> !f.getFileName().toString().matches("(?i)kustomization\\.ya?ml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void ensureNamespace(String name) {
    if (client.namespaces().withName(name).get() == null) {
      client
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
          .create();
    }
  }

  private Config clientConfig() {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url())
        .withNamespace("default")
        .withRequestRetryBackoffLimit(0)
        .build();
  }

  private static void restrictToOwner(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the file keeps the default permissions.
    }
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
    if (front != null) {
      front.close();
    }
  }
}
