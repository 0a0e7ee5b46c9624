package dev.keysmith.lifecycle;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.keysmith.support.GoDuration;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/** When scheduled rotations fall: at a fixed interval, or at the instants of a cron expression. */
public sealed interface RotationSchedule {

  /** Shortest interval accepted, so that a typo cannot make the operator rotate continuously. */
  Duration MIN_INTERVAL = Duration.ofSeconds(10);

  /** The first rotation instant strictly after {@code issuedAt}, if any. */
  Optional<Instant> nextAfter(Instant issuedAt);

  static RotationSchedule every(Duration interval) {
    return new Every(interval);
  }

  /**
   * Parses a 5-field cron expression read in {@code timeZone}.
   *
   * @throws IllegalArgumentException with a message fit for a status condition
   */
  static RotationSchedule cron(String expression, ZoneId zone) {
    return Cron.parse(expression, zone);
  }

  /**
   * Parses an IANA time zone name; UTC when absent.
   *
   * @throws IllegalArgumentException with a message fit for a status condition
   */
  static ZoneId zone(String name) {
    if (name == null || name.isEmpty()) {
      return ZoneId.of("UTC");
    }
    try {
      return ZoneId.of(name);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("is not an IANA time zone such as Europe/Berlin or UTC");
    }
  }

  /** A fixed interval after the current credential was issued. */
  record Every(Duration interval) implements RotationSchedule {
    public Every {
      if (interval.compareTo(MIN_INTERVAL) < 0) {
        throw new IllegalArgumentException("must be at least " + GoDuration.format(MIN_INTERVAL));
      }
    }

    @Override
    public Optional<Instant> nextAfter(Instant issuedAt) {
      return Optional.of(issuedAt.plus(interval));
    }
  }

  /** The instants of a 5-field (Unix) cron expression, in a time zone. */
  record Cron(String expression, ZoneId zone, ExecutionTime executionTime)
      implements RotationSchedule {

    private static final CronParser PARSER =
        new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    static Cron parse(String expression, ZoneId zone) {
      if (expression == null || expression.trim().split("\\s+").length != 5) {
        throw new IllegalArgumentException(
            "is not a 5-field cron expression (minute hour day-of-month month day-of-week)");
      }
      try {
        com.cronutils.model.Cron cron = PARSER.parse(expression.trim()).validate();
        return new Cron(expression, zone, ExecutionTime.forCron(cron));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "is not a valid cron expression (minute hour day-of-month month day-of-week)");
      }
    }

    @Override
    public Optional<Instant> nextAfter(Instant issuedAt) {
      return executionTime
          .nextExecution(ZonedDateTime.ofInstant(issuedAt, zone))
          .map(ZonedDateTime::toInstant);
    }
  }
}
