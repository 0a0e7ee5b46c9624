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
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A key binds to its channel only when the channel exists, is valid and admits it. */
@QuarkusTest
@QuarkusTestResource(KubernetesApi.class)
class ChannelBindingTest {

  private final Fixtures fixtures = new Fixtures(KubernetesApi.client());

  @Test
  void waitsForAMissingChannelAndIssuesOnceItExists() {
    String ns = fixtures.namespace("no-channel");
    fixtures.create(Fixtures.key(ns, "k", "channelRef: {name: later}"));

    ApiKey pending = fixtures.awaitPhase(ns, "k", KeyPhase.Pending);
    assertThat(readyReason(pending)).isEqualTo("ChannelNotFound");
    assertThat(readyMessage(pending)).isEqualTo("ApiChannel " + ns + "/later not found");

    fixtures.create(Fixtures.channel(ns, "later", "{protocol: REST}"));
    fixtures.awaitPhase(ns, "k", KeyPhase.Active);
  }

  @Test
  void anInvalidChannelLeavesItsKeysPending() {
    String ns = fixtures.namespace("bad-channel");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST, keyFormat: {prefix: NO}}"));
    fixtures.create(Fixtures.key(ns, "k", "channelRef: {name: api}"));

    ApiKey key = fixtures.awaitPhase(ns, "k", KeyPhase.Pending);
    assertThat(readyReason(key)).isEqualTo("ChannelNotReady");
    assertThat(readyMessage(key)).contains("spec.keyFormat.prefix");

    fixtures.editChannel(ns, "api", c -> c.getSpec().getKeyFormat().setPrefix("ok"));
    fixtures.awaitPhase(ns, "k", KeyPhase.Active);
  }

  @Test
  void inactiveChannelSuspendsAndReactivationRestoresTheSameCredential() {
    String ns = fixtures.namespace("suspend");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    fixtures.create(Fixtures.key(ns, "k", "channelRef: {name: api}"));
    ApiKey active = fixtures.awaitPhase(ns, "k", KeyPhase.Active);

    fixtures.editChannel(ns, "api", c -> c.getSpec().setActive(false));
    ApiKey suspended = fixtures.awaitPhase(ns, "k", KeyPhase.Suspended);
    assertThat(readyReason(suspended)).isEqualTo("ChannelInactive");
    assertThat(fixtures.secret(ns, "k-credentials")).isNotNull();

    fixtures.editChannel(ns, "api", c -> c.getSpec().setActive(true));
    ApiKey restored = fixtures.awaitPhase(ns, "k", KeyPhase.Active);
    assertThat(restored.getStatus().getFingerprint()).isEqualTo(active.getStatus().getFingerprint());
    assertThat(restored.getStatus().getRevision()).isEqualTo(1L);
  }

  @Test
  void crossNamespaceKeysNeedTheChannelsPermission() {
    String channelNs = fixtures.namespace("provider");
    String allowed = fixtures.namespace("client-a", Map.of("team", "payments-clients"));
    String other = fixtures.namespace("client-b", Map.of("team", "marketing"));
    fixtures.create(Fixtures.channel(channelNs, "same", "{protocol: REST}"));
    fixtures.create(Fixtures.channel(channelNs, "all", "{protocol: REST, allowedNamespaces: {from: All}}"));
    fixtures.create(Fixtures.channel(channelNs, "selected",
        "{protocol: REST, allowedNamespaces: {from: Selector, selector: {matchLabels: {team: payments-clients}}}}"));
    String ref = "{channelRef: {name: %s, namespace: " + channelNs + "}}";
    fixtures.create(Fixtures.key(other, "to-same", ref.formatted("same")));
    fixtures.create(Fixtures.key(other, "to-all", ref.formatted("all")));
    fixtures.create(Fixtures.key(allowed, "to-selected", ref.formatted("selected")));
    fixtures.create(Fixtures.key(other, "to-selected", ref.formatted("selected")));

    ApiKey denied = fixtures.awaitPhase(other, "to-same", KeyPhase.Pending);
    assertThat(readyReason(denied)).isEqualTo("NamespaceNotAllowed");
    assertThat(readyMessage(denied)).contains("only its own namespace").contains(other);
    fixtures.awaitPhase(other, "to-all", KeyPhase.Active);
    fixtures.awaitPhase(allowed, "to-selected", KeyPhase.Active);
    assertThat(readyReason(fixtures.awaitPhase(other, "to-selected", KeyPhase.Pending))).isEqualTo("NamespaceNotAllowed");

    // Relabelling the namespace is enough: the namespace watch reaches the key.
    KubernetesApi.client().namespaces().withName(other).edit(n -> {
      n.getMetadata().getLabels().put("team", "payments-clients");
      return n;
    });
    fixtures.awaitPhase(other, "to-selected", KeyPhase.Active);
  }

  @Test
  void typeMustBeAllowedByTheChannel() {
    String ns = fixtures.namespace("type");
    fixtures.create(Fixtures.channel(ns, "ftp", "{protocol: FTP}"));
    fixtures.create(Fixtures.key(ns, "k", "{channelRef: {name: ftp}, type: HMAC}"));

    ApiKey key = fixtures.awaitPhase(ns, "k", KeyPhase.Failed);
    assertThat(readyReason(key)).isEqualTo("TypeNotAllowed");
    assertThat(readyMessage(key)).isEqualTo("spec.type: HMAC is not allowed by ApiChannel " + ns + "/ftp (keyTypes: [Basic])");
  }

  @Test
  void channelPolicyRequiresAndCapsExpiry() {
    String ns = fixtures.namespace("policy");
    fixtures.create(Fixtures.channel(ns, "strict", "{protocol: REST, policy: {requireExpiry: true, maxValidity: 720h}}"));
    fixtures.create(Fixtures.key(ns, "no-expiry", "channelRef: {name: strict}"));
    fixtures.create(Fixtures.key(ns, "too-long", "{channelRef: {name: strict}, validFor: 721h}"));
    fixtures.create(Fixtures.key(ns, "fine", "{channelRef: {name: strict}, validFor: 720h}"));

    assertThat(readyMessage(fixtures.awaitPhase(ns, "no-expiry", KeyPhase.Failed)))
        .startsWith("spec.expiresAt or spec.validFor: one is required");
    assertThat(readyMessage(fixtures.awaitPhase(ns, "too-long", KeyPhase.Failed)))
        .startsWith("spec.validFor: asks for longer than the maxValidity (720h");
    fixtures.awaitPhase(ns, "fine", KeyPhase.Active);
  }

  @Test
  void keyAllowlistMustLieWithinTheChannels() {
    String ns = fixtures.namespace("allowlist");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST, ipAllowlist: [10.0.0.0/8, '2001:db8::/32']}"));
    fixtures.create(Fixtures.key(ns, "inside", "{channelRef: {name: api}, ipAllowlist: [10.1.0.0/16, '2001:db8:1::/48']}"));
    fixtures.create(Fixtures.key(ns, "outside", "{channelRef: {name: api}, ipAllowlist: [10.1.0.0/16, 192.168.0.0/16]}"));

    fixtures.awaitPhase(ns, "inside", KeyPhase.Active);
    assertThat(readyMessage(fixtures.awaitPhase(ns, "outside", KeyPhase.Failed)))
        .startsWith("spec.ipAllowlist[1]: \"192.168.0.0/16\" is not within the ipAllowlist");
  }
}
