package dev.keysmith.lifecycle;

import java.time.Duration;
import java.util.Optional;

/**
 * A key's rotation: an optional schedule, and how long the previous credential stays valid after
 * any rotation (scheduled or requested).
 */
public record RotationPolicy(Optional<RotationSchedule> schedule, Duration gracePeriod) {

  public static final RotationPolicy MANUAL_ONLY = new RotationPolicy(Optional.empty(), Duration.ZERO);
}
