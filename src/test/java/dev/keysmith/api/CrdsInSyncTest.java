package dev.keysmith.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keysmith.testing.KubernetesApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CRDs in crds/ are what the build generates from dev.keysmith.api.v1alpha1 (into
 * target/kubernetes while this application was built for the tests). After changing the API, run
 * {@code ./mvnw test -Dtest=CrdsInSyncTest -Dkeysmith.crds.update=true
 * -Dsmallrye.config.mapping.validate-unknown=false} and commit crds/ and the Helm chart's copies in
 * helm/keysmith/files/crds/ (ChartCrdsTest checks those). The last flag is needed because
 * keysmith.crds.update is not a property of KeysmithConfig, whose keysmith.* mapping otherwise
 * rejects it and the application does not start.
 */
@QuarkusTest
@QuarkusTestResource(KubernetesApi.class)
class CrdsInSyncTest {

  @ParameterizedTest
  @ValueSource(strings = {"apikeys.keysmith.dev", "apichannels.keysmith.dev"})
  void committedCrdMatchesTheGeneratedOne(String name) throws IOException {
    Path generated = Path.of("target/kubernetes", name + "-v1.yml");
    Path committed = Path.of("crds", name + ".yaml");
    if (Boolean.getBoolean("keysmith.crds.update")) {
      Files.copy(generated, committed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.copy(
          generated,
          Path.of("helm/keysmith/files/crds", name + ".yaml"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    assertThat(Files.readString(committed))
        .as("%s differs from the generated CRD; see this test's comment", committed)
        .isEqualTo(Files.readString(generated));
  }
}
