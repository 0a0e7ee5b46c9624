package dev.keysmith.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The packaged jar, run as the README says, in processes of their own. Their output goes to files
 * under target/it-logs, never to the test's output; Keysmith never logs key material.
 */
final class Processes implements AutoCloseable {

  static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
  static final Path LOGS = Path.of("target/it-logs");

  private final List<Process> started = new ArrayList<>();

  /**
   * Starts {@code java -jar quarkus-run.jar args...}. Stderr goes to target/it-logs/{name}.err.log;
   * stdout too, unless the command is the playground, whose stdout carries the kubeconfig line
   * (and nothing else: its logs go to stderr).
   */
  Process java(String name, Map<String, String> env, String... args) {
    return java(name, env, List.of(), args);
  }

  /** As {@link #java(String, Map, String...)}, with options for the JVM (e.g. a heap limit). */
  Process java(String name, Map<String, String> env, List<String> jvmOptions, String... args) {
    boolean playground = args.length > 0 && args[0].equals("playground");
    List<String> command = new ArrayList<>(List.of(javaBinary()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", JAR.toString()));
    command.addAll(List.of(args));
    try {
      Files.createDirectories(LOGS);
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
      builder.environment().putAll(env);
      builder.redirectError(LOGS.resolve(name + ".err.log").toFile());
      if (!playground) {
        builder.redirectOutput(LOGS.resolve(name + ".out.log").toFile());
      }
      Process process = builder.start();
      started.add(process);
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the process's stdout until a line starts with {@code prefix}, and returns that line. */
  static String awaitLine(Process process, String prefix, Duration timeout) {
    CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
      try {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String next = reader.readLine(); next != null; next = reader.readLine()) {
          if (next.startsWith(prefix)) {
            return next;
          }
        }
        throw new IllegalStateException("the process ended without printing " + prefix);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    try {
      return line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("no line starting with '" + prefix + "' within " + timeout, e);
    }
  }

  /** A TCP port free at the moment, e.g. for an operator's HTTP server (never the default 8080). */
  static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Override
  public void close() {
    for (Process process : started) {
      process.destroy();
    }
    for (Process process : started) {
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
