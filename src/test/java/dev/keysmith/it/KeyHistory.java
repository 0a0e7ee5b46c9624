package dev.keysmith.it;

import dev.keysmith.api.v1alpha1.ApiChannel;
import dev.keysmith.api.v1alpha1.ApiKey;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import dev.keysmith.credentials.Hashes;
import dev.keysmith.testing.CredentialLedger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Everything the operator wrote in one namespace, as seen through watches of the API server
 * (directly, never through the fault proxy): each credential Secret's successive revisions, the
 * Secrets deleted, the status revisions of each key. It also feeds the credential ledger with every
 * secret value that ever appeared, and counts the operator's writes, which the crash test uses to
 * pick its moments.
 *
 * <p>Fingerprints are public (status shows them); credentials are only held, never printed.
 */
final class KeyHistory implements AutoCloseable {

  /** One credential of a key as its Secret first showed it. */
  record Issue(long revision, String fingerprint, String computedFingerprint, String previousFingerprint,
      Instant issuedAt) {}

  private final Map<String, List<Issue>> issues = new ConcurrentHashMap<>();
  private final Map<String, List<Long>> statusRevisions = new ConcurrentHashMap<>();
  private final Map<String, List<Long>> deletions = new ConcurrentHashMap<>();
  private final Map<String, String> lastStatus = new ConcurrentHashMap<>();
  private final Map<String, List<String>> timelines = new ConcurrentHashMap<>();
  /** Set when a watch ends before close(): what it would have seen next is missing. */
  private volatile String watchLost;
  private final AtomicLong operatorWrites = new AtomicLong();
  private final List<Watch> watches = new ArrayList<>();
  private final KubernetesClient client;

  KeyHistory(KubernetesClient client, String namespace) {
    this.client = client;
    watches.add(client.secrets().inNamespace(namespace).withLabel("app.kubernetes.io/managed-by", "keysmith")
        .watch(watcher(this::secret)));
    watches.add(client.resources(ApiKey.class).inNamespace(namespace).watch(watcher(this::key)));
    watches.add(client.resources(ApiChannel.class).inNamespace(namespace).watch(watcher(this::channel)));
  }

  /** Writes of the operator seen so far: Secret changes and status changes. */
  long operatorWrites() {
    return operatorWrites.get();
  }

  List<Issue> issues(String key) {
    synchronized (issues) {
      return List.copyOf(issues.getOrDefault(key, List.of()));
    }
  }

  /** Revisions of a key's deleted Secrets, in order. */
  List<Long> deletions(String key) {
    synchronized (deletions) {
      return List.copyOf(deletions.getOrDefault(key, List.of()));
    }
  }

  Map<String, List<Long>> allDeletions() {
    synchronized (deletions) {
      Map<String, List<Long>> copy = new HashMap<>();
      deletions.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      return copy;
    }
  }

