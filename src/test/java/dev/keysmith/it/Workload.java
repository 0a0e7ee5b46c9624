package dev.keysmith.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.Condition;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.testing.Fixtures;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * A seeded stream of what users do with keys, and what must hold afterwards. Keys come in four
 * kinds: MANUAL keys are rotated on request (spec.rotationRequest or the rotate-request
 * annotation, now and then going back to an earlier value, which must not rotate); SCHEDULED keys
 * rotate every 10-15 s with a grace period; EXPIRING keys have a short validFor; REVOCABLE keys are
 * revoked, and some of them un-revoked. Keys are created over the whole run, across three channels
 * (Opaque, Basic and HMAC keys; one channel issues tokens).
 *
 * <p>It writes directly to the API server, never through the fault proxy, and only ever sends a
 * key its next request once the previous one shows as handled in status, so that the number of
 * rotations each key must have had is known exactly.
 */
final class Workload implements AutoCloseable {

  enum Kind { MANUAL, SCHEDULED, EXPIRING, REVOCABLE }

  static final String ROTATE_ANNOTATION = "keysmith.dev/rotate-request";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> CHANNELS = List.of("rest", "ftp", "tokens");

  /** One key, what was done to it, and so what it must look like. */
  static final class Key {
    final String name;
    final Kind kind;
    final Duration every;
    final Duration validFor;
    final boolean unrevokeLater;
    final List<String> specValues = new ArrayList<>();
    int specRequests;
    int annotationRequests;
    int reverts;
    String specValue;
    String annotationValue;
    boolean revoked;
    int revocations;
    int unrevocations;

    Key(String name, Kind kind, Duration every, Duration validFor, boolean unrevokeLater) {
      this.name = name;
      this.kind = kind;
      this.every = every;
      this.validFor = validFor;
      this.unrevokeLater = unrevokeLater;
    }

    /** Revision at the end: 1, plus one per distinct new request and per un-revocation. */
    long expectedRevision() {
      return 1 + specRequests + annotationRequests + unrevocations;
    }

    boolean hasGrace() {
      return kind == Kind.MANUAL || kind == Kind.SCHEDULED;
    }
  }

  private final KubernetesClient client;
  private final Fixtures fixtures;
  private final String namespace;
  private final Random random;
  private final int size;
  private final Map<String, Key> keys = new LinkedHashMap<>();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private ScheduledExecutorService ticker;
  private double createChance;
  private int sequence;

  Workload(KubernetesClient client, String namespace, long seed, int size) {
    this.client = client;
    this.fixtures = new Fixtures(client);
    this.namespace = namespace;
    this.random = new Random(seed);
    this.size = size;
  }

  /** The channels, and the first {@code initial} keys. */
  void setUp(int initial) {
    fixtures.create(Fixtures.channel(namespace, "rest", "{protocol: REST, keyTypes: [Opaque, HMAC, Basic], keyFormat: {prefix: rel}}"));
    fixtures.create(Fixtures.channel(namespace, "ftp", "{protocol: FTP}"));
    fixtures.create(Fixtures.channel(namespace, "tokens", "{protocol: REST, keyTypes: [Opaque], token: {enabled: true, ttl: 5m}}"));
    for (int i = 0; i < initial; i++) {
      createKey();
    }
  }

