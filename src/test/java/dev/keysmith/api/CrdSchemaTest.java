package dev.keysmith.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The API contract every CRD field must keep (DESIGN.md, "Rules for the whole API"). */
class CrdSchemaTest {

  @ParameterizedTest
  @ValueSource(strings = {"apikeys.keysmith.dev", "apichannels.keysmith.dev"})
  void everyFieldIsDescribedAndNoneHasASchemaDefault(String name) throws IOException {
    CustomResourceDefinition crd = load(name);
    List<String> undescribed = new ArrayList<>();
    List<String> defaulted = new ArrayList<>();
    JSONSchemaProps root = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
    walk("", root, undescribed, defaulted);

    assertThat(undescribed).as("fields without a description").isEmpty();
    assertThat(defaulted).as("fields with a schema default (Argo CD would report OutOfSync)").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"apikeys.keysmith.dev", "apichannels.keysmith.dev"})
  void namesAndSubresourcesAreAsDesigned(String name) throws IOException {
    CustomResourceDefinition crd = load(name);

    assertThat(crd.getSpec().getGroup()).isEqualTo("keysmith.dev");
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(crd.getSpec().getNames().getCategories()).containsExactly("keysmith");
    assertThat(crd.getSpec().getNames().getShortNames())
        .containsExactly(name.startsWith("apikeys") ? "ak" : "ach");
    assertThat(crd.getSpec().getVersions()).singleElement().satisfies(v -> {
      assertThat(v.getName()).isEqualTo("v1alpha1");
      assertThat(v.getSubresources().getStatus()).isNotNull();
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"apikeys.keysmith.dev", "apichannels.keysmith.dev"})
  void printerColumnsAreInTheDesignedOrder(String name) throws IOException {
    List<String> expected =
        name.startsWith("apikeys")
            ? List.of("TYPE", "CHANNEL", "PHASE", "READY", "SECRET", "EXPIRES", "NEXT-ROTATION", "AGE")
            : List.of("PROTOCOL", "ACTIVE", "KEYS", "READY", "AGE");
    assertThat(load(name).getSpec().getVersions().get(0).getAdditionalPrinterColumns())
        .extracting(c -> c.getName())
        .containsExactlyElementsOf(expected);
  }

  private static void walk(String path, JSONSchemaProps schema, List<String> undescribed, List<String> defaulted) {
    if (schema.getDefault() != null) {
      defaulted.add(path);
    }
    if (schema.getProperties() != null) {
      for (Map.Entry<String, JSONSchemaProps> property : schema.getProperties().entrySet()) {
        String child = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
        if (property.getValue().getDescription() == null || property.getValue().getDescription().isBlank()) {
          undescribed.add(child);
        }
        walk(child, property.getValue(), undescribed, defaulted);
      }
    }
    if (schema.getItems() != null && schema.getItems().getSchema() != null) {
      walk(path + "[]", schema.getItems().getSchema(), undescribed, defaulted);
    }
    if (schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() != null) {
      walk(path + "{}", schema.getAdditionalProperties().getSchema(), undescribed, defaulted);
    }
  }

  static CustomResourceDefinition load(String name) throws IOException {
    try (InputStream in = Files.newInputStream(Path.of("crds", name + ".yaml"))) {
      return new KubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
    }
  }
}
