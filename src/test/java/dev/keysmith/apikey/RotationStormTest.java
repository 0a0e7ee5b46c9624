package dev.keysmith.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.testing.Fixtures;
import dev.keysmith.testing.KubernetesApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Many keys rotating at the same instant queue behind the rotation limit and rotate once each. */
@QuarkusTest
@QuarkusTestResource(KubernetesApi.class)
class RotationStormTest {

  private static final int KEYS = 60;

  private final Fixtures fixtures = new Fixtures(KubernetesApi.client());

  @Test
  void everyKeyOfAStormRotatesExactlyOnce() {
    String ns = fixtures.namespace("storm");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST}"));
    IntStream.range(0, KEYS).forEach(i -> fixtures.create(Fixtures.key(ns, "k" + i, "channelRef: {name: api}")));
    IntStream.range(0, KEYS).forEach(i -> fixtures.awaitPhase(ns, "k" + i, KeyPhase.Active));

    IntStream.range(0, KEYS).parallel().forEach(i -> fixtures.edit(ns, "k" + i, k -> k.getSpec().setRotationRequest("storm")));

    IntStream.range(0, KEYS).forEach(i ->
        fixtures.awaitKey(ns, "k" + i, k -> Long.valueOf(2).equals(k.getStatus().getRevision())));
    fixtures.awaitAllStable(ns);
    IntStream.range(0, KEYS).forEach(i -> {
      ApiKey key = fixtures.get(ns, "k" + i);
      assertThat(key.getStatus().getRevision()).as("k" + i).isEqualTo(2L);
      assertThat(fixtures.events(ns, "k" + i, "Rotated")).as("k" + i).hasSize(1);
    });
  }
}
