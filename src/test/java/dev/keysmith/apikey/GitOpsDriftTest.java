package dev.keysmith.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keysmith.api.v1alpha1.ApiChannel;
import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.testing.Fixtures;
import dev.keysmith.testing.KubernetesApi;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What GitOps tools (Argo CD, Flux) compare must never change under them: Keysmith writes only
 * the status of its resources, and puts no tracking label or annotation of theirs on the Secrets
 * it creates (which would make them prune those Secrets).
 */
@QuarkusTest
@QuarkusTestResource(KubernetesApi.class)
class GitOpsDriftTest {

  private static final Map<String, String> TRACKING_LABELS = Map.of(
      "app.kubernetes.io/instance", "payments",
      "kustomize.toolkit.fluxcd.io/name", "payments");
  private static final Map<String, String> TRACKING_ANNOTATIONS = Map.of(
      "argocd.argoproj.io/tracking-id", "payments:keysmith.dev/ApiKey:ns/k",
      "kubectl.kubernetes.io/last-applied-configuration", "{}");

  private final KubernetesClient client = KubernetesApi.client();
  private final Fixtures fixtures = new Fixtures(client);

  @Test
  void theOperatorWritesOnlyStatusAndCopiesNoTrackingMetadata() {
    String ns = fixtures.namespace("gitops");
    ApiChannel channel = Fixtures.channel(ns, "api", "{protocol: REST, defaultKey: {enabled: true}, token: {enabled: true}}");
    channel.getMetadata().setLabels(TRACKING_LABELS);
    channel.getMetadata().setAnnotations(TRACKING_ANNOTATIONS);
    ApiChannel createdChannel = fixtures.create(channel);
    ApiKey key = Fixtures.key(ns, "k", "{channelRef: {name: api}, rotation: {gracePeriod: 1h}, secretTemplate: {labels: {team: a}}}");
    key.getMetadata().setLabels(TRACKING_LABELS);
    key.getMetadata().setAnnotations(TRACKING_ANNOTATIONS);
    ApiKey created = fixtures.create(key);

    fixtures.awaitPhase(ns, "k", KeyPhase.Active);
    // A whole lifecycle: a rotation through the annotation trigger users set themselves.
    client.resources(ApiKey.class).inNamespace(ns).withName("k").edit(k -> {
      k.getMetadata().getAnnotations().put("keysmith.dev/rotate-request", "1");
      return k;
    });
    ApiKey rotated = fixtures.awaitKey(ns, "k", k -> Long.valueOf(2).equals(k.getStatus().getRevision()));
    fixtures.awaitAllStable(ns);

    ApiKey after = fixtures.get(ns, "k");
    assertThat(after.getMetadata().getGeneration()).isEqualTo(created.getMetadata().getGeneration());
    assertThat(json(after.getSpec())).isEqualTo(json(created.getSpec()));
    assertThat(after.getMetadata().getLabels()).isEqualTo(TRACKING_LABELS);
    assertThat(after.getMetadata().getAnnotations()).containsAllEntriesOf(TRACKING_ANNOTATIONS).hasSize(3);
    assertThat(after.getMetadata().getFinalizers()).isNullOrEmpty();
    assertThat(rotated.getStatus().getObservedGeneration()).isEqualTo(after.getMetadata().getGeneration());

    ApiChannel channelAfter = client.resources(ApiChannel.class).inNamespace(ns).withName("api").get();
    assertThat(channelAfter.getMetadata().getGeneration()).isEqualTo(createdChannel.getMetadata().getGeneration());
    assertThat(json(channelAfter.getSpec())).isEqualTo(json(createdChannel.getSpec()));
    assertThat(channelAfter.getMetadata().getLabels()).isEqualTo(TRACKING_LABELS);
    assertThat(channelAfter.getMetadata().getAnnotations()).isEqualTo(TRACKING_ANNOTATIONS);

    for (String name : new String[] {"k-credentials", "api-keyring", "api-signing-key", "api-default-credentials"}) {
      Secret secret = fixtures.secret(ns, name);
      assertThat(secret).as(name).isNotNull();
      assertThat(secret.getMetadata().getLabels()).as(name).doesNotContainKeys(TRACKING_LABELS.keySet().toArray(String[]::new));
      assertThat(secret.getMetadata().getAnnotations() == null ? Map.of() : secret.getMetadata().getAnnotations())
          .as(name).doesNotContainKeys(TRACKING_ANNOTATIONS.keySet().toArray(String[]::new));
    }
    assertThat(fixtures.secret(ns, "k-credentials").getMetadata().getLabels()).containsEntry("team", "a");
  }

  private String json(Object spec) {
    return client.getKubernetesSerialization().asJson(spec);
  }
}
