package dev.keysmith.apikey;

import static dev.keysmith.apikey.ApiKeyIssuanceTest.readyReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.Condition;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.testing.Fixtures;
import dev.keysmith.testing.KubernetesApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** Expiry and revocation: the credential is destroyed, and a revoked one never comes back. */
@QuarkusTest
@QuarkusTestResource(KubernetesApi.class)
class ApiKeyLifecycleTest {

  private final Fixtures fixtures = new Fixtures(KubernetesApi.client());

  @Test
  void expiresAtTheExactInstantAndDestroysTheSecret() {
    String ns = fixtures.namespace("expiry");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    Instant expiresAt = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
    fixtures.create(Fixtures.key(ns, "short-lived", "{channelRef: {name: api}, expiresAt: '" + expiresAt + "'}"));

    ApiKey active = fixtures.awaitPhase(ns, "short-lived", KeyPhase.Active);
    assertThat(active.getStatus().getExpiresAt()).isEqualTo(expiresAt.toString());
    assertThat(fixtures.secret(ns, "short-lived-credentials").getMetadata().getAnnotations())
        .containsEntry("keysmith.dev/expires-at", expiresAt.toString());

    ApiKey expired = fixtures.awaitPhase(ns, "short-lived", KeyPhase.Expired);
    Instant observed = Instant.now();

    assertThat(fixtures.secret(ns, "short-lived-credentials")).isNull();
    Condition condition = condition(expired, "Expired");
    assertThat(condition.getStatus()).isEqualTo("True");
    assertThat(Instant.parse(condition.getLastTransitionTime())).isAfterOrEqualTo(expiresAt);
    // Scheduled for the instant itself: nothing else would reconcile the key within seconds.
    assertThat(Duration.between(expiresAt, observed)).isLessThan(Duration.ofSeconds(3));
    assertThat(readyReason(expired)).isEqualTo("Expired");
    assertThat(condition(expired, "Activated").getStatus()).isEqualTo("False");
    assertThat(fixtures.awaitEvent(ns, "short-lived", "Expired")).contains("short-lived-credentials");
  }

  @Test
  void validForCountsFromActivation() {
    String ns = fixtures.namespace("valid-for");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    fixtures.create(Fixtures.key(ns, "k", "{channelRef: {name: api}, validFor: 3s}"));

    ApiKey active = fixtures.awaitPhase(ns, "k", KeyPhase.Active);
    Instant activated = Instant.parse(active.getStatus().getActivatedAt());
    assertThat(active.getStatus().getExpiresAt()).isEqualTo(activated.plusSeconds(3).toString());

    fixtures.awaitPhase(ns, "k", KeyPhase.Expired);
    assertThat(fixtures.secret(ns, "k-credentials")).isNull();
  }

  @Test
  void channelDefaultValidityAppliesToKeysWithoutExpiry() {
    String ns = fixtures.namespace("default-validity");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST, policy: {defaultValidity: 2160h}}"));
    fixtures.create(Fixtures.key(ns, "k", "channelRef: {name: api}"));

