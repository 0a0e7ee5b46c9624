package dev.keysmith.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keysmith.api.v1alpha1.ApiChannel;
import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.ApiKeyStatus;
import dev.keysmith.api.v1alpha1.Condition;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.support.Metadata;
import dev.keysmith.testing.Fixtures;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keysmith's benchmarks: the playground API server and the operator in processes of their own, a
 * fresh pair per benchmark; the figures go to stdout and target/bench/results.md as one table.
 *
 * <p>By default this runs a smoke size in {@code ./mvnw -B verify}, so the harness cannot rot; the
 * full sizes of docs/BENCHMARKS.md run with {@code ./mvnw -B verify -Pbench}. Timings are
 * printed, never asserted; what is asserted is that every benchmark's work was actually done
 * (every key Ready with its Secret, every key rotated exactly once, the keyring complete).
 */
class BenchmarkIT {

  /** Sizes: the smoke size in verify, the full size with -Pbench (-Dkeysmith.bench=full). */
  record Scale(String name, int small, int large, int ratePerSecond, int seconds, int storm, int bigChannel) {
    static Scale current() {
      return "full".equals(System.getProperty("keysmith.bench"))
          ? new Scale("full", 1_000, 10_000, 50, 60, 5_000, 5_000)
          : new Scale("smoke", 100, 300, 20, 5, 200, 300);
    }
  }

  private static final Scale SCALE = Scale.current();
  private static final Duration LONG = Duration.ofMinutes(30);
  private static final int KEYS_PER_CHANNEL = 1_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;

  private final List<String[]> table = new ArrayList<>();

  @Test
  void benchmarks() throws Exception {
    assumeThat(Processes.JAR).exists();
    log("Keysmith benchmarks, %s size, %d cores, operator JVM %s", SCALE.name(),
        Runtime.getRuntime().availableProcessors(), String.join(" ", BenchCluster.JVM));
    if (System.getProperty("keysmith.bench.only", "").equals("throughput")) {
      // Profiling aid: one throughput run of -Dkeysmith.bench.keys keys (default: the large size).
      throughput(Integer.getInteger("keysmith.bench.keys", SCALE.large()));
      report("profile");
      return;
    }
    long[] memorySmall = throughput(SCALE.small());
    long[] memoryLarge = throughput(SCALE.large());
    row("Memory", fmt(SCALE.small()) + " keys", "RSS %s (peak %s), heap after GC %s".formatted(
        mib(memorySmall[0]), mib(memorySmall[1]), mib(memorySmall[2])), "");
    row("Memory", fmt(SCALE.large()) + " keys", "RSS %s (peak %s), heap after GC %s".formatted(
        mib(memoryLarge[0]), mib(memoryLarge[1]), mib(memoryLarge[2])), "RSS <= 300 MiB");
    latency(SCALE.ratePerSecond(), SCALE.seconds());
    rotationStorm(SCALE.storm());
    bigChannel(SCALE.bigChannel());
    report(SCALE.name());
  }

  // --- 1 and 3: throughput against a plain client, and memory -------------------------------

