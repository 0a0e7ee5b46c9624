package dev.keysmith.apichannel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keysmith.api.v1alpha1.ApiChannel;
import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.testing.Fixtures;
import dev.keysmith.testing.KubernetesApi;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Label-selector sharding (the chart's sharding.apiKeySelector): this operator reconciles only the
 * keys its selector matches, but a channel still counts and lists its keys of every shard, so it
 * keeps an ApiKey cache of its own while the Secret cache stays shared.
 */
@QuarkusTest
@QuarkusTestResource(KubernetesApi.class)
@TestProfile(LabelShardingTest.ShardA.class)
@Order(1) // first, so that the suite restarts the application for this profile only once
class LabelShardingTest {

  public static class ShardA implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.operator-sdk.controllers.apikey.selector", "shard!=b");
    }
  }

  @Inject Operator operator;

  private final Fixtures fixtures = new Fixtures(KubernetesApi.client());

  @Test
  void aChannelSeesItsKeysOfEveryShard() {
    String ns = fixtures.namespace("label-shards");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    fixtures.create(Fixtures.key(ns, "mine", "channelRef: {name: api}"));
    ApiKey theirs = Fixtures.key(ns, "theirs", "channelRef: {name: api}");
    theirs.getMetadata().setLabels(Map.of("shard", "b"));
    fixtures.create(theirs);

    fixtures.awaitPhase(ns, "mine", KeyPhase.Active);
    // The channel counts the key of the other shard, which this operator leaves alone.
    Fixtures.waiting().until(
        () -> KubernetesApi.client().resources(ApiChannel.class).inNamespace(ns).withName("api").get(),
        c -> c.getStatus() != null && c.getStatus().getKeys() != null
            && c.getStatus().getKeys().getActive() == 1 && c.getStatus().getKeys().getPending() == 1);
    org.awaitility.Awaitility.await().during(java.time.Duration.ofSeconds(2)).atMost(Fixtures.TIMEOUT)
        .until(() -> fixtures.get(ns, "theirs").getStatus() == null);

    assertThat(informers(ApiKey.class)).as("the key controller's and the channel's own").isEqualTo(2);
    assertThat(informers(Secret.class)).isEqualTo(1);
  }

  private long informers(Class<?> type) {
    return operator.getRegisteredControllers().stream()
        .flatMap(c -> c.getControllerHealthInfo().informerEventSourceHealthIndicators().values().stream())
        .filter(source -> ((EventSource<?, ?>) source).resourceType().equals(type))
        .count();
  }
}
