package dev.keysmith.apikey;

import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.KeyType;
import dev.keysmith.apichannel.ChannelSettings;
import dev.keysmith.credentials.Credential;
import dev.keysmith.credentials.CredentialGenerator;
import dev.keysmith.lifecycle.KeyDecision;
import dev.keysmith.lifecycle.Reasons;
import dev.keysmith.lifecycle.SecretAction;
import dev.keysmith.support.EventRecorder;
import dev.keysmith.support.Timestamps;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
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
  private final InformerEventSource<Secret, ApiKey> secrets;

  KeySecretWriter(
      CredentialGenerator generator, EventRecorder events, InformerEventSource<Secret, ApiKey> secrets) {
    this.generator = generator;
    this.events = events;
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
      case KEEP ->
          seen.issued().filter(IssuedSecret::isUsable).isPresent() && seen.settings().isPresent()
              ? Optional.of(sync(context, key, seen, now))
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
    IssueRecord record;
    if (moved.isPresent()) {
      IssuedSecret old = moved.get();
      record =
          new IssueRecord(
              old.credential().orElseThrow(),
              old.revision(),
              old.activatedAt().orElse(Timestamps.truncate(now)),
              old.issuedAt().orElse(Timestamps.truncate(now)),
              old.rotatedAt(),
              sourceName(settings));
    } else {
      KeyType type = settings.type().orElse(channel.defaultKeyType());
      Credential credential =
          seen.suppliedCredential().orElseGet(() -> generator.generate(type, channel.keyFormat()));
      long revision =
          Math.max(
                  Optional.ofNullable(seen.previous().getRevision()).orElse(0L),
                  damaged.map(IssuedSecret::revision).orElse(0L))
              + 1;
      record =
          new IssueRecord(
              credential,
              revision,
              seen.activatedAt().orElse(Timestamps.truncate(now)),
              Timestamps.truncate(now),
              Optional.empty(),
              sourceName(settings));
    }
    Secret desired =
        KeySecrets.render(
            key,
            settings,
            damaged.map(IssuedSecret::secret).orElse(null),
            record,
            seen.validity().expiry(Optional.of(record.activatedAt())),
            settings.channelReference());
    Secret written =
        damaged.isPresent()
            ? context.resourceOperations().update(desired, secrets)
            : create(context, key, desired);

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
   * Brings the Secret's metadata up to date (template, owner reference, expiry annotation) and
   * follows a changed user-supplied credential. A generated credential is never replaced here.
   */
  private IssuedSecret sync(Context<ApiKey> context, ApiKey key, Observation seen, Instant now) {
    KeySettings settings = seen.settings().orElseThrow();
    IssuedSecret issued = seen.issued().orElseThrow();
    Credential credential = issued.credential().orElseThrow();
    long revision = issued.revision();
    Optional<Instant> rotatedAt = issued.rotatedAt();
    Instant issuedAt = issued.issuedAt().orElse(Timestamps.truncate(now));
    Optional<Credential> supplied = seen.suppliedCredential();
    boolean followed = supplied.isPresent() && !supplied.get().sameAs(credential);
    if (followed) {
      credential = supplied.get();
      revision++;
      issuedAt = Timestamps.truncate(now);
      rotatedAt = Optional.of(issuedAt);
    }
    Instant activated = issued.activatedAt().orElse(issuedAt);
    IssueRecord record =
        new IssueRecord(credential, revision, activated, issuedAt, rotatedAt, sourceName(settings));
    Secret desired =
        KeySecrets.render(
            key,
            settings,
            issued.secret(),
            record,
            seen.validity().expiry(Optional.of(activated)),
            settings.channelReference());
    if (!KeySecrets.differs(issued.secret(), desired)) {
      return issued;
    }
    IssuedSecret result = IssuedSecret.read(context.resourceOperations().update(desired, secrets));
    if (followed) {
      events.normal(
          key,
          Reasons.ROTATED,
          "Took over the changed credential of Secret "
              + settings.existingSecretName().orElseThrow()
              + " as revision " + revision + " (" + credential.fingerprint() + ")");
    }
    return result;
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