  /** A key's events as the test saw them (versions, generations, phases): for diagnosing failures. */
  List<String> timeline(String key) {
    List<String> events = timelines.getOrDefault(key, List.of());
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  int credentialSecretsSeen() {
    return issues.values().stream().mapToInt(List::size).sum();
  }

  /**
   * What is wrong with the recorded history, key by key: a revision that went down or skipped, a
   * fingerprint that changed without a new revision or came back, an annotation that does not
   * describe the Secret's credential, a rotation that lost the previous credential of a key with a
   * grace period, a scheduled rotation earlier than its interval allows, a status revision that went
   * down.
   *
   * @param graceOf whether a key has a grace period (its previous credential must be kept)
   * @param everyOf a key's rotation interval, if it rotates on schedule
   */
  List<String> violations(
      Collection<String> keys, Function<String, Boolean> graceOf, Function<String, Optional<Duration>> everyOf) {
    List<String> violations = new ArrayList<>();
    if (watchLost != null) {
      violations.add("a watch of the history ended early (" + watchLost + "): the history is incomplete");
    }
    Map<String, List<Issue>> snapshot;
    synchronized (issues) {
      snapshot = new HashMap<>();
      issues.forEach((k, v) -> snapshot.put(k, List.copyOf(v)));
    }
    // Every key of the workload was issued a credential at least once; none seen means nothing checked.
    keys.stream().filter(k -> !snapshot.containsKey(k))
        .forEach(k -> violations.add(k + ": no credential Secret of it was ever seen"));
    snapshot.forEach((key, list) -> {
      Set<String> fingerprints = new java.util.HashSet<>();
      Issue before = null;
      for (Issue issue : list) {
        if (!Objects.equals(issue.fingerprint(), issue.computedFingerprint())) {
          violations.add(key + ": revision " + issue.revision() + " is annotated with another fingerprint than its credential");
        }
        if (!fingerprints.add(issue.computedFingerprint())) {
          violations.add(key + ": revision " + issue.revision() + " brought back an earlier credential");
        }
        long expected = before == null ? 1 : before.revision() + 1;
        if (issue.revision() != expected) {
          violations.add(key + ": revision " + issue.revision() + " followed " + (before == null ? "nothing" : "revision " + before.revision())
              + (before != null && issue.revision() == before.revision() ? " (the credential changed without a new revision)" : ""));
        }
        if (before != null && issue.revision() == before.revision() + 1 && isRotation(key, before)) {
          if (graceOf.apply(key) && !Objects.equals(issue.previousFingerprint(), before.computedFingerprint())) {
            violations.add(key + ": revision " + issue.revision() + " does not keep revision " + before.revision() + " as its previous credential");
          }
          Optional<Duration> every = everyOf.apply(key);
          if (every.isPresent() && before.issuedAt() != null && issue.issuedAt() != null
              // Timestamps are recorded to the second.
              && Duration.between(before.issuedAt(), issue.issuedAt()).plusSeconds(1).compareTo(every.get()) < 0) {
            violations.add(key + ": revision " + issue.revision() + " came " + Duration.between(before.issuedAt(), issue.issuedAt()).toSeconds()
                + "s after revision " + before.revision() + ", before its interval of " + every.get().toSeconds() + "s");
          }
        }
        before = issue;
      }
    });
    synchronized (statusRevisions) {
      statusRevisions.forEach((key, revisions) -> {
        for (int i = 1; i < revisions.size(); i++) {
          if (revisions.get(i) < revisions.get(i - 1)) {
            violations.add(key + ": status revision went from " + revisions.get(i - 1) + " down to " + revisions.get(i));
          }
        }
      });
    }
    return violations;
  }

  /** A rotation replaces a credential in place; a re-issue follows a deleted Secret. */
  private boolean isRotation(String key, Issue before) {
    return !deletions(key).contains(before.revision());
  }

  private void secret(Watcher.Action action, Secret secret) {
    operatorWrites.incrementAndGet();
    CredentialLedger.record(secret);
    Map<String, String> labels = Optional.ofNullable(secret.getMetadata().getLabels()).orElse(Map.of());
    String key = labels.get("keysmith.dev/apikey");
    if (key == null || !"credentials".equals(labels.get("keysmith.dev/role"))) {
      return;
    }
    Map<String, String> annotations = Optional.ofNullable(secret.getMetadata().getAnnotations()).orElse(Map.of());
    long revision = parseLong(annotations.get("keysmith.dev/revision"));
    if (action == Watcher.Action.DELETED) {
      synchronized (deletions) {
        deletions.computeIfAbsent(key, k -> new ArrayList<>()).add(revision);
      }
      return;
    }
    Issue issue = new Issue(
        revision,
        annotations.get("keysmith.dev/fingerprint"),
        fingerprint(secretValue(secret)),
        annotations.get("keysmith.dev/previous-fingerprint"),
        parseInstant(annotations.get("keysmith.dev/issued-at")));
    synchronized (issues) {
      List<Issue> list = issues.computeIfAbsent(key, k -> new ArrayList<>());
      Issue last = list.isEmpty() ? null : list.get(list.size() - 1);
      if (last == null || last.revision() != issue.revision()
          || !Objects.equals(last.computedFingerprint(), issue.computedFingerprint())) {
        list.add(issue);
      }
    }
  }

  private void key(Watcher.Action action, ApiKey key) {
    timelines.computeIfAbsent(key.getMetadata().getName(), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
        .add(java.time.LocalTime.now() + " " + action + " resourceVersion " + key.getMetadata().getResourceVersion()
            + " generation " + key.getMetadata().getGeneration()
            + " status " + (key.getStatus() == null ? "none" : key.getStatus().getPhase() + " revision " + key.getStatus().getRevision()
                + " observedGeneration " + key.getStatus().getObservedGeneration()));
    statusChange(key, key.getStatus());
    if (key.getStatus() != null && key.getStatus().getRevision() != null) {
      synchronized (statusRevisions) {
        List<Long> revisions = statusRevisions.computeIfAbsent(key.getMetadata().getName(), k -> new ArrayList<>());
        Long revision = key.getStatus().getRevision();
        if (revisions.isEmpty() || !revisions.get(revisions.size() - 1).equals(revision)) {
          revisions.add(revision);
        }
      }
    }
  }

  private void channel(Watcher.Action action, ApiChannel channel) {
    statusChange(channel, channel.getStatus());
  }

  private void statusChange(HasMetadata object, Object status) {
    String id = object.getKind() + "/" + object.getMetadata().getName();
    String json = status == null ? "" : client.getKubernetesSerialization().asJson(status);
    String before = lastStatus.put(id, json);
    if (!json.isEmpty() && !json.equals(before)) {
      operatorWrites.incrementAndGet();
    }
  }

  /** The secret value of a credential Secret: apiKey (Opaque), password (Basic) or secret (HMAC). */
  static String secretValue(Secret secret) {
    Map<String, String> data = Optional.ofNullable(secret.getData()).orElse(Map.of());
    for (String key : List.of("apiKey", "password", "secret")) {
      if (data.containsKey(key)) {
        return decode(data.get(key));
      }
    }
    return "";
  }

  /** The previous secret value kept for the grace period, if any. */
  static Optional<String> previousSecretValue(Secret secret) {
    Map<String, String> data = Optional.ofNullable(secret.getData()).orElse(Map.of());
    for (String key : List.of("previousApiKey", "previousPassword", "previousSecret")) {
      if (data.containsKey(key)) {
        return Optional.of(decode(data.get(key)));
      }
    }
    return Optional.empty();
  }

  static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  static String sha256(String value) {
    return Hashes.sha256Hex(value.getBytes(StandardCharsets.UTF_8));
  }

  static String fingerprint(String value) {
    return Hashes.fingerprint(value.getBytes(StandardCharsets.UTF_8));
  }

  private static long parseLong(String text) {
    try {
      return text == null ? 0 : Long.parseLong(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Instant parseInstant(String text) {
    try {
      return text == null ? null : Instant.parse(text);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private <T> Watcher<T> watcher(java.util.function.BiConsumer<Watcher.Action, T> handler) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, T resource) {
        handler.accept(action, resource);
      }

      @Override
      public void onClose(WatcherException cause) {
        // A watch the client gave up on (close() ends them without a cause).
        watchLost = cause == null ? watchLost : cause.getClass().getSimpleName();
      }
    };
  }

  @Override
  public void close() {
    watches.forEach(Watch::close);
  }
}
