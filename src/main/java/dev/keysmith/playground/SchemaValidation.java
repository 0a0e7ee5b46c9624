package dev.keysmith.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keysmith.playground.ApiException.FieldError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Admission of custom resources against their CRD's structural schema, as the API server does it:
 * type, enum, pattern, length, range, item count and required checks reject a write (422 Invalid);
 * fields the schema does not declare are dropped, reported as warnings, or rejected, per the
 * request's {@code fieldValidation} (Ignore, Warn - the default -, Strict - kubectl's default). CEL
 * rules ({@code x-kubernetes-validations}), defaults and formats are not evaluated: Keysmith's
 * reconciler checks its specs itself and reports {@code InvalidSpec}.
 */
final class SchemaValidation {

  private static final Set<String> OBJECT_ENVELOPE = Set.of("apiVersion", "kind", "metadata");

  private final List<FieldError> errors = new ArrayList<>();
  private final List<String> unknownFields = new ArrayList<>();

  private SchemaValidation() {}

  /**
   * Validates {@code object} in place, pruning undeclared fields.
   *
   * @return warnings for the dropped fields (with fieldValidation Warn)
   * @throws ApiException on violations, or on undeclared fields with fieldValidation Strict
   */
  static List<String> admit(ApiResource resource, ObjectNode object, String fieldValidation) {
    JsonNode schema = resource.schema();
    if (schema == null || schema.isMissingNode()) {
      return List.of();
    }
    SchemaValidation validation = new SchemaValidation();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (OBJECT_ENVELOPE.contains(field.getKey())) {
        continue;
      }
      JsonNode fieldSchema = schema.path("properties").get(field.getKey());
      if (isDroppedNull(field.getValue(), fieldSchema)) {
        it.remove();
      } else if (fieldSchema == null
          && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
        validation.unknownFields.add(field.getKey());
        it.remove();
      } else {
        field.setValue(validation.validate(field.getValue(), fieldSchema, field.getKey()));
      }
    }
    String name = Json.text(object, "metadata.name");
    if (!validation.errors.isEmpty()) {
      throw ApiException.invalid(resource.kind(), resource.group(), name, validation.errors);
    }
    if (validation.unknownFields.isEmpty()) {
      return List.of();
    }
    String mode = fieldValidation == null ? "Warn" : fieldValidation;
    return switch (mode) {
      case "Strict" ->
          throw ApiException.badRequest(
              resource.kind()
                  + " in version \""
                  + resource.version()
                  + "\" cannot be handled as a "
                  + resource.kind()
                  + ": strict decoding error: "
                  + String.join(
                      ", ",
                      validation.unknownFields.stream()
                          .map(f -> "unknown field \"" + f + "\"")
                          .toList()));
      case "Ignore" -> List.of();
      default -> validation.unknownFields.stream().map(f -> "unknown field \"" + f + "\"").toList();
    };
  }

  /** Validates one value; returns it, pruned of undeclared fields. */
  private JsonNode validate(JsonNode value, JsonNode schema, String path) {
    if (schema == null || value.isNull() && schema.path("nullable").asBoolean()) {
      return value;
    }
    if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
      if (!value.isIntegralNumber() && !value.isTextual()) {
        typeError(value, path, "integer or string");
      }
      return value;
    }
    String type = schema.path("type").asText("");
    if (!type.isEmpty() && !hasType(value, type)) {
      typeError(value, path, type);
      return value;
    }
    checkEnum(value, schema, path);
    if (value.isTextual()) {
      checkString(value.asText(), schema, path);
    } else if (value.isNumber()) {
      checkNumber(value, schema, path);
    } else if (value.isArray()) {
      checkCount(value.size(), schema, path);
      JsonNode items = schema.get("items");
      for (int i = 0; i < value.size(); i++) {
        ((ArrayNode) value).set(i, validate(value.get(i), items, path + "[" + i + "]"));
      }
    } else if (value.isObject()) {
      validateObject((ObjectNode) value, schema, path);
    }
    return value;
  }

  private void validateObject(ObjectNode value, JsonNode schema, String path) {
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asText())) {
        errors.add(
            new FieldError(path + "." + required.asText(), "FieldValueRequired", "Required value"));
      }
    }
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.get("additionalProperties");
    boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean();
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String fieldPath = path + "." + field.getKey();
      JsonNode fieldSchema = properties.get(field.getKey());
      if (fieldSchema == null && additional != null && additional.isObject()) {
        fieldSchema = additional;
      }
      if (isDroppedNull(field.getValue(), fieldSchema)) {
        it.remove();
      } else if (fieldSchema != null) {
        field.setValue(validate(field.getValue(), fieldSchema, fieldPath));
      } else if (!preserve && !(additional != null && additional.asBoolean(false))) {
        unknownFields.add(fieldPath);
        it.remove();
      }
    }
  }

  /** A null where the schema does not allow one is dropped, as the API server does. */
  private static boolean isDroppedNull(JsonNode value, JsonNode schema) {
    return value.isNull() && (schema == null || !schema.path("nullable").asBoolean());
  }

  private static boolean hasType(JsonNode value, String type) {
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      default -> true;
    };
  }

  private void typeError(JsonNode value, String path, String expected) {
    errors.add(
        new FieldError(
            path,
            "FieldValueTypeInvalid",
            "Invalid value: \""
                + jsonType(value)
                + "\": "
                + path
                + " in body must be of type "
                + expected
                + ": \""
                + jsonType(value)
                + "\""));
  }

  private static String jsonType(JsonNode value) {
    if (value.isObject()) {
      return "object";
    } else if (value.isArray()) {
      return "array";
    } else if (value.isTextual()) {
      return "string";
    } else if (value.isIntegralNumber()) {
      return "integer";
    } else if (value.isNumber()) {
      return "number";
    } else if (value.isBoolean()) {
      return "boolean";
    }
    return "null";
  }

  private void checkEnum(JsonNode value, JsonNode schema, String path) {
    JsonNode allowed = schema.get("enum");
    if (allowed == null || !allowed.isArray()) {
      return;
    }
    for (JsonNode option : allowed) {
      if (option.equals(value)) {
        return;
      }
    }
    List<String> options = new ArrayList<>();
    allowed.forEach(o -> options.add(Json.write(o)));
    errors.add(
        new FieldError(
            path,
            "FieldValueNotSupported",
            "Unsupported value: "
                + Json.write(value)
                + ": supported values: "
                + String.join(", ", options)));
  }

  private void checkString(String value, JsonNode schema, String path) {
    int length = value.codePointCount(0, value.length());
    if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
      errors.add(
          new FieldError(
              path,
              "FieldValueTooLong",
              "Too long: may not be longer than " + schema.get("maxLength").asInt()));
    }
    if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
      errors.add(
          new FieldError(
              path,
              "FieldValueInvalid",
              "Invalid value: \""
                  + value
                  + "\": "
                  + path
                  + " in body should be at least "
                  + schema.get("minLength").asInt()
                  + " chars long"));
    }
    if (schema.has("pattern")) {
      String pattern = schema.get("pattern").asText();
      try {
        if (!Pattern.compile(pattern).matcher(value).find()) {
          errors.add(
              new FieldError(
                  path,
                  "FieldValueInvalid",
                  "Invalid value: \""
                      + value
                      + "\": "
                      + path
                      + " in body should match '"
                      + pattern
                      + "'"));
        }
      } catch (PatternSyntaxException e) {
        // A pattern Java cannot compile (RE2 syntax) is not held against the object.
      }
    }
  }

  private void checkNumber(JsonNode value, JsonNode schema, String path) {
    double number = value.asDouble();
    if (schema.has("minimum") && number < schema.get("minimum").asDouble()) {
      errors.add(
          new FieldError(
              path,
              "FieldValueInvalid",
              "Invalid value: "
                  + value
                  + ": "
                  + path
                  + " in body should be greater than or equal to "
                  + schema.get("minimum")));
    }
    if (schema.has("maximum") && number > schema.get("maximum").asDouble()) {
      errors.add(
          new FieldError(
              path,
              "FieldValueInvalid",
              "Invalid value: "
                  + value
                  + ": "
                  + path
                  + " in body should be less than or equal to "
                  + schema.get("maximum")));
    }
  }

  private void checkCount(int size, JsonNode schema, String path) {
    if (schema.has("maxItems") && size > schema.get("maxItems").asInt()) {
      errors.add(
          new FieldError(
              path,
              "FieldValueTooMany",
              "Too many: "
                  + size
                  + ": must have at most "
                  + schema.get("maxItems").asInt()
                  + " items"));
    }
    if (schema.has("minItems") && size < schema.get("minItems").asInt()) {
      errors.add(
          new FieldError(
              path,
              "FieldValueInvalid",
              "Invalid value: "
                  + size
                  + ": "
                  + path
                  + " in body should have at least "
                  + schema.get("minItems").asInt()
                  + " items"));
    }
  }
}
