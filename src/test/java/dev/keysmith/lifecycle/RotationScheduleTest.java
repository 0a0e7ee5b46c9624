package dev.keysmith.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RotationScheduleTest {

  @ParameterizedTest
  @CsvSource({
    "PT720H, 2026-11-01T03:00:00Z, 2026-12-01T03:00:00Z",
    "PT10S, 2026-11-23T12:00:00Z, 2026-11-23T12:00:10Z",
    // Elapsed time: the DST switch in Berlin on 2026-10-25 does not matter.
    "PT24H, 2026-10-24T12:00:00Z, 2026-10-25T12:00:00Z"
  })
  void everyCountsFromTheCurrentCredentialsIssue(Duration every, Instant issued, Instant expected) {
    assertThat(RotationSchedule.every(every).nextAfter(issued)).contains(expected);
  }

  @ParameterizedTest(name = "{0} in {1} after {2}")
  @CsvSource({
    // Plain UTC.
    "0 3 * * MON,   UTC,           2026-11-23T12:00:00Z, 2026-11-30T03:00:00Z",
    "0 3 * * MON,   UTC,           2026-11-30T03:00:00Z, 2026-12-07T03:00:00Z",
    "*/15 * * * *,  UTC,           2026-11-23T12:07:00Z, 2026-11-23T12:15:00Z",
    "0 0 1 * *,     UTC,           2026-11-23T12:00:00Z, 2026-12-01T00:00:00Z",
    "0 12 29 2 *,   UTC,           2026-11-23T12:00:00Z, 2028-02-29T12:00:00Z",
    // A time zone: 03:00 in Berlin is 02:00 UTC in winter, 01:00 UTC in summer.
    "0 3 * * *,     Europe/Berlin, 2026-01-10T12:00:00Z, 2026-01-11T02:00:00Z",
    "0 3 * * *,     Europe/Berlin, 2026-07-10T12:00:00Z, 2026-07-11T01:00:00Z",
    // Spring forward (2026-03-29, 02:00 -> 03:00): the skipped 02:30 fires when the clock jumps.
    "30 2 * * *,    Europe/Berlin, 2026-03-28T12:00:00Z, 2026-03-29T01:00:00Z",
    "30 2 * * *,    Europe/Berlin, 2026-03-29T01:00:05Z, 2026-03-30T00:30:00Z",
    // Fall back (2026-10-25, 03:00 -> 02:00): the repeated 02:30 fires once, the first time.
    "30 2 * * *,    Europe/Berlin, 2026-10-24T12:00:00Z, 2026-10-25T00:30:00Z",
    "30 2 * * *,    Europe/Berlin, 2026-10-25T00:30:05Z, 2026-10-26T01:30:00Z",
    "30 2 * * *,    Europe/Berlin, 2026-10-25T00:59:00Z, 2026-10-26T01:30:00Z",
    // Issued during the repeated hour's second pass: the next slot is still ahead, never behind.
    "*/30 * * * *,  Europe/Berlin, 2026-10-25T01:10:00Z, 2026-10-25T01:30:00Z",
    // New York: spring forward 2026-03-08 at 02:00 local.
    "15 2 * * *,    America/New_York, 2026-03-07T12:00:00Z, 2026-03-08T07:00:00Z"
  })
  void cronReadsTheWallClockOfItsTimeZone(String cron, String zone, Instant issued, Instant expected) {
    RotationSchedule schedule = RotationSchedule.cron(cron, ZoneId.of(zone));
    assertThat(schedule.nextAfter(issued)).contains(expected);
    assertThat(expected).isAfter(issued);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0 3 * *", "0 3 * * * *", "61 3 * * *", "0 25 * * *", "0 3 * * FUNDAY", "@daily", ""})
  void rejectsWhatIsNotAValidFiveFieldExpression(String cron) {
    assertThatThrownBy(() -> RotationSchedule.cron(cron, ZoneId.of("UTC")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cron expression");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Mars/Olympus", "Europe/Berln", "GMT+25"})
  void rejectsUnknownTimeZones(String zone) {
    assertThatThrownBy(() -> RotationSchedule.zone(zone)).hasMessageContaining("IANA time zone");
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT9S", "PT0S"})
  void rejectsIntervalsShorterThanTenSeconds(Duration every) {
    assertThatThrownBy(() -> RotationSchedule.every(every)).hasMessage("must be at least 10s");
  }

  @ParameterizedTest
  @CsvSource({"0 3 * * *, 2026-11-01T03:00:00Z"})
  void aScheduleMissedForDaysIsDueOnceThenLooksAhead(String cron, Instant lastIssue) {
    RotationSchedule schedule = RotationSchedule.cron(cron, ZoneId.of("UTC"));
    Instant now = Instant.parse("2026-11-23T12:00:00Z");

    Instant due = schedule.nextAfter(lastIssue).orElseThrow();
    assertThat(due).isBefore(now); // rotate once, now
    assertThat(schedule.nextAfter(now)).contains(Instant.parse("2026-11-24T03:00:00Z"));
  }
}
