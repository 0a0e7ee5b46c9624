package dev.keysmith.apikey;

import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.KeyType;
import dev.keysmith.apichannel.ChannelSettings;
import dev.keysmith.credentials.AccessToken;
import dev.keysmith.credentials.Credential;
import dev.keysmith.credentials.CredentialGenerator;
import dev.keysmith.lifecycle.KeyDecision;
import dev.keysmith.lifecycle.Reasons;
import dev.keysmith.lifecycle.SecretAction;
import dev.keysmith.lifecycle.TokenPolicy;
import dev.keysmith.support.EventRecorder;
import dev.keysmith.support.KeyMetrics;
import dev.keysmith.support.Timestamps;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Carries out a {@link KeyDecision} on the key's Secret: issue, re-issue, move, keep up to date,
 * or delete. Creates never overwrite (a create that finds the name taken learns about a Secret it
 * does not cache), updates and deletes carry the resourceVersion they were decided on, so a stale
 * decision fails with a conflict and is retried instead of clobbering anything.
 */
final class KeySecretWriter {

  private static final Logger LOG = Logger.getLogger(KeySecretWriter.class);

  private final CredentialGenerator generator;
  private final EventRecorder events;
  private final KeyMetrics metrics;
  private final InformerEventSource<Secret, ApiKey> secrets;
  private final SecureRandom random = CredentialGenerator.bouncyCastleDrbg();

  KeySecretWriter(
      CredentialGenerator generator,
      EventRecorder events,
      KeyMetrics metrics,
      InformerEventSource<Secret, ApiKey> secrets) {
    this.generator = generator;
    this.events = events;
    this.metrics = metrics;
    this.secrets = secrets;
  }

  /** Applies the decision; returns the key's Secret as it stands afterwards. */
  Optional<IssuedSecret> apply(
      Context<ApiKey> context, ApiKey key, KeyDecision decision, Observation seen, Instant now) {
    return switch (decision.action()) {
      case DELETE -> {
        delete(context, seen.issued().orElseThrow().secret());
        LOG.infof("ApiKey %s: deleted Secret %s (%s)", id(key), seen.secretName(), decision.reason());
        yield Optional.empty();
      }
      case ISSUE, REISSUE -> Optional.of(issue(context, key, decision.action(), seen, now));
      case ROTATE -> Optional.of(rotate(context, key, decision, seen, now));
      case KEEP ->
          seen.issued().filter(IssuedSecret::isUsable).isPresent() && seen.settings().isPresent()
              ? Optional.of(sync(context, key, seen, decision.isActive(), now))
              : seen.issued();
    };
  }

  /** Writes a new credential: a first issue, a re-issue after loss, or one after revocation. */
  private IssuedSecret issue(
      Context<ApiKey> context, ApiKey key, SecretAction action, Observation seen, Instant now) {
    KeySettings settings = seen.settings().orElseThrow();
    ChannelSettings channel = seen.channel().orElseThrow();
    Optional<IssuedSecret> damaged = seen.issued();
    Optional<IssuedSecret> moved = damaged.isEmpty() ? movable(key, settings) : Optional.empty();
    Instant at = Timestamps.truncate(now);
    IssueRecord record;
    if (moved.isPresent()) {
      record = moved.get().record(at).withSource(sourceName(settings));
    } else {
      Credential credential = seen.suppliedCredential().orElseGet(() -> newCredential(seen));
      long revision =
          Math.max(
                  Optional.ofNullable(seen.previous().getRevision()).orElse(0L),
                  damaged.map(IssuedSecret::revision).orElse(0L))
              + 1;
      // The triggers' values at issue are part of the new credential's history, not requests.
      IssueRecord.RequestLog requests =
          damaged.map(IssuedSecret::requests).orElse(IssueRecord.RequestLog.EMPTY)
              .handling(settings.rotationRequest(), seen.rotateAnnotation());
      record =
          new IssueRecord(
              credential,
              revision,
              seen.activatedAt().orElse(at),
              at,
              Optional.empty(),
              sourceName(settings),
              Optional.empty(),
              requests,
              Optional.empty());
    }
    record = withToken(record, seen, true, now);
    Secret written =
        damaged.isPresent()
            ? context.resourceOperations().update(render(key, seen, damaged.get().secret(), record), secrets)
            : create(context, key, render(key, seen, null, record));

    String keyId = record.credential().keyId(channel.keyFormat().prefix());
    if (moved.isPresent()) {
      delete(context, moved.get().secret());
      events.normal(
          key,
          "SecretMoved",
          "Moved credential revision " + record.revision() + " (keyId " + keyId + ") from Secret "
              + moved.get().secret().getMetadata().getName() + " to " + settings.secretName());
    } else if (action == SecretAction.REISSUE) {
      events.warning(
          key,
          "SecretRecreated",
          "Secret " + settings.secretName() + " was deleted or damaged; issued credential revision "
              + record.revision() + " (keyId " + keyId + ", " + record.credential().fingerprint() + ")");
    } else {
      events.normal(
          key,
          Reasons.ISSUED,
          "Issued credential revision " + record.revision() + " (keyId " + keyId + ", "
              + record.credential().fingerprint() + ") into Secret " + settings.secretName());
    }
    LOG.infof(
        "ApiKey %s: %s credential revision %d into Secret %s",
        id(key),
        moved.isPresent() ? "moved" : action == SecretAction.REISSUE ? "re-issued" : "issued",
        record.revision(),
        settings.secretName());
    return IssuedSecret.read(written);
  }

