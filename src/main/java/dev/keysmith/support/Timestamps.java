package dev.keysmith.support;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** RFC 3339 timestamps as Kubernetes writes them. */
public final class Timestamps {

  private Timestamps() {}

  /**
   * Parses an RFC 3339 timestamp such as {@code 2027-06-30T00:00:00Z}.
   *
   * @throws IllegalArgumentException with a message fit for a status condition
   */
  public static Instant parse(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException(
          "is not an RFC 3339 timestamp such as 2027-06-30T00:00:00Z");
    }
  }

  /** Parses, or empty for null and unparseable text (for values Keysmith wrote itself). */
  public static Optional<Instant> tryParse(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** {@code 2026-11-23T07:57:30Z}; fractions of a second are kept only when present. */
  public static String format(Instant instant) {
    return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  /** Whole seconds, the precision of the instants Keysmith records. */
  public static Instant truncate(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS);
  }
}
