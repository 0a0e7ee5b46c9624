package dev.keysmith.apichannel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keysmith.api.v1alpha1.ApiChannel;
import dev.keysmith.api.v1alpha1.ApiChannelSpec;
import dev.keysmith.api.v1alpha1.ApiChannelStatus;
import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.Condition;
import dev.keysmith.api.v1alpha1.KeyCounts;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.apikey.IssuedSecret;
import dev.keysmith.apikey.KeyCaches;
import dev.keysmith.apikey.KeySettings;
import dev.keysmith.credentials.Bcrypt;
import dev.keysmith.credentials.Credential;
import dev.keysmith.credentials.CredentialGenerator;
import dev.keysmith.support.Conditions;
import dev.keysmith.support.EventRecorder;
import dev.keysmith.support.KeysmithConfig;
import dev.keysmith.support.Metadata;
import dev.keysmith.support.ObservedInformerEventSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Reconciles an ApiChannel: publishes its keyring (rebuilt from the keys' Secrets, the source of
 * truth), keeps its default key alive, and reports its keys. Keyring writes are coalesced: at most
 * one per {@code keysmith.keyring.min-write-interval}, with everything that changed meanwhile.
 *
 * <p>A channel whose spec became invalid keeps working by the last valid spec, recorded in its
 * keyring Secret, and says so: a bad edit does not take its keys down.
 */
@ControllerConfiguration(name = ApiChannelReconciler.NAME, generationAwareEventProcessing = false)
@GradualRetry(maxAttempts = -1, initialInterval = 1_000, intervalMultiplier = 2, maxInterval = 300_000)
public class ApiChannelReconciler implements Reconciler<ApiChannel> {

  public static final String NAME = "apichannel";
  static final String READY = "Ready";
  static final String ACTIVE = "Active";
  /** How soon a channel looks again while the key caches are (re)starting. */
  private static final Duration CACHES_NOT_READY_RETRY = Duration.ofSeconds(1);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String JWKS = "jwks.json";
  private static final Logger LOG = Logger.getLogger(ApiChannelReconciler.class);

  private final Clock clock;
  private final EventRecorder events;
  private final KeysmithConfig config;
  private final BcryptCache bcrypt;
  private final DefaultKeys defaultKeys;
  private final SecureRandom random = CredentialGenerator.bouncyCastleDrbg();
  private final Map<ResourceID, Instant> lastWrite = new ConcurrentHashMap<>();
  /** The resourceVersion of each keyring Secret as this operator last wrote it. */
  private final Map<ResourceID, String> writtenKeyrings = new ConcurrentHashMap<>();
  /** Channels whose published htpasswd lines were taken over since this operator started. */
  private final Set<ResourceID> seeded = ConcurrentHashMap.newKeySet();

  private final KeyCaches caches;
  /** The channel's own ApiKey cache, only under label-selector sharding (see prepareEventSources). */
  private ObservedInformerEventSource<ApiKey, ApiChannel> ownKeys;

  public ApiChannelReconciler(Clock clock, EventRecorder events, KeysmithConfig config, KeyCaches caches) {
    this.clock = clock;
    this.caches = caches;
    this.events = events;
    this.config = config;
    this.bcrypt = new BcryptCache(new Bcrypt(random, config.keyring().bcryptCost()));
    this.defaultKeys = new DefaultKeys(events);
  }

