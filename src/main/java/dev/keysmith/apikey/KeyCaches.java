package dev.keysmith.apikey;

import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.support.Metadata;
import dev.keysmith.support.ObservedInformerEventSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The ApiKey controller's caches of ApiKeys and of Keysmith's Secrets, shared with the ApiChannel
 * controller. The SDK (5.3) gives every controller informers of its own; with one set per
 * controller every key and every key Secret was listed, watched, deserialized and held twice.
 * Here the channel controller reads the key controller's caches and is told of each change to
 * them, the key controller's own writes included.
 *
 * <p>The caches belong to the key controller's lifecycle: empty before it has started and
 * cleared when it stops. A reader takes a {@link #session()} before reading and checks it with
 * {@link #isOpen} before acting on what it read, so that a keyring is never written from caches
 * that were not complete.
 */
@Singleton
public class KeyCaches {

  /** What a follower is told; {@code previous} is null for an addition, {@code current} for a removal. */
  public interface Listener {
    void keyChanged(ApiKey previous, ApiKey current);

    void secretChanged(Secret previous, Secret current);
  }

  public static final String KEYS_BY_CHANNEL = "keysmith.dev/channel";
  /** Where label-selector sharding (the chart's sharding.apiKeySelector) sets the ApiKey selector. */
  static final String KEY_SELECTOR_PROPERTY = "quarkus.operator-sdk.controllers." + ApiKeyReconciler.NAME + ".selector";
  static final String SECRETS_BY_CHANNEL = "keysmith.dev/secret-channel";

  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong sessions = new AtomicLong();
  private final Lifecycle lifecycle = new Lifecycle();
  private volatile IndexerResourceCache<ApiKey> keys;
  private volatile AbstractEventSource<?, ?> keySource;
  private volatile ObservedInformerEventSource<Secret, ApiKey> secrets;
  private volatile ApiKeyStore store;
  private volatile boolean started;
  private final Optional<String> keySelector =
      ConfigProvider.getConfig().getOptionalValue(KEY_SELECTOR_PROPERTY, String.class).filter(s -> !s.isBlank());

  /**
   * Whether the ApiKey controller sees only the keys of its shard (label-selector sharding). A
   * channel lists its keys whichever shard reconciles them, so it then keeps an ApiKey cache of
   * its own; the Secret cache is shared either way.
   */
  public boolean keysSharded() {
    return keySelector.isPresent();
  }

  /**
   * Called by the key controller as it prepares its event sources; the returned source must be
   * registered with them. The SDK starts it once the primary informer has synced (alongside the
   * other sources; {@link #isOpen} also waits for the Secret source) and stops it after that
   * informer.
   */
  AbstractEventSource<Void, ApiKey> attach(
      IndexerResourceCache<ApiKey> keys,
      String keyLabelSelector,
      ApiKeyStore store,
      ObservedInformerEventSource<Secret, ApiKey> secrets) {
    if (!(keys instanceof AbstractEventSource<?, ?> source)) {
      throw new IllegalStateException("The ApiKey cache is not an event source: " + keys.getClass());
    }
    boolean filtered = keyLabelSelector != null && !keyLabelSelector.isBlank();
    if (filtered != keysSharded()) {
      throw new IllegalStateException("The ApiKey controller's label selector (" + keyLabelSelector
          + ") is not the one read from " + KEY_SELECTOR_PROPERTY + " (" + keySelector.orElse(null) + ")");
    }
    this.keys = keys;
    this.keySource = source;
    this.store = store;
    this.secrets = secrets;
    store.observe((previous, current) -> listeners.forEach(l -> l.keyChanged(previous, current)));
    secrets.observe((previous, current) -> listeners.forEach(l -> l.secretChanged(previous, current)));
    return lifecycle;
  }

  public void listen(Listener listener) {
    listeners.add(listener);
  }

  /** A token for a consistent read: negative while the caches are not complete. */
  public long session() {
    long session = sessions.get();
    return isOpen(session) ? session : -1;
  }

  /** Whether the caches were complete, and stayed so, since {@code session} was taken. */
  public boolean isOpen(long session) {
    // Stopping an informer event source marks it stopped before emptying its cache, so a read
    // that saw an emptied cache sees a stopped source here.
    return session >= 0
        && started
        && session == sessions.get()
        && keySource != null
        && keySource.isRunning()
        && secrets.isRunning();
  }

  /** The keys of a channel ({@code namespace/name}); of this shard only when {@link #keysSharded()}. */
  public List<ApiKey> keysOf(String channel) {
    return keys.byIndex(KEYS_BY_CHANNEL, channel);
  }

  public Optional<ApiKey> key(ResourceID id) {
    return keys.get(id);
  }

  /** Keysmith's Secrets of a channel ({@code namespace/name}): its keys', its keyring, its signing key. */
  public List<Secret> secretsOf(String channel) {
    return secrets.byIndex(SECRETS_BY_CHANNEL, channel);
  }

  public static Map<String, Function<ApiKey, List<String>>> keyIndexers() {
    return Map.of(KEYS_BY_CHANNEL, key -> List.of(KeySettings.channelReference(key).orElse("")));
  }

  static Map<String, Function<Secret, List<String>>> secretIndexers() {
    return Map.of(SECRETS_BY_CHANNEL, secret -> channelOf(secret).stream().toList());
  }

  /** The channel a Keysmith Secret belongs to: a key's (by annotation) or a channel's own (by label). */
  public static Optional<String> channelOf(Secret secret) {
    Map<String, String> labels = secret.getMetadata().getLabels();
    String role = labels == null ? null : labels.get(Metadata.SECRET_ROLE);
    if (Metadata.ROLE_KEYRING.equals(role) || Metadata.ROLE_SIGNING_KEY.equals(role)) {
      String channel = labels.get(Metadata.APICHANNEL);
      return channel == null ? Optional.empty() : Optional.of(secret.getMetadata().getNamespace() + "/" + channel);
    }
    Map<String, String> annotations = secret.getMetadata().getAnnotations();
    return Optional.ofNullable(annotations == null ? null : annotations.get(Metadata.CHANNEL));
  }

  /**
   * The caches' lifecycle, as an event source of the key controller: the SDK starts it after the
   * controller's primary informer has synced and stops it after that informer has stopped.
   */
  private final class Lifecycle extends AbstractEventSource<Void, ApiKey> {

    Lifecycle() {
      super(Void.class, "key-caches");
    }

    @Override
    public void start() {
      sessions.incrementAndGet();
      started = true;
      super.start();
    }

    @Override
    public void stop() {
      started = false;
      sessions.incrementAndGet();
      store.clear();
      super.stop();
    }

    @Override
    public Set<Void> getSecondaryResources(ApiKey primary) {
      return Set.of();
    }
  }
}