  /**
   * Replaces the credential by a new one in one update of the Secret, which also keeps the old
   * credential for the grace period and records the request that caused the rotation. The update
   * carries the resourceVersion the rotation was decided on: if anything changed meanwhile it
   * fails with a conflict and the next reconciliation decides again, so no rotation is done twice.
   */
  private IssuedSecret rotate(
      Context<ApiKey> context, ApiKey key, KeyDecision decision, Observation seen, Instant now) {
    IssuedSecret issued = seen.issued().orElseThrow();
    Instant at = Timestamps.truncate(now);
    IssueRecord record =
        issued
            .record(at)
            .rotatedTo(
                newCredential(seen),
                at,
                seen.rotationPolicy().gracePeriod(),
                issued.requests().handling(seen.settings().orElseThrow().rotationRequest(), seen.rotateAnnotation()));
    record = withToken(record, seen, true, now);
    Secret desired = render(key, seen, issued.secret(), record);
    Secret written;
    if (desired.getType().equals(issued.secret().getType())) {
      written = context.resourceOperations().update(desired, secrets);
    } else {
      // A Secret's type is immutable: a type change (e.g. to Basic) replaces the Secret.
      delete(context, issued.secret());
      desired.getMetadata().setResourceVersion(null);
      desired.getMetadata().setUid(null);
      written = create(context, key, desired);
    }
    metrics.rotated(
        key,
        seen.rotationFacts(seen.issued()).request().isPresent()
            ? KeyMetrics.TRIGGER_REQUEST
            : KeyMetrics.TRIGGER_SCHEDULE);
    String keyId = record.credential().keyId(seen.keyIdPrefix());
    events.normal(
        key,
        Reasons.ROTATED,
        decision.message() + ": credential revision " + record.revision() + " (keyId " + keyId + ", "
            + record.credential().fingerprint() + ")"
            + record.previous().map(p -> "; revision " + issued.revision() + " stays valid until "
                + Timestamps.format(p.validUntil())).orElse(""));
    LOG.infof("ApiKey %s: rotated to credential revision %d (%s)", id(key), record.revision(), decision.message());
    return IssuedSecret.read(written);
  }