  /**
   * A channel follows its keys and their Secrets through the ApiKey controller's caches (see
   * {@link KeyCaches}): it is told of every change, and of both channels when a key moves. When
   * that controller sees only its shard's keys, the channel keeps an ApiKey cache of its own.
   */
  @Override
  public List<EventSource<?, ApiChannel>> prepareEventSources(EventSourceContext<ApiChannel> context) {
    SimpleInboundEventSource<ApiChannel> changes = new SimpleInboundEventSource<>("channel-key-changes");
    boolean ownKeyCache = caches.keysSharded();
    caches.listen(new KeyCaches.Listener() {
      @Override
      public void keyChanged(ApiKey previous, ApiKey current) {
        if (!ownKeyCache) {
          propagate(changes, previous, current, KeySettings::channelReference);
        }
      }

      @Override
      public void secretChanged(Secret previous, Secret current) {
        if (current != null
            && writtenKeyrings.remove(ResourceID.fromResource(current), current.getMetadata().getResourceVersion())) {
          return; // the event of this operator's own keyring write: nothing new to look at
        }
        propagate(changes, previous, current, KeyCaches::channelOf);
      }
    });
    if (!ownKeyCache) {
      return List.of(changes);
    }
    ObservedInformerEventSource<ApiKey, ApiChannel> own =
        new ObservedInformerEventSource<>(
            InformerEventSourceConfiguration.from(ApiKey.class, ApiChannel.class)
                .withName("channel-keys")
                .withSecondaryToPrimaryMapper(key -> Set.of())
                .build(),
            context);
    own.addIndexers(KeyCaches.keyIndexers());
    own.observe((previous, current) -> propagate(changes, previous, current, KeySettings::channelReference));
    ownKeys = own;
    return List.of(changes, own);
  }

  private static <T> void propagate(
      SimpleInboundEventSource<ApiChannel> changes, T previous, T current, Function<T, Optional<String>> channel) {
    Optional<String> before = Optional.ofNullable(previous).flatMap(channel);
    Optional<String> after = Optional.ofNullable(current).flatMap(channel);
    before.ifPresent(c -> changes.propagateEvent(id(c)));
    after.filter(c -> !after.equals(before)).ifPresent(c -> changes.propagateEvent(id(c)));
  }

  @Override
  public UpdateControl<ApiChannel> reconcile(ApiChannel channel, Context<ApiChannel> context) {
    Instant now = clock.instant();
    String reference = ChannelSettings.reference(channel);
    ResourceID id = ResourceID.fromResource(channel);
    ApiChannelStatus previous = channel.getStatus() == null ? new ApiChannelStatus() : channel.getStatus();
    // Coalescing: what changes within min-write-interval of the last write (a thousand keys created
    // at once) is looked at once, when the interval ends, without rendering anything before.
    Instant allowed = lastWrite.getOrDefault(id, Instant.EPOCH).plus(config.keyring().minWriteInterval());
    if (now.isBefore(allowed)) {
      return UpdateControl.<ApiChannel>noUpdate()
          .rescheduleAfter(Math.max(1, Duration.between(now, allowed).toMillis()));
    }

    // Keys and Secrets come from the ApiKey controller's caches: nothing is acted on unless they
    // were complete all the while they were read (not while that controller starts or stops).
    long session = caches.session();
    if (session < 0) {
      return UpdateControl.<ApiChannel>noUpdate().rescheduleAfter(CACHES_NOT_READY_RETRY);
    }
    List<Secret> ownSecrets = caches.secretsOf(reference);
    Optional<Secret> keyring =
        ownSecrets.stream()
            .filter(s -> Metadata.ROLE_KEYRING.equals(s.getMetadata().getLabels().get(Metadata.SECRET_ROLE)))
            .filter(s -> KeyringSecret.isOwnedBy(s, channel))
            .findFirst();
    AppliedSettings applied = AppliedSettings.of(channel, keyring);
    List<ApiKey> channelKeys =
        ownKeys == null ? caches.keysOf(reference) : ownKeys.byIndex(KeyCaches.KEYS_BY_CHANNEL, reference);
    if (!caches.isOpen(session)) {
      return UpdateControl.<ApiChannel>noUpdate().rescheduleAfter(CACHES_NOT_READY_RETRY);
    }

    if (applied.settings().isPresent() && applied.settings().get().defaultKeyEnabled()) {
      defaultKeys.keepAlive(
          context.getClient(),
          channel,
          defaultKey(new ResourceID(DefaultKeys.name(channel), channel.getMetadata().getNamespace())));
    }

    Publication publication = Publication.none(keyring);
    Optional<Instant> wakeAt = Optional.empty();
    if (applied.settings().isPresent()) {
      ChannelSettings settings = applied.settings().get();
      Map<String, String> files = Map.of();
      if (settings.token().enabled()) {
        Optional<SigningKeys.State> signing = signingKeys(context, channel, settings, ownSecrets, now);
        if (signing.isEmpty()) {
          publication = Publication.conflict(keyring, SigningKeySecret.name(channel.getMetadata().getName()));
          return finish(context, channel, previous, applied, publication, channelKeys, now, Optional.empty());
        }
        files = Map.of(JWKS, json(SigningKeys.jwks(signing.get())));
        wakeAt = Optional.of(signing.get().nextChange(settings.token().signingKeyRotation()));
      }
      if (seeded.add(id)) {
        keyring.ifPresent(this::rememberPublishedHashes);
      }
      Map<String, Secret> keySecrets =
          ownSecrets.stream()
              .filter(s -> Metadata.ROLE_CREDENTIALS.equals(s.getMetadata().getLabels().get(Metadata.SECRET_ROLE)))
              .collect(Collectors.toMap(
                  s -> s.getMetadata().getNamespace() + "/" + s.getMetadata().getName(), s -> s, (a, b) -> a));
      List<KeyringEntry> entries =
          KeyringEntries.of(settings, channelKeys, r -> Optional.ofNullable(keySecrets.get(r)), now);
      Optional<Secret> target =
          keyring.filter(s -> s.getMetadata().getName().equals(settings.keyringSecretName()));
      long revision = target.map(KeyringSecret::revision).orElse(0L);
      Keyring.Rendered rendered = render(reference, revision, entries, files);
      boolean changed =
          target.isEmpty()
              || !rendered.contentHash().equals(KeyringSecret.contentHash(target.get()))
              || !Objects.equals(applied.generation(), KeyringSecret.appliedGeneration(target.get()));
      if (changed) {
        if (target.isEmpty() || !rendered.contentHash().equals(KeyringSecret.contentHash(target.get()))) {
          revision++;
          rendered = render(reference, revision, entries, files);
        }
        Secret desired =
            KeyringSecret.render(
                channel, settings.keyringSecretName(), target.orElse(null), rendered.data(), revision,
                rendered.contentHash(), applied.spec(), applied.generation());
        publication = write(context, channel, desired, target.isPresent(), keyring, rendered);
        lastWrite.put(id, now);
      } else {
        publication = Publication.published(target, rendered);
      }
    }

    return finish(context, channel, previous, applied, publication, channelKeys, now, wakeAt);
  }

