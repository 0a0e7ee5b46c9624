package dev.keysmith.lifecycle;

import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.support.Timestamps;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Decides a key's phase and what happens to its credential. A chain of checks, the first that
 * applies wins:
 *
 * <ol>
 *   <li>revoked: destroy the credential, whatever else is wrong (revocation must always work);
 *   <li>invalid spec: Failed, the credential is kept untouched (nothing is lost by a bad edit);
 *   <li>expired: destroy the credential;
 *   <li>a blocker (channel, namespace, type, policy, credential source): Pending or Failed;
 *   <li>the Secret name is taken by a Secret this key does not own: Failed, SecretConflict;
 *   <li>the channel is inactive: Suspended, the credential is kept;
 *   <li>otherwise Active: issue a credential if there is none, rotate it if a new request came or
 *       the schedule is due.
 * </ol>
 *
 * <p>An active key is looked at again at the earliest of its expiry, its next scheduled rotation
 * and the end of its previous credential's grace period.
 */
public final class KeyLifecycle {

  private KeyLifecycle() {}

  public static KeyDecision decide(KeyFacts facts, Instant now) {
    boolean ours =
        facts.credential() == CredentialState.PRESENT
            || facts.credential() == CredentialState.UNUSABLE;
    Optional<Instant> expiry = facts.expiresAt();

    if (facts.revoked()) {
      return new KeyDecision(
          KeyPhase.Revoked,
          Reasons.REVOKED,
          "The key was revoked and its credential destroyed",
          ours ? SecretAction.DELETE : SecretAction.KEEP,
          Optional.empty());
    }
    if (!facts.specProblems().isEmpty()) {
      return new KeyDecision(
          KeyPhase.Failed,
          Reasons.INVALID_SPEC,
          String.join("; ", facts.specProblems()),
          SecretAction.KEEP,
          Optional.empty());
    }
    if (expiry.isPresent() && !now.isBefore(expiry.get())) {
      return new KeyDecision(
          KeyPhase.Expired,
          Reasons.EXPIRED,
          "The key expired at " + Timestamps.format(expiry.get()) + " and its credential was destroyed",
          ours ? SecretAction.DELETE : SecretAction.KEEP,
          Optional.empty());
    }
    if (facts.blocker().isPresent()) {
      Blocker blocker = facts.blocker().get();
      return new KeyDecision(
          blocker.phase(), blocker.reason(), blocker.message(), SecretAction.KEEP, expiry);
    }
    if (facts.credential() == CredentialState.FOREIGN) {
      return new KeyDecision(
          KeyPhase.Failed,
          Reasons.SECRET_CONFLICT,
          "Secret "
              + facts.secretName()
              + " exists and is not owned by this ApiKey; choose another spec.secretName or remove"
              + " that Secret",
          SecretAction.KEEP,
          expiry);
    }
    if (!facts.channelActive()) {
      return new KeyDecision(
          KeyPhase.Suspended,
          Reasons.CHANNEL_INACTIVE,
          "The channel is inactive; the credential is kept and accepted again on reactivation",
          SecretAction.KEEP,
          expiry);
    }
    RotationFacts rotation = facts.rotation();
    if (facts.credential() == CredentialState.PRESENT) {
      Optional<String> cause =
          rotation.request().or(() -> rotation.dueAt().filter(due -> !now.isBefore(due)).map(due -> "schedule"));
      if (cause.isPresent()) {
        return new KeyDecision(
            KeyPhase.Active, Reasons.ROTATED, "Rotated by " + cause.get(), SecretAction.ROTATE, expiry);
      }
      Optional<Instant> graceEnd = rotation.previousValidUntil().filter(now::isBefore);
      return new KeyDecision(
          KeyPhase.Active,
          Reasons.ISSUED,
          "The credential is issued",
          SecretAction.KEEP,
          earliest(expiry, rotation.dueAt(), graceEnd));
    }
    SecretAction action =
        facts.credential() == CredentialState.UNUSABLE || facts.credentialExpected()
            ? SecretAction.REISSUE
            : SecretAction.ISSUE;
    return new KeyDecision(
        KeyPhase.Active, Reasons.ISSUED, "The credential is issued", action, expiry);
  }

  /** The earliest of the given instants. */
  @SafeVarargs
  public static Optional<Instant> earliest(Optional<Instant>... instants) {
    return Stream.of(instants).flatMap(Optional::stream).min(Instant::compareTo);
  }
}
