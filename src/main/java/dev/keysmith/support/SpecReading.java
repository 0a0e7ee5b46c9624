package dev.keysmith.support;

import dev.keysmith.api.v1alpha1.RotationSpec;
import dev.keysmith.lifecycle.RotationPolicy;
import dev.keysmith.lifecycle.RotationSchedule;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading the parts that ApiKey and ApiChannel specs share, with field-named problems. */
public final class SpecReading {

  private SpecReading() {}

  public static Optional<Duration> duration(SpecProblems problems, String field, String value) {
    return problems.parse(field, value, GoDuration::parse);
  }

  /** A duration that must be at least {@code min}. */
  public static Optional<Duration> duration(
      SpecProblems problems, String field, String value, Duration min) {
    Optional<Duration> parsed = duration(problems, field, value);
    if (parsed.isPresent() && parsed.get().compareTo(min) < 0) {
      problems.add(field, value, "must be at least " + GoDuration.format(min));
      return Optional.empty();
    }
    return parsed;
  }

  /** The rotation policy of a {@code rotation} block, or empty if it is absent or invalid. */
  public static Optional<RotationPolicy> rotation(
      SpecProblems problems, String field, RotationSpec spec) {
    if (spec == null) {
      return Optional.empty();
    }
    int before = problems.list().size();
    Optional<RotationSchedule> schedule = Optional.empty();
    if (spec.getEvery() != null && spec.getSchedule() != null) {
      problems.add(field, "every and schedule are mutually exclusive");
    } else if (spec.getEvery() != null) {
      schedule =
          duration(problems, field + ".every", spec.getEvery(), RotationSchedule.MIN_INTERVAL)
              .map(RotationSchedule::every);
    } else if (spec.getSchedule() != null) {
      Optional<ZoneId> zone =
          spec.getTimeZone() == null
              ? Optional.of(RotationSchedule.zone(null))
              : problems.parse(field + ".timeZone", spec.getTimeZone(), RotationSchedule::zone);
      schedule =
          zone.flatMap(
              z ->
                  problems.parse(
                      field + ".schedule", spec.getSchedule(), s -> RotationSchedule.cron(s, z)));
    }
    if (spec.getTimeZone() != null && spec.getSchedule() == null) {
      problems.add(field + ".timeZone", "applies only to schedule");
    }
    Duration grace =
        duration(problems, field + ".gracePeriod", spec.getGracePeriod()).orElse(Duration.ZERO);
    if (problems.list().size() > before) {
      return Optional.empty();
    }
    return Optional.of(new RotationPolicy(schedule, grace));
  }

  /** CIDRs of an allowlist, in order; invalid entries become problems. */
  public static List<Cidr> cidrs(SpecProblems problems, String field, List<String> values) {
    List<Cidr> cidrs = new ArrayList<>();
    if (values == null) {
      return cidrs;
    }
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) {
        problems.add(field + "[" + i + "]", "must be a CIDR, not null");
      }
      problems.parse(field + "[" + i + "]", values.get(i), Cidr::parse).ifPresent(cidrs::add);
    }
    return cidrs;
  }
}
