package dev.keysmith.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.keysmith.api.v1alpha1.ApiChannel;
import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.Condition;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.testing.CredentialLedger;
import dev.keysmith.testing.Fixtures;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reliability suite: the packaged operator, in processes of its own, against the playground's
 * API server in another, as on a cluster (production profile, leader election, DEBUG logging).
 *
 * <ol>
 *   <li>Crash: SIGKILL at random moments during a workload of creates, rotations, expiries and
 *       revocations; afterwards every key has converged, its credential history is exactly what
 *       its schedule and requests allow, no Secret was lost, every keyring matches its keys.
 *   <li>Faults: the operator talks to the API server through {@link FaultProxy}, which answers a
 *       share of the requests with 500, 409 and 429 and cuts watches; once it stops, the same
 *       checks hold: everything converges, no rotation was done twice.
 *   <li>Bad input: {@link MalformedInputs}, each rejected at admission or reported by a condition
 *       naming the field; valid keys beside them are untouched; the operator lives on.
 *   <li>Leaks: every credential issued during the parts above is searched for in every log, Event,
 *       ApiKey and ApiChannel: none may appear.
 * </ol>
 *
 * <p>Sizes come from system properties (see {@link Sizes}): the defaults are the smoke size that
 * {@code ./mvnw -B verify} runs; {@code ./mvnw -B verify -Preliability} runs the full size. The seed
 * is printed; {@code -Dreliability.seed=N} repeats a run's choices (timing still varies).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReliabilityIT {

  private static final Duration TICK = Duration.ofMillis(250);
  private static final Duration CONVERGENCE = Duration.ofSeconds(120);
  private static final String LOG_PREFIX = "rel-";

  private static Sizes sizes;
  private static final List<String> OPERATOR_LOGS = new ArrayList<>();

  @TempDir Path dir;

  /** How much of everything: smoke by default, full with -Preliability, each overridable. */
  record Sizes(String name, int kills, int crashKeys, int faultKeys, Duration faultPeriod, double faultRate,
      int maxWritesBeforeKill, long seed) {

    static Sizes fromSystemProperties() {
      boolean full = "full".equals(System.getProperty("reliability.size", "smoke"));
      String seed = System.getProperty("reliability.seed", "");
      return new Sizes(
          full ? "full" : "smoke",
          Integer.getInteger("reliability.kills", full ? 20 : 3),
          Integer.getInteger("reliability.crash-keys", full ? 40 : 16),
          Integer.getInteger("reliability.fault-keys", full ? 30 : 12),
          Duration.ofSeconds(Integer.getInteger("reliability.fault-seconds", full ? 120 : 20)),
          Double.parseDouble(System.getProperty("reliability.fault-rate", "0.2")),
          Integer.getInteger("reliability.max-writes-before-kill", 40),
          seed.isBlank() ? new Random().nextLong() : Long.parseLong(seed.trim()));
    }
  }

  @BeforeAll
  static void setUp() throws IOException {
    assumeThat(Processes.JAR).exists();
    sizes = Sizes.fromSystemProperties();
    // The leak scan reads this run's logs only.
    if (Files.isDirectory(Processes.LOGS)) {
      try (Stream<Path> logs = Files.list(Processes.LOGS)) {
        for (Path log : logs.filter(p -> p.getFileName().toString().startsWith(LOG_PREFIX)).toList()) {
          Files.delete(log);
        }
      }
    }
    String header = "# Reliability suite: " + sizes.name() + " size\n\n"
        + "Started " + Instant.now() + " on " + Runtime.getRuntime().availableProcessors() + " cores; seed "
        + sizes.seed() + " (repeat with -Dreliability.seed=" + sizes.seed() + ").\n"
        + "Sizes: " + sizes.kills() + " kills, " + sizes.crashKeys() + " keys in the crash part, " + sizes.faultKeys()
        + " keys and " + sizes.faultPeriod().toSeconds() + " s of faults at a rate of " + sizes.faultRate() + ".";
    System.out.println(header);
    Figures.begin(header);
  }

  @Test
  @Order(1)
  void crashesAtRandomMomentsChangeNoCredentialAndLoseNothing() throws Exception {
    Figures figures = new Figures("1. Crash: SIGKILL during the workload");
    Instant start = Instant.now();
    Random moments = new Random(sizes.seed() ^ 0x6b696c6cL);
    figures.put("kills (SIGKILL) survived", 0);
    int kills = 0;
    List<Integer> writesBeforeKill = new ArrayList<>();
    try (Processes processes = new Processes(); TestCluster cluster = TestCluster.start(processes, LOG_PREFIX + "crash-api", dir)) {
      String ns = new Fixtures(cluster.client).namespace("crash");
      try (KeyHistory history = new KeyHistory(cluster.client, ns);
          Workload workload = new Workload(cluster.client, ns, sizes.seed(), sizes.crashKeys())) {
        try {
          workload.setUp(sizes.crashKeys() / 3);
          // A restart takes about 17 s: the killed operator's Lease must expire first.
          workload.start(TICK, Duration.ofSeconds(17L * sizes.kills()));
          for (int i = 1; i <= sizes.kills(); i++) {
            String pod = LOG_PREFIX + "crash-operator-" + i;
            Process operator = startOperator(processes, pod, cluster.kubeconfig);
            cluster.awaitLeader(pod, operator);
            // Survived: the killed operator's successor leads.
            figures.put("kills (SIGKILL) survived", kills);
            // A random moment: after a random number (0 included) of the operator's writes.
            long from = history.operatorWrites();
            int writes = moments.nextInt(sizes.maxWritesBeforeKill() + 1);
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10))
                .until(() -> history.operatorWrites() >= from + writes || !operator.isAlive());
            assertThat(operator.isAlive()).as(pod + " must not die on its own").isTrue();
            operator.destroyForcibly();
            assertThat(operator.waitFor()).as("exit status of " + pod + " (SIGKILL)").isEqualTo(137);
            kills++;
            writesBeforeKill.add(writes);
          }
          String pod = LOG_PREFIX + "crash-operator-" + (sizes.kills() + 1);
          Process last = startOperator(processes, pod, cluster.kubeconfig);
          cluster.awaitLeader(pod, last);
          figures.put("kills (SIGKILL) survived", kills);
          workload.stop();

          Verdict verdict = verify(cluster.client, ns, workload, history);
          figures.put("operator writes before each kill (random, seeded)", writesBeforeKill)
              .put("operator writes seen in all", history.operatorWrites());
          workload.actions().forEach(figures::put);
          verdict.report(figures);
          assertThat(last.isAlive()).as("the last operator is alive").isTrue();
          verdict.assertClean();
        } finally {
          LeakScan.keepObjects(cluster.client, "crash");
        }
      }
    } finally {
      figures.put("duration", seconds(start)).report();
    }
  }

  @Test
  @Order(2)
  void apiFaultsAndCutWatchesLeaveEverythingConvergedWithoutDuplicateRotations() throws Exception {
    Figures figures = new Figures("2. Faults: 500/409/429 and cut watches between operator and API server");
    Instant start = Instant.now();
    try (Processes processes = new Processes();
        TestCluster cluster = TestCluster.start(processes, LOG_PREFIX + "faults-api", dir);
        FaultProxy proxy = new FaultProxy(cluster.server.getHost(), cluster.server.getPort(), sizes.seed())) {
      Path viaProxy = cluster.kubeconfigVia(proxy.start());
      String ns = new Fixtures(cluster.client).namespace("faults");
      try (KeyHistory history = new KeyHistory(cluster.client, ns);
          Workload workload = new Workload(cluster.client, ns, sizes.seed() + 1, sizes.faultKeys())) {
        try {
          workload.setUp(sizes.faultKeys() / 3);
          String pod = LOG_PREFIX + "faults-operator";
          Process operator = startOperator(processes, pod, viaProxy);
          cluster.awaitLeader(pod, operator);

          proxy.startFaults(sizes.faultRate(), 2_000);
          workload.start(TICK, sizes.faultPeriod());
          // The operator must live through the whole fault period.
          Awaitility.await().during(sizes.faultPeriod()).atMost(sizes.faultPeriod().plusSeconds(10))
              .pollInterval(Duration.ofMillis(200)).until(operator::isAlive);
          proxy.stopFaults();
          workload.stop();

          Verdict verdict = verify(cluster.client, ns, workload, history);
          figures.put("requests through the proxy in all", proxy.requests())
              .put("requests during the fault period", proxy.requestsDuringFaults())
              .put("requests faulted", proxy.faultedTotal());
          proxy.faultCounts().forEach((code, count) -> figures.put("requests faulted with " + code, count));
          figures.put("watches opened", proxy.watchesOpened()).put("watches cut", proxy.watchesCut());
          workload.actions().forEach(figures::put);
          verdict.report(figures);

          assertThat(operator.isAlive()).as("the operator is alive").isTrue();
          for (FaultProxy.Fault fault : FaultProxy.Fault.values()) {
            assertThat(proxy.faulted(fault)).as("requests faulted with " + fault.label).isPositive();
          }
          assertThat(proxy.watchesCut()).as("watches cut").isPositive();
          verdict.assertClean();
        } finally {
          LeakScan.keepObjects(cluster.client, "faults");
        }
      }
    } finally {
      figures.put("duration", seconds(start)).report();
    }
  }

  @Test
  @Order(3)
  void malformedManifestsAreRejectedOrReportedAndHurtNothingElse() throws Exception {
    Figures figures = new Figures("3. Bad input: malformed ApiKeys and ApiChannels");
    Instant start = Instant.now();
    List<MalformedInputs.Case> cases = MalformedInputs.all();
    Map<String, Integer> outcomes = new TreeMap<>();
    Map<String, Integer> categories = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    try (Processes processes = new Processes(); TestCluster cluster = TestCluster.start(processes, LOG_PREFIX + "bad-input-api", dir)) {
      KubernetesClient client = cluster.client;
      Fixtures fixtures = new Fixtures(client);
      String ns = fixtures.namespace("bad-input");
      String other = fixtures.namespace("bad-input-other");
      try (KeyHistory history = new KeyHistory(client, ns)) {
        try {
          fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST, ipAllowlist: [10.0.0.0/8], policy: {maxValidity: 8760h}}"));
          fixtures.create(Fixtures.channel(ns, "strict", "{protocol: REST, policy: {requireExpiry: true}}"));
          fixtures.create(Fixtures.channel(ns, "ftp", "{protocol: FTP}"));
          fixtures.create(Fixtures.channel(other, "api", "{protocol: REST}"));
          client.secrets().inNamespace(ns).resource(userSecret(ns, "foreign", Map.of("note", "not Keysmith's"))).create();
          client.secrets().inNamespace(ns).resource(userSecret(ns, "weak-creds", Map.of("apiKey", "Wk7shrtQ"))).create();
          client.secrets().inNamespace(ns).resource(userSecret(ns, "user-creds", Map.of("apiKey", "user-supplied-key-0123456789abcdef"))).create();
          // Users' own credentials, read by the operator, must not leak either.
          CredentialLedger.remember("Wk7shrtQ", "user-supplied-key-0123456789abcdef");
          Map<String, String> valid = new LinkedHashMap<>();
          valid.put("valid-opaque", "{channelRef: {name: api}}");
          valid.put("valid-hmac", "{channelRef: {name: api}, type: HMAC, rotation: {gracePeriod: 1h}}");
          valid.put("valid-basic", "{channelRef: {name: ftp}}");
          valid.forEach((name, spec) -> fixtures.create(Fixtures.key(ns, name, spec)));

          String pod = LOG_PREFIX + "bad-input-operator";
          Process operator = startOperator(processes, pod, cluster.kubeconfig);
          cluster.awaitLeader(pod, operator);
          Map<String, String> before = new TreeMap<>();
          for (String name : valid.keySet()) {
            ApiKey key = awaitKey(client, ns, name, k -> k.getStatus().getPhase() == KeyPhase.Active);
            before.put(name, key.getStatus().getFingerprint() + " r" + key.getStatus().getRevision());
          }
          String foreignVersion = client.secrets().inNamespace(ns).withName("foreign").get().getMetadata().getResourceVersion();

          List<MalformedInputs.Case> admitted = new ArrayList<>();
          for (MalformedInputs.Case c : cases) {
            categories.merge(c.category(), 1, Integer::sum);
            Optional<String> rejection = apply(client, ns, other, c);
            if (c.outcome() instanceof MalformedInputs.Rejected rejected) {
              if (rejection.isEmpty()) {
                failures.add(c.kind() + " " + shortName(c) + ": accepted, expected a rejection naming " + rejected.field());
              } else if (!rejection.get().contains(rejected.field())) {
                failures.add(c.kind() + " " + shortName(c) + ": rejected, but the message does not name " + rejected.field() + ": "
                    + abbreviate(rejection.get()));
              } else {
                outcomes.merge("rejected at admission", 1, Integer::sum);
              }
            } else if (rejection.isPresent()) {
              failures.add(c.kind() + " " + shortName(c) + ": rejected at admission (" + abbreviate(rejection.get())
                  + "), expected a condition");
            } else {
              admitted.add(c);
            }
          }
          for (MalformedInputs.Case c : admitted) {
            MalformedInputs.Reported expected = (MalformedInputs.Reported) c.outcome();
            String field = expected.field().replace(MalformedInputs.OTHER, other);
            Condition ready;
            try {
              ready = awaitReadyFalse(client, c, ns, expected.reason());
            } catch (ConditionTimeoutException e) {
              failures.add(c.kind() + " " + shortName(c) + ": no Ready=False with reason " + expected.reason() + " ("
                  + describeReady(client, c, ns) + ")");
              continue;
            }
            if (!ready.getMessage().contains(field)) {
              failures.add(c.kind() + " " + shortName(c) + ": the message does not name " + field + ": " + abbreviate(ready.getMessage()));
            } else if (ready.getMessage().length() > 2048) {
              failures.add(c.kind() + " " + shortName(c) + ": a message of " + ready.getMessage().length() + " characters");
            } else {
              outcomes.merge("condition " + ready.getReason(), 1, Integer::sum);
            }
            if (c.kind().equals("ApiKey")) {
              ApiKey key = client.resources(ApiKey.class).inNamespace(ns).withName(c.name()).get();
              KeyPhase phase = List.of("ChannelNotFound", "NamespaceNotAllowed", "CredentialsNotFound").contains(expected.reason())
                  ? KeyPhase.Pending : KeyPhase.Failed;
              if (key.getStatus().getPhase() != phase) {
                failures.add("ApiKey " + shortName(c) + ": phase " + key.getStatus().getPhase() + ", expected " + phase);
              }
              if (history.issues(c.name()).size() > 0) {
                failures.add("ApiKey " + shortName(c) + ": a credential was issued");
              }
            }
          }

          // Valid keys beside them: untouched. The operator: alive and still at work.
          fixtures.create(Fixtures.key(ns, "valid-after", "{channelRef: {name: api}}"));
          awaitKey(client, ns, "valid-after", k -> k.getStatus().getPhase() == KeyPhase.Active);
          Map<String, String> after = new TreeMap<>();
          for (String name : valid.keySet()) {
            ApiKey key = awaitKey(client, ns, name, k -> k.getStatus().getPhase() == KeyPhase.Active);
            after.put(name, key.getStatus().getFingerprint() + " r" + key.getStatus().getRevision());
          }
          figures.put("inputs tried", cases.size());
          categories.forEach((category, count) -> figures.put("inputs: " + category, count));
          outcomes.forEach((outcome, count) -> figures.put("outcome: " + outcome, count));
          figures.put("inputs without the expected outcome", failures.size())
              .put("valid keys changed", after.entrySet().stream().filter(e -> !e.getValue().equals(before.get(e.getKey()))).count())
              .put("operator alive", operator.isAlive());
          failures.forEach(f -> System.out.println("  bad input: " + f));

          assertThat(cases).as("inputs tried").hasSizeGreaterThanOrEqualTo(40);
          assertThat(failures).as("inputs without the expected outcome").isEmpty();
          assertThat(after).as("valid keys beside the malformed ones").isEqualTo(before);
          assertThat(client.secrets().inNamespace(ns).withName("foreign").get().getMetadata().getResourceVersion())
              .as("a user's Secret in the way is left alone").isEqualTo(foreignVersion);
          assertThat(operator.isAlive()).as("the operator is alive").isTrue();
        } finally {
          LeakScan.keepObjects(client, "bad-input");
        }
      }
    } finally {
      figures.put("duration", seconds(start)).report();
    }
  }

  @Test
  @Order(4)
  void noIssuedCredentialAppearsInAnyLogEventOrStatus() throws IOException {
    Figures figures = new Figures("4. Leaks: every credential searched in logs, events, statuses");
    try {
      Map<String, String> documents = new LinkedHashMap<>(LeakScan.DOCUMENTS);
      long logBytes = 0;
      long debugLines = 0;
      try (Stream<Path> logs = Files.list(Processes.LOGS)) {
        for (Path log : logs.filter(p -> p.getFileName().toString().startsWith(LOG_PREFIX)).sorted().toList()) {
          String text = Files.readString(log, StandardCharsets.UTF_8);
          documents.put(log.getFileName().toString(), text);
          logBytes += text.length();
          debugLines += text.lines().filter(l -> l.contains(" DEBUG [")).count();
        }
      }
      Set<String> credentials = CredentialLedger.values();
      Map<String, Integer> hits = LeakScan.hits(documents, credentials);
      figures.put("credentials issued and tracked", credentials.size())
          .put("log files searched", documents.keySet().stream().filter(n -> n.endsWith(".log")).count())
          .put("log characters searched", logBytes)
          .put("DEBUG lines among them", debugLines)
          .put("event, ApiKey and ApiChannel lists searched", LeakScan.DOCUMENTS.size())
          .put("leaks found (credential occurrences)", hits.values().stream().mapToInt(Integer::intValue).sum());

      assertThat(credentials.size()).as("credentials recorded by the parts before (run the whole ReliabilityIT)")
          .isGreaterThanOrEqualTo(20);
      // Every operator logged at DEBUG (one killed early may not have reached Keysmith's own DEBUG lines).
      for (String log : OPERATOR_LOGS) {
        // A boolean, not the text: a failure message must not print a log being searched for keys.
        assertThat(documents.get(log).contains(" DEBUG [")).as(log + " is at DEBUG level").isTrue();
      }
      assertThat(OPERATOR_LOGS.stream().filter(l -> documents.get(l).contains(" DEBUG [dev.keysmith.")).count())
          .as("operator logs with Keysmith's own DEBUG lines").isPositive();
      assertThat(hits).as("documents containing issued credentials (counts only)").isEmpty();
    } finally {
      figures.report();
    }
  }

  // --- Verification shared by the crash and fault parts ---

  /** What the end state and the history say, and the figures derived from them. */
  record Verdict(List<String> unconverged, List<String> violations, List<String> lostSecrets, int secretRecreatedEvents,
      int keys, int credentialSecrets) {

    void report(Figures figures) {
      figures.put("keys checked", keys)
          .put("credential revisions observed", credentialSecrets)
          .put("keys not converged", unconverged.size())
          .put("history violations", violations.size())
          .put("Secrets lost (unexplained deletions)", lostSecrets.size())
          .put("SecretRecreated events", secretRecreatedEvents);
      unconverged.forEach(p -> System.out.println("  not converged: " + p));
      violations.forEach(p -> System.out.println("  history: " + p));
      lostSecrets.forEach(p -> System.out.println("  lost: " + p));
    }

    void assertClean() {
      assertThat(unconverged).as("keys and keyrings not converged").isEmpty();
      assertThat(violations).as("credential history violations").isEmpty();
      assertThat(lostSecrets).as("Secrets deleted without revocation or expiry").isEmpty();
      assertThat(secretRecreatedEvents).as("SecretRecreated events (a Secret was lost)").isZero();
    }
  }

  private static Verdict verify(KubernetesClient client, String ns, Workload workload, KeyHistory history) {
    List<String> unconverged;
    try {
      unconverged = Awaitility.await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(300))
          .until(workload::unconverged, List::isEmpty);
    } catch (ConditionTimeoutException e) {
      unconverged = workload.unconverged();
    }
    // What the test saw of the keys that did not converge, to diagnose (no key material in it).
    unconverged.stream().map(u -> u.split(":")[0]).distinct()
        .forEach(k -> history.timeline(k).forEach(e -> System.out.println("  timeline " + k + ": " + e)));
    List<String> violations = history.violations(workload.keys().keySet(), workload::hasGrace, workload::every);
    List<String> lost = workload.unexplainedDeletions(history.allDeletions());
    int recreated = (int) client.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> "SecretRecreated".equals(e.getReason())).count();
    return new Verdict(unconverged, violations, lost, recreated, workload.keys().size(), history.credentialSecretsSeen());
  }

  // --- Helpers ---

  private static Process startOperator(Processes processes, String pod, Path kubeconfig) {
    OPERATOR_LOGS.add(pod + ".out.log");
    return processes.java(pod, TestCluster.operatorEnv(pod, kubeconfig));
  }

  /** Creates (or, for an edit, patches) the manifest; returns the API server's refusal, if any. */
  private static Optional<String> apply(KubernetesClient client, String ns, String other, MalformedInputs.Case c) {
    String spec = c.spec().replace(MalformedInputs.OTHER, other);
    String yaml = "apiVersion: keysmith.dev/v1alpha1\nkind: " + c.kind() + "\nmetadata: {name: " + c.name() + ", namespace: " + ns
        + "}\nspec: " + spec + "\n";
    try {
      GenericKubernetesResource resource = client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
      if (c.edit()) {
        String patch = client.getKubernetesSerialization().asJson(Map.of("spec", resource.getAdditionalProperties().get("spec")));
        client.genericKubernetesResources("keysmith.dev/v1alpha1", c.kind()).inNamespace(ns).withName(c.name())
            .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
      } else {
        // As kubectl apply sends it: unknown fields are an error, not silently dropped.
        client.resource(resource).fieldValidation(FieldValidateable.Validation.STRICT).create();
      }
      return Optional.empty();
    } catch (KubernetesClientException e) {
      return Optional.of(e.getCode() + " " + (e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage()));
    }
  }

  private static Condition awaitReadyFalse(KubernetesClient client, MalformedInputs.Case c, String ns, String reason) {
    return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> Optional.ofNullable(get(client, c, ns)).flatMap(ReliabilityIT::ready),
            r -> r.isPresent() && "False".equals(r.get().getStatus()) && reason.equals(r.get().getReason()))
        .orElseThrow();
  }

  private static Optional<Condition> ready(HasMetadata object) {
    List<Condition> conditions = object instanceof ApiKey key && key.getStatus() != null ? key.getStatus().getConditions()
        : object instanceof ApiChannel channel && channel.getStatus() != null ? channel.getStatus().getConditions() : null;
    if (conditions == null) {
      return Optional.empty();
    }
    boolean current = conditions.stream().allMatch(c -> object.getMetadata().getGeneration().equals(c.getObservedGeneration()));
    return conditions.stream().filter(c -> "Ready".equals(c.getType()) && current).findFirst();
  }

  private static String describeReady(KubernetesClient client, MalformedInputs.Case c, String ns) {
    HasMetadata object = get(client, c, ns);
    return object == null ? "absent" : ready(object).map(r -> r.getStatus() + " " + r.getReason() + ": " + abbreviate(r.getMessage()))
        .orElse("no current Ready condition");
  }

  private static HasMetadata get(KubernetesClient client, MalformedInputs.Case c, String ns) {
    return c.kind().equals("ApiKey")
        ? client.resources(ApiKey.class).inNamespace(ns).withName(c.name()).get()
        : client.resources(ApiChannel.class).inNamespace(ns).withName(c.name()).get();
  }

  private static ApiKey awaitKey(KubernetesClient client, String ns, String name, java.util.function.Predicate<ApiKey> condition) {
    return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .until(() -> client.resources(ApiKey.class).inNamespace(ns).withName(name).get(),
            k -> k != null && k.getStatus() != null && condition.test(k));
  }

  private static Secret userSecret(String ns, String name, Map<String, String> data) {
    Map<String, String> encoded = new TreeMap<>();
    data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    return new SecretBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata().withData(encoded).build();
  }

  private static String shortName(MalformedInputs.Case c) {
    return c.name().length() > 40 ? c.name().substring(0, 12) + "...(" + c.name().length() + " chars)" : c.name();
  }

  private static String abbreviate(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "...(" + text.length() + " chars)" : text;
  }

  private static String seconds(Instant start) {
    return Duration.between(start, Instant.now()).toSeconds() + " s";
  }
}
