package dev.keysmith.lifecycle;

import static dev.keysmith.lifecycle.CredentialState.ABSENT;
import static dev.keysmith.lifecycle.CredentialState.FOREIGN;
import static dev.keysmith.lifecycle.CredentialState.PRESENT;
import static dev.keysmith.lifecycle.CredentialState.UNUSABLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keysmith.api.v1alpha1.KeyPhase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeyLifecycleTest {

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private static final Optional<Instant> PAST = Optional.of(NOW.minusSeconds(1));
  private static final Optional<Instant> EXACTLY_NOW = Optional.of(NOW);
  private static final Optional<Instant> FUTURE = Optional.of(NOW.plusSeconds(60));
  private static final Optional<Blocker> NO_CHANNEL =
      Optional.of(Blocker.pending(Reasons.CHANNEL_NOT_FOUND, "ApiChannel a/b not found"));
  private static final Optional<Blocker> BAD_TYPE =
      Optional.of(Blocker.failed(Reasons.TYPE_NOT_ALLOWED, "spec.type: HMAC is not allowed"));

  /** A valid, unexpiring, active-channel key with the given Secret state. */
  private static KeyFacts facts(CredentialState state) {
    return new KeyFacts(false, List.of(), Optional.empty(), Optional.empty(), true, "k-credentials", state, false, RotationFacts.NONE);
  }

  static Stream<Arguments> chain() {
    KeyFacts base = facts(PRESENT);
    return Stream.of(
        // name, facts, phase, reason, action, wakeAt
        row("new key: issue", facts(ABSENT), KeyPhase.Active, Reasons.ISSUED, SecretAction.ISSUE, Optional.empty()),
        row("issued key: keep", base, KeyPhase.Active, Reasons.ISSUED, SecretAction.KEEP, Optional.empty()),
        row("lost Secret: re-issue", with(facts(ABSENT), true), KeyPhase.Active, Reasons.ISSUED, SecretAction.REISSUE, Optional.empty()),
        row("damaged Secret: re-issue", facts(UNUSABLE), KeyPhase.Active, Reasons.ISSUED, SecretAction.REISSUE, Optional.empty()),
        row("wakes at expiry", expiring(base, FUTURE), KeyPhase.Active, Reasons.ISSUED, SecretAction.KEEP, FUTURE),
        row("expired: destroy", expiring(base, PAST), KeyPhase.Expired, Reasons.EXPIRED, SecretAction.DELETE, Optional.empty()),
        row("expires at the exact instant", expiring(base, EXACTLY_NOW), KeyPhase.Expired, Reasons.EXPIRED, SecretAction.DELETE, Optional.empty()),
        row("expired, nothing to destroy", expiring(facts(ABSENT), PAST), KeyPhase.Expired, Reasons.EXPIRED, SecretAction.KEEP, Optional.empty()),
        row("expired foreign Secret untouched", expiring(facts(FOREIGN), PAST), KeyPhase.Expired, Reasons.EXPIRED, SecretAction.KEEP, Optional.empty()),
        row("revoked: destroy", revoked(base), KeyPhase.Revoked, Reasons.REVOKED, SecretAction.DELETE, Optional.empty()),
        row("revoked foreign Secret untouched", revoked(facts(FOREIGN)), KeyPhase.Revoked, Reasons.REVOKED, SecretAction.KEEP, Optional.empty()),
        row("revocation wins over an invalid spec", revoked(invalid(base)), KeyPhase.Revoked, Reasons.REVOKED, SecretAction.DELETE, Optional.empty()),
        row("revocation wins over expiry", revoked(expiring(base, PAST)), KeyPhase.Revoked, Reasons.REVOKED, SecretAction.DELETE, Optional.empty()),
        row("invalid spec keeps the credential", invalid(base), KeyPhase.Failed, Reasons.INVALID_SPEC, SecretAction.KEEP, Optional.empty()),
        row("invalid spec wins over expiry", invalid(expiring(base, PAST)), KeyPhase.Failed, Reasons.INVALID_SPEC, SecretAction.KEEP, Optional.empty()),
        row("expiry wins over a missing channel", blocked(expiring(base, PAST), NO_CHANNEL), KeyPhase.Expired, Reasons.EXPIRED, SecretAction.DELETE, Optional.empty()),
        row("missing channel: pending, kept", blocked(base, NO_CHANNEL), KeyPhase.Pending, Reasons.CHANNEL_NOT_FOUND, SecretAction.KEEP, Optional.empty()),
        row("pending still wakes at expiry", blocked(expiring(base, FUTURE), NO_CHANNEL), KeyPhase.Pending, Reasons.CHANNEL_NOT_FOUND, SecretAction.KEEP, FUTURE),
        row("type not allowed: failed", blocked(base, BAD_TYPE), KeyPhase.Failed, Reasons.TYPE_NOT_ALLOWED, SecretAction.KEEP, Optional.empty()),
        row("blocker wins over a conflict", blocked(facts(FOREIGN), NO_CHANNEL), KeyPhase.Pending, Reasons.CHANNEL_NOT_FOUND, SecretAction.KEEP, Optional.empty()),
        row("foreign Secret: conflict", facts(FOREIGN), KeyPhase.Failed, Reasons.SECRET_CONFLICT, SecretAction.KEEP, Optional.empty()),
        row("inactive channel suspends, kept", inactive(base), KeyPhase.Suspended, Reasons.CHANNEL_INACTIVE, SecretAction.KEEP, Optional.empty()),
        row("inactive channel issues nothing", inactive(facts(ABSENT)), KeyPhase.Suspended, Reasons.CHANNEL_INACTIVE, SecretAction.KEEP, Optional.empty()),
        row("conflict wins over suspension", inactive(facts(FOREIGN)), KeyPhase.Failed, Reasons.SECRET_CONFLICT, SecretAction.KEEP, Optional.empty()),
        row("schedule due: rotate", rotating(base, PAST, null, null), KeyPhase.Active, Reasons.ROTATED, SecretAction.ROTATE, Optional.empty()),
        row("schedule due exactly now: rotate", rotating(base, EXACTLY_NOW, null, null), KeyPhase.Active, Reasons.ROTATED, SecretAction.ROTATE, Optional.empty()),
        row("schedule ahead: wake then", rotating(base, FUTURE, null, null), KeyPhase.Active, Reasons.ISSUED, SecretAction.KEEP, FUTURE),
        row("new request: rotate", rotating(base, FUTURE, "spec.rotationRequest \"b\"", null), KeyPhase.Active, Reasons.ROTATED, SecretAction.ROTATE, Optional.empty()),
        row("grace ahead: wake at its end", rotating(base, null, null, FUTURE), KeyPhase.Active, Reasons.ISSUED, SecretAction.KEEP, FUTURE),
        row("grace over: no wake for it", rotating(base, null, null, PAST), KeyPhase.Active, Reasons.ISSUED, SecretAction.KEEP, Optional.empty()),
        row("earliest of expiry, schedule and grace", rotating(expiring(base, Optional.of(NOW.plusSeconds(90))), Optional.of(NOW.plusSeconds(30)), null, FUTURE), KeyPhase.Active, Reasons.ISSUED, SecretAction.KEEP, Optional.of(NOW.plusSeconds(30))),
        row("no rotation while suspended", inactive(rotating(base, PAST, "x", null)), KeyPhase.Suspended, Reasons.CHANNEL_INACTIVE, SecretAction.KEEP, Optional.empty()),
        row("no rotation of a lost credential: re-issue", rotating(with(facts(ABSENT), true), PAST, "x", null), KeyPhase.Active, Reasons.ISSUED, SecretAction.REISSUE, Optional.empty()),
        row("expiry wins over rotation", rotating(expiring(base, PAST), PAST, "x", null), KeyPhase.Expired, Reasons.EXPIRED, SecretAction.DELETE, Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chain")
  void firstApplicableCheckDecides(
      String name,
      KeyFacts facts,
      KeyPhase phase,
      String reason,
      SecretAction action,
      Optional<Instant> wakeAt) {
    KeyDecision decision = KeyLifecycle.decide(facts, NOW);

    assertThat(decision.phase()).isEqualTo(phase);
    assertThat(decision.reason()).isEqualTo(reason);
    assertThat(decision.action()).isEqualTo(action);
    assertThat(decision.wakeAt()).isEqualTo(wakeAt);
  }

  private static Arguments row(
      String name, KeyFacts facts, KeyPhase phase, String reason, SecretAction action, Optional<Instant> wake) {
    return Arguments.of(name, facts, phase, reason, action, wake);
  }

  private static KeyFacts with(KeyFacts f, boolean expected) {
    return new KeyFacts(f.revoked(), f.specProblems(), f.expiresAt(), f.blocker(), f.channelActive(), f.secretName(), f.credential(), expected, f.rotation());
  }

  private static KeyFacts expiring(KeyFacts f, Optional<Instant> at) {
    return new KeyFacts(f.revoked(), f.specProblems(), at, f.blocker(), f.channelActive(), f.secretName(), f.credential(), f.credentialExpected(), f.rotation());
  }

  private static KeyFacts revoked(KeyFacts f) {
    return new KeyFacts(true, f.specProblems(), f.expiresAt(), f.blocker(), f.channelActive(), f.secretName(), f.credential(), f.credentialExpected(), f.rotation());
  }

  private static KeyFacts invalid(KeyFacts f) {
    return new KeyFacts(f.revoked(), List.of("spec.validFor: \"x\" is not a duration"), f.expiresAt(), f.blocker(), f.channelActive(), f.secretName(), f.credential(), f.credentialExpected(), f.rotation());
  }

  private static KeyFacts blocked(KeyFacts f, Optional<Blocker> blocker) {
    return new KeyFacts(f.revoked(), f.specProblems(), f.expiresAt(), blocker, f.channelActive(), f.secretName(), f.credential(), f.credentialExpected(), f.rotation());
  }

  private static KeyFacts rotating(KeyFacts f, Optional<Instant> due, String request, Optional<Instant> grace) {
    return new KeyFacts(f.revoked(), f.specProblems(), f.expiresAt(), f.blocker(), f.channelActive(), f.secretName(), f.credential(), f.credentialExpected(),
        new RotationFacts(due == null ? Optional.empty() : due, Optional.ofNullable(request), grace == null ? Optional.empty() : grace));
  }

  private static KeyFacts inactive(KeyFacts f) {
    return new KeyFacts(f.revoked(), f.specProblems(), f.expiresAt(), f.blocker(), false, f.secretName(), f.credential(), f.credentialExpected(), f.rotation());
  }
}
