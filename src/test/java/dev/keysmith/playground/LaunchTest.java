package dev.keysmith.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line, parsed before anything starts. */
class LaunchTest {

  @TempDir Path dir;

  @Test
  void noArgumentsRunTheOperator() throws Exception {
    assertThat(Launch.parse()).isEqualTo(new Launch.Operator());
  }

  @Test
  void playgroundDefaultsToAnyPortTheUsualKubeconfigAndTheExamples() throws Exception {
    assertThat(Launch.parse("playground"))
        .isEqualTo(new Launch.Playground(0, Launch.DEFAULT_KUBECONFIG, false, true, List.of()));
  }

  @Test
  void playgroundTakesEveryOption() throws Exception {
    Path more = dir.resolve("more");
    Files.createDirectories(more);

    Launch launch =
        Launch.parse(
            "playground",
            "--port",
            "6443",
            "--kubeconfig",
            "/tmp/kc",
            "--api-only",
            "--no-examples",
            "--apply",
            dir.toString(),
            "--apply=" + more);

    assertThat(launch)
        .isEqualTo(
            new Launch.Playground(6443, Path.of("/tmp/kc"), true, false, List.of(dir, more)));
  }

  @Test
  void helpIsRecognisedEverywhere() throws Exception {
    assertThat(Launch.parse("--help")).isEqualTo(new Launch.Help());
    assertThat(Launch.parse("playground", "-h")).isEqualTo(new Launch.Help());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          playground --bogus                 | unknown option: --bogus
          playground --port                  | --port needs a value
          playground --port abc              | --port needs a number from 0 to 65535, not "abc"
          playground --port 70000            | --port needs a number from 0 to 65535, not "70000"
          playground --port --api-only       | --port needs a value
          playground --apply /does/not/exist | --apply: no such directory or file: /does/not/exist
          playground --api-only=yes          | --api-only takes no value
          playground extra                   | unexpected argument: extra
          operator                           | unknown command: operator
          """)
  void badArgumentsAreRejectedWithAReason(String commandLine, String message) {
    assertThatThrownBy(() -> Launch.parse(commandLine.split(" ")))
        .isInstanceOf(Launch.UsageException.class)
        .hasMessage(message);
  }

  @Test
  void theJarExitsWithUsageOnBadArgumentsWithoutStartingAnything() throws Exception {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                KeysmithMain.class.getName(),
                "playground",
                "--port",
                "x")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes());

    assertThat(process.waitFor()).isEqualTo(KeysmithMain.USAGE_ERROR);
    assertThat(output)
        .startsWith("error: --port needs a number from 0 to 65535, not \"x\"")
        .contains("Usage:", "--api-only")
        .doesNotContainPattern("(?m)^kubeconfig: ");
  }
}
