package dev.keysmith.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keysmith.api.v1alpha1.ApiChannel;
import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.testing.Fixtures;
import dev.keysmith.testing.KubernetesApi;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Objects a schema-enforcing API server would reject (wrong types, unknown enum values) can reach
 * the operator through servers that do not enforce CRD schemas. One such object must not stop the
 * informer, and with it every other key.
 */
@QuarkusTest
@QuarkusTestResource(KubernetesApi.class)
class MalformedResourceTest {

  private final Fixtures fixtures = new Fixtures(KubernetesApi.client());

  @Test
  void anUnreadableKeyIsReportedAndEveryOtherKeyGoesOn() {
    String ns = fixtures.namespace("malformed");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    Map<String, String> bad = Map.of(
        "wrong-boolean", "{channelRef: {name: api}, revoked: \"yes\"}|spec.revoked: expected true or false",
        "unknown-type", "{channelRef: {name: api}, type: Foo}|spec.type: expected one of Opaque, Basic, HMAC",
        "list-as-string", "{channelRef: {name: api}, ipAllowlist: 10.0.0.0/8}|spec.ipAllowlist: expected a list",
        "object-as-string", "{channelRef: api}|spec.channelRef: expected an object");
    bad.forEach((name, spec) -> create("ApiKey", ns, name, spec.split("\\|")[0]));
    create("ApiKey", ns, "bad-status", "{channelRef: {name: api}}");
    KubernetesApi.client().genericKubernetesResources("keysmith.dev/v1alpha1", "ApiKey").inNamespace(ns)
        .withName("bad-status").editStatus(r -> {
          r.setAdditionalProperty("status", Map.of("phase", "Sideways", "revision", "many"));
          return r;
        });
    fixtures.create(Fixtures.key(ns, "good", "channelRef: {name: api}"));

    fixtures.awaitPhase(ns, "good", KeyPhase.Active);
    bad.forEach((name, spec) -> {
      ApiKey key = fixtures.awaitPhase(ns, name, KeyPhase.Failed);
      assertThat(ApiKeyIssuanceTest.readyMessage(key)).as(name).isEqualTo(spec.split("\\|")[1]);
    });
    // A status nobody can read is written anew.
    assertThat(fixtures.awaitPhase(ns, "bad-status", KeyPhase.Active).getStatus().getRevision()).isEqualTo(1L);
  }

  @Test
  void anUnreadableChannelIsReportedAndItsKeysWait() {
    String ns = fixtures.namespace("malformed-channel");
    create("ApiChannel", ns, "api", "{protocol: GOPHER}");
    fixtures.create(Fixtures.key(ns, "k", "channelRef: {name: api}"));

    ApiKey key = fixtures.awaitPhase(ns, "k", KeyPhase.Pending);
    assertThat(ApiKeyIssuanceTest.readyMessage(key)).contains("spec.protocol: expected one of REST, HTTP, FTP, WebService, Email");
    ApiChannel channel = Fixtures.waiting().until(
        () -> KubernetesApi.client().resources(ApiChannel.class).inNamespace(ns).withName("api").get(),
        c -> c.getStatus() != null && c.getStatus().getConditions() != null && !c.getStatus().getConditions().isEmpty());
    assertThat(channel.getStatus().getConditions().get(0).getReason()).isEqualTo("InvalidSpec");
  }

  private static void create(String kind, String ns, String name, String spec) {
    String yaml = "apiVersion: keysmith.dev/v1alpha1\nkind: " + kind + "\nmetadata: {name: " + name + ", namespace: " + ns
        + "}\nspec: " + spec + "\n";
    KubernetesApi.client().resource(
        KubernetesApi.client().getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class)).create();
  }
}
