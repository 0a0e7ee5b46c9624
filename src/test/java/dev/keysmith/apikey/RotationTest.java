package dev.keysmith.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.credentials.Hashes;
import dev.keysmith.testing.Fixtures;
import dev.keysmith.testing.KubernetesApi;
import dev.keysmith.testing.OperatorControl;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Scheduled and manual rotation with a grace period, through the API server with real time. */
@QuarkusTest
@QuarkusTestResource(KubernetesApi.class)
class RotationTest {

  private final KubernetesClient client = KubernetesApi.client();
  private final Fixtures fixtures = new Fixtures(client);

  @Test
  void rotatesOnScheduleAndKeepsThePreviousKeyForTheGracePeriod() {
    String ns = fixtures.namespace("rotate-every");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    fixtures.create(Fixtures.key(ns, "k", "{channelRef: {name: api}, rotation: {every: 10s, gracePeriod: 4s}}"));
    ApiKey first = fixtures.awaitPhase(ns, "k", KeyPhase.Active);
    String firstSha = sha(fixtures.secret(ns, "k-credentials"), "apiKey");
    Instant issued = Instant.parse(first.getStatus().getActivatedAt());
    assertThat(first.getStatus().getNextRotationAt()).isEqualTo(issued.plusSeconds(10).toString());

    ApiKey rotated = fixtures.awaitKey(ns, "k", k -> Long.valueOf(2).equals(k.getStatus().getRevision()));
    Secret secret = fixtures.secret(ns, "k-credentials");
    Instant rotatedAt = Instant.parse(rotated.getStatus().getLastRotatedAt());

    // At the instant itself, not on some later poll.
    assertThat(Duration.between(issued.plusSeconds(10), rotatedAt)).isLessThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(sha(secret, "apiKey")).isNotEqualTo(firstSha);
    assertThat(sha(secret, "previousApiKey")).isEqualTo(firstSha);
    assertThat(secret.getMetadata().getAnnotations())
        .containsEntry("keysmith.dev/revision", "2")
        .containsEntry("keysmith.dev/previous-valid-until", rotatedAt.plusSeconds(4).toString())
        .containsEntry("keysmith.dev/previous-fingerprint", first.getStatus().getFingerprint());
    assertThat(rotated.getStatus().getPreviousValidUntil()).isEqualTo(rotatedAt.plusSeconds(4).toString());
    assertThat(rotated.getStatus().getNextRotationAt()).isEqualTo(rotatedAt.plusSeconds(10).toString());
    assertThat(ApiKeyIssuanceTest.readyReason(rotated)).isEqualTo("Rotated");
    assertThat(fixtures.awaitEvent(ns, "k", "Rotated")).contains("revision 2").contains("revision 1 stays valid until");

    // After the grace period the previous key is gone from the Secret, before the next rotation.
    ApiKey afterGrace = fixtures.awaitKey(ns, "k", k -> k.getStatus().getPreviousValidUntil() == null);
    assertThat(afterGrace.getStatus().getRevision()).isEqualTo(2L);
    assertThat(fixtures.secret(ns, "k-credentials").getData()).containsOnlyKeys("apiKey");
    assertThat(fixtures.secret(ns, "k-credentials").getMetadata().getAnnotations())
        .doesNotContainKey("keysmith.dev/previous-valid-until");
  }

  @Test
  void keysWithoutTheirOwnRotationFollowTheChannelsPolicy() {
    String ns = fixtures.namespace("rotate-channel");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST, policy: {rotation: {schedule: '0 3 * * MON', timeZone: Europe/Berlin}}}"));
    fixtures.create(Fixtures.key(ns, "inherits", "channelRef: {name: api}"));
    fixtures.create(Fixtures.key(ns, "own", "{channelRef: {name: api}, rotation: {gracePeriod: 1h}}"));

