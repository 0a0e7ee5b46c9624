package dev.keysmith.apikey;

import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.ApiKeyStatus;
import dev.keysmith.api.v1alpha1.Condition;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.api.v1alpha1.KeyType;
import dev.keysmith.lifecycle.KeyDecision;
import dev.keysmith.lifecycle.Reasons;
import dev.keysmith.lifecycle.RotationFacts;
import dev.keysmith.lifecycle.RotationRequests;
import dev.keysmith.lifecycle.Validity;
import dev.keysmith.support.Conditions;
import dev.keysmith.support.Timestamps;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Derives an ApiKey's status from the decision and the key's Secret. When the Secret is gone
 * (revoked, expired, lost), the previous status is the only memory of the last credential, so its
 * identifiers and revision are carried over.
 */
final class KeyStatuses {

  static final String READY = "Ready";
  static final String ACTIVATED = "Activated";
  static final String EXPIRED = "Expired";
  static final String REVOKED = "Revoked";

  ApiKeyStatus build(
      ApiKey key, Observation seen, KeyDecision decision, Optional<IssuedSecret> current, Instant now) {
    ApiKeyStatus previous = seen.previous();
    String secretName = seen.secretName();
    Validity validity = seen.validity();
    Optional<KeyType> wantedType = seen.wantedType();
    Long generation = key.getMetadata().getGeneration();
    ApiKeyStatus status = new ApiKeyStatus();
    status.setObservedGeneration(generation);
    status.setPhase(decision.phase());
    status.setSecretName(secretName);

    // A credential destroyed just now (revoked, expired) was still this key's last one. Its Secret,
    // not the previous status, says what it was: the operator may have died between issuing it and
    // writing status, and without its activation an expired key would look never activated.
    Optional<IssuedSecret> latest = current.or(seen::issued);
    if (latest.isPresent() && latest.get().credential().isPresent()) {
      IssuedSecret issued = latest.get();
      status.setType(issued.type());
      status.setKeyId(issued.credential().get().keyId(seen.keyIdPrefix()));
      status.setFingerprint(issued.credential().get().fingerprint());
      status.setRevision(issued.revision());
      status.setActivatedAt(issued.activatedAt().map(Timestamps::format).orElse(null));
      status.setLastRotatedAt(issued.rotatedAt().map(Timestamps::format).orElse(previous.getLastRotatedAt()));
      status.setTokenExpiresAt(current.flatMap(IssuedSecret::token).map(t -> Timestamps.format(t.claims().expiresAt())).orElse(null));
    } else {
      status.setType(previous.getType() != null ? previous.getType() : wantedType.orElse(null));
      status.setKeyId(previous.getKeyId());
      status.setFingerprint(previous.getFingerprint());
      status.setRevision(previous.getRevision());
      status.setActivatedAt(previous.getActivatedAt());
      status.setLastRotatedAt(previous.getLastRotatedAt());
    }
    Optional<Instant> activatedAt = Timestamps.tryParse(status.getActivatedAt());
    Optional<Instant> expiry = validity.expiry(activatedAt);
    status.setExpiresAt(expiry.map(Timestamps::format).orElse(null));
    if (current.isPresent() && current.get().credential().isPresent()) {
      IssuedSecret issued = current.get();
      RotationFacts rotation = seen.rotationFacts(current);
      status.setNextRotationAt(decision.isActive() ? rotation.dueAt().map(Timestamps::format).orElse(null) : null);
      status.setPreviousValidUntil(
          issued.previous().map(p -> Timestamps.format(p.validUntil())).orElse(null));
      // A trigger's current value shows here once it is dealt with (it rotated, or it is an old
      // value that will not rotate again), so status equal to the request means "done".
      RotationRequests handled = issued.requests().handled();
      status.setLastRotationRequest(
          seen.settings().flatMap(KeySettings::rotationRequest)
              .filter(v -> handled.isHandled(RotationRequests.SPEC, v))
              .or(() -> issued.requests().lastSpec())
              .orElse(null));
      status.setLastRotateAnnotation(
          seen.rotateAnnotation()
              .filter(v -> handled.isHandled(RotationRequests.ANNOTATION, v))
              .or(() -> issued.requests().lastAnnotation())
              .orElse(null));
    } else {
      status.setLastRotationRequest(previous.getLastRotationRequest());
      status.setLastRotateAnnotation(previous.getLastRotateAnnotation());
    }

    boolean active = decision.isActive();
    boolean rotated = current.map(IssuedSecret::wasRotated).orElse(false);
    String activeReason = rotated ? Reasons.ROTATED : Reasons.ISSUED;
    String readyMessage =
        active
            ? "Credential revision " + status.getRevision() + " (keyId " + status.getKeyId()
                + ") is issued into Secret " + secretName + typeNote(status.getType(), wantedType)
                + seen.channelNote().map(n -> "; " + n).orElse("")
            : decision.message();
    List<Condition> desired =
        List.of(
            Conditions.of(READY, active, active ? activeReason : decision.reason(), readyMessage),
            Conditions.of(
                ACTIVATED,
                active,
                active ? activeReason : decision.reason(),
                active ? "Activated at " + status.getActivatedAt() : decision.message()),
            Conditions.of(
                EXPIRED,
                decision.phase() == KeyPhase.Expired,
                decision.phase() == KeyPhase.Expired ? Reasons.EXPIRED : Reasons.NOT_EXPIRED,
                decision.phase() == KeyPhase.Expired
                    ? decision.message()
                    : expiry.map(t -> "Expires at " + Timestamps.format(t))
                        .orElse(validity.expires() ? "Expires after activation" : "Does not expire")),
            Conditions.of(
                REVOKED,
                decision.phase() == KeyPhase.Revoked,
                decision.phase() == KeyPhase.Revoked ? Reasons.REVOKED : Reasons.NOT_REVOKED,
                decision.phase() == KeyPhase.Revoked ? decision.message() : "Not revoked"));
    status.setConditions(Conditions.merge(previous.getConditions(), desired, generation, now));
    return status;
  }

  static boolean sameAs(ApiKeyStatus previous, ApiKeyStatus next, Context<ApiKey> context) {
    var serialization = context.getClient().getKubernetesSerialization();
    return Objects.equals(serialization.asJson(previous), serialization.asJson(next));
  }

  private static String typeNote(KeyType issued, Optional<KeyType> wanted) {
    return wanted.isPresent() && issued != null && wanted.get() != issued
        ? "; spec asks for type " + wanted.get() + ", which takes effect at the next rotation"
        : "";
  }
}
