package dev.keysmith.lifecycle;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.keysmith.support.GoDuration;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.List;
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

  /**
   * The instants of a 5-field (Unix) cron expression, read on the wall clock of a time zone.
   *
   * <p>Daylight saving time: a slot that falls into the hour skipped in spring fires when the clock
   * jumps (03:00 for a 02:30 slot in Europe/Berlin), so a daily rotation still happens that day; a
   * slot in the hour repeated in autumn fires once, at its first occurrence. The next instant is
   * always strictly after the given one, so a schedule can never fire twice for the same slot.
   */
  record Cron(String expression, ZoneId zone, ExecutionTime executionTime)
      implements RotationSchedule {

    private static final CronParser PARSER =
        new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    /** Wall-clock arithmetic happens in a zone without transitions. */
    private static final ZoneId WALL = ZoneOffset.UTC;
    /** Enough slots to step over any DST overlap, for any expression. */
    private static final int MAX_STEPS = 1_000;

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
      ZonedDateTime cursor = LocalDateTime.ofInstant(issuedAt, zone).atZone(WALL);
      for (int step = 0; step < MAX_STEPS; step++) {
        Optional<ZonedDateTime> slot = executionTime.nextExecution(cursor);
        if (slot.isEmpty()) {
          return Optional.empty();
        }
        Optional<Instant> at = onTheClock(slot.get().toLocalDateTime(), issuedAt);
        if (at.isPresent()) {
          return at;
        }
        cursor = slot.get();
      }
      return Optional.empty();
    }

    /** The first instant showing {@code wall} on the zone's clock that is after {@code after}. */
    private Optional<Instant> onTheClock(LocalDateTime wall, Instant after) {
      ZoneRules rules = zone.getRules();
      List<ZoneOffset> offsets = rules.getValidOffsets(wall);
      if (offsets.isEmpty()) {
        return Optional.of(rules.getTransition(wall).getInstant()).filter(t -> t.isAfter(after));
      }
      return offsets.stream()
          .map(wall::toInstant)
          .sorted()
          .filter(t -> t.isAfter(after))
          .findFirst();
    }
  }
}