    ApiKey active = fixtures.awaitPhase(ns, "k", KeyPhase.Active);
    assertThat(Instant.parse(active.getStatus().getExpiresAt()))
        .isEqualTo(Instant.parse(active.getStatus().getActivatedAt()).plus(Duration.ofHours(2160)));
  }

  @Test
  void aKeyWhoseExpiryPassedBeforeIssueIsNeverIssued() {
    String ns = fixtures.namespace("born-expired");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    fixtures.create(Fixtures.key(ns, "late", "{channelRef: {name: api}, expiresAt: '2020-01-01T00:00:00Z'}"));

    ApiKey key = fixtures.awaitPhase(ns, "late", KeyPhase.Expired);
    assertThat(key.getStatus().getRevision()).isNull();
    assertThat(fixtures.secret(ns, "late-credentials")).isNull();
  }

  @Test
  void revokingDestroysTheCredentialAndUnrevokingIssuesABrandNewOne() {
    String ns = fixtures.namespace("revoke");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    fixtures.create(Fixtures.key(ns, "k", "channelRef: {name: api}"));
    ApiKey first = fixtures.awaitPhase(ns, "k", KeyPhase.Active);

    fixtures.edit(ns, "k", k -> k.getSpec().setRevoked(true));
    ApiKey revoked = fixtures.awaitPhase(ns, "k", KeyPhase.Revoked);

    assertThat(fixtures.secret(ns, "k-credentials")).isNull();
    assertThat(condition(revoked, "Revoked").getStatus()).isEqualTo("True");
    assertThat(condition(revoked, "Ready").getStatus()).isEqualTo("False");
    assertThat(revoked.getStatus().getFingerprint()).isEqualTo(first.getStatus().getFingerprint());
    fixtures.awaitEvent(ns, "k", "Revoked");

    fixtures.edit(ns, "k", k -> k.getSpec().setRevoked(false));
    ApiKey reissued = fixtures.awaitKey(ns, "k", k -> k.getStatus().getPhase() == KeyPhase.Active && k.getStatus().getRevision() == 2L);

    assertThat(reissued.getStatus().getFingerprint()).isNotEqualTo(first.getStatus().getFingerprint());
    assertThat(fixtures.secret(ns, "k-credentials").getMetadata().getAnnotations())
        .containsEntry("keysmith.dev/revision", "2")
        .containsEntry("keysmith.dev/fingerprint", reissued.getStatus().getFingerprint());
    assertThat(fixtures.events(ns, "k", "Issued")).hasSize(2);
  }

  @Test
  void revocationWorksEvenWhenTheSpecIsOtherwiseInvalid() {
    String ns = fixtures.namespace("revoke-invalid");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    fixtures.create(Fixtures.key(ns, "k", "channelRef: {name: api}"));
    fixtures.awaitPhase(ns, "k", KeyPhase.Active);

    fixtures.edit(ns, "k", k -> {
      k.getSpec().setValidFor("forever");
      k.getSpec().setRevoked(true);
    });

    fixtures.awaitPhase(ns, "k", KeyPhase.Revoked);
    assertThat(fixtures.secret(ns, "k-credentials")).isNull();
  }

  @Test
  void extendingTheExpiryOfAnExpiredKeyIssuesANewCredential() {
    String ns = fixtures.namespace("unexpire");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    fixtures.create(Fixtures.key(ns, "k", "{channelRef: {name: api}, validFor: 2s}"));
    ApiKey first = fixtures.awaitPhase(ns, "k", KeyPhase.Active);
    fixtures.awaitPhase(ns, "k", KeyPhase.Expired);

    fixtures.edit(ns, "k", k -> k.getSpec().setValidFor("1h"));
    ApiKey renewed = fixtures.awaitPhase(ns, "k", KeyPhase.Active);

    assertThat(renewed.getStatus().getRevision()).isEqualTo(2L);
    assertThat(renewed.getStatus().getFingerprint()).isNotEqualTo(first.getStatus().getFingerprint());
    // validFor still counts from the original activation.
    assertThat(renewed.getStatus().getActivatedAt()).isEqualTo(first.getStatus().getActivatedAt());
  }

  static Condition condition(ApiKey key, String type) {
    return key.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  /**
   * Waits until the key's status describes its current generation, then checks that nothing writes
   * the key for two seconds: no retries, no status churn.
   */
  static void awaitStable(Fixtures fixtures, String ns, String name) {
    fixtures.awaitKey(ns, name, k -> k.getMetadata().getGeneration().equals(k.getStatus().getObservedGeneration()));
    String version = fixtures.get(ns, name).getMetadata().getResourceVersion();
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
        .until(() -> fixtures.get(ns, name).getMetadata().getResourceVersion(), version::equals);
  }
}