  /** Returns the operator's [RSS, peak RSS, heap after GC] with n keys Ready. */
  private long[] throughput(int n) throws Exception {
    // The baseline: a plain client writing the same objects (each key, its Secret, its status) to
    // the same API server, at its best concurrency among a few. Each run gets a fresh instance, as
    // the operator's run does: both start from an empty store.
    long bestBaseline = Long.MAX_VALUE;
    int bestConcurrency = 0;
    for (int concurrency : new int[] {16, 64}) {
      try (BenchCluster baseline = BenchCluster.start("baseline-" + n + "-" + concurrency, dir)) {
        String ns = "baseline";
        baseline.namespace(ns);
        double[] cpuBefore = baseline.cpuSeconds();
        long elapsed = timed(() -> parallel(n, concurrency, i -> baselineKey(baseline.client(), ns, i)));
        logCpu("baseline, concurrency " + concurrency, cpuBefore, baseline.cpuSeconds());
        if (elapsed < bestBaseline) {
          bestBaseline = elapsed;
          bestConcurrency = concurrency;
        }
      }
    }
    try (BenchCluster cluster = BenchCluster.start("throughput-" + n, dir)) {
      KubernetesClient client = cluster.client();
      cluster.startOperator();
      String ns = "bench";
      cluster.namespace(ns);
      int channels = createChannels(client, ns, n);
      try (KeyWatch watch = new KeyWatch(client)) {
        int concurrency = bestConcurrency;
        Map<String, Long> before = cluster.requestCounts();
        double[] cpuBefore = cluster.cpuSeconds();
        long started = System.nanoTime();
        parallel(n, concurrency, i -> client.resource(key(ns, i, channels)).create());
        watch.awaitReady(n, LONG);
        long elapsed = lastReady(watch, ns, n) - started;
        Map<String, Long> after = cluster.requestCounts();
        logCpu("operator", cpuBefore, cluster.cpuSeconds());
        requestsPerKey(n, before, after);
        // Names only: a failure message must not print the Secrets' data.
        assertThat(client.secrets().inNamespace(ns).withLabel(Metadata.MANAGED_BY, Metadata.MANAGED_BY_KEYSMITH)
            .list().getItems().stream().map(s -> s.getMetadata().getName()).filter(name -> name.startsWith("key-")))
            .as("a Secret for every key").hasSize(n);
        row("Throughput", fmt(n) + " keys, " + channels + " channel(s)",
            "operator %s, baseline %s (concurrency %d): ratio %.2f, %s keys/s".formatted(
                seconds(elapsed), seconds(bestBaseline), bestConcurrency, (double) elapsed / bestBaseline,
                fmt(Math.round(n / (elapsed / 1e9)))),
            "ratio <= 1.25");
      }
      long[] rss = cluster.operatorRss();
      // What fills the heap, for whoever works on memory (class names and counts only).
      cluster.operatorHistogram(Path.of("target/bench/operator-histogram-" + n + ".txt"));
      // Where the rest of the RSS goes, when the operator runs with -XX:NativeMemoryTracking=summary.
      cluster.operatorJcmd(Path.of("target/bench/operator-nmt-" + n + ".txt"), "VM.native_memory summary");
      return new long[] {rss[0], rss[1], cluster.operatorHeapAfterGc()};
    }
  }

  /** What the operator does for one key, done by a plain client: the key, its Secret, its status. */
  private static void baselineKey(KubernetesClient client, String ns, int i) {
    ApiKey key = client.resource(key(ns, i, 1)).create();
    Secret secret = new SecretBuilder()
        .withNewMetadata().withName(key.getMetadata().getName() + "-credentials").withNamespace(ns)
        .withLabels(Map.of(Metadata.MANAGED_BY, Metadata.MANAGED_BY_KEYSMITH, Metadata.APIKEY, key.getMetadata().getName(),
            Metadata.SECRET_ROLE, Metadata.ROLE_CREDENTIALS))
        .withAnnotations(Map.of(Metadata.CHANNEL, ns + "/" + channelName(0), "keysmith.dev/revision", "1",
            "keysmith.dev/key-id", randomText(20), "keysmith.dev/activated-at", Instant.now().toString()))
        .endMetadata()
        .withType("Opaque")
        .withData(Map.of("apiKey", base64(randomText(45)), "keyId", base64(randomText(20))))
        .build();
    client.resource(secret).create();
    ApiKeyStatus status = new ApiKeyStatus();
    status.setPhase(KeyPhase.Active);
    status.setObservedGeneration(1L);
    status.setRevision(1L);
    status.setKeyId(randomText(20));
    status.setFingerprint(randomText(16));
    status.setSecretName(secret.getMetadata().getName());
    status.setActivatedAt(Instant.now().toString());
    for (String type : List.of("Ready", "Activated", "Expired", "Revoked")) {
      Condition condition = new Condition();
      condition.setType(type);
      condition.setStatus(type.equals("Ready") || type.equals("Activated") ? "True" : "False");
      condition.setReason(type.equals("Ready") ? "Active" : "Issued");
      condition.setMessage("baseline");
      condition.setLastTransitionTime(Instant.now().toString());
      condition.setObservedGeneration(1L);
      status.getConditions().add(condition);
    }
    key.setStatus(status);
    client.resource(key).updateStatus();
  }

