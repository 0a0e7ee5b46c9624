package dev.keysmith.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's five-minute tour, command for command, against a fresh playground started
 * with the README's own command. The tour's output holds a key; it is checked here and never
 * printed.
 */
class ReadmeTourIT {

  private static final Pattern BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyTourCommandWorks() throws Exception {
    assumeThat(Processes.JAR).exists();
    assumeThat(Path.of("/usr/bin/kubectl")).exists();
    String script = tourScript();
    try (Processes processes = new Processes()) {
      Process playground = processes.java("tour-playground", Map.of(), "playground");
      Processes.awaitLine(playground, "kubeconfig: ", Duration.ofSeconds(90));

      Path errors = Processes.LOGS.resolve("tour.err.log");
      Process tour = new ProcessBuilder("bash", "-x", "-e", "-o", "pipefail", "-c", script)
          .redirectError(errors.toFile())
          .start();
      String output = new String(tour.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(tour.waitFor(5, TimeUnit.MINUTES)).isTrue();

      assertThat(tour.exitValue())
          .as("the tour failed; commands and errors are in %s", errors)
          .isZero();
      assertThat(output)
          .contains("apikey.keysmith.dev/settlement-job condition met")
          .contains("apikey.keysmith.dev/settlement-job annotated")
          .contains("apikey.keysmith.dev/settlement-job patched")
          .contains("apikey.keysmith.dev/flash created")
          .containsPattern("flash\\s+Opaque\\s+payments-rest\\s+Expired\\s+False")
          .contains("\"state\":\"current\"");
      assertThat(output).doesNotContain("settlement-job-credentials   Opaque");
    }
  }

  /** The sh blocks between the tour markers of README.md, in order. */
  static String tourScript() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    String tour = readme.substring(readme.indexOf("<!-- tour -->"), readme.indexOf("<!-- /tour -->"));
    List<String> blocks = new ArrayList<>();
    Matcher block = BLOCK.matcher(tour);
    while (block.find()) {
      blocks.add(block.group(1));
    }
    assertThat(blocks).hasSizeGreaterThanOrEqualTo(5);
    return String.join("\n", blocks);
  }
}
