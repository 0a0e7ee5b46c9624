package dev.keysmith.apikey;

import dev.keysmith.api.v1alpha1.ApiChannel;
import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.ApiKeyStatus;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.api.v1alpha1.KeyType;
import dev.keysmith.apichannel.AppliedSettings;
import dev.keysmith.apichannel.ChannelSettings;
import dev.keysmith.apichannel.SigningKeySecret;
import dev.keysmith.credentials.Credential;
import dev.keysmith.credentials.CredentialGenerator;
import dev.keysmith.credentials.InvalidCredentialException;
import dev.keysmith.lifecycle.Blocker;
import dev.keysmith.lifecycle.CredentialState;
import dev.keysmith.lifecycle.KeyDecision;
import dev.keysmith.lifecycle.KeyLifecycle;
import dev.keysmith.lifecycle.Reasons;
import dev.keysmith.lifecycle.RotationFacts;
import dev.keysmith.lifecycle.SecretAction;
import dev.keysmith.lifecycle.TokenPolicy;
import dev.keysmith.lifecycle.RotationPolicy;
import dev.keysmith.lifecycle.Validity;
import dev.keysmith.support.Conditions;
import dev.keysmith.support.EventRecorder;
import dev.keysmith.support.KeyMetrics;
import dev.keysmith.support.KeysmithConfig;
import dev.keysmith.support.Metadata;
import dev.keysmith.support.ObservedInformerEventSource;
import dev.keysmith.support.Timestamps;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reconciles an ApiKey: observes the key, its channel, its namespace and its Secret; lets {@link
 * KeyLifecycle} decide; has {@link KeySecretWriter} carry the decision out on the Secret; derives
 * status from the Secret. The Secret is written before status, so a crash in between loses
 * nothing: the next reconciliation reads the Secret again.
 *
 * <p>Its caches of ApiKeys and of Keysmith's Secrets are the only ones: the ApiChannel
 * controller reads them through {@link KeyCaches}.
 *
 * <p>Every update of an ApiKey is reconciled (not only spec changes): the manual rotation trigger
 * is an annotation, and a status someone else changed or removed is written again. Keysmith's own
 * status writes are filtered out by the SDK.
 */
@ControllerConfiguration(
    name = ApiKeyReconciler.NAME,
    generationAwareEventProcessing = false,
    informer = @Informer(itemStore = ApiKeyStore.class))
@GradualRetry(maxAttempts = -1, initialInterval = 1_000, intervalMultiplier = 2, maxInterval = 300_000)
public class ApiKeyReconciler implements Reconciler<ApiKey> {

  public static final String NAME = "apikey";
  static final String CHANNEL_INDEX = KeyCaches.KEYS_BY_CHANNEL;
  static final String NAMESPACE_INDEX = "keysmith.dev/namespace";
  static final String KEYRING_INDEX = "keysmith.dev/keyring";
  static final String SIGNING_KEY_INDEX = "keysmith.dev/signing-key";

  private final Clock clock;
  private final CredentialGenerator generator;
  private final EventRecorder events;
  private final KeysmithConfig config;
  private final KeyMetrics metrics;
  private final KeyStatuses statuses = new KeyStatuses();
  private final RotationLimiter rotations;
  private final KeyCaches caches;

  private ObservedInformerEventSource<Secret, ApiKey> secrets;
  private InformerEventSource<ApiChannel, ApiKey> channels;
  private InformerEventSource<Namespace, ApiKey> namespaces;
  private IndexerResourceCache<ApiKey> keys;
  private KeySecretWriter writer;

  public ApiKeyReconciler(
      Clock clock,
      CredentialGenerator generator,
      EventRecorder events,
      KeysmithConfig config,
      KeyMetrics metrics,
      KeyCaches caches) {
    this.clock = clock;
    this.generator = generator;
    this.events = events;
    this.config = config;
    this.metrics = metrics;
    this.rotations = new RotationLimiter(config.rotation().concurrency());
    this.caches = caches;
  }

