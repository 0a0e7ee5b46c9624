package dev.keysmith.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one part of the reliability suite: printed as a small table and appended to
 * {@code target/reliability/results.md}. Counts and names only, never key material.
 */
final class Figures {

  private static final Path RESULTS = Path.of("target/reliability/results.md");

  private final String part;
  private final Map<String, Object> rows = new LinkedHashMap<>();

  Figures(String part) {
    this.part = part;
  }

  /** Starts a fresh results file with a header. */
  static void begin(String header) {
    try {
      Files.createDirectories(RESULTS.getParent());
      Files.writeString(RESULTS, header + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Figures put(String name, Object value) {
    rows.put(name, value);
    return this;
  }

  /** Prints the table and appends it to the results file; call it also when the part failed. */
  void report() {
    StringBuilder table = new StringBuilder("\n### " + part + "\n\n| figure | value |\n|---|---|\n");
    rows.forEach((name, value) -> table.append("| ").append(name).append(" | ").append(value).append(" |\n"));
    System.out.print(table);
    System.out.flush();
    try {
      Files.createDirectories(RESULTS.getParent());
      Files.writeString(RESULTS, table, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
