package dev.keysmith.lifecycle;

import dev.keysmith.api.v1alpha1.KeyPhase;
import java.time.Instant;
import java.util.Optional;

/**
 * The outcome of one evaluation: the phase with its reason and message, what to do with the
 * Secret, and when the key must be looked at again even if nothing changes.
 */
public record KeyDecision(
    KeyPhase phase, String reason, String message, SecretAction action, Optional<Instant> wakeAt) {

  public boolean isActive() {
    return phase == KeyPhase.Active;
  }
}
