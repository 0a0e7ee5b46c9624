package dev.keysmith.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the lifecycle decision needs to know about one key, gathered by the reconciler.
 *
 * @param revoked spec.revoked
 * @param specProblems field-named problems of the key's own spec; any makes the key Failed
 * @param expiresAt the effective expiry, when it can be known (a validFor counts from activation)
 * @param blocker the first failed check of channel, namespace, type, policy and credential source
 * @param channelActive whether the channel is active
 * @param secretName the name of the key's Secret, for messages
 * @param credential what stands at the key's Secret name
 * @param credentialExpected whether a credential was issued and not destroyed on purpose, so that
 *     a missing Secret means it was lost
 * @param rotation what rotation asks of the issued credential
 */
public record KeyFacts(
    boolean revoked,
    List<String> specProblems,
    Optional<Instant> expiresAt,
    Optional<Blocker> blocker,
    boolean channelActive,
    String secretName,
    CredentialState credential,
    boolean credentialExpected,
    RotationFacts rotation) {}
