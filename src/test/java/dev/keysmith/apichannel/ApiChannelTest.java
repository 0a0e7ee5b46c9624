package dev.keysmith.apichannel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keysmith.api.v1alpha1.ApiChannel;
import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.credentials.Bcrypt;
import dev.keysmith.credentials.Hashes;
import dev.keysmith.testing.Fixtures;
import dev.keysmith.testing.KubernetesApi;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The keyring an API provider mounts, the default key, and the channel's policy. */
@QuarkusTest
@QuarkusTestResource(KubernetesApi.class)
class ApiChannelTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client = KubernetesApi.client();
  private final Fixtures fixtures = new Fixtures(client);

  @Test
  void keyringListsEveryTypeVerifiablyAndNeverAPlainKey() throws IOException {
    String ns = fixtures.namespace("keyring");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST, keyTypes: [Opaque, Basic, HMAC], ipAllowlist: [10.0.0.0/8]}"));
    fixtures.create(Fixtures.key(ns, "opaque", "{channelRef: {name: api}, validFor: 720h}"));
    fixtures.create(Fixtures.key(ns, "basic", "{channelRef: {name: api}, type: Basic, ipAllowlist: [10.1.0.0/16]}"));
    fixtures.create(Fixtures.key(ns, "hmac", "{channelRef: {name: api}, type: HMAC}"));
    ApiKey opaque = fixtures.awaitPhase(ns, "opaque", KeyPhase.Active);
    fixtures.awaitPhase(ns, "basic", KeyPhase.Active);
    fixtures.awaitPhase(ns, "hmac", KeyPhase.Active);

    ApiChannel channel = awaitChannel(ns, "api", c -> c.getStatus().getKeys() != null && c.getStatus().getKeys().getActive() == 3
        && "True".equals(ready(c)) && entries(keyring(ns, "api-keyring")) == 3);
    Secret keyring = keyring(ns, "api-keyring");
    JsonNode keys = JSON.readTree(Fixtures.decoded(keyring, "keys.json"));

    assertThat(channel.getStatus().getKeyringSecretName()).isEqualTo("api-keyring");
    assertThat(channel.getStatus().getKeyringRevision()).isEqualTo(keys.get("revision").asLong()).isPositive();
    assertThat(channel.getStatus().getObservedGeneration()).isEqualTo(channel.getMetadata().getGeneration());
    assertThat(keys.get("channel").asText()).isEqualTo(ns + "/api");
    assertThat(keyring.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo(channel.getMetadata().getUid());

    Secret opaqueSecret = fixtures.secret(ns, "opaque-credentials");
    JsonNode opaqueEntry = entry(keys, ns + "/opaque", "current");
    assertThat(opaqueEntry.get("type").asText()).isEqualTo("Opaque");
    assertThat(opaqueEntry.get("keyId").asText()).isEqualTo(opaque.getStatus().getKeyId());
    assertThat(opaqueEntry.get("sha256").asText()).isEqualTo(sha(opaqueSecret, "apiKey"));
    assertThat(opaqueEntry.get("notAfter").asText()).isEqualTo(opaque.getStatus().getExpiresAt());
    assertThat(opaqueEntry.get("ipAllowlist").toString()).isEqualTo("[\"10.0.0.0/8\"]");

    Secret basicSecret = fixtures.secret(ns, "basic-credentials");
    JsonNode basicEntry = entry(keys, ns + "/basic", "current");
    assertThat(basicEntry.get("username").asText()).isEqualTo(Fixtures.decoded(basicSecret, "username"));
    assertThat(basicEntry.get("sha256").asText()).isEqualTo(sha(basicSecret, "password"));
    assertThat(basicEntry.get("ipAllowlist").toString()).isEqualTo("[\"10.1.0.0/16\"]");
    assertThat(basicEntry.get("notAfter").isNull()).isTrue();
    for (String file : List.of("auth", "users")) {
      String line = Fixtures.decoded(keyring, file).strip();
      String hash = line.substring(line.indexOf(':') + 1);
      assertThat(line).startsWith(Fixtures.decoded(basicSecret, "username") + ":$2y$");
      assertThat(Bcrypt.matches(hash, Fixtures.decoded(basicSecret, "password").getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    Secret hmacSecret = fixtures.secret(ns, "hmac-credentials");
    JsonNode hmacEntry = entry(keys, ns + "/hmac", "current");
    assertThat(hmacEntry.get("keyId").asText()).isEqualTo(Fixtures.decoded(hmacSecret, "keyId"));
    assertThat(hmacEntry.get("hmacSecret").asText().equals(Fixtures.decoded(hmacSecret, "secret"))).isTrue();

    // Plain keys and passwords are never in the keyring.
    String all = String.join("\n", keyring.getData().keySet().stream().map(k -> Fixtures.decoded(keyring, k)).toList());
    assertThat(all.contains(Fixtures.decoded(opaqueSecret, "apiKey"))).isFalse();
    assertThat(all.contains(Fixtures.decoded(basicSecret, "password"))).isFalse();
  }

  @Test
  void aRotatedKeysPreviousCredentialStaysUntilItsGraceEnds() throws IOException {
    String ns = fixtures.namespace("keyring-grace");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    fixtures.create(Fixtures.key(ns, "k", "{channelRef: {name: api}, rotation: {gracePeriod: 4s}}"));
    fixtures.awaitPhase(ns, "k", KeyPhase.Active);
    String first = sha(fixtures.secret(ns, "k-credentials"), "apiKey");
    awaitKeyring(ns, "api-keyring", k -> entries(k) == 1);

    fixtures.edit(ns, "k", k -> k.getSpec().setRotationRequest("now"));
    ApiKey rotated = fixtures.awaitKey(ns, "k", k -> Long.valueOf(2).equals(k.getStatus().getRevision()));
    Secret during = awaitKeyring(ns, "api-keyring", k -> entries(k) == 2);
    JsonNode keys = JSON.readTree(Fixtures.decoded(during, "keys.json"));

    assertThat(entry(keys, ns + "/k", "grace").get("sha256").asText()).isEqualTo(first);
    assertThat(entry(keys, ns + "/k", "grace").get("notAfter").asText()).isEqualTo(rotated.getStatus().getPreviousValidUntil());
    assertThat(entry(keys, ns + "/k", "current").get("sha256").asText()).isEqualTo(sha(fixtures.secret(ns, "k-credentials"), "apiKey"));

    Secret after = awaitKeyring(ns, "api-keyring", k -> entries(k) == 1);
    assertThat(entry(JSON.readTree(Fixtures.decoded(after, "keys.json")), ns + "/k", "current")).isNotNull();
  }

  @Test
  void expiredRevokedAndSuspendedKeysLeaveTheKeyringAndReactivationRestoresTheSame() throws IOException {
    String ns = fixtures.namespace("keyring-leave");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    fixtures.create(Fixtures.key(ns, "expiring", "{channelRef: {name: api}, validFor: 3s}"));
    fixtures.create(Fixtures.key(ns, "revoked", "channelRef: {name: api}"));
    fixtures.create(Fixtures.key(ns, "kept", "channelRef: {name: api}"));
    awaitKeyring(ns, "api-keyring", k -> entries(k) == 3);
    String kept = sha(fixtures.secret(ns, "kept-credentials"), "apiKey");

    fixtures.edit(ns, "revoked", k -> k.getSpec().setRevoked(true));
    awaitKeyring(ns, "api-keyring", k -> !listed(k, ns + "/revoked"));
    awaitKeyring(ns, "api-keyring", k -> !listed(k, ns + "/expiring") && entries(k) == 1);

    fixtures.editChannel(ns, "api", c -> c.getSpec().setActive(false));
    awaitKeyring(ns, "api-keyring", k -> entries(k) == 0);
    awaitChannel(ns, "api", c -> "False".equals(condition(c, "Active")) && c.getStatus().getKeys().getSuspended() == 1);

    fixtures.editChannel(ns, "api", c -> c.getSpec().setActive(true));
    Secret restored = awaitKeyring(ns, "api-keyring", k -> entries(k) == 1);
    assertThat(entry(JSON.readTree(Fixtures.decoded(restored, "keys.json")), ns + "/kept", "current").get("sha256").asText())
        .isEqualTo(kept);
  }

  @Test
  void aThousandKeysCreatedAtOnceAreCoalescedIntoFewKeyringWrites() {
    int count = 300;
    String ns = fixtures.namespace("keyring-bulk");
    fixtures.create(Fixtures.channel(ns, "bulk", "{protocol: REST}"));
    awaitKeyring(ns, "bulk-keyring", k -> entries(k) == 0);
    int writesBefore = writes(ns, "bulk-keyring");

    IntStream.range(0, count).parallel().forEach(i -> fixtures.create(Fixtures.key(ns, "k" + i, "channelRef: {name: bulk}")));
    awaitKeyring(ns, "bulk-keyring", k -> entries(k) == count);
    ApiChannel channel = awaitChannel(ns, "bulk", c -> c.getStatus().getKeys().getActive() == count);

    int writes = writes(ns, "bulk-keyring") - writesBefore;
    // One write per keysmith.keyring.min-write-interval (1s) at most, while keys keep coming.
    assertThat(writes).as("keyring writes for %d keys", count).isBetween(1, 20);
    assertThat(channel.getStatus().getKeyringRevision()).isLessThanOrEqualTo(1L + writes);
  }

  @Test
  void theDefaultKeyIsRecreatedAfterDeletionAndReplacedAfterRevocation() {
    String ns = fixtures.namespace("default-key");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST, defaultKey: {enabled: true}}"));

    ApiKey first = fixtures.awaitPhase(ns, "api-default", KeyPhase.Active);
    assertThat(first.getMetadata().getLabels()).containsEntry("keysmith.dev/default-key", "true");
    assertThat(first.getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("ApiChannel");
    assertThat(first.getSpec().getChannelRef().getName()).isEqualTo("api");

    client.resource(first).delete();
    // The garbage collector deletes the key's Secret with it; the test server has none, so the
    // test checks the owner reference and does the collector's work.
    Secret orphan = fixtures.secret(ns, "api-default-credentials");
    assertThat(orphan.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo(first.getMetadata().getUid());
    client.resource(orphan).delete();
    ApiKey recreated = fixtures.awaitKey(ns, "api-default", k ->
        !k.getMetadata().getUid().equals(first.getMetadata().getUid()) && k.getStatus().getPhase() == KeyPhase.Active);

    fixtures.edit(ns, "api-default", k -> k.getSpec().setRevoked(true));
    ApiKey replaced = fixtures.awaitKey(ns, "api-default", k ->
        !k.getMetadata().getUid().equals(recreated.getMetadata().getUid()) && k.getStatus().getPhase() == KeyPhase.Active);
    assertThat(replaced.getSpec().getRevoked()).isNull();
    assertThat(replaced.getStatus().getFingerprint()).isNotEqualTo(recreated.getStatus().getFingerprint());
  }

  @Test
  void keysBeyondMaxKeysWaitAndTheOldestWin() {
    String ns = fixtures.namespace("quota");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST, policy: {maxKeys: 2}}"));
    for (String name : List.of("first", "second", "third")) {
      fixtures.create(Fixtures.key(ns, name, "channelRef: {name: api}"));
      fixtures.awaitKey(ns, name, k -> k.getStatus().getPhase() != null);
    }

    ApiKey third = fixtures.awaitPhase(ns, "third", KeyPhase.Pending);
    assertThat(condition(third, "Ready")).isEqualTo("False");
    assertThat(reason(third)).isEqualTo("QuotaExceeded");
    assertThat(fixtures.get(ns, "first").getStatus().getPhase()).isEqualTo(KeyPhase.Active);
    assertThat(fixtures.secret(ns, "third-credentials")).isNull();

    fixtures.edit(ns, "first", k -> k.getSpec().setRevoked(true));
    fixtures.awaitPhase(ns, "third", KeyPhase.Active);
    awaitChannel(ns, "api", c -> c.getStatus().getKeys().getActive() == 2 && c.getStatus().getKeys().getRevoked() == 1);
  }

  @Test
  void aBadChannelEditReportsInvalidSpecButTakesNoKeyDown() {
    String ns = fixtures.namespace("channel-bad-edit");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    fixtures.create(Fixtures.key(ns, "k", "channelRef: {name: api}"));
    fixtures.awaitPhase(ns, "k", KeyPhase.Active);
    awaitKeyring(ns, "api-keyring", k -> entries(k) == 1);

    fixtures.editChannel(ns, "api", c -> c.getSpec().setIpAllowlist(List.of("10.0.0.1/8")));

    ApiChannel channel = awaitChannel(ns, "api", c -> "InvalidSpec".equals(reason(c)));
    assertThat(message(channel)).startsWith("spec.ipAllowlist[0]: \"10.0.0.1/8\" has host bits set")
        .contains("the last valid spec (generation 1) still applies");
    ApiKey key = fixtures.awaitKey(ns, "k", k -> k.getStatus().getConditions().stream()
        .anyMatch(c -> c.getMessage().contains("has an invalid spec")));
    assertThat(key.getStatus().getPhase()).isEqualTo(KeyPhase.Active);
    assertThat(entries(keyring(ns, "api-keyring"))).isEqualTo(1);

    fixtures.editChannel(ns, "api", c -> c.getSpec().setIpAllowlist(List.of("10.0.0.0/8")));
    awaitChannel(ns, "api", c -> "True".equals(ready(c)));
  }

  @Test
  void aKeyMovingToAnotherChannelLeavesTheOldKeyring() {
    String ns = fixtures.namespace("move");
    fixtures.create(Fixtures.channel(ns, "old", "{protocol: REST}"));
    fixtures.create(Fixtures.channel(ns, "new", "{protocol: REST}"));
    fixtures.create(Fixtures.key(ns, "k", "channelRef: {name: old}"));
    awaitKeyring(ns, "old-keyring", k -> entries(k) == 1);

    fixtures.edit(ns, "k", k -> k.getSpec().getChannelRef().setName("new"));

    awaitKeyring(ns, "new-keyring", k -> entries(k) == 1);
    awaitKeyring(ns, "old-keyring", k -> entries(k) == 0);
  }

  @Test
  void neverTouchesAForeignSecretAtTheKeyringsName() {
    String ns = fixtures.namespace("keyring-conflict");
    Secret foreign = client.secrets().inNamespace(ns).resource(new SecretBuilder()
        .withNewMetadata().withName("api-keyring").endMetadata()
        .withData(Map.of("note", "aGk=")).build()).create();
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));

    ApiChannel channel = awaitChannel(ns, "api", c -> "SecretConflict".equals(reason(c)));
    assertThat(message(channel)).contains("api-keyring");
    assertThat(fixtures.secret(ns, "api-keyring").getMetadata().getResourceVersion())
        .isEqualTo(foreign.getMetadata().getResourceVersion());
  }

  private ApiChannel awaitChannel(String ns, String name, Predicate<ApiChannel> condition) {
    return Fixtures.waiting().until(
        () -> client.resources(ApiChannel.class).inNamespace(ns).withName(name).get(),
        c -> c != null && c.getStatus() != null && condition.test(c));
  }

  private Secret awaitKeyring(String ns, String name, Predicate<Secret> condition) {
    return Fixtures.waiting().until(() -> keyring(ns, name), k -> k != null && condition.test(k));
  }

  private Secret keyring(String ns, String name) {
    return client.secrets().inNamespace(ns).withName(name).get();
  }

  /** Updates of an existing keyring (it was created before counting starts). */
  private int writes(String ns, String name) {
    return KubernetesApi.requests("PUT", "/api/v1/namespaces/" + ns + "/secrets/" + name);
  }

  private static int entries(Secret keyring) {
    try {
      return JSON.readTree(Fixtures.decoded(keyring, "keys.json")).get("keys").size();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean listed(Secret keyring, String apiKey) {
    try {
      for (JsonNode entry : JSON.readTree(Fixtures.decoded(keyring, "keys.json")).get("keys")) {
        if (apiKey.equals(entry.get("apiKey").asText())) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode entry(JsonNode keys, String apiKey, String state) {
    List<JsonNode> found = new ArrayList<>();
    keys.get("keys").forEach(e -> {
      if (apiKey.equals(e.get("apiKey").asText()) && state.equals(e.get("state").asText())) {
        found.add(e);
      }
    });
    assertThat(found).as("%s %s entries", apiKey, state).hasSize(1);
    return found.get(0);
  }

  private static String sha(Secret secret, String key) {
    return Hashes.sha256Hex(Fixtures.decoded(secret, key).getBytes(StandardCharsets.UTF_8));
  }

  private static String ready(ApiChannel channel) {
    return condition(channel.getStatus().getConditions(), "Ready", c -> c.getStatus());
  }

  private static String reason(ApiChannel channel) {
    return condition(channel.getStatus().getConditions(), "Ready", c -> c.getReason());
  }

  private static String message(ApiChannel channel) {
    return condition(channel.getStatus().getConditions(), "Ready", c -> c.getMessage());
  }

  private static String condition(ApiChannel channel, String type) {
    return condition(channel.getStatus().getConditions(), type, c -> c.getStatus());
  }

  private static String condition(ApiKey key, String type) {
    return condition(key.getStatus().getConditions(), type, c -> c.getStatus());
  }

  private static String reason(ApiKey key) {
    return condition(key.getStatus().getConditions(), "Ready", c -> c.getReason());
  }

  private static String condition(
      List<dev.keysmith.api.v1alpha1.Condition> conditions,
      String type,
      java.util.function.Function<dev.keysmith.api.v1alpha1.Condition, String> field) {
    return conditions == null ? null : conditions.stream().filter(c -> type.equals(c.getType())).findFirst().map(field).orElse(null);
  }
}
