package dev.keysmith.playground;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Label and field selectors, evaluated here because the store understands only part of them: it
 * ignores set-based label requirements ({@code in}, {@code notin}) and so returns everything, and
 * it knows no field but {@code metadata.name} and {@code metadata.namespace}, so that {@code
 * kubectl describe}'s event query ({@code involvedObject.name=...}) finds nothing.
 *
 * <p>The store still gets the requirements it evaluates correctly: on watches it uses them to turn
 * an object that stops matching into a DELETED event, which filtering afterwards cannot do.
 */
final class Selectors {

  private static final Pattern SET_BASED =
      Pattern.compile("\\s*(\\S+?)\\s+(in|notin)\\s*\\(([^)]*)\\)\\s*");
  private static final Pattern EQUALITY =
      Pattern.compile("\\s*([^!=\\s]+)\\s*(==|=|!=)\\s*(\\S*)\\s*");
  private static final Pattern EXISTS = Pattern.compile("\\s*(!?)([^!=\\s]+)\\s*");

  /** What the store's selector grammar accepts; also needs no URL-encoding. */
  private static final Pattern STORE_VALUE = Pattern.compile("[a-zA-Z0-9-_.]+");

  private static final Pattern STORE_KEY = Pattern.compile("[a-zA-Z0-9-_./]+");
  private static final Set<String> STORE_FIELDS = Set.of("metadata.name", "metadata.namespace");

  private Selectors() {}

  /** A predicate on objects for a label selector; matches everything when blank. */
  static Predicate<JsonNode> labels(String selector) {
    Predicate<JsonNode> all = o -> true;
    for (String term : terms(selector)) {
      all = all.and(labelTerm(term));
    }
    return all;
  }

  /** A predicate on objects for a field selector; fields are dotted paths into the object. */
  static Predicate<JsonNode> fields(String selector) {
    Predicate<JsonNode> all = o -> true;
    for (String term : terms(selector)) {
      Matcher m = EQUALITY.matcher(term);
      if (!m.matches()) {
        throw ApiException.badRequest("invalid field selector: " + term);
      }
      String field = m.group(1);
      String value = m.group(3);
      boolean equal = !m.group(2).equals("!=");
      all = all.and(o -> value.equals(fieldValue(o, field)) == equal);
    }
    return all;
  }

  /** The requirements of a label selector the store evaluates correctly itself. */
  static String forStoreLabels(String selector) {
    return terms(selector).stream()
        .filter(
            term -> {
              Matcher m = EQUALITY.matcher(term);
              if (m.matches()) {
                return STORE_KEY.matcher(m.group(1)).matches()
                    && STORE_VALUE.matcher(m.group(3)).matches();
              }
              m = EXISTS.matcher(term);
              return !SET_BASED.matcher(term).matches()
                  && m.matches()
                  && STORE_KEY.matcher(m.group(2)).matches();
            })
        .map(String::trim)
        .collect(Collectors.joining(","));
  }

  /** The requirements of a field selector the store evaluates correctly itself. */
  static String forStoreFields(String selector) {
    return terms(selector).stream()
        .filter(
            term -> {
              Matcher m = EQUALITY.matcher(term);
              return m.matches()
                  && STORE_FIELDS.contains(m.group(1))
                  && !m.group(2).equals("!=")
                  && STORE_VALUE.matcher(m.group(3)).matches();
            })
        .map(String::trim)
        .collect(Collectors.joining(","));
  }

  private static Predicate<JsonNode> labelTerm(String term) {
    Matcher m = SET_BASED.matcher(term);
    if (m.matches()) {
      String key = m.group(1);
      List<String> values =
          Arrays.stream(m.group(3).split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
      boolean in = m.group(2).equals("in");
      return o -> {
        JsonNode label = o.path("metadata").path("labels").get(key);
        return in
            ? label != null && values.contains(label.asText())
            : label == null || !values.contains(label.asText());
      };
    }
    m = EQUALITY.matcher(term);
    if (m.matches()) {
      String key = m.group(1);
      String value = m.group(3);
      boolean equal = !m.group(2).equals("!=");
      return o -> {
        JsonNode label = o.path("metadata").path("labels").get(key);
        return equal
            ? label != null && label.asText().equals(value)
            : label == null || !label.asText().equals(value);
      };
    }
    m = EXISTS.matcher(term);
    if (m.matches()) {
      String key = m.group(2);
      boolean exists = m.group(1).isEmpty();
      return o -> o.path("metadata").path("labels").has(key) == exists;
    }
    throw ApiException.badRequest("invalid label selector: " + term);
  }

  private static String fieldValue(JsonNode object, String field) {
    JsonNode value = Json.at(object, field);
    return value.isValueNode() ? value.asText() : "";
  }

  /** Splits on commas outside parentheses: {@code a in (x,y),b=c} has two terms. */
  private static List<String> terms(String selector) {
    List<String> terms = new ArrayList<>();
    if (selector == null || selector.isBlank()) {
      return terms;
    }
    int depth = 0;
    int start = 0;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        terms.add(selector.substring(start, i));
        start = i + 1;
      }
    }
    terms.add(selector.substring(start));
    return terms.stream().filter(t -> !t.isBlank()).toList();
  }
}
