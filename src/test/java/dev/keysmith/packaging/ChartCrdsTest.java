package dev.keysmith.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keysmith.packaging.RenderedChart.Document;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chart installs the repository's CRDs, unchanged but for the annotation that keeps them on
 * uninstall. Helm cannot read files outside the chart, so the chart carries copies, refreshed
 * together with crds/ by CrdsInSyncTest's update run (see its comment).
 */
class ChartCrdsTest {

  private static final Path CRDS = Path.of("crds");
  private static final Path CHART_CRDS = RenderedChart.CHART.resolve("files/crds");
  private static final String UPDATE =
      "./mvnw test -Dtest=CrdsInSyncTest -Dupdate-crds=true";
  private static final String KEEP = "  annotations:\n    helm.sh/resource-policy: keep\n";

  @Test
  void chartCarriesExactCopiesOfTheRepositoryCrds() throws IOException {
    assertThat(fileNames(CHART_CRDS)).isEqualTo(fileNames(CRDS)).isNotEmpty();
    for (String name : fileNames(CRDS)) {
      assertThat(Files.readString(CHART_CRDS.resolve(name)))
          .as("%s differs from crds/%s: refresh both with %s", CHART_CRDS.resolve(name), name, UPDATE)
          .isEqualTo(Files.readString(CRDS.resolve(name)));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"apikeys.keysmith.dev", "apichannels.keysmith.dev"})
  void renderedCrdIsTheRepositoryFileWithTheKeepAnnotation(String name) throws IOException {
    String file = Files.readString(CRDS.resolve(name + ".yaml"));

    Document crd = RenderedChart.render().get("CustomResourceDefinition", name);

    assertThat(crd.text().strip()).isEqualTo(file.replaceFirst("(?m)^metadata:\n", "metadata:\n" + KEEP).strip());
    assertThat(crd.tree().at("/metadata/annotations").path("helm.sh/resource-policy").asText()).isEqualTo("keep");
    assertThat(RenderedChart.withoutPath(crd.tree(), "metadata", "annotations"))
        .isEqualTo(RenderedChart.readYaml(file));
  }

  @ParameterizedTest
  @ValueSource(strings = {"apikeys.keysmith.dev", "apichannels.keysmith.dev"})
  void withoutKeepTheCrdIsRenderedByteForByte(String name) throws IOException {
    Document crd = RenderedChart.render("crds: {keep: false}").get("CustomResourceDefinition", name);

    assertThat(crd.text().strip()).isEqualTo(Files.readString(CRDS.resolve(name + ".yaml")).strip());
  }

  @Test
  void crdsCanBeLeftOut() {
    assertThat(RenderedChart.render().ofKind("CustomResourceDefinition")).hasSize(2);
    assertThat(RenderedChart.render("crds: {enabled: false}").ofKind("CustomResourceDefinition")).isEmpty();
  }

  private static List<String> fileNames(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
