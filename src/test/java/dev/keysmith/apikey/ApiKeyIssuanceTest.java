package dev.keysmith.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.api.v1alpha1.KeyType;
import dev.keysmith.credentials.Hashes;
import dev.keysmith.credentials.OpaqueKeyFormat;
import dev.keysmith.testing.Fixtures;
import dev.keysmith.testing.KubernetesApi;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issuing credentials of each type into the Secret that workloads mount. */
@QuarkusTest
@QuarkusTestResource(KubernetesApi.class)
class ApiKeyIssuanceTest {

  private final Fixtures fixtures = new Fixtures(KubernetesApi.client());

  @Test
  void issuesAnOpaqueKeyWithItsRecordAndStatus() {
    String ns = fixtures.namespace("issue-opaque");
    fixtures.create(Fixtures.channel(ns, "payments", "{protocol: REST, keyFormat: {prefix: pay, length: 40}}"));
    fixtures.create(Fixtures.key(ns, "billing", """
        channelRef: {name: payments}
        displayName: Billing service -> Payments API
        secretTemplate:
          labels: {team: billing}
          annotations: {reloader.stakater.com/match: "true"}
        """));

    ApiKey key = fixtures.awaitPhase(ns, "billing", KeyPhase.Active);
    Secret secret = fixtures.secret(ns, "billing-credentials");
    String apiKey = Fixtures.decoded(secret, "apiKey");

    assertThat(secret.getType()).isEqualTo("Opaque");
    assertThat(secret.getData()).containsOnlyKeys("apiKey");
    assertThat(secret.getStringData()).isNullOrEmpty();
    assertThat(OpaqueKeyFormat.isWellFormed(apiKey)).isTrue();
    assertThat(apiKey.length()).isEqualTo("pay_".length() + 40 + 6);
    assertThat(secret.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "keysmith")
        .containsEntry("keysmith.dev/apikey", "billing")
        .containsEntry("team", "billing");
    assertThat(secret.getMetadata().getAnnotations())
        .containsEntry("keysmith.dev/revision", "1")
        .containsEntry("keysmith.dev/fingerprint", Hashes.fingerprint(bytes(apiKey)))
        .containsEntry("reloader.stakater.com/match", "true");
    OwnerReference owner = secret.getMetadata().getOwnerReferences().get(0);
    assertThat(owner.getKind()).isEqualTo("ApiKey");
    assertThat(owner.getUid()).isEqualTo(key.getMetadata().getUid());
    assertThat(owner.getController()).isTrue();

    assertThat(key.getStatus().getType()).isEqualTo(KeyType.Opaque);
    assertThat(key.getStatus().getSecretName()).isEqualTo("billing-credentials");
    assertThat(key.getStatus().getKeyId()).isEqualTo(OpaqueKeyFormat.keyId(apiKey).orElseThrow());
    assertThat(key.getStatus().getFingerprint()).isEqualTo(Hashes.fingerprint(bytes(apiKey)));
    assertThat(key.getStatus().getRevision()).isEqualTo(1L);
    assertThat(key.getStatus().getActivatedAt()).isNotNull();
    assertThat(key.getStatus().getExpiresAt()).isNull();
    assertThat(key.getStatus().getObservedGeneration()).isEqualTo(key.getMetadata().getGeneration());
    assertThat(key.getStatus().getConditions())
        .extracting(c -> c.getType() + "=" + c.getStatus() + "/" + c.getReason())
        .containsExactly("Ready=True/Issued", "Activated=True/Issued", "Expired=False/NotExpired", "Revoked=False/NotRevoked");
    assertThat(key.getStatus().getConditions())
        .allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(key.getMetadata().getGeneration()));
    assertThat(fixtures.awaitEvent(ns, "billing", "Issued"))
        .contains(key.getStatus().getKeyId())
        .contains(key.getStatus().getFingerprint());
    // Nothing changes any more, so nothing is written any more.
    ApiKeyLifecycleTest.awaitStable(fixtures, ns, "billing");
    assertThat(fixtures.secret(ns, "billing-credentials").getMetadata().getResourceVersion())
        .isEqualTo(secret.getMetadata().getResourceVersion());
  }

  @Test
  void issuesBasicCredentialsAsABasicAuthSecret() {
    String ns = fixtures.namespace("issue-basic");
    fixtures.create(Fixtures.channel(ns, "uploads", "{protocol: FTP}"));
    fixtures.create(Fixtures.key(ns, "partner", "channelRef: {name: uploads}"));

    ApiKey key = fixtures.awaitPhase(ns, "partner", KeyPhase.Active);
    Secret secret = fixtures.secret(ns, "partner-credentials");

    assertThat(secret.getType()).isEqualTo("kubernetes.io/basic-auth");
    assertThat(secret.getData()).containsOnlyKeys("username", "password");
    assertThat(Fixtures.decoded(secret, "username")).matches("ftp-[0-9A-Za-z]{12}");
    assertThat(OpaqueKeyFormat.isWellFormed(Fixtures.decoded(secret, "password"))).isTrue();
    assertThat(key.getStatus().getType()).isEqualTo(KeyType.Basic);
    assertThat(key.getStatus().getKeyId()).isEqualTo(Fixtures.decoded(secret, "username"));
    assertThat(key.getStatus().getFingerprint())
        .isEqualTo(Hashes.fingerprint(bytes(Fixtures.decoded(secret, "password"))));
  }

  @Test
  void issuesHmacKeysWithKeyIdSecretAndAlgorithm() {
    String ns = fixtures.namespace("issue-hmac");
    fixtures.create(Fixtures.channel(ns, "webhooks", "{protocol: HTTP, keyFormat: {prefix: hook}}"));
    fixtures.create(Fixtures.key(ns, "signer", "{channelRef: {name: webhooks}, type: HMAC, secretName: signer-hmac}"));

    ApiKey key = fixtures.awaitPhase(ns, "signer", KeyPhase.Active);
    Secret secret = fixtures.secret(ns, "signer-hmac");

    assertThat(secret.getType()).isEqualTo("Opaque");
    assertThat(secret.getData()).containsOnlyKeys("keyId", "secret", "algorithm");
    assertThat(Fixtures.decoded(secret, "keyId")).matches("hook_[0-9A-Za-z]{16}");
    assertThat(Base64.getDecoder().decode(Fixtures.decoded(secret, "secret"))).hasSize(32);
    assertThat(Fixtures.decoded(secret, "algorithm")).isEqualTo("hmac-sha256");
    assertThat(key.getStatus().getKeyId()).isEqualTo(Fixtures.decoded(secret, "keyId"));
  }

  @Test
  void typeDefaultsToTheChannelsFirstKeyType() {
    String ns = fixtures.namespace("issue-default-type");
    fixtures.create(Fixtures.channel(ns, "signed", "{protocol: REST, keyTypes: [HMAC, Opaque]}"));
    fixtures.create(Fixtures.key(ns, "k", "channelRef: {name: signed}"));

    assertThat(fixtures.awaitPhase(ns, "k", KeyPhase.Active).getStatus().getType()).isEqualTo(KeyType.HMAC);
  }

  @Test
  void retainPolicyLeavesNoOwnerReference() {
    String ns = fixtures.namespace("issue-retain");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    fixtures.create(Fixtures.key(ns, "kept", "{channelRef: {name: api}, deletionPolicy: Retain}"));

    fixtures.awaitPhase(ns, "kept", KeyPhase.Active);
    assertThat(fixtures.secret(ns, "kept-credentials").getMetadata().getOwnerReferences()).isEmpty();

    fixtures.edit(ns, "kept", k -> k.getSpec().setDeletionPolicy(null));
    fixtures.awaitKey(ns, "kept", k -> !fixtures.secret(ns, "kept-credentials").getMetadata().getOwnerReferences().isEmpty());
  }

  @Test
  void copiesUserSuppliedCredentialsWithoutTouchingTheirSecret() {
    String ns = fixtures.namespace("issue-existing");
    String supplied = "my-own-key-0123456789abcdef";
    Secret mine =
        KubernetesApi.client().secrets().inNamespace(ns).resource(new SecretBuilder()
            .withNewMetadata().withName("my-own-creds").endMetadata()
            .withData(Map.of("apiKey", Base64.getEncoder().encodeToString(bytes(supplied))))
            .build()).create();
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST, keyFormat: {prefix: own}}"));
    fixtures.create(Fixtures.key(ns, "byo", "{channelRef: {name: api}, credentials: {existingSecretRef: {name: my-own-creds}}}"));

    ApiKey key = fixtures.awaitPhase(ns, "byo", KeyPhase.Active);

    assertThat(Fixtures.decoded(fixtures.secret(ns, "byo-credentials"), "apiKey")).isEqualTo(supplied);
    assertThat(key.getStatus().getFingerprint()).isEqualTo(Hashes.fingerprint(bytes(supplied)));
    assertThat(key.getStatus().getKeyId()).isEqualTo("own_" + Hashes.sha256Hex(bytes(supplied)).substring(0, 8));
    Secret after = fixtures.secret(ns, "my-own-creds");
    assertThat(after.getMetadata().getResourceVersion()).isEqualTo(mine.getMetadata().getResourceVersion());
  }

  @Test
  void reportsMissingOrUnusableUserSuppliedCredentials() {
    String ns = fixtures.namespace("issue-existing-bad");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    fixtures.create(Fixtures.key(ns, "missing", "{channelRef: {name: api}, credentials: {existingSecretRef: {name: nowhere}}}"));
    KubernetesApi.client().secrets().inNamespace(ns).resource(new SecretBuilder()
        .withNewMetadata().withName("weak").endMetadata()
        .withData(Map.of("apiKey", Base64.getEncoder().encodeToString(bytes("short"))))
        .build()).create();
    fixtures.create(Fixtures.key(ns, "weak", "{channelRef: {name: api}, credentials: {existingSecretRef: {name: weak}}}"));

    ApiKey missing = fixtures.awaitPhase(ns, "missing", KeyPhase.Pending);
    ApiKey weak = fixtures.awaitPhase(ns, "weak", KeyPhase.Failed);

    assertThat(readyReason(missing)).isEqualTo("CredentialsNotFound");
    assertThat(readyReason(weak)).isEqualTo("InvalidSpec");
    assertThat(readyMessage(weak)).startsWith("spec.credentials.existingSecretRef: Secret weak").contains("shorter than 16");
    assertThat(fixtures.secret(ns, "weak-credentials")).isNull();
  }

  static String readyReason(ApiKey key) {
    return key.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow().getReason();
  }

  static String readyMessage(ApiKey key) {
    return key.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow().getMessage();
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
