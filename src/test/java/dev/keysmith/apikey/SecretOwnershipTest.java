package dev.keysmith.apikey;

import static dev.keysmith.apikey.ApiKeyIssuanceTest.readyMessage;
import static dev.keysmith.apikey.ApiKeyIssuanceTest.readyReason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.testing.Fixtures;
import dev.keysmith.testing.KubernetesApi;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The key's Secret: never someone else's, re-issued only when lost, carried over on rename. */
@QuarkusTest
@QuarkusTestResource(KubernetesApi.class)
class SecretOwnershipTest {

  private final KubernetesClient client = KubernetesApi.client();
  private final Fixtures fixtures = new Fixtures(client);

  @Test
  void neverTouchesASecretItDoesNotOwn() {
    String ns = fixtures.namespace("foreign");
    Secret foreign =
        client.secrets().inNamespace(ns).resource(new SecretBuilder()
            .withNewMetadata().withName("taken").withLabels(Map.of("owner", "someone-else")).endMetadata()
            .withData(Map.of("config", "aGVsbG8="))
            .build()).create();
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    fixtures.create(Fixtures.key(ns, "k", "{channelRef: {name: api}, secretName: taken}"));

    ApiKey key = fixtures.awaitPhase(ns, "k", KeyPhase.Failed);

    assertThat(readyReason(key)).isEqualTo("SecretConflict");
    assertThat(readyMessage(key)).contains("taken");
    assertThat(fixtures.awaitEvent(ns, "k", "SecretConflict")).contains("taken");
    Secret after = fixtures.secret(ns, "taken");
    assertThat(after.getMetadata().getResourceVersion()).isEqualTo(foreign.getMetadata().getResourceVersion());
    assertThat(after.getData()).isEqualTo(foreign.getData());

    // Revoking the key must not delete the Secret it never owned either.
    fixtures.edit(ns, "k", k -> k.getSpec().setRevoked(true));
    fixtures.awaitPhase(ns, "k", KeyPhase.Revoked);
    assertThat(fixtures.secret(ns, "taken").getMetadata().getResourceVersion())
        .isEqualTo(foreign.getMetadata().getResourceVersion());
  }

  @Test
  void neverAdoptsASecretControlledByAnotherObject() {
    String ns = fixtures.namespace("controlled");
    client.secrets().inNamespace(ns).resource(new SecretBuilder()
        .withNewMetadata().withName("k-credentials")
        .withLabels(Map.of("app.kubernetes.io/managed-by", "keysmith", "keysmith.dev/apikey", "k"))
        .addNewOwnerReference().withApiVersion("keysmith.dev/v1alpha1").withKind("ApiKey").withName("k")
        .withUid("uid-of-an-earlier-key").withController(true).endOwnerReference()
        .endMetadata()
        .withData(Map.of("apiKey", "c29tZXRoaW5nLWVsc2UtZW50aXJlbHk="))
        .build()).create();
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    fixtures.create(Fixtures.key(ns, "k", "channelRef: {name: api}"));

    assertThat(readyReason(fixtures.awaitPhase(ns, "k", KeyPhase.Failed))).isEqualTo("SecretConflict");
  }

  @Test
  void reissuesALostSecretWithANewRevisionAndAWarning() {
    String ns = fixtures.namespace("lost");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    fixtures.create(Fixtures.key(ns, "k", "channelRef: {name: api}"));
    ApiKey first = fixtures.awaitPhase(ns, "k", KeyPhase.Active);

    client.secrets().inNamespace(ns).withName("k-credentials").delete();

    ApiKey second = fixtures.awaitKey(ns, "k", k -> Long.valueOf(2).equals(k.getStatus().getRevision()));
    assertThat(second.getStatus().getPhase()).isEqualTo(KeyPhase.Active);
    assertThat(second.getStatus().getFingerprint()).isNotEqualTo(first.getStatus().getFingerprint());
    assertThat(fixtures.secret(ns, "k-credentials").getMetadata().getAnnotations())
        .containsEntry("keysmith.dev/revision", "2");
    assertThat(fixtures.awaitEvent(ns, "k", "SecretRecreated")).contains("revision 2");
  }

  @Test
  void reissuesASecretWhoseCredentialWasDamaged() {
    String ns = fixtures.namespace("damaged");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    fixtures.create(Fixtures.key(ns, "k", "channelRef: {name: api}"));
    fixtures.awaitPhase(ns, "k", KeyPhase.Active);

    client.secrets().inNamespace(ns).withName("k-credentials").edit(s -> {
      s.setData(Map.of());
      return s;
    });

    fixtures.awaitKey(ns, "k", k -> Long.valueOf(2).equals(k.getStatus().getRevision()));
    assertThat(fixtures.secret(ns, "k-credentials").getData()).containsKey("apiKey");
    fixtures.awaitEvent(ns, "k", "SecretRecreated");
  }

  @Test
  void movesTheCredentialWhenSecretNameChanges() {
    String ns = fixtures.namespace("rename");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    fixtures.create(Fixtures.key(ns, "k", "channelRef: {name: api}"));
    ApiKey before = fixtures.awaitPhase(ns, "k", KeyPhase.Active);
    String credential = Fixtures.decoded(fixtures.secret(ns, "k-credentials"), "apiKey");

    fixtures.edit(ns, "k", k -> k.getSpec().setSecretName("renamed"));

    ApiKey after = fixtures.awaitKey(ns, "k", k -> "renamed".equals(k.getStatus().getSecretName()) && fixtures.secret(ns, "renamed") != null);
    assertThat(Fixtures.decoded(fixtures.secret(ns, "renamed"), "apiKey").equals(credential)).isTrue();
    assertThat(after.getStatus().getRevision()).isEqualTo(before.getStatus().getRevision());
    assertThat(after.getStatus().getFingerprint()).isEqualTo(before.getStatus().getFingerprint());
    fixtures.awaitKey(ns, "k", k -> fixtures.secret(ns, "k-credentials") == null);
  }

  @Test
  void keepsLabelsOthersAddAndDropsWhatTheTemplateNoLongerHas() {
    String ns = fixtures.namespace("template");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    fixtures.create(Fixtures.key(ns, "k", "{channelRef: {name: api}, secretTemplate: {labels: {a: '1', b: '2'}}}"));
    fixtures.awaitPhase(ns, "k", KeyPhase.Active);
    client.secrets().inNamespace(ns).withName("k-credentials").edit(s -> {
      s.getMetadata().getLabels().put("added-by", "someone");
      return s;
    });

    fixtures.edit(ns, "k", k -> k.getSpec().getSecretTemplate().setLabels(Map.of("a", "1")));

    fixtures.awaitKey(ns, "k", k -> !fixtures.secret(ns, "k-credentials").getMetadata().getLabels().containsKey("b"));
    assertThat(fixtures.secret(ns, "k-credentials").getMetadata().getLabels())
        .containsEntry("a", "1")
        .containsEntry("added-by", "someone");
  }
}
