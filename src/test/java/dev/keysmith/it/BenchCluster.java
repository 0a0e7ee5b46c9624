package dev.keysmith.it;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * One benchmark's cluster: the playground API server in a process of its own, the operator in
 * another (production profile, leader election included, as deployed), and a client for the
 * benchmark's own requests. Each benchmark gets a fresh one, so figures do not depend on order.
 */
final class BenchCluster implements AutoCloseable {

  /**
   * The operator's JVM in every benchmark: a stated heap limit, and the Helm chart's default JVM
   * options (javaToolOptions) besides the heap sizing.
   */
  static final List<String> JVM = List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private static final Duration STARTUP = Duration.ofSeconds(120);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Processes processes = new Processes();
  private Process api;
  private final String name;
  private final Path kubeconfig;
  private final String apiServer;
  private final KubernetesClient client;
  private Process operator;
  private int operatorPort;

  private BenchCluster(String name, Path dir) {
    this.name = name;
    this.kubeconfig = dir.resolve(name + "-kubeconfig");
    // -Dkeysmith.bench.api-jvm: options for the API server's JVM (e.g. a flight recording).
    Map<String, String> apiEnv = System.getProperty("keysmith.bench.api-jvm", "").isBlank()
        ? Map.of() : Map.of("JAVA_TOOL_OPTIONS", System.getProperty("keysmith.bench.api-jvm"));
    api = processes.java(name + "-api", apiEnv,
        "playground", "--api-only", "--no-examples", "--kubeconfig", kubeconfig.toString());
    try {
      Processes.awaitLine(api, "kubeconfig: ", STARTUP);
      Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
      // The benchmark's own client must not be what limits a measurement.
      config.setMaxConcurrentRequests(512);
      config.setMaxConcurrentRequestsPerHost(512);
      config.setRequestTimeout(60_000);
      this.apiServer = config.getMasterUrl().replaceAll("/$", "");
      this.client = new KubernetesClientBuilder().withConfig(config).build();
    } catch (IOException | RuntimeException e) {
      processes.close(); // no API server left running when start-up fails
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  static BenchCluster start(String name, Path dir) {
    return new BenchCluster(name, dir);
  }

  KubernetesClient client() {
    return client;
  }

  void namespace(String namespace) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
  }

  /** Starts the operator and waits until it is ready (it holds the lease and its informers run). */
  void startOperator() {
    operatorPort = Processes.freePort();
    operator = processes.java(name + "-operator",
        Map.of("KUBECONFIG", kubeconfig.toString(), "QUARKUS_HTTP_PORT", Integer.toString(operatorPort)),
        jvmOptions());
    Awaitility.await().atMost(STARTUP).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .until(() -> get("http://127.0.0.1:" + operatorPort + "/q/health/ready").statusCode() == 200);
  }

  /** The options above, plus -Dkeysmith.bench.jvm (e.g. a flight recording, to profile). */
  private static List<String> jvmOptions() {
    List<String> options = new java.util.ArrayList<>(JVM);
    String extra = System.getProperty("keysmith.bench.jvm", "").trim();
    if (!extra.isEmpty()) {
      options.addAll(List.of(extra.split("\\s+")));
    }
    return options;
  }

  /** The API server's apiserver_request_total counters, by "verb resource". */
  Map<String, Long> requestCounts() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    for (String line : get(apiServer + "/metrics").body().split("\n")) {
      java.util.regex.Matcher m = COUNTER.matcher(line);
      if (m.matches()) {
        counts.put(m.group(1) + " " + m.group(2), Long.parseLong(m.group(3)));
      }
    }
    if (counts.isEmpty()) {
      throw new IllegalStateException("no apiserver_request_total in the API server's /metrics");
    }
    return counts;
  }

  private static final java.util.regex.Pattern COUNTER =
      java.util.regex.Pattern.compile("apiserver_request_total\\{verb=\"([^\"]*)\",resource=\"([^\"]*)\"} (\\d+)");

  static long total(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  static long writes(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .filter(e -> e.getKey().matches("(create|update|patch|delete) .*"))
        .mapToLong(Map.Entry::getValue).sum();
  }

  /** CPU time used so far, in seconds: [API server, operator, this JVM (the benchmark's client)]. */
  double[] cpuSeconds() {
    return new double[] {cpu(api.pid()), operator == null ? 0 : cpu(operator.pid()), cpu(ProcessHandle.current().pid())};
  }

  private static double cpu(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // utime and stime are fields 14 and 15 of /proc/pid/stat, in clock ticks (100 per second).
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The operator's resident set (VmRSS) and its peak (VmHWM), in bytes, read from /proc. */
  long[] operatorRss() {
    try {
      List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(operator.pid()), "status"));
      return new long[] {procKib(status, "VmRSS:") * 1024, procKib(status, "VmHWM:") * 1024};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the operator's live-object histogram (jcmd GC.class_histogram) to a file. */
  void operatorHistogram(Path file) {
    operatorJcmd(file, "GC.class_histogram");
  }

  /** Writes the output of a jcmd command on the operator (e.g. VM.native_memory) to a file. */
  void operatorJcmd(Path file, String command) {
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    jcmd(ProcessBuilder.Redirect.to(file.toFile()), command);
  }

  /** The operator's used heap after a full collection (jcmd GC.run), from its /q/metrics. */
  long operatorHeapAfterGc() {
    jcmd(ProcessBuilder.Redirect.DISCARD, "GC.run");
    String metrics = get("http://127.0.0.1:" + operatorPort + "/q/metrics").body();
    double heap = 0;
    for (String line : metrics.split("\n")) {
      if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
        heap += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    if (heap <= 0) {
      throw new IllegalStateException("no heap figure in the operator's /q/metrics");
    }
    return (long) heap;
  }

  private void jcmd(ProcessBuilder.Redirect output, String command) {
    try {
      Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
          Long.toString(operator.pid()), command).redirectErrorStream(true).redirectOutput(output).start();
      if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
        jcmd.destroyForcibly();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static long procKib(List<String> status, String field) {
    return status.stream().filter(l -> l.startsWith(field)).findFirst()
        .map(l -> Long.parseLong(l.substring(field.length()).trim().split("\\s+")[0]))
        .orElseThrow();
  }

  private static HttpResponse<String> get(String url) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }


  @Override
  public void close() {
    client.close();
    processes.close();
  }
}
