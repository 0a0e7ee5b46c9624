package dev.keysmith.lifecycle;

import dev.keysmith.api.v1alpha1.KeyPhase;

/**
 * Why a key that is neither revoked nor expired cannot be active: the first failed check of the
 * readiness chain. {@code phase} is Pending when the key waits on something else, Failed when the
 * key itself must change.
 */
public record Blocker(KeyPhase phase, String reason, String message) {

  public static Blocker pending(String reason, String message) {
    return new Blocker(KeyPhase.Pending, reason, message);
  }

  public static Blocker failed(String reason, String message) {
    return new Blocker(KeyPhase.Failed, reason, message);
  }
}
