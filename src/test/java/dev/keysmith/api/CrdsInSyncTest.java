package dev.keysmith.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keysmith.testing.KubernetesApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CRDs in crds/ are what the build generates from dev.keysmith.api.v1alpha1 (into
 * target/kubernetes while this application was built for the tests). After changing the API, run
 * {@code ./mvnw test -Dtest=CrdsInSyncTest -Dupdate-crds=true} and commit crds/ and the Helm
 * chart's copies in helm/keysmith/files/crds/ (ChartCrdsTest checks those). The flag is not under
 * keysmith.*: that config mapping rejects properties it does not know.
 */
@QuarkusTest
@QuarkusTestResource(KubernetesApi.class)
class CrdsInSyncTest {

  @ParameterizedTest
  @ValueSource(strings = {"apikeys.keysmith.dev", "apichannels.keysmith.dev"})
  void committedCrdMatchesTheGeneratedOne(String name) throws IOException {
    Path generated = Path.of("target/kubernetes", name + "-v1.yml");
    Path committed = Path.of("crds", name + ".yaml");
    if (Boolean.getBoolean("update-crds")) {
      Files.copy(generated, committed, StandardCopyOption.REPLACE_EXISTING);
      Files.copy(
          generated,
          Path.of("helm/keysmith/files/crds", name + ".yaml"),
          StandardCopyOption.REPLACE_EXISTING);
    }
    assertThat(Files.readString(committed))
        .as("%s differs from the generated CRD; see this test's comment", committed)
        .isEqualTo(Files.readString(generated));
  }
}