    ApiKey inherits = fixtures.awaitPhase(ns, "inherits", KeyPhase.Active);
    assertThat(inherits.getStatus().getNextRotationAt()).isNotNull();
    assertThat(Instant.parse(inherits.getStatus().getNextRotationAt()))
        .isAfter(Instant.now())
        .isBefore(Instant.now().plus(Duration.ofDays(7).plusHours(1)));
    // A key's own rotation block replaces the channel's: this one rotates only on request.
    assertThat(fixtures.awaitPhase(ns, "own", KeyPhase.Active).getStatus().getNextRotationAt()).isNull();
  }

  @Test
  void eachNewRequestValueRotatesExactlyOnceAndRevertingDoesNot() {
    String ns = fixtures.namespace("rotate-manual");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    fixtures.create(Fixtures.key(ns, "k", "{channelRef: {name: api}, rotationRequest: initial}"));
    // The value present at creation is not a request to rotate.
    assertThat(fixtures.awaitPhase(ns, "k", KeyPhase.Active).getStatus().getRevision()).isEqualTo(1L);
    ApiKeyLifecycleTest.awaitStable(fixtures, ns, "k");

    fixtures.edit(ns, "k", k -> k.getSpec().setRotationRequest("2026-11-23-a"));
    awaitRevision(ns, 2);
    fixtures.edit(ns, "k", k -> k.getSpec().setRotationRequest("2026-11-23-b"));
    awaitRevision(ns, 3);
    fixtures.edit(ns, "k", k -> k.getSpec().setRotationRequest("2026-11-23-a"));
    ApiKeyLifecycleTest.awaitStable(fixtures, ns, "k");
    assertThat(fixtures.get(ns, "k").getStatus().getRevision()).isEqualTo(3L);

    // The annotation is seen although it does not change metadata.generation.
    annotate(ns, "x");
    awaitRevision(ns, 4);
    annotate(ns, "y");
    awaitRevision(ns, 5);
    annotate(ns, "x");
    // An annotation changes no generation: wait for the operator to have dealt with the value.
    fixtures.awaitKey(ns, "k", k -> "x".equals(k.getStatus().getLastRotateAnnotation()));
    ApiKeyLifecycleTest.awaitStable(fixtures, ns, "k");

    ApiKey key = fixtures.get(ns, "k");
    assertThat(key.getStatus().getRevision()).isEqualTo(5L);
    assertThat(key.getStatus().getLastRotationRequest()).isEqualTo("2026-11-23-a");
    assertThat(key.getStatus().getLastRotateAnnotation()).isEqualTo("x");
    assertThat(fixtures.events(ns, "k", "Rotated")).hasSize(4);
    // Without a grace period the previous credential stops working at once.
    assertThat(fixtures.secret(ns, "k-credentials").getData()).containsOnlyKeys("apiKey");
  }

  @Test
  void aScheduleMissedWhileTheOperatorWasDownRotatesOnceOnStart() {
    String ns = fixtures.namespace("rotate-missed");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    fixtures.create(Fixtures.key(ns, "k", "{channelRef: {name: api}, rotation: {every: 10s, gracePeriod: 1h}}"));
    fixtures.awaitPhase(ns, "k", KeyPhase.Active);

    OperatorControl.stop();
    try {
      // An hour of downtime, seen from the Secret: its credential was issued an hour ago, so 360
      // slots of the 10s schedule were missed.
      Instant hourAgo = Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      client.secrets().inNamespace(ns).withName("k-credentials").edit(s -> {
        s.getMetadata().getAnnotations().put("keysmith.dev/issued-at", hourAgo.toString());
        return s;
      });
    } finally {
      OperatorControl.start();
    }

    ApiKey rotated = awaitRevision(ns, 2);
    Instant rotatedAt = Instant.parse(rotated.getStatus().getLastRotatedAt());
    assertThat(rotatedAt).isAfter(Instant.now().minusSeconds(5));
    assertThat(rotated.getStatus().getNextRotationAt()).isEqualTo(rotatedAt.plusSeconds(10).toString());
    assertThat(fixtures.events(ns, "k", "Rotated")).hasSize(1);
  }

  private void annotate(String ns, String value) {
    client.resources(ApiKey.class).inNamespace(ns).withName("k").edit(k -> {
      k.getMetadata().getAnnotations().put("keysmith.dev/rotate-request", value);
      return k;
    });
  }

  private ApiKey awaitRevision(String ns, long revision) {
    return fixtures.awaitKey(ns, "k", k -> Long.valueOf(revision).equals(k.getStatus().getRevision()));
  }

  /** The SHA-256 of a Secret value: tests compare credentials without holding them. */
  static String sha(Secret secret, String key) {
    return Hashes.sha256Hex(Fixtures.decoded(secret, key).getBytes(StandardCharsets.UTF_8));
  }
}
