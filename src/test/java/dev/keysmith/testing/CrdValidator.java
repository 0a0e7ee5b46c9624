package dev.keysmith.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validates an object against its CRD in {@code crds/} the way an API server does at admission:
 * the OpenAPI schema (types, enums, patterns, bounds) and the CEL rules
 * ({@code x-kubernetes-validations}), which no API server in this workplace enforces.
 */
public final class CrdValidator {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final CelCompiler CEL =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  private final JsonNode schema;
  private final JsonSchema jsonSchema;

  private CrdValidator(JsonNode schema) {
    this.schema = schema;
    ObjectNode copy = schema.deepCopy();
    this.jsonSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(copy);
  }

  /** The validator of the CRD for a kind: ApiKey or ApiChannel. */
  public static CrdValidator forKind(String kind) {
    String file = kind.equals("ApiKey") ? "apikeys.keysmith.dev.yaml" : "apichannels.keysmith.dev.yaml";
    try {
      JsonNode crd = YAML.readTree(Path.of("crds", file).toFile());
      return new CrdValidator(crd.at("/spec/versions/0/schema/openAPIV3Schema"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every way the object breaks the schema or a CEL rule; empty when an API server accepts it. */
  public List<String> validate(JsonNode object) {
    List<String> problems = new ArrayList<>();
    jsonSchema.validate(withoutMetadata(object)).forEach(m -> problems.add(m.getMessage()));
    celRules("", schema, object, problems);
    return problems;
  }

  /** Evaluates the CEL rules at every level where the object has a value. */
  private static void celRules(String path, JsonNode schema, JsonNode value, List<String> problems) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return;
    }
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      String expression = rule.get("rule").asText();
      if (!evaluate(expression, value)) {
        problems.add((path.isEmpty() ? "<root>" : path) + ": " + rule.path("message").asText(expression));
      }
    }
    if (schema.has("properties") && value.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = schema.get("properties").fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> property = fields.next();
        celRules(path + "." + property.getKey(), property.getValue(), value.get(property.getKey()), problems);
      }
    }
    if (schema.has("items") && value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        celRules(path + "[" + i + "]", schema.get("items"), value.get(i), problems);
      }
    }
  }

  private static boolean evaluate(String expression, JsonNode self) {
    try {
      CelAbstractSyntaxTree ast = CEL.compile(expression).getAst();
      Object result = RUNTIME.createProgram(ast).eval(name -> "self".equals(name) ? Optional.of(cel(self)) : Optional.empty());
      return Boolean.TRUE.equals(result);
    } catch (CelValidationException e) {
      throw new IllegalStateException("CEL rule does not compile: " + expression, e);
    } catch (CelEvaluationException e) {
      // Kubernetes reports a rule that errors (e.g. duration() of a non-duration) as a failure.
      return false;
    }
  }

  /** JSON as CEL sees it: maps, lists, strings, int64s, doubles and booleans. */
  private static Object cel(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), cel(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(n -> list.add(cel(n)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.asText();
  }

  /** The schema of metadata is the API server's, not the CRD's. */
  private static JsonNode withoutMetadata(JsonNode object) {
    ObjectNode copy = object.deepCopy();
    copy.remove(List.of("metadata", "apiVersion", "kind"));
    return copy;
  }
}
