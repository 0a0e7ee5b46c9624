package dev.keysmith.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Collects what is wrong with a spec, one message per field: {@code spec.validFor: "3 days" is not
 * a duration such as 90s, 15m, 720h or 1h30m}. Values are quoted, shortened and escaped, so a
 * hostile or huge value cannot garble a condition.
 */
public final class SpecProblems {

  private static final int MAX_QUOTED = 64;

  private final List<String> problems = new ArrayList<>();

  /** Parses {@code value} if present; a parser's IllegalArgumentException becomes a problem. */
  public <T> Optional<T> parse(String field, String value, Function<String, T> parser) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(parser.apply(value));
    } catch (IllegalArgumentException e) {
      add(field, value, e.getMessage());
      return Optional.empty();
    }
  }

  /** {@code field: "value" problem}. */
  public void add(String field, String value, String problem) {
    problems.add(field + ": " + quote(value) + " " + problem);
  }

  /** {@code field: problem}. */
  public void add(String field, String problem) {
    problems.add(field + ": " + problem);
  }

  public void addAll(List<String> more) {
    problems.addAll(more);
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  public List<String> list() {
    return List.copyOf(problems);
  }

  /** A value as it may appear in a message: quoted, escaped, at most 64 characters shown. */
  public static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    int shown = 0;
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      i += Character.charCount(cp);
      if (shown == MAX_QUOTED) {
        out.append("...");
        break;
      }
      if (cp == '"' || cp == '\\') {
        out.append('\\').appendCodePoint(cp);
      } else if (cp < 0x20 || cp == 0x7F || Character.getType(cp) == Character.FORMAT) {
        out.append(String.format("\\u%04x", cp));
      } else {
        out.appendCodePoint(cp);
      }
      shown++;
    }
    return out.append('"').toString();
  }
}