  // --- 2: latency at a steady rate ------------------------------------------------------------

  private void latency(int rate, int seconds) throws Exception {
    int n = rate * seconds;
    try (BenchCluster cluster = BenchCluster.start("latency", dir)) {
      KubernetesClient client = cluster.client();
      cluster.startOperator();
      String ns = "latency";
      cluster.namespace(ns);
      int channels = createChannels(client, ns, n);
      long[] createdAt = new long[n];
      try (KeyWatch watch = new KeyWatch(client)) {
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        ExecutorService senders = Executors.newFixedThreadPool(16);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> sent = Collections.synchronizedList(new ArrayList<>());
        clock.scheduleAtFixedRate(() -> {
          int i = next.getAndIncrement();
          if (i < n) {
            sent.add(senders.submit(() -> {
              createdAt[i] = System.nanoTime();
              client.resource(key(ns, i, channels)).create();
            }));
          }
        }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
        Awaitility.await().atMost(LONG).until(() -> next.get() >= n);
        clock.shutdownNow();
        for (Future<?> future : List.copyOf(sent)) {
          future.get();
        }
        senders.shutdown();
        watch.awaitReady(n, LONG);
        long[] latencies = new long[n];
        for (int i = 0; i < n; i++) {
          latencies[i] = watch.readyAt(ns + "/" + keyName(i)) - createdAt[i];
        }
        java.util.Arrays.sort(latencies);
        row("Latency", "%d/s for %d s (%s keys)".formatted(rate, seconds, fmt(n)),
            "p50 %s, p95 %s, p99 %s, max %s".formatted(millis(percentile(latencies, 0.50)),
                millis(percentile(latencies, 0.95)), millis(percentile(latencies, 0.99)), millis(latencies[n - 1])),
            "p99 <= 250 ms");
      }
    }
  }

  // --- 4: rotation storm ----------------------------------------------------------------------

  private void rotationStorm(int n) throws Exception {
    try (BenchCluster cluster = BenchCluster.start("storm", dir)) {
      KubernetesClient client = cluster.client();
      cluster.startOperator();
      String ns = "storm";
      cluster.namespace(ns);
      int channels = createChannels(client, ns, n);
      try (KeyWatch watch = new KeyWatch(client)) {
        parallel(n, 32, i -> client.resource(key(ns, i, channels)).create());
        watch.awaitReady(n, LONG);
        // One schedule for all: the channels' rotation policy, which every key inherits, fires at
        // the next whole minute that leaves time for the keys to learn it.
        ZonedDateTime due = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(20).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        String cron = "%d %d * * *".formatted(due.getMinute(), due.getHour());
        for (int c = 0; c < channels; c++) {
          // A merge patch without resourceVersion, as kubectl patch sends it: the operator writes
          // the channel's status meanwhile, and an edit (GET, then a locked PATCH) could conflict.
          client.resources(ApiChannel.class).inNamespace(ns).withName(channelName(c)).patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"spec\":{\"policy\":{\"rotation\":{\"schedule\":\"%s\",\"timeZone\":\"UTC\"}}}}".formatted(cron));
        }
        String dueText = due.toInstant().toString();
        Awaitility.await().atMost(Duration.ofSeconds(Math.max(60, Duration.between(Instant.now(), due.toInstant()).toSeconds())))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> watch.countNextRotationAt(dueText) >= n);
        long dueNanos = System.nanoTime() + Duration.between(Instant.now(), due.toInstant()).toNanos();

        // Sample the API server's request counters once a second until every key has rotated.
        List<Map<String, Long>> samples = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> samples.add(cluster.requestCounts()), 0, 1, TimeUnit.SECONDS);
        Awaitility.await().atMost(LONG).pollInterval(Duration.ofMillis(50)).until(() -> watch.countAtRevision(2) >= n);
        sampler.shutdownNow();
        sampler.awaitTermination(10, TimeUnit.SECONDS);
        // Exactly once: no key went past revision 2 (checked first: a key seen at 3 has no time at 2).
        assertThat(client.resources(ApiKey.class).inNamespace(ns).list().getItems())
            .extracting(k -> k.getStatus().getRevision()).containsOnly(2L);
        long last = 0;
        for (int i = 0; i < n; i++) {
          last = Math.max(last, watch.revisionSeenAt(ns + "/" + keyName(i), 2));
        }
        long peak = 0;
        long peakWrites = 0;
        for (int i = 1; i < samples.size(); i++) {
          peak = Math.max(peak, BenchCluster.total(samples.get(i)) - BenchCluster.total(samples.get(i - 1)));
          peakWrites = Math.max(peakWrites, BenchCluster.writes(samples.get(i)) - BenchCluster.writes(samples.get(i - 1)));
        }
        requestsPerKey(n, samples.get(0), samples.get(samples.size() - 1));
        row("Rotation storm", fmt(n) + " keys due at one instant",
            "all rotated %s after the due instant; peak %s req/s (%s writes/s) at the API server".formatted(
                seconds(last - dueNanos), fmt(peak), fmt(peakWrites)),
            "");
      }
    }
  }

  // --- 5: one big channel -----------------------------------------------------------------------

  private void bigChannel(int n) throws Exception {
    try (BenchCluster cluster = BenchCluster.start("big-channel", dir)) {
      KubernetesClient client = cluster.client();
      cluster.startOperator();
      String ns = "big";
      cluster.namespace(ns);
      createChannels(client, ns, 1);
      AtomicInteger writes = new AtomicInteger();
      AtomicLong lastWrite = new AtomicLong();
      AtomicInteger lastEntries = new AtomicInteger();
      Watch keyringWatch = client.secrets().inNamespace(ns).withName(channelName(0) + "-keyring").watch(new Watcher<>() {
        @Override
        public void eventReceived(Action action, Secret keyring) {
          if (action == Action.ADDED || action == Action.MODIFIED) {
            writes.incrementAndGet();
            lastWrite.set(System.nanoTime());
            lastEntries.set(entries(keyring));
          }
        }

        @Override
        public void onClose(WatcherException cause) {}
      });
      try (KeyWatch watch = new KeyWatch(client); keyringWatch) {
        long started = System.nanoTime();
        parallel(n, 32, i -> client.resource(key(ns, i, 1)).create());
        watch.awaitReady(n, LONG);
        // The final keyring: the channel has seen every key and the keyring has not changed since.
        Awaitility.await().atMost(LONG).pollInterval(Duration.ofMillis(200)).until(() -> {
          ApiChannel channel = client.resources(ApiChannel.class).inNamespace(ns).withName(channelName(0)).get();
          return channel.getStatus() != null && channel.getStatus().getKeys() != null
              && channel.getStatus().getKeys().getActive() == n
              && System.nanoTime() - lastWrite.get() > TimeUnit.SECONDS.toNanos(3);
        });
        ApiChannel channel = client.resources(ApiChannel.class).inNamespace(ns).withName(channelName(0)).get();
        Condition ready = channel.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
        assertThat(writes.get()).as("keyring writes for %d keys", n).isPositive().isLessThan(n / 10);
        assertThat(lastEntries.get()).as("entries of the final keyring").isEqualTo(n);
        row("Big channel", fmt(n) + " keys, 1 channel",
            "%d keyring writes; final keyring %s after the first create, %s entries; channel Ready=%s%s".formatted(
                writes.get(), seconds(lastWrite.get() - started), fmt(lastEntries.get()), ready.getStatus(),
                "True".equals(ready.getStatus()) ? "" : " (" + ready.getReason() + ")"),
            "");
      }
    }
  }

  private static void logCpu(String phase, double[] before, double[] after) {
    log("CPU seconds during %s: API server %.1f, operator %.1f, benchmark client %.1f", phase,
        after[0] - before[0], after[1] - before[1], after[2] - before[2]);
  }

  /** Logs the API requests made between two samples, per key, by verb and resource. */
  private static void requestsPerKey(int n, Map<String, Long> before, Map<String, Long> after) {
    StringBuilder line = new StringBuilder();
    after.forEach((series, count) -> {
      long delta = count - before.getOrDefault(series, 0L);
      if (delta > 0) {
        line.append(String.format(Locale.ROOT, " %s %.2f;", series, (double) delta / n));
      }
    });
    log("requests per key (all clients):%s total %.2f", line,
        (double) (BenchCluster.total(after) - BenchCluster.total(before)) / n);
  }

  private static int entries(Secret keyring) {
    try {
      JsonNode keys = JSON.readTree(Base64.getDecoder().decode(keyring.getData().get("keys.json")));
      return keys.get("keys").size();
    } catch (IOException e) {
      throw new IllegalStateException("unreadable keys.json", e);
    }
  }

  // --- workload helpers -------------------------------------------------------------------------

  private static int createChannels(KubernetesClient client, String ns, int keys) {
    int channels = Math.max(1, (keys + KEYS_PER_CHANNEL - 1) / KEYS_PER_CHANNEL);
    for (int c = 0; c < channels; c++) {
      ApiChannel channel = Fixtures.channel(ns, channelName(c), "{protocol: REST}");
      client.resource(channel).create();
    }
    Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
        .until(() -> client.resources(ApiChannel.class).inNamespace(ns).list().getItems().stream()
            .filter(ch -> ch.getStatus() != null && ch.getStatus().getKeyringSecretName() != null).count() == channels);
    return channels;
  }

  private static String channelName(int c) {
    return "channel-" + c;
  }

  private static String keyName(int i) {
    return "key-%05d".formatted(i);
  }

  private static ApiKey key(String ns, int i, int channels) {
    return Fixtures.key(ns, keyName(i), "channelRef: {name: " + channelName(i / KEYS_PER_CHANNEL % channels) + "}");
  }

  private static long lastReady(KeyWatch watch, String ns, int n) {
    long last = 0;
    for (int i = 0; i < n; i++) {
      last = Math.max(last, watch.readyAt(ns + "/" + keyName(i)));
    }
    return last;
  }

  /** Runs work(0..n-1) on `concurrency` threads and waits for all; fails on the first error. */
  private static void parallel(int n, int concurrency, IntConsumer work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<?>> futures = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(pool.submit(() -> work.accept(index)));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @FunctionalInterface
  private interface Work {
    void run() throws Exception;
  }

  private static long timed(Work work) throws Exception {
    long started = System.nanoTime();
    work.run();
    return System.nanoTime() - started;
  }

  private static String randomText(int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static long percentile(long[] sorted, double q) {
    return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
  }

  // --- the table ----------------------------------------------------------------------------------

  private void row(String benchmark, String size, String result, String target) {
    table.add(new String[] {benchmark, size, result, target});
    log("%s, %s: %s", benchmark, size, result);
  }

  private void report(String name) throws IOException {
    StringBuilder out = new StringBuilder();
    out.append("| Benchmark | Size | Result | Target |\n|---|---|---|---|\n");
    for (String[] row : table) {
      out.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    System.out.println();
    System.out.println(out);
    Path results = Path.of("target/bench/results-" + name + ".md");
    Files.createDirectories(results.getParent());
    Files.writeString(results, "Keysmith benchmarks (%s size), %s, %d cores\n\n%s".formatted(
        SCALE.name(), Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(), out));
  }

  private static void log(String format, Object... args) {
    System.out.printf("[bench] " + format + "%n", args);
  }

  private static String fmt(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%d ms", Math.round(nanos / 1e6));
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024));
  }
}
