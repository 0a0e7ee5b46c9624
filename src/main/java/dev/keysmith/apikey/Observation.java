package dev.keysmith.apikey;

import dev.keysmith.api.v1alpha1.ApiKeyStatus;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.api.v1alpha1.KeyType;
import dev.keysmith.apichannel.ChannelSettings;
import dev.keysmith.credentials.Credential;
import dev.keysmith.credentials.SigningKey;
import dev.keysmith.lifecycle.Blocker;
import dev.keysmith.lifecycle.CredentialState;
import dev.keysmith.lifecycle.KeyFacts;
import dev.keysmith.lifecycle.RotationFacts;
import dev.keysmith.lifecycle.RotationPolicy;
import dev.keysmith.lifecycle.Validity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one reconciliation saw of a key: its resolved spec (or its problems), its channel, its
 * Secret and, for keys with user-supplied credentials, that credential.
 */
record Observation(
    ApiKeyStatus previous,
    boolean revoked,
    Optional<KeySettings> settings,
    List<String> specProblems,
    String secretName,
    Optional<IssuedSecret> issued,
    CredentialState state,
    Optional<ChannelSettings> channel,
    Validity validity,
    Optional<Instant> activatedAt,
    Optional<Blocker> blocker,
    Optional<Credential> suppliedCredential,
    RotationPolicy rotationPolicy,
    Optional<String> rotateAnnotation,
    Optional<String> channelNote,
    Optional<Signing> signing) {

  /** The channel's current token signing key, and the key ids its JWKS publishes. */
  record Signing(SigningKey key, List<String> publishedKeyIds) {}

  KeyFacts facts() {
    return new KeyFacts(
        revoked,
        specProblems,
        validity.expiry(activatedAt),
        blocker,
        channel.map(ChannelSettings::active).orElse(true),
        secretName,
        state,
        credentialExpected(),
        rotationFacts(issued));
  }

  /**
   * What rotation asks of a key's credential as recorded in its Secret: the schedule counts from
   * when the current credential was issued, requests count if not handled yet. Credentials a user
   * supplies are rotated by the user, so neither applies to them.
   */
  RotationFacts rotationFacts(Optional<IssuedSecret> secret) {
    if (secret.isEmpty() || secret.get().credential().isEmpty()) {
      return RotationFacts.NONE;
    }
    IssuedSecret current = secret.get();
    Optional<Instant> graceEnd = current.previous().map(IssueRecord.Previous::validUntil);
    if (suppliedCredential.isPresent() || settings.flatMap(KeySettings::existingSecretName).isPresent()) {
      return new RotationFacts(Optional.empty(), Optional.empty(), graceEnd);
    }
    Optional<Instant> due =
        rotationPolicy.schedule().flatMap(s -> current.issuedAt().flatMap(s::nextAfter));
    Optional<String> request =
        current.requests().handled().firstNew(
            settings.flatMap(KeySettings::rotationRequest).orElse(null), rotateAnnotation.orElse(null));
    return new RotationFacts(due, request, graceEnd);
  }

  /** The same observation, knowing that the Secret name is taken by a Secret Keysmith does not own. */
  Observation withForeignSecret() {
    return new Observation(
        previous, revoked, settings, specProblems, secretName, Optional.empty(), CredentialState.FOREIGN,
        channel, validity, activatedAt, blocker, suppliedCredential, rotationPolicy, rotateAnnotation, channelNote,
        signing);
  }

  /** The type a new credential gets: the spec's, else the channel's first key type. */
  Optional<KeyType> wantedType() {
    return settings.flatMap(KeySettings::type).or(() -> channel.map(ChannelSettings::defaultKeyType));
  }

  /** Prefix for key ids of user-supplied keys that are not in Keysmith's format. */
  String keyIdPrefix() {
    return channel.map(c -> c.keyFormat().prefix()).orElse("key");
  }

  /** Whether a credential was issued and not destroyed on purpose, so a missing one was lost. */
  private boolean credentialExpected() {
    return previous.getRevision() != null
        && previous.getPhase() != KeyPhase.Revoked
        && previous.getPhase() != KeyPhase.Expired;
  }
}
