package dev.keysmith.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.keysmith.api.v1alpha1.ApiChannel;
import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.ApiKeyStatus;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.testing.Fixtures;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the playground API does beyond the mock store, seen through a fabric8 client. */
class PlaygroundApiServerTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static PlaygroundApiServer server;
  private static KubernetesClient client;
  private static Fixtures fixtures;

  @TempDir Path dir;

  private String ns;

  @BeforeAll
  static void startServer() {
    server = new PlaygroundApiServer(0).start();
    client = server.client();
    fixtures = new Fixtures(client);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void namespace() {
    ns = fixtures.namespace("api");
  }

  @Test
  void shipsEveryCrdOfTheRepository() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("crds"))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(PlaygroundApiServer.CRD_RESOURCES);
    }
    assertThat(client.apiextensions().v1().customResourceDefinitions().list().getItems())
        .extracting(crd -> crd.getMetadata().getName())
        .containsExactlyInAnyOrder("apichannels.keysmith.dev", "apikeys.keysmith.dev");
  }

  @Test
  void turnsSecretStringDataIntoBase64Data() {
    client
        .secrets()
        .inNamespace(ns)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("s")
                .endMetadata()
                .addToData("kept", "a2VwdA==")
                .addToStringData("plain", "hello")
                .build())
        .create();
    Secret created = client.secrets().inNamespace(ns).withName("s").get();
    client
        .secrets()
        .inNamespace(ns)
        .withName("s")
        .edit(
            s -> {
              s.setStringData(Map.of("plain", "changed", "more", "x"));
              return s;
            });
    Secret updated = client.secrets().inNamespace(ns).withName("s").get();

    assertThat(created.getStringData()).isNullOrEmpty();
    assertThat(created.getData())
        .containsOnly(Map.entry("kept", "a2VwdA=="), Map.entry("plain", "aGVsbG8="));
    assertThat(created.getType()).isEqualTo("Opaque");
    assertThat(updated.getStringData()).isNullOrEmpty();
    assertThat(updated.getData())
        .containsOnly(
            Map.entry("kept", "a2VwdA=="),
            Map.entry("plain", "Y2hhbmdlZA=="),
            Map.entry("more", "eA=="));
  }

  @Test
  void deletingAChannelCollectsItsKeysAndTheirSecrets() {
    ApiChannel channel = fixtures.create(Fixtures.channel(ns, "payments", "{protocol: REST}"));
    ApiKey owned = Fixtures.key(ns, "payments-default", "{channelRef: {name: payments}}");
    owned.getMetadata().setOwnerReferences(List.of(ownerReference(channel)));
    owned = fixtures.create(owned);
    ApiKey other = fixtures.create(Fixtures.key(ns, "other", "{channelRef: {name: payments}}"));
    secretOwnedBy("payments-default-credentials", owned);
    secretOwnedBy("shared", owned, other);
    secretOwnedBy("other-credentials", other);

    client.resource(channel).delete();

    assertThat(client.resources(ApiKey.class).inNamespace(ns).list().getItems())
        .extracting(k -> k.getMetadata().getName())
        .containsExactly("other");
    assertThat(client.secrets().inNamespace(ns).list().getItems())
        .extracting(s -> s.getMetadata().getName())
        .containsExactlyInAnyOrder("shared", "other-credentials");
  }

  @Test
  void orphanDeletionAndFinalizersKeepDependentsAsOnACluster() {
    ApiKey orphaning = fixtures.create(Fixtures.key(ns, "orphaning", "{channelRef: {name: c}}"));
    secretOwnedBy("orphan", orphaning);
    ApiKey finalized = Fixtures.key(ns, "finalized", "{channelRef: {name: c}}");
    finalized.getMetadata().setFinalizers(List.of("keysmith.dev/test"));
    finalized = fixtures.create(finalized);
    secretOwnedBy("waits", finalized);

    client.resource(orphaning).withPropagationPolicy(DeletionPropagation.ORPHAN).delete();
    client.resource(finalized).delete();
    Secret whileFinalizing = client.secrets().inNamespace(ns).withName("waits").get();
    ApiKey marked = client.resources(ApiKey.class).inNamespace(ns).withName("finalized").get();
    client
        .resources(ApiKey.class)
        .inNamespace(ns)
        .withName("finalized")
        .edit(
            k -> {
              k.getMetadata().setFinalizers(List.of());
              return k;
            });

    assertThat(client.secrets().inNamespace(ns).withName("orphan").get()).isNotNull();
    assertThat(whileFinalizing).isNotNull();
    assertThat(marked.getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(client.resources(ApiKey.class).inNamespace(ns).withName("finalized").get()).isNull();
    assertThat(client.secrets().inNamespace(ns).withName("waits").get()).isNull();
  }

  @Test
  void statusIsASubresourceAndStaleUpdatesConflict() {
    ApiKey key = fixtures.create(Fixtures.key(ns, "k", "{channelRef: {name: c}}"));
    ApiKeyStatus status = new ApiKeyStatus();
    status.setPhase(KeyPhase.Active);
    key.setStatus(status);
    client.resource(key).update();
    ApiKey afterMainUpdate = fixtures.get(ns, "k");
    ApiKeyStatus statusAfterMainUpdate = afterMainUpdate.getStatus();
    afterMainUpdate.setStatus(status);
    client.resource(afterMainUpdate).updateStatus();
    ApiKey afterStatusUpdate = fixtures.get(ns, "k");

    assertThat(statusAfterMainUpdate).isNull();
    assertThat(afterStatusUpdate.getStatus().getPhase()).isEqualTo(KeyPhase.Active);
    assertThat(afterStatusUpdate.getMetadata().getGeneration()).isEqualTo(1);
    assertThatThrownBy(() -> client.resource(key).update())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
  }

  @Test
  void dryRunWritesNothing() {
    client.resource(Fixtures.key(ns, "dry", "{channelRef: {name: c}}")).dryRun().create();

    assertThat(fixtures.get(ns, "dry")).isNull();
  }

  @Test
  void websocketWatchesSeeChangesFilteredBySelectors() {
    List<String> seen = new CopyOnWriteArrayList<>();
    ApiKey early = Fixtures.key(ns, "early", "{channelRef: {name: c}}");
    early.getMetadata().setLabels(Map.of("tier", "gold"));
    fixtures.create(early);

    try (Watch watch =
        client
            .resources(ApiKey.class)
            .inNamespace(ns)
            .withLabelSelector("tier in (gold,silver)")
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, ApiKey key) {
                    seen.add(action + " " + key.getMetadata().getName());
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                })) {
      ApiKey silver = Fixtures.key(ns, "silver", "{channelRef: {name: c}}");
      silver.getMetadata().setLabels(Map.of("tier", "silver"));
      ApiKey bronze = Fixtures.key(ns, "bronze", "{channelRef: {name: c}}");
      bronze.getMetadata().setLabels(Map.of("tier", "bronze"));
      fixtures.create(bronze);
      fixtures.create(silver);
      client.resource(fixtures.get(ns, "early")).delete();

      await().atMost(TIMEOUT).until(() -> seen.size() >= 3);
      assertThat(seen).containsExactly("ADDED early", "ADDED silver", "DELETED early");
    }
  }

  /**
   * A client whose watch broke watches again from the last resourceVersion it saw (informers do,
   * after every cut connection or timeout). As from a real API server, it must then get every
   * deletion it missed, or its cache keeps a deleted object for ever (found by ReliabilityIT).
   */
  @Test
  void aWatchResumedFromAResourceVersionGetsTheDeletionsItMissed() {
    String other = fixtures.namespace("api-other");
    for (String name : List.of("kept", "deleted", "unlabelled")) {
      client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(name)
          .withLabels(name.equals("unlabelled") ? Map.of() : Map.of("app", "x")).endMetadata().build()).create();
    }
    client.secrets().inNamespace(other).resource(new SecretBuilder().withNewMetadata().withName("elsewhere")
        .withLabels(Map.of("app", "x")).endMetadata().build()).create();
    String seenUpTo = client.secrets().inNamespace(ns).withLabel("app", "x").list().getMetadata().getResourceVersion();

    client.secrets().inNamespace(ns).withName("deleted").delete();
    client.secrets().inNamespace(ns).withName("unlabelled").delete();
    client.secrets().inNamespace(other).withName("elsewhere").delete();
    client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("created")
        .withLabels(Map.of("app", "x")).endMetadata().build()).create();

    List<String> seen = new CopyOnWriteArrayList<>();
    try (Watch watch = client.secrets().inNamespace(ns).withLabel("app", "x")
        .watch(new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withResourceVersion(seenUpTo).build(),
            new Watcher<>() {
              @Override
              public void eventReceived(Action action, Secret secret) {
                seen.add(action + " " + secret.getMetadata().getName());
              }

              @Override
              public void onClose(WatcherException cause) {}
            })) {
      await().atMost(TIMEOUT).until(() -> seen.size() >= 2);
      // Only what this watch selects, and nothing it had already seen.
      assertThat(seen).containsExactly("DELETED deleted", "ADDED created");
    }
  }

  @Test
  void appliesMultiDocumentManifestsCreatingNamespacesAndUpdatingExisting() throws IOException {
    String target = ns + "-applied";
    Path manifests = Files.createDirectories(dir.resolve("manifests"));
    Files.writeString(
        manifests.resolve("b-key.yaml"),
        """
        # a key and the credential it could bring
        ---
        apiVersion: keysmith.dev/v1alpha1
        kind: ApiKey
        metadata: {name: billing, namespace: %1$s}
        spec: {channelRef: {name: payments}, displayName: first}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: my-own-creds, namespace: %1$s}
        stringData: {apiKey: bring-your-own-0123456789}
        ---
        """
            .formatted(target));
    Files.writeString(
        manifests.resolve("a-channel.yml"),
        """
        apiVersion: keysmith.dev/v1alpha1
        kind: ApiChannel
        metadata: {name: payments, namespace: %s}
        spec: {protocol: REST}
        """
            .formatted(target));
    Files.writeString(manifests.resolve("notes.txt"), "not a manifest");
    Files.writeString(
        manifests.resolve("kustomization.yaml"), "resources: [a-channel.yml, b-key.yaml]");

    List<HasMetadata> applied = server.applyManifests(manifests);
    Files.writeString(
        manifests.resolve("b-key.yaml"),
        Files.readString(manifests.resolve("b-key.yaml")).replace("first", "second"));
    server.applyManifests(manifests.resolve("b-key.yaml"));

    assertThat(applied)
        .extracting(HasMetadata::getKind)
        .containsExactly("ApiChannel", "ApiKey", "Secret");
    assertThat(client.namespaces().withName(target).get()).isNotNull();
    assertThat(fixtures.get(target, "billing").getSpec().getDisplayName()).isEqualTo("second");
    assertThat(Fixtures.decoded(fixtures.secret(target, "my-own-creds"), "apiKey"))
        .isEqualTo("bring-your-own-0123456789");
  }

  @Test
  void refusesManifestsOfKindsItDoesNotServe() throws IOException {
    Path pod =
        Files.writeString(
            dir.resolve("pod.yaml"),
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec: {containers: [{name: c, image: busybox}]}
            """);

    assertThatThrownBy(() -> server.applyManifests(pod))
        .hasMessageContaining("no matches for kind \"Pod\" in version \"v1\"");
  }

  private static OwnerReference ownerReference(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .build();
  }

  private void secretOwnedBy(String name, HasMetadata... owners) {
    client
        .secrets()
        .inNamespace(ns)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withOwnerReferences(
                    Stream.of(owners).map(PlaygroundApiServerTest::ownerReference).toList())
                .endMetadata()
                .addToData("apiKey", "eA==")
                .build())
        .create();
  }
}
