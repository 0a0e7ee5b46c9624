package dev.keysmith.testing;

import static org.awaitility.Awaitility.await;

import org.awaitility.core.ConditionFactory;

import dev.keysmith.api.v1alpha1.ApiChannel;
import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.KeyPhase;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Test objects written as the YAML users write, and waits on what the operator does with them.
 * Every test works in a namespace of its own.
 */
public final class Fixtures {

  public static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final KubernetesClient client;

  public Fixtures(KubernetesClient client) {
    this.client = client;
  }

  /** Awaitility with a first look at once: most conditions hold within milliseconds. */
  public static ConditionFactory waiting() {
    return await().atMost(TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50));
  }

  /** A fresh namespace, created in the API, with the given labels. */
  public String namespace(String base, Map<String, String> labels) {
    String name = base + "-" + SEQUENCE.incrementAndGet();
    Namespace namespace =
        new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().build();
    client.namespaces().resource(namespace).create();
    return name;
  }

  public String namespace(String base) {
    return namespace(base, Map.of());
  }

  public static ApiChannel channel(String namespace, String name, String specYaml) {
    return parse(ApiChannel.class, "ApiChannel", namespace, name, specYaml);
  }

  public static ApiKey key(String namespace, String name, String specYaml) {
    return parse(ApiKey.class, "ApiKey", namespace, name, specYaml);
  }

  public ApiChannel create(ApiChannel channel) {
    return client.resource(channel).create();
  }

  public ApiKey create(ApiKey key) {
    return client.resource(key).create();
  }

  public ApiKey edit(String namespace, String name, java.util.function.Consumer<ApiKey> change) {
    return client.resources(ApiKey.class).inNamespace(namespace).withName(name)
        .edit(k -> {
          change.accept(k);
          return k;
        });
  }

  public ApiChannel editChannel(String namespace, String name, java.util.function.Consumer<ApiChannel> change) {
    return client.resources(ApiChannel.class).inNamespace(namespace).withName(name)
        .edit(c -> {
          change.accept(c);
          return c;
        });
  }

  public ApiKey get(String namespace, String name) {
    return client.resources(ApiKey.class).inNamespace(namespace).withName(name).get();
  }

  public ApiKey awaitKey(String namespace, String name, Predicate<ApiKey> condition) {
    return waiting()
        .until(() -> get(namespace, name), k -> k != null && k.getStatus() != null && condition.test(k));
  }

  public ApiKey awaitPhase(String namespace, String name, KeyPhase phase) {
    return awaitKey(namespace, name, k -> k.getStatus().getPhase() == phase);
  }

  /** Waits for an event about an object with the given reason, and returns its message. */
  public String awaitEvent(String namespace, String involvedName, String reason) {
    return waiting()
        .until(
            () -> events(namespace, involvedName, reason).stream().findFirst().orElse(null),
            java.util.Objects::nonNull);
  }

  public java.util.List<String> events(String namespace, String involvedName, String reason) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> involvedName.equals(e.getInvolvedObject().getName()))
        .filter(e -> reason.equals(e.getReason()))
        .map(io.fabric8.kubernetes.api.model.Event::getMessage)
        .toList();
  }

  /**
   * Waits until every ApiKey of a namespace has a status describing its current generation, then
   * checks that none is written for two seconds: no retries, no status churn.
   */
  public void awaitAllStable(String namespace) {
    waiting().until(() -> client.resources(ApiKey.class).inNamespace(namespace).list().getItems().stream()
        .allMatch(k -> k.getStatus() != null
            && k.getMetadata().getGeneration().equals(k.getStatus().getObservedGeneration())));
    java.util.Map<String, String> versions = versions(namespace);
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
        .until(() -> versions(namespace), versions::equals);
  }

  private java.util.Map<String, String> versions(String namespace) {
    return client.resources(ApiKey.class).inNamespace(namespace).list().getItems().stream()
        .collect(java.util.stream.Collectors.toMap(
            k -> k.getMetadata().getName(), k -> k.getMetadata().getResourceVersion()));
  }

  public Secret secret(String namespace, String name) {
    return client.secrets().inNamespace(namespace).withName(name).get();
  }

  public static String decoded(Secret secret, String key) {
    return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }

  private static <T> T parse(Class<T> type, String kind, String namespace, String name, String specYaml) {
    String yaml =
        "apiVersion: keysmith.dev/v1alpha1\n"
            + "kind: " + kind + "\n"
            + "metadata:\n"
            + "  name: " + name + "\n"
            + "  namespace: " + namespace + "\n"
            + "spec:\n"
            + specYaml.stripIndent().lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n");
    return SERIALIZATION.unmarshal(yaml, type);
  }
}
