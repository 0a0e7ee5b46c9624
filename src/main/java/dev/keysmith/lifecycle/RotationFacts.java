package dev.keysmith.lifecycle;

import java.time.Instant;
import java.util.Optional;

/**
 * What rotation asks of an issued credential.
 *
 * @param dueAt when the schedule next rotates the current credential (may be in the past: a
 *     schedule missed while the operator was down rotates once, now)
 * @param request a rotation request not handled yet, described for messages (e.g. {@code
 *     spec.rotationRequest "2026-11-23-a"})
 * @param previousValidUntil until when the previous credential stays valid, if one is kept
 */
public record RotationFacts(
    Optional<Instant> dueAt, Optional<String> request, Optional<Instant> previousValidUntil) {

  public static final RotationFacts NONE =
      new RotationFacts(Optional.empty(), Optional.empty(), Optional.empty());
}
