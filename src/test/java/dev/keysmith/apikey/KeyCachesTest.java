package dev.keysmith.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keysmith.api.v1alpha1.ApiChannel;
import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.testing.Fixtures;
import dev.keysmith.testing.KubernetesApi;
import dev.keysmith.testing.OperatorControl;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The ApiChannel controller follows keys and Secrets through the ApiKey controller's caches
 * ({@link KeyCaches}): each kind is listed, watched and held in memory once, and a channel never
 * publishes from caches that are not complete.
 */
@QuarkusTest
@QuarkusTestResource(KubernetesApi.class)
class KeyCachesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject Operator operator;

  private final Fixtures fixtures = new Fixtures(KubernetesApi.client());

  @Test
  void everyKindIsCachedByOneInformer() {
    Map<Class<?>, Long> informers =
        operator.getRegisteredControllers().stream()
            .flatMap(c -> c.getControllerHealthInfo().informerEventSourceHealthIndicators().values().stream())
            .map(source -> ((EventSource<?, ?>) source).resourceType())
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

    assertThat(informers).containsEntry(ApiKey.class, 1L).containsEntry(Secret.class, 1L)
        .containsEntry(Namespace.class, 1L);
    // The channel controller's own, and the key controller's two (spec changes, key counts).
    assertThat(informers).containsEntry(ApiChannel.class, 3L);
  }

  @Test
  void aRestartNeverPublishesAKeyringWithoutItsKeys() throws Exception {
    int count = 20;
    String ns = fixtures.namespace("shared-caches");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    IntStream.range(0, count).forEach(i -> fixtures.create(Fixtures.key(ns, "k" + i, "channelRef: {name: api}")));
    IntStream.range(0, count).forEach(i -> fixtures.awaitPhase(ns, "k" + i, KeyPhase.Active));
    // Entries and versions are awaited, never the keyring itself: a timeout prints what it waited on.
    Fixtures.waiting().until(() -> entries(keyring(ns)), entries -> entries == count);
    String published = keyring(ns).getMetadata().getResourceVersion();
    // Stop while the channel is idle: its last look comes one min-write-interval (1 s) after its
    // last write, and a reconciliation still running at an in-process stop would leave the SDK's
    // state for that channel stuck after the restart (a real crash takes that state with it).
    org.awaitility.Awaitility.await().during(java.time.Duration.ofSeconds(2)).atMost(Fixtures.TIMEOUT)
        .until(() -> published.equals(keyring(ns).getMetadata().getResourceVersion()));

    List<Integer> seen = new CopyOnWriteArrayList<>();
    try (Watch watch = KubernetesApi.client().secrets().inNamespace(ns).withName("api-keyring").watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Secret secret) {
        seen.add(action == Action.DELETED ? -1 : entries(secret));
      }

      @Override
      public void onClose(WatcherException cause) {}
    })) {
      OperatorControl.stop();
      OperatorControl.start();
      // A key created after the restart proves the channel is publishing again.
      fixtures.create(Fixtures.key(ns, "after", "channelRef: {name: api}"));
      fixtures.awaitPhase(ns, "after", KeyPhase.Active);
      Fixtures.waiting().until(() -> entries(keyring(ns)), entries -> entries == count + 1);
    }

    assertThat(seen).as("entries of every keyring version published during the restart")
        .isNotEmpty()
        .allSatisfy(entries -> assertThat(entries).isGreaterThanOrEqualTo(count));
  }

  private static Secret keyring(String ns) {
    return KubernetesApi.client().secrets().inNamespace(ns).withName("api-keyring").get();
  }

  private static int entries(Secret keyring) {
    if (keyring == null) {
      return -1;
    }
    try {
      return JSON.readTree(Fixtures.decoded(keyring, "keys.json")).get("keys").size();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