  /** Writes status if it changed, and asks to be woken for the next signing-key change. */
  private UpdateControl<ApiChannel> finish(
      Context<ApiChannel> context,
      ApiChannel channel,
      ApiChannelStatus previous,
      AppliedSettings applied,
      Publication publication,
      List<ApiKey> channelKeys,
      Instant now,
      Optional<Instant> wakeAt) {
    ApiChannelStatus status = status(channel, previous, applied, publication, channelKeys, now);
    UpdateControl<ApiChannel> control;
    if (Objects.equals(
        context.getClient().getKubernetesSerialization().asJson(previous),
        context.getClient().getKubernetesSerialization().asJson(status))) {
      control = UpdateControl.noUpdate();
    } else {
      channel.setStatus(status);
      control = UpdateControl.patchStatus(channel);
    }
    wakeAt.ifPresent(at -> control.rescheduleAfter(Math.max(1, Duration.between(now, at).toMillis())));
    return control;
  }

  /**
   * The channel's token signing keys, generated once and rotated on schedule; empty when the
   * Secret's name is taken by a Secret Keysmith does not own.
   */
  private Optional<SigningKeys.State> signingKeys(
      Context<ApiChannel> context, ApiChannel channel, ChannelSettings settings, List<Secret> ownSecrets, Instant now) {
    Optional<Secret> secret =
        ownSecrets.stream()
            .filter(s -> Metadata.ROLE_SIGNING_KEY.equals(s.getMetadata().getLabels().get(Metadata.SECRET_ROLE)))
            .filter(s -> SigningKeySecret.isOwnedBy(s, channel))
            .findFirst();
    Optional<SigningKeys.State> state = secret.flatMap(SigningKeySecret::read);
    SigningKeys.State next =
        SigningKeys.next(state, now, settings.token().signingKeyRotation(), settings.token().ttl(), random);
    if (state.isPresent() && next.sameAs(state.get())) {
      return state;
    }
    Secret desired = SigningKeySecret.render(channel, secret.orElse(null), next);
    try {
      if (secret.isPresent()) {
        context.getClient().resource(desired).update();
      } else {
        context.getClient().resource(desired).create();
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409 || secret.isPresent()) {
        throw e;
      }
      Secret taken =
          context.getClient().secrets().inNamespace(channel.getMetadata().getNamespace())
              .withName(desired.getMetadata().getName()).get();
      if (taken == null || SigningKeySecret.isOwnedBy(taken, channel)) {
        throw e;
      }
      return Optional.empty();
    }
    events.normal(channel, state.isEmpty() ? "SigningKeyCreated" : "SigningKeyRotated",
        "Token signing key " + next.current().keyId() + " in Secret " + desired.getMetadata().getName());
    return Optional.of(next);
  }

