package dev.keysmith.apikey;

import static dev.keysmith.apikey.RotationTest.sha;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.testing.Fixtures;
import dev.keysmith.testing.KubernetesApi;
import dev.keysmith.testing.OperatorControl;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A rotation writes the Secret (new credential, previous credential, handled request, all in one
 * update), then status, then an event. These tests fail the operator between each pair of writes
 * (the API server refuses the next write; the operator is then stopped, as a crash would stop it,
 * and started again with empty caches) and check that afterwards there is exactly one current
 * credential, the previous one is still known, and the rotation was done once: not skipped, not
 * repeated.
 */
@QuarkusTest
@QuarkusTestResource(KubernetesApi.class)
class RotationCrashSafetyTest {

  private final Fixtures fixtures = new Fixtures(KubernetesApi.client());

  @AfterEach
  void clearFailures() {
    KubernetesApi.clearFailures();
  }

  @Test
  void crashBeforeTheSecretIsWrittenRotatesOnceAfterRestart() {
    Start start = activeKey("crash-before-secret");
    KubernetesApi.fail("PUT", secretPath(start.ns), 403, -1);

    requestRotation(start.ns);
    // The operator tried to write the rotated Secret and was refused: nothing changed yet.
    org.awaitility.Awaitility.await().atMost(Fixtures.TIMEOUT)
        .until(() -> KubernetesApi.requests("PUT", secretPath(start.ns)) > 0);
    assertThat(revisionInSecret(start.ns)).isEqualTo("1");
    betweenAttempts("PUT", secretPath(start.ns));
    crashAndRestart();

    ApiKey key = awaitRevision(start.ns, 2);
    assertThat(sha(fixtures.secret(start.ns, "k-credentials"), "previousApiKey")).isEqualTo(start.sha);
    assertRotatedOnce(start.ns, key);
  }

  @Test
  void crashAfterTheSecretBeforeStatusKeepsTheRotationAndDoesNotRepeatIt() {
    Start start = activeKey("crash-before-status");
    KubernetesApi.fail("PATCH", statusPath(start.ns), 403, -1);

    requestRotation(start.ns);
    // The Secret holds revision 2, status still says 1.
    fixtures.awaitKey(start.ns, "k", k -> "2".equals(revisionInSecret(start.ns)));
    assertThat(fixtures.get(start.ns, "k").getStatus().getRevision()).isEqualTo(1L);
    betweenAttempts("PATCH", statusPath(start.ns));
    crashAndRestart();

    ApiKey key = awaitRevision(start.ns, 2);
    assertThat(revisionInSecret(start.ns)).isEqualTo("2");
    assertThat(sha(fixtures.secret(start.ns, "k-credentials"), "previousApiKey")).isEqualTo(start.sha);
    assertThat(key.getStatus().getPreviousValidUntil()).isNotNull();
    assertRotatedOnce(start.ns, key);
  }

  @Test
  void aFailedEventChangesNothing() {
    Start start = activeKey("crash-before-event");
    KubernetesApi.fail("POST", "/api/v1/namespaces/" + start.ns + "/events", 403, -1);

    requestRotation(start.ns);

    ApiKey key = awaitRevision(start.ns, 2);
    ApiKeyLifecycleTest.awaitStable(fixtures, start.ns, "k");
    assertThat(revisionInSecret(start.ns)).isEqualTo("2");
    assertThat(key.getStatus().getFingerprint()).isNotEqualTo(start.fingerprint);
  }

  @Test
  void aConflictOnTheSecretIsDecidedAgainNotRepeated() {
    Start start = activeKey("conflict");
    KubernetesApi.fail("PUT", secretPath(start.ns), 409, 1);

    requestRotation(start.ns);

    ApiKey key = awaitRevision(start.ns, 2);
    ApiKeyLifecycleTest.awaitStable(fixtures, start.ns, "k");
    assertRotatedOnce(start.ns, fixtures.get(start.ns, "k"));
    assertThat(key.getStatus().getRevision()).isEqualTo(2L);
  }

  private Start activeKey(String base) {
    String ns = fixtures.namespace(base);
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    fixtures.create(Fixtures.key(ns, "k", "{channelRef: {name: api}, rotation: {gracePeriod: 1h}}"));
    ApiKey key = fixtures.awaitPhase(ns, "k", KeyPhase.Active);
    ApiKeyLifecycleTest.awaitStable(fixtures, ns, "k");
    return new Start(ns, key.getStatus().getFingerprint(), sha(fixtures.secret(ns, "k-credentials"), "apiKey"));
  }

  private void requestRotation(String ns) {
    fixtures.edit(ns, "k", k -> k.getSpec().setRotationRequest("now"));
  }

  /**
   * Waits until the refused request has not been retried for a while: the crash must come between
   * two attempts. A reconciliation still running when the operator is stopped in-process finishes
   * into the stopped SDK, which then keeps that key marked as in execution after the restart and
   * never reconciles it again; a real crash takes that state with the process.
   */
  private static void betweenAttempts(String method, String path) {
    long[] last = {-1, System.nanoTime()}; // the attempts seen, and when that number last changed
    Fixtures.waiting().pollInterval(Duration.ofMillis(50)).until(() -> {
      int attempts = KubernetesApi.requests(method, path);
      if (attempts != last[0]) {
        last[0] = attempts;
        last[1] = System.nanoTime();
      }
      // Retries come 1 s, 2 s, 4 s... apart: 300 ms without one is the gap between two attempts.
      return attempts > 0 && System.nanoTime() - last[1] >= Duration.ofMillis(300).toNanos();
    });
  }

  private void crashAndRestart() {
    OperatorControl.stop();
    KubernetesApi.clearFailures();
    OperatorControl.start();
  }

  private ApiKey awaitRevision(String ns, long revision) {
    return fixtures.awaitKey(ns, "k", k -> Long.valueOf(revision).equals(k.getStatus().getRevision()));
  }

  private String revisionInSecret(String ns) {
    return fixtures.secret(ns, "k-credentials").getMetadata().getAnnotations().get("keysmith.dev/revision");
  }

  private void assertRotatedOnce(String ns, ApiKey key) {
    assertThat(key.getStatus().getRevision()).isEqualTo(2L);
    assertThat(revisionInSecret(ns)).isEqualTo("2");
    assertThat(key.getStatus().getLastRotationRequest()).isEqualTo("now");
    ApiKeyLifecycleTest.awaitStable(fixtures, ns, "k");
    assertThat(fixtures.get(ns, "k").getStatus().getRevision()).isEqualTo(2L);
  }

  private static String secretPath(String ns) {
    return "/api/v1/namespaces/" + ns + "/secrets/k-credentials";
  }

  private static String statusPath(String ns) {
    return "/apis/keysmith.dev/v1alpha1/namespaces/" + ns + "/apikeys/k/status";
  }

  private record Start(String ns, String fingerprint, String sha) {}
}