  /**
   * Keeps the Secret up to date without changing the credential: metadata (template, owner
   * reference, expiry), the previous credential dropped once its grace period is over, and a
   * changed user-supplied credential followed (which counts as a rotation).
   */
  private IssuedSecret sync(
      Context<ApiKey> context, ApiKey key, Observation seen, boolean active, Instant now) {
    KeySettings settings = seen.settings().orElseThrow();
    IssuedSecret issued = seen.issued().orElseThrow();
    Instant at = Timestamps.truncate(now);
    IssueRecord record = issued.record(at).withoutExpiredPrevious(now).withSource(sourceName(settings));
    Optional<Credential> supplied = seen.suppliedCredential();
    boolean followed = supplied.isPresent() && !supplied.get().sameAs(record.credential());
    if (followed) {
      record = record.rotatedTo(supplied.get(), at, seen.rotationPolicy().gracePeriod(), record.requests());
    }
    record = withToken(record, seen, active, now);
    Secret desired = render(key, seen, issued.secret(), record);
    if (!KeySecrets.differs(issued.secret(), desired)) {
      return issued;
    }
    IssuedSecret result = IssuedSecret.read(context.resourceOperations().update(desired, secrets));
    if (followed) {
      metrics.rotated(key, KeyMetrics.TRIGGER_CREDENTIALS_CHANGE);
      events.normal(
          key,
          Reasons.ROTATED,
          "Took over the changed credential of Secret "
              + settings.existingSecretName().orElseThrow()
              + " as revision " + record.revision() + " (" + record.credential().fingerprint() + ")");
    }
    return result;
  }

  /**
   * The record with the access token it should carry: none unless the key is active and its
   * channel issues tokens; a new one when the current one is due for refresh, describes another
   * credential, or was signed by a key the channel no longer publishes.
   */
  private IssueRecord withToken(IssueRecord record, Observation seen, boolean active, Instant now) {
    Optional<ChannelSettings.TokenSettings> settings =
        seen.channel().map(ChannelSettings::token).filter(ChannelSettings.TokenSettings::enabled);
    if (!active || settings.isEmpty() || seen.signing().isEmpty()) {
      return record.withToken(Optional.empty());
    }
    Observation.Signing signing = seen.signing().get();
    String subject = record.credential().keyId(seen.keyIdPrefix());
    Optional<AccessToken.Claims> current =
        record.token().map(AccessToken::claims).filter(c -> signing.publishedKeyIds().contains(c.keyId()));
    if (!TokenPolicy.needsNew(current, subject, settings.get().audience(), settings.get().ttl(), now)) {
      return record;
    }
    return record.withToken(
        Optional.of(AccessToken.mint(signing.key(), subject, settings.get().audience(), now, settings.get().ttl(), random)));
  }

  private Credential newCredential(Observation seen) {
    ChannelSettings channel = seen.channel().orElseThrow();
    KeyType type = seen.settings().orElseThrow().type().orElse(channel.defaultKeyType());
    return generator.generate(type, channel.keyFormat());
  }

  private static Secret render(ApiKey key, Observation seen, Secret current, IssueRecord record) {
    KeySettings settings = seen.settings().orElseThrow();
    return KeySecrets.render(
        key,
        settings,
        current,
        record,
        seen.validity().expiry(Optional.of(record.activatedAt())),
        settings.channelReference());
  }

  private Secret create(Context<ApiKey> context, ApiKey key, Secret desired) {
    try {
      return context.resourceOperations().create(desired, secrets);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        String namespace = desired.getMetadata().getNamespace();
        String name = desired.getMetadata().getName();
        Secret existing = context.getClient().secrets().inNamespace(namespace).withName(name).get();
        if (existing != null && !KeySecrets.isOwnedBy(existing, key)) {
          throw new SecretNameTaken(namespace, name);
        }
      }
      throw e;
    }
  }

  private static void delete(Context<ApiKey> context, Secret secret) {
    context
        .getClient()
        .secrets()
        .inNamespace(secret.getMetadata().getNamespace())
        .withName(secret.getMetadata().getName())
        .lockResourceVersion(secret.getMetadata().getResourceVersion())
        .delete();
  }

  /** An owned, usable Secret of this key under another name: the key's secretName changed. */
  private Optional<IssuedSecret> movable(ApiKey key, KeySettings settings) {
    return secrets.getSecondaryResources(key).stream()
        .filter(s -> !s.getMetadata().getName().equals(settings.secretName()))
        .filter(s -> KeySecrets.isOwnedBy(s, key))
        .map(IssuedSecret::read)
        .filter(IssuedSecret::isUsable)
        .findFirst();
  }

  private static String sourceName(KeySettings settings) {
    return settings.existingSecretName().map(IssueRecord::fromSecret).orElse(IssueRecord.GENERATED);
  }

  private static String id(ApiKey key) {
    return key.getMetadata().getNamespace() + "/" + key.getMetadata().getName();
  }
}
