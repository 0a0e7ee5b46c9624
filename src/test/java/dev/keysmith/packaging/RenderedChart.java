package dev.keysmith.packaging;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * The chart in helm/keysmith rendered by Helm itself ({@code helm template}, in-process through
 * helm-java), split into its documents and parsed.
 */
final class RenderedChart {

  static final Path CHART = Path.of("helm/keysmith");
  static final String RELEASE = "keysmith";
  static final String NAMESPACE = "keysmith-system";
  static final String KUBE_VERSION = "1.32.0";

  /** Duplicate keys are errors, not "last one wins": a template must not produce any. */
  static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

  /** One rendered document: the template it came from, its text (without Helm's "# Source" line) and its tree. */
  record Document(String source, String text, JsonNode tree) {
    String kind() {
      return tree.path("kind").asText();
    }

    String name() {
      return tree.path("metadata").path("name").asText();
    }

    String namespace() {
      return tree.path("metadata").path("namespace").asText(null);
    }
  }

  private final List<Document> documents;

  private RenderedChart(List<Document> documents) {
    this.documents = documents;
  }

  /**
   * Renders the chart with its default values overridden by {@code values} (YAML, as in a values
   * file given with -f). helm-java's template defaults to Kubernetes 1.20, older than the chart's
   * kubeVersion, so the version of the kubectl on these machines is named.
   */
  static RenderedChart render(String values) {
    return parse(template(values).call());
  }

  static RenderedChart render() {
    return render("");
  }

  static TemplateCommand template(String values) {
    Path file;
    try {
      file = Files.createTempFile("keysmith-values", ".yaml");
      Files.writeString(file, values);
      file.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Helm(CHART)
        .template()
        .withName(RELEASE)
        .withNamespace(NAMESPACE)
        .withKubeVersion(KUBE_VERSION)
        .withValuesFile(file);
  }

  static RenderedChart parse(String output) {
    List<Document> documents = new ArrayList<>();
    for (String part : DOCUMENT_SEPARATOR.split(output)) {
      String source = null;
      StringBuilder text = new StringBuilder();
      for (String line : part.split("\n", -1)) {
        if (source == null && line.startsWith("# Source: ")) {
          source = line.substring("# Source: ".length());
        } else {
          text.append(line).append('\n');
        }
      }
      JsonNode tree = readYaml(text.toString());
      if (tree != null && !tree.isMissingNode() && !tree.isNull()) {
        documents.add(new Document(source, text.toString(), tree));
      }
    }
    return new RenderedChart(documents);
  }

  static JsonNode readYaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("Not valid YAML:\n" + text, e);
    }
  }

  List<Document> documents() {
    return documents;
  }

  List<Document> ofKind(String kind) {
    return documents.stream().filter(d -> d.kind().equals(kind)).toList();
  }

  Optional<Document> find(String kind, String name) {
    return documents.stream().filter(d -> d.kind().equals(kind) && d.name().equals(name)).findFirst();
  }

  Document get(String kind, String name) {
    return find(kind, name)
        .orElseThrow(() -> new AssertionError("No " + kind + " " + name + " in " + names()));
  }

  List<String> names() {
    return documents.stream().map(d -> d.kind() + "/" + d.name()).toList();
  }

  /** The operator's container. */
  JsonNode container() {
    return get("Deployment", RELEASE).tree().at("/spec/template/spec/containers/0");
  }

  /** The operator container's environment: plain values by name ({@code valueFrom} as its JSON). */
  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode variable : container().path("env")) {
      String name = variable.path("name").asText();
      if (env.containsKey(name)) {
        throw new AssertionError("Environment variable " + name + " is set twice");
      }
      env.put(
          name,
          variable.has("valueFrom") ? variable.get("valueFrom").toString() : variable.path("value").asText());
    }
    return env;
  }

  /**
   * The rules of a Role or ClusterRole as comparable text lines, one per (apiGroup, resource,
   * resourceNames) with its verbs sorted: "group resource [names] [verbs]".
   */
  static List<String> rules(Document role) {
    List<String> lines = new ArrayList<>();
    for (JsonNode rule : role.tree().path("rules")) {
      for (JsonNode group : rule.path("apiGroups")) {
        for (JsonNode resource : rule.path("resources")) {
          String names = rule.has("resourceNames") ? " " + strings(rule.get("resourceNames")) : "";
          lines.add(
              (group.asText().isEmpty() ? "core" : group.asText()) + " " + resource.asText() + names
                  + " " + new TreeSet<>(strings(rule.path("verbs"))));
        }
      }
    }
    return lines;
  }

  static List<String> strings(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  static ObjectNode withoutPath(JsonNode tree, String... path) {
    ObjectNode copy = tree.deepCopy();
    ObjectNode parent = copy;
    for (int i = 0; i < path.length - 1; i++) {
      parent = (ObjectNode) parent.get(path[i]);
    }
    parent.remove(path[path.length - 1]);
    return copy;
  }

  static ArrayNode array(JsonNode node) {
    return (ArrayNode) node;
  }
}
