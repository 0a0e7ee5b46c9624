package dev.keysmith.testing;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers every secret value that ever appeared in a Secret Keysmith manages during the test
 * run, so that one test can search logs, events and statuses for all of them at the end.
 */
public final class CredentialLedger {

  /** Data keys whose values are key material (everything but ids and the algorithm name). */
  private static final Set<String> SECRET_KEYS =
      Set.of("apiKey", "password", "secret", "token", "previousApiKey", "previousPassword", "previousSecret",
          "privateKey");

  private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();

  private CredentialLedger() {}

  static void watch(KubernetesClient client) {
    client
        .secrets()
        .inAnyNamespace()
        .withLabel("app.kubernetes.io/managed-by", "keysmith")
        .watch(
            new Watcher<>() {
              @Override
              public void eventReceived(Action action, Secret secret) {
                record(secret);
              }

              @Override
              public void onClose(WatcherException cause) {}
            });
  }

  public static void record(Secret secret) {
    if (secret.getData() == null) {
      return;
    }
    secret.getData().forEach((key, value) -> {
      if (SECRET_KEYS.contains(key) && value != null) {
        VALUES.add(new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
      }
    });
  }

  /** Remembers values that are key material but never in a Keysmith Secret (users' own). */
  public static void remember(String... values) {
    VALUES.addAll(java.util.List.of(values));
  }

  public static Set<String> values() {
    return Set.copyOf(VALUES);
  }
}
