package dev.keysmith.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.credentials.Hashes;
import dev.keysmith.testing.Fixtures;
import dev.keysmith.testing.KubernetesApi;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Secret is the source of truth: a fresh operator start, even without status, changes nothing. */
@QuarkusTest
@QuarkusTestResource(KubernetesApi.class)
class RestartSafetyTest {

  @Inject Operator operator;

  private final Fixtures fixtures = new Fixtures(KubernetesApi.client());

  @Test
  void aFreshStartOverExistingKeysWithLostStatusKeepsEveryCredential() {
    String ns = fixtures.namespace("restart");
    fixtures.create(Fixtures.channel(ns, "rest", "{protocol: REST, keyTypes: [Opaque, HMAC]}"));
    fixtures.create(Fixtures.channel(ns, "ftp", "{protocol: FTP}"));
    fixtures.create(Fixtures.key(ns, "opaque", "channelRef: {name: rest}"));
    fixtures.create(Fixtures.key(ns, "hmac", "{channelRef: {name: rest}, type: HMAC}"));
    fixtures.create(Fixtures.key(ns, "basic", "{channelRef: {name: ftp}, validFor: 720h}"));
    List<String> names = List.of("opaque", "hmac", "basic");
    Map<String, String> fingerprints = new HashMap<>();
    Map<String, String> data = new HashMap<>();
    Map<String, String> activation = new HashMap<>();
    for (String name : names) {
      ApiKey key = fixtures.awaitPhase(ns, name, KeyPhase.Active);
      fingerprints.put(name, key.getStatus().getFingerprint());
      activation.put(name, key.getStatus().getActivatedAt());
      data.put(name, digest(fixtures.secret(ns, name + "-credentials")));
    }

    operator.stop();
    for (String name : names) {
      KubernetesApi.client().resources(ApiKey.class).inNamespace(ns).withName(name).editStatus(k -> {
        k.setStatus(null);
        return k;
      });
    }
    operator.start();

    for (String name : names) {
      ApiKey key = fixtures.awaitPhase(ns, name, KeyPhase.Active);
      assertThat(key.getStatus().getFingerprint()).as(name).isEqualTo(fingerprints.get(name));
      assertThat(key.getStatus().getRevision()).as(name).isEqualTo(1L);
      assertThat(key.getStatus().getActivatedAt()).as(name).isEqualTo(activation.get(name));
      assertThat(digest(fixtures.secret(ns, name + "-credentials"))).as(name).isEqualTo(data.get(name));
      assertThat(fixtures.events(ns, name, "Issued")).as(name).hasSize(1);
      assertThat(fixtures.events(ns, name, "SecretRecreated")).as(name).isEmpty();
    }
  }

  /**
   * The operator may die between writing a key's Secret and its status. If the key then expires or
   * is revoked while it is down, the Secret it deletes is the only record of the credential: status
   * must take activation, revision and fingerprint from it, or the next reconciliation would see a
   * key that was never activated and issue it a new credential (found by ReliabilityIT).
   */
  @Test
  void aKeyWhoseStatusWasNeverWrittenStaysExpiredOrRevokedAfterItsSecretIsDeleted() {
    String ns = fixtures.namespace("restart-destroyed");
    fixtures.create(Fixtures.channel(ns, "rest", "{protocol: REST}"));
    fixtures.create(Fixtures.key(ns, "expiring", "{channelRef: {name: rest}, validFor: 2s}"));
    fixtures.create(Fixtures.key(ns, "revoked", "channelRef: {name: rest}"));
    Map<String, String> fingerprints = new HashMap<>();
    for (String name : List.of("expiring", "revoked")) {
      fingerprints.put(name, fixtures.awaitPhase(ns, name, KeyPhase.Active).getStatus().getFingerprint());
    }

    operator.stop();
    for (String name : List.of("expiring", "revoked")) {
      KubernetesApi.client().resources(ApiKey.class).inNamespace(ns).withName(name).editStatus(k -> {
        k.setStatus(null);
        return k;
      });
    }
    fixtures.edit(ns, "revoked", k -> k.getSpec().setRevoked(true));
    java.time.Instant expiry = java.time.Instant.now().plusSeconds(2);
    Fixtures.waiting().until(() -> java.time.Instant.now().isAfter(expiry));
    operator.start();

    ApiKey expired = fixtures.awaitPhase(ns, "expiring", KeyPhase.Expired);
    ApiKey revoked = fixtures.awaitPhase(ns, "revoked", KeyPhase.Revoked);
    fixtures.awaitAllStable(ns);
    assertThat(fixtures.get(ns, "expiring").getStatus().getPhase()).isEqualTo(KeyPhase.Expired);
    // A boolean, not the Secret: a failure message must not print its data.
    assertThat(fixtures.secret(ns, "expiring-credentials") == null).as("expiring-credentials deleted").isTrue();
    assertThat(fixtures.events(ns, "expiring", "Issued")).hasSize(1);
    for (ApiKey key : List.of(expired, revoked)) {
      assertThat(key.getStatus().getRevision()).as(key.getMetadata().getName()).isEqualTo(1L);
      assertThat(key.getStatus().getFingerprint()).as(key.getMetadata().getName())
          .isEqualTo(fingerprints.get(key.getMetadata().getName()));
    }
    assertThat(expired.getStatus().getActivatedAt()).isNotNull();

    // Un-revoked, the key gets a brand-new credential with the next revision, not revision 1 again.
    fixtures.edit(ns, "revoked", k -> k.getSpec().setRevoked(false));
    ApiKey reissued = fixtures.awaitKey(ns, "revoked", k -> k.getStatus().getPhase() == KeyPhase.Active);
    assertThat(reissued.getStatus().getRevision()).isEqualTo(2L);
    assertThat(reissued.getStatus().getFingerprint()).isNotEqualTo(fingerprints.get("revoked"));
  }

  /** A digest of a Secret's data, so that the test compares credentials without holding them. */
  private static String digest(Secret secret) {
    return Hashes.sha256Hex(new java.util.TreeMap<>(secret.getData()).toString().getBytes(StandardCharsets.UTF_8));
  }
}
