package dev.keysmith.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keysmith.support.KeysmithConfig;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The operations docs stay connected: links resolve, every setting is documented and charted. */
class DocsTest {

  private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

  @Test
  void relativeLinksOfTheReadmeAndDocsPointAtExistingFiles() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
    try (Stream<Path> docs = Files.list(Path.of("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
    }
    assertThat(pages).hasSizeGreaterThanOrEqualTo(8);
    for (Path page : pages) {
      Matcher link = LINK.matcher(Files.readString(page));
      while (link.find()) {
        String target = link.group(1);
        if (!target.contains("://")) {
          assertThat(page.resolveSibling(target)).as("link %s in %s", target, page).exists();
        }
      }
    }
  }

  @Test
  void everyKeysmithSettingIsDocumentedAndSettableThroughTheChart() throws IOException {
    String configuration = Files.readString(Path.of("docs/configuration.md"));
    String readme = Files.readString(Path.of("README.md"));
    JsonNode schema =
        new ObjectMapper().readTree(RenderedChart.CHART.resolve("values.schema.json").toFile()).at("/properties/config");
    List<String> properties = properties("", KeysmithConfig.class);

    assertThat(properties).contains("foreign-secret-poll-interval", "rotation.concurrency", "keyring.bcrypt-cost");
    for (String property : properties) {
      String variable = "KEYSMITH_" + property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
      assertThat(configuration).as("docs/configuration.md").contains("`keysmith." + property + "`", "`" + variable + "`");
      JsonNode node = schema;
      for (String part : property.split("\\.")) {
        node = node.path("properties").path(part);
      }
      if (property.equals("leader-election.lease-namespace")) {
        assertThat(node.isMissingNode()).as("the chart owns the Lease's namespace").isTrue();
      } else {
        assertThat(node.isMissingNode()).as("values.schema.json config.%s", property).isFalse();
      }
    }
    assertThat(readme).contains("docs/configuration.md");
  }

  /** keysmith.* property names of a @ConfigMapping interface: nested interfaces are groups. */
  private static List<String> properties(String prefix, Class<?> mapping) {
    List<String> names = new ArrayList<>();
    for (Method method : mapping.getDeclaredMethods()) {
      if (method.isDefault() || method.getParameterCount() > 0 || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      String name = prefix + method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
      Class<?> type = method.getReturnType();
      if (type.isInterface() && type.getEnclosingClass() == KeysmithConfig.class) {
        names.addAll(properties(name + ".", type));
      } else {
        names.add(name);
      }
    }
    return names.stream().sorted().toList();
  }
}