  @Override
  public List<EventSource<?, ApiKey>> prepareEventSources(EventSourceContext<ApiKey> context) {
    keys = context.getPrimaryCache();
    keys.addIndexers(KeyCaches.keyIndexers());
    keys.addIndexers(Map.of(NAMESPACE_INDEX, key -> List.of(key.getMetadata().getNamespace())));

    // Only Keysmith's own Secrets are cached, so memory does not grow with the cluster's Secrets.
    // The ApiChannel controller reads this cache and the ApiKey one through KeyCaches.
    secrets =
        new ObservedInformerEventSource<>(
            InformerEventSourceConfiguration.from(Secret.class, ApiKey.class)
                .withName("key-secrets")
                .withLabelSelector(Metadata.MANAGED_SELECTOR)
                .withSecondaryToPrimaryMapper(this::keysOfSecret)
                .build(),
            context);
    secrets.addIndexers(
        Map.of(
            KEYRING_INDEX, secret -> channelSecretIndex(secret, Metadata.ROLE_KEYRING),
            SIGNING_KEY_INDEX, secret -> channelSecretIndex(secret, Metadata.ROLE_SIGNING_KEY)));
    secrets.addIndexers(KeyCaches.secretIndexers());
    if (!(context.getControllerConfiguration().getInformerConfig().getItemStore() instanceof ApiKeyStore store)) {
      throw new IllegalStateException("The ApiKey informer does not keep its items in an ApiKeyStore");
    }
    AbstractEventSource<Void, ApiKey> cachesLifecycle = caches.attach(
        keys, context.getControllerConfiguration().getInformerConfig().getLabelSelector(), store, secrets);
    channels =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(ApiChannel.class, ApiKey.class)
                .withName("key-channels")
                .withSecondaryToPrimaryMapper(
                    channel ->
                        ids(keys.byIndex(CHANNEL_INDEX, ChannelSettings.reference(channel))))
                .withOnUpdateFilter(
                    (updated, old) ->
                        !Objects.equals(
                            updated.getMetadata().getGeneration(), old.getMetadata().getGeneration()))
                .build(),
            context);
    // When a channel's key counts change, a quota slot may have come free: only the keys waiting
    // for one are looked at, not every key of a big channel.
    InformerEventSource<ApiChannel, ApiKey> channelCounts =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(ApiChannel.class, ApiKey.class)
                .withName("key-channel-counts")
                .withSecondaryToPrimaryMapper(
                    channel ->
                        ids(
                            keys.byIndex(CHANNEL_INDEX, ChannelSettings.reference(channel)).stream()
                                .filter(Quota::isWaiting)
                                .toList()))
                .withOnAddFilter(channel -> false)
                .withOnUpdateFilter(
                    (updated, old) ->
                        updated.getSpec() != null
                            && updated.getSpec().getPolicy() != null
                            && updated.getSpec().getPolicy().getMaxKeys() != null
                            && !Objects.equals(counts(updated), counts(old)))
                .build(),
            context);
    namespaces =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Namespace.class, ApiKey.class)
                .withName("key-namespaces")
                .withWatchAllNamespaces()
                .withSecondaryToPrimaryMapper(
                    namespace -> ids(keys.byIndex(NAMESPACE_INDEX, namespace.getMetadata().getName())))
                .withOnUpdateFilter(
                    (updated, old) ->
                        !Objects.equals(updated.getMetadata().getLabels(), old.getMetadata().getLabels()))
                .build(),
            context);
    writer = new KeySecretWriter(generator, events, metrics, secrets);
    metrics.existing(k -> keys.get(new ResourceID(k.name(), k.namespace())).isPresent());
    return List.of(secrets, channels, channelCounts, namespaces, cachesLifecycle);
  }

  @Override
  public UpdateControl<ApiKey> reconcile(ApiKey key, Context<ApiKey> context) {
    Instant now = clock.instant();
    Observation seen = observe(key, context, now);
    KeyDecision decision = KeyLifecycle.decide(seen.facts(), now);
    boolean rotating = decision.action() == SecretAction.ROTATE;
    if (rotating && !rotations.tryAcquire()) {
      // A rotation storm: at most keysmith.rotation.concurrency rotations write at once.
      return UpdateControl.<ApiKey>noUpdate().rescheduleAfter(rotations.backoff());
    }
    Optional<IssuedSecret> current;
    try {
      current = writer.apply(context, key, decision, seen, now);
    } catch (SecretNameTaken taken) {
      seen = seen.withForeignSecret();
      decision = KeyLifecycle.decide(seen.facts(), now);
      current = Optional.empty();
    } catch (RuntimeException e) {
      if (rotating) {
        metrics.rotationFailed(key);
      }
      throw e;
    } finally {
      if (rotating) {
        rotations.release();
      }
    }
    recordTransition(key, seen.previous(), decision, seen.secretName());

    ApiKeyStatus status = statuses.build(key, seen, decision, current, now);
    metrics.record(key, status);
    UpdateControl<ApiKey> control;
    if (KeyStatuses.sameAs(seen.previous(), status, context)) {
      control = UpdateControl.noUpdate();
    } else {
      key.setStatus(status);
      control = UpdateControl.patchStatus(key);
    }
    nextLook(seen, decision, current, now)
        .ifPresent(at -> control.rescheduleAfter(Math.max(1, Duration.between(now, at).toMillis())));
    return control;
  }

  private Observation observe(ApiKey key, Context<ApiKey> context, Instant now) {
    ApiKeyStatus previous = key.getStatus() == null ? new ApiKeyStatus() : key.getStatus();
    String namespace = key.getMetadata().getNamespace();
    KeySettings.Resolution resolution = KeySettings.resolve(key);
    Optional<KeySettings> settings = resolution.settings();
    // With an invalid spec, the Secret to protect (or to delete on revocation) is the last one used.
    String secretName =
        settings
            .map(KeySettings::secretName)
            .or(() -> Optional.ofNullable(previous.getSecretName()))
            .orElse(KeySettings.defaultSecretName(key.getMetadata().getName()));

    Optional<Secret> secret = secrets.get(new ResourceID(secretName, namespace));
    Optional<IssuedSecret> issued =
        secret.filter(s -> KeySecrets.isOwnedBy(s, key)).map(IssuedSecret::read);
    CredentialState state =
        secret.isEmpty()
            ? CredentialState.ABSENT
            : issued.isEmpty()
                ? CredentialState.FOREIGN
                : issued.get().isUsable() ? CredentialState.PRESENT : CredentialState.UNUSABLE;

    ChannelBinding.Lookup lookup = settings.map(this::lookupChannel).orElse(null);
    Optional<ChannelSettings> channel =
        lookup instanceof ChannelBinding.Lookup.Found bound
            ? Optional.of(bound.settings())
            : Optional.empty();
    Validity validity =
        settings
            .map(
                s ->
                    Validity.resolve(
                        s.expiresAt(),
                        s.validFor(),
                        channel.flatMap(ChannelSettings::defaultValidity),
                        channel.flatMap(ChannelSettings::maxValidity)))
            .orElse(Validity.FOREVER);
    // Activation ends with revocation: a key issued again after it starts a new validity.
    Optional<Instant> activatedAt =
        issued
            .flatMap(IssuedSecret::activatedAt)
            .or(
                () ->
                    previous.getPhase() == KeyPhase.Revoked
                        ? Optional.empty()
                        : Timestamps.tryParse(previous.getActivatedAt()));

    boolean revoked = KeySettings.isRevoked(key);
    Optional<Blocker> blocker = Optional.empty();
    Optional<Credential> supplied = Optional.empty();
    if (settings.isPresent() && !revoked) {
      blocker =
          ChannelBinding.check(
              namespace, namespaceLabels(namespace), settings.get(), lookup, validity, activatedAt, now);
      if (blocker.isEmpty() && channel.isPresent()) {
        blocker = Quota.check(key, channel.get(), keys.byIndex(CHANNEL_INDEX, channel.get().reference()));
      }
      if (blocker.isEmpty() && settings.get().existingSecretName().isPresent()) {
        SuppliedCredential read =
            readSupplied(context, namespace, settings.get(), channel.orElseThrow());
        supplied = read.credential();
        blocker = read.blocker();
      }
    }
    // A key's own rotation block replaces the channel's default as a whole.
    RotationPolicy rotation =
        settings
            .flatMap(KeySettings::rotation)
            .or(() -> channel.flatMap(ChannelSettings::rotation))
            .orElse(RotationPolicy.MANUAL_ONLY);
    Optional<String> rotateAnnotation =
        Optional.ofNullable(key.getMetadata().getAnnotations()).map(a -> a.get(Metadata.ROTATE_REQUEST));
    return new Observation(
        previous,
        revoked,
        settings,
        resolution.problems(),
        secretName,
        issued,
        state,
        channel,
        validity,
        activatedAt,
        blocker,
        supplied,
        rotation,
        rotateAnnotation,
        lookup instanceof ChannelBinding.Lookup.Found found ? found.note() : Optional.empty(),
        channel.filter(c -> c.token().enabled()).flatMap(c -> signing(c.reference())));
  }

  /**
   * When the key must be looked at again even if nothing changes: for an active key the earliest
   * of its expiry (a validFor becomes an instant once the key is activated, possibly just now), its
   * next scheduled rotation and the end of its previous credential's grace period, as they stand
   * after this reconciliation; and the next re-read of a Secret Keysmith does not watch.
   */
  private Optional<Instant> nextLook(
      Observation seen, KeyDecision decision, Optional<IssuedSecret> current, Instant now) {
    Optional<Instant> at = decision.wakeAt();
    if (decision.isActive()) {
      RotationFacts rotation = seen.rotationFacts(current);
      at =
          KeyLifecycle.earliest(
              seen.validity().expiry(current.flatMap(IssuedSecret::activatedAt).or(seen::activatedAt)),
              rotation.dueAt(),
              rotation.previousValidUntil().filter(now::isBefore),
              current.flatMap(IssuedSecret::token).map(t -> TokenPolicy.refreshAt(t.claims())));
    }
    boolean unwatched =
        (decision.isActive() && seen.suppliedCredential().isPresent())
            || Reasons.SECRET_CONFLICT.equals(decision.reason());
    if (unwatched) {
      Instant poll = now.plus(config.foreignSecretPollInterval());
      at = Optional.of(at.filter(t -> t.isBefore(poll)).orElse(poll));
    }
    return at;
  }

  private void recordTransition(
      ApiKey key, ApiKeyStatus previous, KeyDecision decision, String secretName) {
    var ready = Conditions.find(previous.getConditions(), KeyStatuses.READY);
    boolean changed =
        previous.getPhase() != decision.phase()
            || ready == null
            || !Objects.equals(ready.getReason(), decision.reason())
            || (decision.phase() == KeyPhase.Failed
                && !Objects.equals(ready.getMessage(), decision.message()));
    if (!changed || decision.isActive()) {
      return;
    }
    switch (decision.phase()) {
      case Revoked -> events.normal(key, Reasons.REVOKED, "Revoked; Secret " + secretName + " deleted");
      case Expired ->
          events.normal(key, Reasons.EXPIRED, decision.message() + "; Secret " + secretName + " deleted");
      case Failed -> events.warning(key, decision.reason(), decision.message());
      default -> events.normal(key, decision.reason(), decision.message());
    }
  }

  private ChannelBinding.Lookup lookupChannel(KeySettings settings) {
    Optional<ApiChannel> channel =
        channels.get(new ResourceID(settings.channelName(), settings.channelNamespace()));
    if (channel.isEmpty()) {
      return new ChannelBinding.Lookup.NotFound(settings.channelReference());
    }
    Optional<Secret> keyring =
        secrets.byIndex(KEYRING_INDEX, settings.channelReference()).stream().findFirst();
    AppliedSettings applied = AppliedSettings.of(channel.get(), keyring);
    if (applied.settings().isEmpty()) {
      return new ChannelBinding.Lookup.Invalid(settings.channelReference(), applied.problems());
    }
    Optional<String> note =
        applied.fallback()
            ? Optional.of("ApiChannel " + settings.channelReference() + " has an invalid spec: "
                + applied.describeProblems())
            : Optional.empty();
    return new ChannelBinding.Lookup.Found(applied.settings().get(), note);
  }

  /** The channel's token signing key, once its reconciler has created it. */
  private Optional<Observation.Signing> signing(String channelReference) {
    return secrets.byIndex(SIGNING_KEY_INDEX, channelReference).stream()
        .findFirst()
        .flatMap(secret -> SigningKeySecret.currentKey(secret)
            .map(key -> new Observation.Signing(key, SigningKeySecret.publishedKeyIds(secret))));
  }

  private Map<String, String> namespaceLabels(String namespace) {
    return namespaces
        .get(new ResourceID(namespace))
        .map(ns -> Optional.ofNullable(ns.getMetadata().getLabels()).orElse(Map.of()))
        .orElse(null);
  }

  /** The credential a user supplied with credentials.existingSecretRef, or why it cannot be used. */
  private SuppliedCredential readSupplied(
      Context<ApiKey> context, String namespace, KeySettings settings, ChannelSettings channel) {
    String name = settings.existingSecretName().orElseThrow();
    Secret secret = context.getClient().secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      return SuppliedCredential.blocked(
          Blocker.pending(
              Reasons.CREDENTIALS_NOT_FOUND,
              "Secret " + name + " (spec.credentials.existingSecretRef) not found"));
    }
    KeyType type = settings.type().orElse(channel.defaultKeyType());
    try {
      return new SuppliedCredential(
          Optional.of(Credential.read(type, IssuedSecret.decode(secret.getData()))), Optional.empty());
    } catch (InvalidCredentialException e) {
      return SuppliedCredential.blocked(
          Blocker.failed(
              Reasons.INVALID_SPEC,
              "spec.credentials.existingSecretRef: Secret " + name + " does not hold a usable "
                  + type + " credential: " + e.getMessage()));
    }
  }

  /**
   * The keys a Keysmith Secret matters to: its own key for a credentials Secret, every key of the
   * channel for a channel's signing key (keys waiting for it to mint their first token).
   */
  private Set<ResourceID> keysOfSecret(Secret secret) {
    Map<String, String> labels = secret.getMetadata().getLabels();
    if (labels == null) {
      return Set.of();
    }
    if (Metadata.ROLE_SIGNING_KEY.equals(labels.get(Metadata.SECRET_ROLE))) {
      return ids(keys.byIndex(CHANNEL_INDEX, secret.getMetadata().getNamespace() + "/" + labels.get(Metadata.APICHANNEL)));
    }
    String key = labels.get(Metadata.APIKEY);
    return key == null ? Set.of() : Set.of(new ResourceID(key, secret.getMetadata().getNamespace()));
  }

  /** Index of a channel's keyring or signing-key Secret, by {@code namespace/channel}. */
  private static List<String> channelSecretIndex(Secret secret, String role) {
    return Optional.ofNullable(secret.getMetadata().getLabels())
        .filter(l -> role.equals(l.get(Metadata.SECRET_ROLE)))
        .map(l -> List.of(secret.getMetadata().getNamespace() + "/" + l.get(Metadata.APICHANNEL)))
        .orElse(List.of());
  }

  private static Object counts(ApiChannel channel) {
    return channel.getStatus() == null ? null : channel.getStatus().getKeys();
  }

  private static Set<ResourceID> ids(List<ApiKey> keys) {
    return keys.stream().map(ResourceID::fromResource).collect(Collectors.toSet());
  }

  private record SuppliedCredential(Optional<Credential> credential, Optional<Blocker> blocker) {
    static SuppliedCredential blocked(Blocker blocker) {
      return new SuppliedCredential(Optional.empty(), Optional.of(blocker));
    }
  }
}