  /** Writes the keyring; a name taken by a Secret Keysmith does not own is left untouched. */
  private Publication write(
      Context<ApiChannel> context,
      ApiChannel channel,
      Secret desired,
      boolean exists,
      Optional<Secret> previousKeyring,
      Keyring.Rendered rendered) {
    Secret written;
    try {
      written =
          exists
              ? context.getClient().resource(desired).update()
              : context.getClient().resource(desired).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409 || exists) {
        throw e;
      }
      Secret taken =
          context.getClient().secrets().inNamespace(desired.getMetadata().getNamespace())
              .withName(desired.getMetadata().getName()).get();
      if (taken == null || KeyringSecret.isOwnedBy(taken, channel)) {
        throw e;
      }
      return Publication.conflict(previousKeyring, desired.getMetadata().getName());
    }
    writtenKeyrings.put(ResourceID.fromResource(written), written.getMetadata().getResourceVersion());
    // The keyring's name changed: the old one must not go on listing credentials.
    previousKeyring
        .filter(old -> !old.getMetadata().getName().equals(desired.getMetadata().getName()))
        .ifPresent(old -> context.getClient().resource(old).delete());
    LOG.debugf(
        "ApiChannel %s: wrote keyring %s revision %s with %d credentials",
        ChannelSettings.reference(channel), desired.getMetadata().getName(),
        KeyringSecret.revision(written), rendered.entries());
    return Publication.published(Optional.of(written), rendered);
  }

  private Keyring.Rendered render(
      String reference, long revision, List<KeyringEntry> entries, Map<String, String> files) {
    return Keyring.render(
        reference,
        revision,
        entries,
        entry -> bcrypt.line(
            entry.credential().username().orElseThrow(),
            entry.credential().values().get(Credential.PASSWORD).getBytes(StandardCharsets.UTF_8)),
        files,
        Keyring.SECRET_DATA_LIMIT);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JWKS is plain data", e);
    }
  }

  /** After a restart, the published htpasswd lines are reused instead of hashed again. */
  private void rememberPublishedHashes(Secret keyring) {
    Map<String, String> data = IssuedSecret.decode(keyring.getData());
    String keysJson = data.get(Keyring.KEYS_JSON);
    String auth = data.get(Keyring.NGINX_HTPASSWD);
    if (keysJson == null || auth == null || auth.isEmpty()) {
      return;
    }
    Map<String, String> lineByUser = new HashMap<>();
    auth.lines().forEach(line -> {
      int colon = line.indexOf(':');
      if (colon > 0) {
        lineByUser.put(line.substring(0, colon), line);
      }
    });
    try {
      JsonNode root = JSON.readTree(keysJson);
      for (JsonNode entry : root.path("keys")) {
        String username = entry.path("username").asText(null);
        String sha = entry.path("sha256").asText(null);
        if (username != null && sha != null && lineByUser.containsKey(username)) {
          bcrypt.remember(username, sha, lineByUser.get(username));
        }
      }
    } catch (JsonProcessingException e) {
      // A damaged keyring is rebuilt from the key Secrets; its hashes are simply computed again.
    }
  }

  private ApiChannelStatus status(
      ApiChannel channel,
      ApiChannelStatus previous,
      AppliedSettings applied,
      Publication publication,
      List<ApiKey> channelKeys,
      Instant now) {
    ApiChannelStatus status = new ApiChannelStatus();
    Long generation = channel.getMetadata().getGeneration();
    status.setObservedGeneration(generation);
    status.setKeys(counts(channelKeys));
    publication.keyring().ifPresent(k -> {
      status.setKeyringSecretName(k.getMetadata().getName());
      status.setKeyringRevision(KeyringSecret.revision(k));
    });

    Condition ready;
    if (!applied.isValid()) {
      ready = Conditions.of(READY, false, "InvalidSpec", applied.describeProblems());
    } else if (publication.conflict().isPresent()) {
      ready = Conditions.of(READY, false, "SecretConflict",
          "Secret " + publication.conflict().get() + " exists and is not owned by this channel; remove"
              + " or rename that Secret (for the keyring, spec.keyring.secretName can name another)");
    } else if (publication.rendered().map(r -> !r.leftOut().isEmpty()).orElse(false)) {
      List<String> leftOut = publication.rendered().get().leftOut();
      ready = Conditions.of(READY, false, "KeyringTooLarge",
          "The keyring holds " + publication.rendered().get().entries() + " credentials, the most a 1 MiB"
              + " Secret fits; " + leftOut.size() + " newest keys are left out: "
              + String.join(", ", leftOut.subList(0, Math.min(10, leftOut.size())))
              + (leftOut.size() > 10 ? ", ..." : ""));
    } else if (publication.keyring().isEmpty()) {
      ready = Conditions.of(READY, false, "Publishing", "The keyring is being written");
    } else {
      ready = Conditions.of(READY, true, "Published",
          "Keyring " + status.getKeyringSecretName() + " revision " + status.getKeyringRevision()
              + " lists " + publication.rendered().map(Keyring.Rendered::entries).orElse(0)
              + " credentials");
    }
    boolean active = applied.settings().map(ChannelSettings::active).orElse(!Boolean.FALSE.equals(
        channel.getSpec() == null ? null : channel.getSpec().getActive()));
    Condition activeCondition = active
        ? Conditions.of(ACTIVE, true, "Active", "Keys of this channel are accepted")
        : Conditions.of(ACTIVE, false, "Inactive", "spec.active is false: every key of this channel is suspended");
    status.setConditions(Conditions.merge(previous.getConditions(), List.of(ready, activeCondition), generation, now));
    return status;
  }

  private static KeyCounts counts(List<ApiKey> keys) {
    Map<KeyPhase, Integer> byPhase = new EnumMap<>(KeyPhase.class);
    for (KeyPhase phase : KeyPhase.values()) {
      byPhase.put(phase, 0);
    }
    for (ApiKey key : keys) {
      KeyPhase phase = key.getStatus() == null || key.getStatus().getPhase() == null
          ? KeyPhase.Pending : key.getStatus().getPhase();
      byPhase.merge(phase, 1, Integer::sum);
    }
    KeyCounts counts = new KeyCounts();
    counts.setActive(byPhase.get(KeyPhase.Active));
    counts.setPending(byPhase.get(KeyPhase.Pending));
    counts.setSuspended(byPhase.get(KeyPhase.Suspended));
    counts.setExpired(byPhase.get(KeyPhase.Expired));
    counts.setRevoked(byPhase.get(KeyPhase.Revoked));
    counts.setFailed(byPhase.get(KeyPhase.Failed));
    return counts;
  }

  private Optional<ApiKey> defaultKey(ResourceID id) {
    return ownKeys == null ? caches.key(id) : ownKeys.get(id);
  }

  private static ResourceID id(String reference) {
    int slash = reference.indexOf('/');
    return new ResourceID(reference.substring(slash + 1), reference.substring(0, slash));
  }

  /** The keyring as it stands after this reconciliation. */
  private record Publication(
      Optional<Secret> keyring, Optional<Keyring.Rendered> rendered, Optional<String> conflict) {

    static Publication none(Optional<Secret> keyring) {
      return new Publication(keyring, Optional.empty(), Optional.empty());
    }

    static Publication published(Optional<Secret> keyring, Keyring.Rendered rendered) {
      return new Publication(keyring, Optional.of(rendered), Optional.empty());
    }

    static Publication conflict(Optional<Secret> keyring, String name) {
      return new Publication(keyring, Optional.empty(), Optional.of(name));
    }
  }
}