  /** Acts every {@code tick}, creating the remaining keys over about {@code spread}. */
  void start(Duration tick, Duration spread) {
    long ticks = Math.max(1, spread.toMillis() / tick.toMillis());
    createChance = Math.min(1.0, (double) (size - keys.size()) / ticks);
    ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "workload"));
    ticker.scheduleWithFixedDelay(this::tick, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops acting; creates the keys that are still missing. */
  void stop() {
    if (ticker != null) {
      ticker.shutdown();
      try {
        if (!ticker.awaitTermination(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the workload did not stop");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      ticker = null;
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    while (keys.size() < size) {
      createKey();
    }
  }

  Map<String, Key> keys() {
    return keys;
  }

  private void tick() {
    try {
      if (keys.size() < size && random.nextDouble() < createChance) {
        createKey();
        return;
      }
      if (keys.isEmpty()) {
        return;
      }
      List<Key> all = new ArrayList<>(keys.values());
      act(all.get(random.nextInt(all.size())));
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }

  private void createKey() {
    Kind kind = Kind.values()[sequence % Kind.values().length];
    String channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
    String type = switch (channel) {
      case "rest" -> List.of("Opaque", "HMAC", "Basic").get(random.nextInt(3));
      case "ftp" -> "Basic";
      default -> "Opaque";
    };
    String name = kind.name().toLowerCase() + "-" + sequence++;
    Duration every = kind == Kind.SCHEDULED ? Duration.ofSeconds(10 + 5L * random.nextInt(2)) : null;
    Duration validFor = kind == Kind.EXPIRING ? Duration.ofSeconds(10 + random.nextInt(21)) : null;
    String spec = "{channelRef: {name: " + channel + "}, type: " + type
        + switch (kind) {
          case MANUAL -> ", rotation: {gracePeriod: 30s}";
          case SCHEDULED -> ", rotation: {every: " + every.toSeconds() + "s, gracePeriod: 5s}";
          case EXPIRING -> ", validFor: " + validFor.toSeconds() + "s";
          case REVOCABLE -> "";
        }
        + "}";
    Key key = new Key(name, kind, every, validFor, random.nextBoolean());
    keys.put(name, key);
    try {
      fixtures.create(Fixtures.key(namespace, name, spec));
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      // The client retries a POST whose connection broke (a pooled connection the server had just
      // closed); if the first attempt went through, the retry finds the key: that is a create.
      if (e.getCode() != 409 || fixtures.get(namespace, name) == null) {
        throw e;
      }
    }
  }

  /** What a user does next with this key, if anything: only once its last change is handled. */
  private void act(Key key) {
    ApiKey current = fixtures.get(namespace, key.name);
    if (current == null || current.getStatus() == null) {
      return;
    }
    KeyPhase phase = current.getStatus().getPhase();
    switch (key.kind) {
      case MANUAL -> {
        if (phase == KeyPhase.Active && handled(current, key) && random.nextInt(3) > 0) {
          requestRotation(key);
        }
      }
      case REVOCABLE -> {
        if (!key.revoked && key.revocations == 0 && phase == KeyPhase.Active && random.nextInt(4) == 0) {
          key.revoked = true;
          key.revocations++;
          patch(key, "{\"spec\": {\"revoked\": true}}");
        } else if (key.revoked && key.unrevokeLater && key.unrevocations == 0 && phase == KeyPhase.Revoked
            && random.nextInt(4) == 0) {
          key.revoked = false;
          key.unrevocations++;
          patch(key, "{\"spec\": {\"revoked\": false}}");
        }
      }
      default -> {}
    }
  }

  private void requestRotation(Key key) {
    boolean revert = key.specValues.size() >= 2 && random.nextInt(6) == 0;
    if (revert) {
      // Going back to an earlier value must not rotate again.
      List<String> earlier = key.specValues.stream().filter(v -> !v.equals(key.specValue)).toList();
      String value = earlier.get(random.nextInt(earlier.size()));
      key.specValue = value;
      key.reverts++;
      patch(key, "{\"spec\": {\"rotationRequest\": \"" + value + "\"}}");
    } else if (random.nextBoolean()) {
      String value = "r" + (key.specValues.size() + 1);
      key.specValues.add(value);
      key.specValue = value;
      key.specRequests++;
      patch(key, "{\"spec\": {\"rotationRequest\": \"" + value + "\"}}");
    } else {
      String value = "a" + (key.annotationRequests + 1);
      key.annotationValue = value;
      key.annotationRequests++;
      patch(key, "{\"metadata\": {\"annotations\": {\"" + ROTATE_ANNOTATION + "\": \"" + value + "\"}}}");
    }
  }

  /** A JSON merge patch, as {@code kubectl patch --type merge} sends it: no resourceVersion, no conflict. */
  private void patch(Key key, String json) {
    client.resources(ApiKey.class).inNamespace(namespace).withName(key.name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), json);
  }

  /** Whether status shows both triggers' current values as dealt with. */
  private static boolean handled(ApiKey key, Key expected) {
    return Objects.equals(key.getStatus().getLastRotationRequest(), expected.specValue)
        && Objects.equals(key.getStatus().getLastRotateAnnotation(), expected.annotationValue);
  }

  /** Counts of what the workload did, for the figures. */
  Map<String, Integer> actions() {
    Map<String, Integer> counts = new TreeMap<>();
    for (Key key : keys.values()) {
      counts.merge("keys created", 1, Integer::sum);
      counts.merge("rotation requests (spec)", key.specRequests, Integer::sum);
      counts.merge("rotation requests (annotation)", key.annotationRequests, Integer::sum);
      counts.merge("requests reverted to an earlier value", key.reverts, Integer::sum);
      counts.merge("revocations", key.revocations, Integer::sum);
      counts.merge("un-revocations", key.unrevocations, Integer::sum);
    }
    counts.put("scheduled keys", (int) keys.values().stream().filter(k -> k.kind == Kind.SCHEDULED).count());
    counts.put("expiring keys", (int) keys.values().stream().filter(k -> k.kind == Kind.EXPIRING).count());
    return counts;
  }

  /**
   * What is not (yet) as it must be once everything has converged: each key's phase, revision,
   * handled requests, Secret and status agreeing with each other; each channel's keyring listing
   * exactly the credentials of its Active keys (and those in their grace period).
   */
  List<String> unconverged() {
    List<String> problems = new ArrayList<>();
    Instant now = Instant.now();
    Map<String, ApiKey> current = client.resources(ApiKey.class).inNamespace(namespace).list().getItems().stream()
        .collect(Collectors.toMap(k -> k.getMetadata().getName(), k -> k));
    Map<String, Secret> secrets = client.secrets().inNamespace(namespace).list().getItems().stream()
        .collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s));
    for (Key key : keys.values()) {
      ApiKey apiKey = current.get(key.name);
      if (apiKey == null || apiKey.getStatus() == null) {
        problems.add(key.name + ": no status");
        continue;
      }
      var status = apiKey.getStatus();
      if (!Objects.equals(status.getObservedGeneration(), apiKey.getMetadata().getGeneration())) {
        problems.add(key.name + ": generation " + apiKey.getMetadata().getGeneration() + " not observed");
      }
      KeyPhase expected = expectedPhase(key, status, now);
      if (status.getPhase() != expected) {
        problems.add(key.name + ": " + status.getPhase() + ", expected " + expected + " (" + readyReason(apiKey) + ")");
      }
      Secret secret = secrets.get(key.name + "-credentials");
      if (expected == KeyPhase.Active) {
        if (secret == null) {
          problems.add(key.name + ": Active without its Secret");
        } else {
          Map<String, String> annotations = secret.getMetadata().getAnnotations();
          String fingerprint = KeyHistory.fingerprint(KeyHistory.secretValue(secret));
          if (!fingerprint.equals(status.getFingerprint()) || !fingerprint.equals(annotations.get("keysmith.dev/fingerprint"))) {
            problems.add(key.name + ": status, Secret annotation and credential disagree on the fingerprint");
          }
          if (!String.valueOf(status.getRevision()).equals(annotations.get("keysmith.dev/revision"))) {
            problems.add(key.name + ": status revision " + status.getRevision() + ", Secret revision " + annotations.get("keysmith.dev/revision"));
          }
        }
      } else if (secret != null && expected != KeyPhase.Active) {
        problems.add(key.name + ": " + expected + " but its Secret still exists");
      }
      long revision = Optional.ofNullable(status.getRevision()).orElse(0L);
      if (key.kind == Kind.SCHEDULED) {
        Instant activated = Instant.parse(status.getActivatedAt());
        long slots = Duration.between(activated, now).plusSeconds(1).toMillis() / key.every.toMillis();
        if (revision < 1 || revision - 1 > slots) {
          problems.add(key.name + ": revision " + revision + " after " + slots + " scheduled slots");
        }
        Instant next = status.getNextRotationAt() == null ? null : Instant.parse(status.getNextRotationAt());
        if (next == null || next.isBefore(now.minusSeconds(3))) {
          problems.add(key.name + ": scheduled rotation overdue or missing (" + status.getNextRotationAt() + ")");
        }
      } else if (revision != key.expectedRevision()) {
        problems.add(key.name + ": revision " + revision + ", expected " + key.expectedRevision());
      }
      if (key.kind == Kind.MANUAL && !handled(apiKey, key)) {
        problems.add(key.name + ": rotation requests not all handled yet");
      }
    }
    for (String channel : CHANNELS) {
      problems.addAll(keyringProblems(channel, current, secrets, now));
    }
    return problems;
  }

  private static KeyPhase expectedPhase(Key key, dev.keysmith.api.v1alpha1.ApiKeyStatus status, Instant now) {
    if (key.revoked) {
      return KeyPhase.Revoked;
    }
    if (key.kind == Kind.EXPIRING) {
      Optional<Instant> activated = Optional.ofNullable(status.getActivatedAt()).map(Instant::parse);
      return activated.isPresent() && !activated.get().plus(key.validFor).isAfter(now) ? KeyPhase.Expired : KeyPhase.Active;
    }
    return KeyPhase.Active;
  }

  /** The keyring must list, for each Active key of the channel, its current credential and any in grace. */
  private List<String> keyringProblems(String channel, Map<String, ApiKey> keys, Map<String, Secret> secrets, Instant now) {
    Secret keyring = secrets.get(channel + "-keyring");
    if (keyring == null) {
      return List.of(channel + ": no keyring");
    }
    Set<String> expected = new TreeSet<>();
    Set<String> expectedUsers = new TreeSet<>();
    for (ApiKey key : keys.values()) {
      if (key.getStatus() == null || key.getStatus().getPhase() != KeyPhase.Active
          || !channel.equals(key.getSpec().getChannelRef().getName())) {
        continue;
      }
      Secret secret = secrets.get(key.getStatus().getSecretName());
      if (secret == null) {
        continue;
      }
      String id = namespace + "/" + key.getMetadata().getName();
      expected.add(id + " current " + KeyHistory.sha256(KeyHistory.secretValue(secret)));
      Optional.ofNullable(secret.getData().get("username")).ifPresent(u -> expectedUsers.add(KeyHistory.decode(u)));
      Map<String, String> annotations = secret.getMetadata().getAnnotations();
      Optional<Instant> until = Optional.ofNullable(annotations.get("keysmith.dev/previous-valid-until")).map(Instant::parse);
      Optional<String> previous = KeyHistory.previousSecretValue(secret);
      if (until.isPresent() && until.get().isAfter(now) && previous.isPresent()) {
        expected.add(id + " grace " + KeyHistory.sha256(previous.get()));
        Optional.ofNullable(secret.getData().get("previousUsername")).ifPresent(u -> expectedUsers.add(KeyHistory.decode(u)));
      }
    }
    Set<String> listed = new TreeSet<>();
    Set<String> users = new TreeSet<>();
    try {
      JsonNode document = JSON.readTree(KeyHistory.decode(keyring.getData().get("keys.json")));
      for (JsonNode entry : document.path("keys")) {
        listed.add(entry.path("apiKey").asText() + " " + entry.path("state").asText() + " " + entry.path("sha256").asText());
      }
      for (String line : KeyHistory.decode(keyring.getData().getOrDefault("auth", "")).split("\n")) {
        if (!line.isBlank()) {
          users.add(line.substring(0, line.indexOf(':')));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> problems = new ArrayList<>();
    Set<String> missing = new HashSet<>(expected);
    missing.removeAll(listed);
    Set<String> extra = new HashSet<>(listed);
    extra.removeAll(expected);
    if (!missing.isEmpty() || !extra.isEmpty()) {
      // Names and states only: the hashes stay out of the output.
      problems.add(channel + " keyring: " + missing.size() + " missing (" + names(missing) + "), "
          + extra.size() + " not valid (" + names(extra) + ")");
    }
    if (!users.equals(expectedUsers)) {
      problems.add(channel + " keyring: htpasswd lists " + users.size() + " users, expected " + expectedUsers.size());
    }
    return problems;
  }

  private static String names(Set<String> entries) {
    return entries.stream().map(e -> e.substring(0, e.lastIndexOf(' '))).sorted().collect(Collectors.joining(", "));
  }

  private static String readyReason(ApiKey key) {
    List<Condition> conditions = Optional.ofNullable(key.getStatus().getConditions()).orElse(List.of());
    return conditions.stream().filter(c -> "Ready".equals(c.getType())).map(Condition::getReason).findFirst().orElse("no Ready condition");
  }

  /** Per key, whether it has a grace period; its schedule; for the history checks. */
  boolean hasGrace(String name) {
    Key key = keys.get(name);
    return key != null && key.hasGrace();
  }

  Optional<Duration> every(String name) {
    return Optional.ofNullable(keys.get(name)).map(k -> k.every);
  }

  /**
   * Credential Secrets deleted for no reason: a key's Secret may go only when it is revoked or
   * expires.
   */
  List<String> unexplainedDeletions(Map<String, List<Long>> deletions) {
    List<String> lost = new ArrayList<>();
    Map<String, List<Long>> sorted = new TreeMap<>(deletions);
    sorted.forEach((name, revisions) -> {
      Key key = keys.get(name);
      int allowed = key == null ? 0 : key.kind == Kind.EXPIRING ? 1 : key.kind == Kind.REVOCABLE ? key.revocations : 0;
      if (revisions.size() > allowed) {
        lost.add(name + ": Secret deleted " + revisions.size() + " times, expected at most " + allowed);
      }
    });
    return lost;
  }


  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
  }
}
