package dev.keysmith.it;

import dev.keysmith.api.v1alpha1.ApiChannel;
import dev.keysmith.api.v1alpha1.ApiKey;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What to search for leaked credentials, and the search. The credentials are the test JVM's
 * {@link dev.keysmith.testing.CredentialLedger}; before each part's API server goes away, its
 * Events and its ApiKeys and ApiChannels (status included) are kept as text. The scan looks for
 * each credential as it is and base64-encoded (as a Secret's data would show it), by way of a
 * 16-character probe, so that large logs are read once, not once per credential.
 */
final class LeakScan {

  static final Map<String, String> DOCUMENTS = new ConcurrentHashMap<>();

  private static final int PROBE = 16;

  private LeakScan() {}

  /** Keeps the part's Events, ApiKeys and ApiChannels (all namespaces) as text to scan. */
  static void keepObjects(KubernetesClient client, String part) {
    var json = client.getKubernetesSerialization();
    DOCUMENTS.put(part + " events", json.asJson(client.v1().events().inAnyNamespace().list()));
    DOCUMENTS.put(part + " ApiKeys", json.asJson(client.resources(ApiKey.class).inAnyNamespace().list()));
    DOCUMENTS.put(part + " ApiChannels", json.asJson(client.resources(ApiChannel.class).inAnyNamespace().list()));
  }

  /** Per document, how many distinct credential forms (as is, base64) it contains (only documents with hits). */
  static Map<String, Integer> hits(Map<String, String> documents, Set<String> credentials) {
    Map<String, List<String>> byProbe = new HashMap<>();
    List<String> shortForms = new ArrayList<>();
    for (String credential : credentials) {
      for (String form : List.of(credential, Base64.getEncoder().encodeToString(credential.getBytes(StandardCharsets.UTF_8)))) {
        if (form.length() < PROBE) {
          shortForms.add(form);
        } else {
          byProbe.computeIfAbsent(form.substring(0, PROBE), k -> new ArrayList<>()).add(form);
        }
      }
    }
    Map<String, Integer> hits = new LinkedHashMap<>();
    documents.forEach((name, text) -> {
      Set<String> found = new java.util.HashSet<>();
      for (int i = 0; i + PROBE <= text.length(); i++) {
        List<String> candidates = byProbe.get(text.substring(i, i + PROBE));
        if (candidates != null) {
          for (String candidate : candidates) {
            if (text.startsWith(candidate, i)) {
              found.add(candidate);
            }
          }
        }
      }
      shortForms.stream().filter(text::contains).forEach(found::add);
      if (!found.isEmpty()) {
        hits.put(name, found.size());
      }
    });
    return hits;
  }
}
