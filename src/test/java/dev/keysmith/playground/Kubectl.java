package dev.keysmith.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Runs the real kubectl against a kubeconfig, with a discovery cache of its own. */
final class Kubectl {

  private static final Path BINARY = Path.of("/usr/bin/kubectl");

  private final Path kubeconfig;
  private final Path cacheDir;

  Kubectl(Path kubeconfig, Path cacheDir) {
    this.kubeconfig = kubeconfig;
    this.cacheDir = cacheDir;
  }

  /** Skips the calling test class where kubectl is not installed. */
  static void assumeInstalled() {
    assumeTrue(Files.isExecutable(BINARY), "kubectl is not installed at " + BINARY);
  }

  record Result(int exitCode, String out, String err) {
    Result succeeded() {
      assertThat(exitCode).as("kubectl exit code; stderr: %s; stdout: %s", err, out).isZero();
      return this;
    }
  }

  /** Runs kubectl to completion (at most 60 s). */
  Result run(String... args) {
    return runWithInput(null, args);
  }

  /** Runs kubectl with {@code stdin} as its input, e.g. for {@code apply -f -}. */
  Result runWithInput(String stdin, String... args) {
    try {
      Process process = start(args);
      if (stdin != null) {
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      process.getOutputStream().close();
      // Both streams are drained concurrently so that a full pipe cannot block kubectl.
      StreamCollector out = new StreamCollector(process.getInputStream());
      StreamCollector err = new StreamCollector(process.getErrorStream());
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish");
      }
      return new Result(process.exitValue(), out.text(), err.text());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Starts a long-running kubectl (such as {@code get -w}) whose output lines are collected. */
  Background background(String... args) {
    try {
      Process process = start(args);
      process.getOutputStream().close();
      return new Background(
          process,
          new StreamCollector(process.getInputStream()),
          new StreamCollector(process.getErrorStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.add("--kubeconfig=" + kubeconfig);
    command.add("--cache-dir=" + cacheDir);
    command.addAll(List.of(args));
    return new ProcessBuilder(command).start();
  }

  record Background(Process process, StreamCollector out, StreamCollector err)
      implements AutoCloseable {
    @Override
    public void close() {
      process.destroyForcibly();
    }
  }

  /** Reads a stream on a thread of its own, line by line. */
  static final class StreamCollector {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    StreamCollector(InputStream stream) {
      reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = in.readLine()) != null) {
                    lines.add(line);
                  }
                } catch (IOException e) {
                  // the process ended
                }
              },
              "kubectl-output");
      reader.setDaemon(true);
      reader.start();
    }

    List<String> lines() {
      return lines;
    }

    String text() throws InterruptedException {
      reader.join(TimeUnit.SECONDS.toMillis(10));
      return String.join("\n", lines);
    }
  }
}
