package dev.keysmith.playground;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSONPath subset that CRD printer columns use: {@code .a.b}, {@code ['a']}, {@code [0]},
 * {@code [*]} and filters such as {@code [?(@.type=="Ready")]} (with {@code ==} or {@code !=}). As
 * for the API server's printer columns, only the first result counts.
 */
final class JsonPath {

  private static final Pattern FILTER =
      Pattern.compile(
          "\\?\\(@((?:\\.[^.=!\\s]+)+)\\s*(==|!=)\\s*(?:\"([^\"]*)\"|'([^']*)'|(\\S+?))\\s*\\)");

  private final List<String> steps;

  private JsonPath(List<String> steps) {
    this.steps = steps;
  }

  static JsonPath compile(String expression) {
    String path = expression.trim();
    if (path.startsWith("{") && path.endsWith("}")) {
      path = path.substring(1, path.length() - 1).trim();
    }
    if (path.startsWith("$")) {
      path = path.substring(1);
    }
    List<String> steps = new ArrayList<>();
    int i = 0;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        steps.add(path.substring(i + 1, end));
        i = end;
      } else if (c == '[') {
        int end = closingBracket(path, i);
        steps.add(checked(path.substring(i, end + 1)));
        i = end + 1;
      } else {
        throw new IllegalArgumentException("unsupported JSONPath: " + expression);
      }
    }
    return new JsonPath(steps);
  }

  /** Rejects a bracket step that {@link #select} would not understand. */
  private static String checked(String step) {
    String inner = step.substring(1, step.length() - 1).trim();
    boolean supported =
        inner.equals("*")
            || inner.matches("'[^']*'|\"[^\"]*\"|-?\\d+")
            || FILTER.matcher(inner).matches();
    if (!supported) {
      throw new IllegalArgumentException("unsupported JSONPath step: " + step);
    }
    return step;
  }

  private static int closingBracket(String path, int open) {
    int depth = 0;
    char quote = 0;
    for (int i = open; i < path.length(); i++) {
      char c = path.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '[') {
        depth++;
      } else if (c == ']' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unbalanced brackets in JSONPath: " + path);
  }

  /** The first node the path selects, or null when it selects nothing. */
  JsonNode first(JsonNode root) {
    List<JsonNode> current = List.of(root);
    for (String step : steps) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        select(node, step, next);
      }
      current = next;
    }
    return current.stream().filter(n -> !n.isMissingNode() && !n.isNull()).findFirst().orElse(null);
  }

  private static void select(JsonNode node, String step, List<JsonNode> out) {
    if (!step.startsWith("[")) {
      if (!step.isEmpty() && node.has(step)) {
        out.add(node.get(step));
      }
      return;
    }
    String inner = step.substring(1, step.length() - 1).trim();
    if (inner.equals("*")) {
      node.elements().forEachRemaining(out::add);
    } else if (inner.startsWith("'") || inner.startsWith("\"")) {
      String field = inner.substring(1, inner.length() - 1);
      if (node.has(field)) {
        out.add(node.get(field));
      }
    } else if (inner.startsWith("?")) {
      Matcher m = FILTER.matcher(inner);
      if (!m.matches()) {
        throw new IllegalArgumentException("unsupported JSONPath filter: " + inner);
      }
      JsonPath field = compile(m.group(1));
      String expected =
          m.group(3) != null ? m.group(3) : m.group(4) != null ? m.group(4) : m.group(5);
      boolean equal = m.group(2).equals("==");
      for (JsonNode element : node) {
        JsonNode value = field.first(element);
        boolean matches = value != null && value.asText().equals(expected);
        if (matches == equal) {
          out.add(element);
        }
      }
    } else {
      int index = Integer.parseInt(inner);
      JsonNode element = node.get(index < 0 ? node.size() + index : index);
      if (element != null) {
        out.add(element);
      }
    }
  }
}
