package dev.keysmith.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObservedItemStoreTest {

  private final ObservedItemStore<ConfigMap> store = new ObservedItemStore<>();
  private final List<String> changes = new ArrayList<>();

  ObservedItemStoreTest() {
    store.observe((previous, current) -> changes.add(version(previous) + "->" + version(current)));
  }

  @Test
  void reportsAdditionsNewVersionsAndRemovalsButNotTheSameVersionAgain() {
    ConfigMap first = map("1");
    String key = store.getKey(first);

    assertThat(key).isEqualTo("ns/cm");
    assertThat(store.put(key, first)).isNull();
    assertThat(store.put(key, map("1"))).isSameAs(first);
    store.put(key, map("2"));
    assertThat(store.get(key).getMetadata().getResourceVersion()).isEqualTo("2");
    assertThat(store.size()).isEqualTo(1);
    assertThat(store.remove(key).getMetadata().getResourceVersion()).isEqualTo("2");
    assertThat(store.remove(key)).isNull();

    assertThat(changes).containsExactly("none->1", "1->2", "2->none");
  }

  @Test
  void clearingForgetsSilently() {
    store.put("ns/cm", map("1"));
    store.clear();

    assertThat(store.size()).isZero();
    assertThat(store.keySet()).isEmpty();
    assertThat(changes).containsExactly("none->1");
    store.put("ns/cm", map("1"));
    assertThat(changes).as("after a clear the same version is new again").containsExactly("none->1", "none->1");
  }

  private static ConfigMap map(String version) {
    return new ConfigMapBuilder()
        .withNewMetadata().withNamespace("ns").withName("cm").withResourceVersion(version).endMetadata()
        .build();
  }

  private static String version(ConfigMap map) {
    return map == null ? "none" : map.getMetadata().getResourceVersion();
  }
}
