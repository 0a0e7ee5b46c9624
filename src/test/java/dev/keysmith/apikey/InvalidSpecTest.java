package dev.keysmith.apikey;

import static dev.keysmith.apikey.ApiKeyIssuanceTest.readyMessage;
import static dev.keysmith.apikey.ApiKeyIssuanceTest.readyReason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.testing.Fixtures;
import dev.keysmith.testing.KubernetesApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad input reaches the operator when the API server does not enforce the CRD's schema and CEL
 * rules (the test server enforces neither): each gets InvalidSpec naming its field, no retries, and
 * nothing else is affected.
 */
@QuarkusTest
@QuarkusTestResource(KubernetesApi.class)
class InvalidSpecTest {

  private final Fixtures fixtures = new Fixtures(KubernetesApi.client());

  @Test
  void eachInvalidFieldIsNamedAndAValidNeighbourStaysActive() {
    String ns = fixtures.namespace("invalid");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    fixtures.create(Fixtures.key(ns, "valid", "channelRef: {name: api}"));
    Map<String, String> invalid = new LinkedHashMap<>();
    invalid.put("bad-valid-for", "{channelRef: {name: api}, validFor: 3 days}|spec.validFor: \"3 days\"");
    invalid.put("tiny-valid-for", "{channelRef: {name: api}, validFor: 0.5s}|spec.validFor: \"0.5s\" must be at least 1s");
    invalid.put("bad-expiry", "{channelRef: {name: api}, expiresAt: tomorrow}|spec.expiresAt: \"tomorrow\"");
    invalid.put("both-expiries", "{channelRef: {name: api}, validFor: 1h, expiresAt: '2030-01-01T00:00:00Z'}|spec.validFor: must not be set together with spec.expiresAt");
    invalid.put("fast-rotation", "{channelRef: {name: api}, rotation: {every: 5s}}|spec.rotation.every: \"5s\" must be at least 10s");
    invalid.put("bad-cron", "{channelRef: {name: api}, rotation: {schedule: '61 * * * *'}}|spec.rotation.schedule: \"61 * * * *\"");
    invalid.put("bad-zone", "{channelRef: {name: api}, rotation: {schedule: '0 3 * * *', timeZone: Mars/Phobos}}|spec.rotation.timeZone: \"Mars/Phobos\"");
    invalid.put("bad-grace", "{channelRef: {name: api}, rotation: {gracePeriod: -1h}}|spec.rotation.gracePeriod: \"-1h\"");
    invalid.put("bad-cidr", "{channelRef: {name: api}, ipAllowlist: [10.0.0.300/8]}|spec.ipAllowlist[0]: \"10.0.0.300/8\"");
    invalid.put("bad-secret-name", "{channelRef: {name: api}, secretName: Not_Valid}|spec.secretName: \"Not_Valid\"");
    invalid.put("bad-channel-name", "{channelRef: {name: UPPER}}|spec.channelRef.name: \"UPPER\"");
    invalid.put("bad-channel-namespace", "{channelRef: {name: api, namespace: bad_ns}}|spec.channelRef.namespace: \"bad_ns\"");
    invalid.put("bad-label", "{channelRef: {name: api}, secretTemplate: {labels: {'bad key': x}}}|spec.secretTemplate.labels: \"bad key\"");
    invalid.put("self-reference", "{channelRef: {name: api}, credentials: {existingSecretRef: {name: self-reference-credentials}}}|spec.credentials.existingSecretRef.name");
    invalid.put("unicode", "{channelRef: {name: api}, validFor: \"\\u202e1h\\0\"}|spec.validFor: \"\\u202e1h\\u0000\"");
    invalid.forEach((name, spec) -> fixtures.create(Fixtures.key(ns, name, spec.split("\\|")[0])));

    invalid.forEach((name, spec) -> {
      ApiKey key = fixtures.awaitPhase(ns, name, KeyPhase.Failed);
      assertThat(readyReason(key)).as(name).isEqualTo("InvalidSpec");
      assertThat(readyMessage(key)).as(name).startsWith(spec.split("\\|")[1]);
      assertThat(fixtures.secret(ns, name + "-credentials")).as(name).isNull();
    });
    assertThat(fixtures.awaitPhase(ns, "valid", KeyPhase.Active).getStatus().getRevision()).isEqualTo(1L);

    // No retry storm: the failed keys are not written again, and each warned once.
    fixtures.awaitAllStable(ns);
    invalid.keySet().forEach(name -> assertThat(fixtures.events(ns, name, "InvalidSpec")).as(name).hasSize(1));
  }

  @Test
  void aBadEditKeepsTheIssuedCredentialAndFixingItRestoresTheKey() {
    String ns = fixtures.namespace("bad-edit");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    fixtures.create(Fixtures.key(ns, "k", "channelRef: {name: api}"));
    ApiKey active = fixtures.awaitPhase(ns, "k", KeyPhase.Active);

    fixtures.edit(ns, "k", k -> k.getSpec().setValidFor("a while"));
    ApiKey failed = fixtures.awaitPhase(ns, "k", KeyPhase.Failed);
    assertThat(failed.getStatus().getObservedGeneration()).isEqualTo(failed.getMetadata().getGeneration());
    assertThat(fixtures.secret(ns, "k-credentials").getMetadata().getAnnotations())
        .containsEntry("keysmith.dev/fingerprint", active.getStatus().getFingerprint());

    fixtures.edit(ns, "k", k -> k.getSpec().setValidFor(null));
    ApiKey restored = fixtures.awaitPhase(ns, "k", KeyPhase.Active);
    assertThat(restored.getStatus().getFingerprint()).isEqualTo(active.getStatus().getFingerprint());
    assertThat(restored.getStatus().getRevision()).isEqualTo(1L);
  }
}
