package dev.keysmith.support;

import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.ApiKeyStatus;
import dev.keysmith.api.v1alpha1.KeyPhase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Keysmith's Prometheus metrics, in the shape cert-manager uses for certificates so that existing
 * alerts translate:
 *
 * <ul>
 *   <li>{@code keysmith_apikey_expiry_timestamp_seconds{namespace,name,channel}}: when the key
 *       expires (absent for keys that do not);
 *   <li>{@code keysmith_apikey_next_rotation_timestamp_seconds{namespace,name,channel}}: when it
 *       is next rotated by its schedule (absent without one);
 *   <li>{@code keysmith_apikey_ready{namespace,name,channel}}: 1 when Ready, else 0;
 *   <li>{@code keysmith_apikeys{phase}}: keys per phase;
 *   <li>{@code keysmith_rotations_total{namespace,name,channel,trigger}} and {@code
 *       keysmith_rotation_failures_total{namespace,name,channel}}.
 * </ul>
 *
 * Series of deleted keys are dropped within a minute.
 */
@ApplicationScoped
public class KeyMetrics {

  public static final String TRIGGER_SCHEDULE = "schedule";
  public static final String TRIGGER_REQUEST = "request";
  public static final String TRIGGER_CREDENTIALS_CHANGE = "credentials-change";

  private static final Duration PRUNE_INTERVAL = Duration.ofMinutes(1);

  private final MeterRegistry registry;
  private final Map<Key, Tracked> tracked = new ConcurrentHashMap<>();
  private final ScheduledExecutorService pruner =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "keysmith-metrics-pruner");
        thread.setDaemon(true);
        return thread;
      });
  private volatile Predicate<Key> exists = k -> true;

  public KeyMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (KeyPhase phase : KeyPhase.values()) {
      Gauge.builder("keysmith.apikeys", tracked, t -> t.values().stream().filter(k -> k.phase == phase).count())
          .description("ApiKeys per phase")
          .tag("phase", phase.name())
          .register(registry);
    }
    pruner.scheduleWithFixedDelay(this::prune, PRUNE_INTERVAL.toSeconds(), PRUNE_INTERVAL.toSeconds(), TimeUnit.SECONDS);
  }

  /** Tells which keys still exist, so that the series of deleted keys can be dropped. */
  public void existing(Predicate<Key> exists) {
    this.exists = exists;
  }

  /** Records a key's state after a reconciliation. */
  public void record(ApiKey apiKey, ApiKeyStatus status) {
    Key key = Key.of(apiKey);
    Tracked state = tracked.compute(key, (k, previous) -> {
      if (previous != null && previous.channel.equals(channel(apiKey))) {
        return previous;
      }
      if (previous != null) {
        previous.remove(registry);
      }
      return new Tracked(channel(apiKey));
    });
    state.phase = status.getPhase();
    state.ready = Conditions.isTrue(status.getConditions(), "Ready") ? 1 : 0;
    state.expiry = epochSeconds(status.getExpiresAt());
    state.nextRotation = epochSeconds(status.getNextRotationAt());
    state.register(registry, key);
  }

  public void rotated(ApiKey apiKey, String trigger) {
    Counter.builder("keysmith.rotations")
        .description("Rotations of an ApiKey's credential")
        .tags(tags(apiKey).and("trigger", trigger))
        .register(registry)
        .increment();
  }

  public void rotationFailed(ApiKey apiKey) {
    Counter.builder("keysmith.rotation.failures")
        .description("Rotations that failed and will be retried")
        .tags(tags(apiKey))
        .register(registry)
        .increment();
  }

  private void prune() {
    for (Key key : new ArrayList<>(tracked.keySet())) {
      if (!exists.test(key)) {
        Tracked gone = tracked.remove(key);
        if (gone != null) {
          gone.remove(registry);
        }
        registry.getMeters().stream()
            .filter(m -> m.getId().getName().startsWith("keysmith.rotation"))
            .filter(m -> key.namespace.equals(m.getId().getTag("namespace")) && key.name.equals(m.getId().getTag("name")))
            .forEach(registry::remove);
      }
    }
  }

  @PreDestroy
  void stop() {
    pruner.shutdownNow();
  }

  private static Tags tags(ApiKey apiKey) {
    return Tags.of(
        "namespace", apiKey.getMetadata().getNamespace(),
        "name", apiKey.getMetadata().getName(),
        "channel", channel(apiKey));
  }

  private static String channel(ApiKey apiKey) {
    return apiKey.getSpec() == null || apiKey.getSpec().getChannelRef() == null
        ? ""
        : Objects.toString(apiKey.getSpec().getChannelRef().getName(), "");
  }

  private static double epochSeconds(String timestamp) {
    return Timestamps.tryParse(timestamp).map(Instant::getEpochSecond).map(Long::doubleValue).orElse(Double.NaN);
  }

  /** A key, by namespace and name. */
  public record Key(String namespace, String name) {
    static Key of(ApiKey key) {
      return new Key(key.getMetadata().getNamespace(), key.getMetadata().getName());
    }
  }

  /** The last recorded state of one key and the gauges that report it. */
  private static final class Tracked {
    final String channel;
    volatile KeyPhase phase;
    volatile double ready;
    volatile double expiry = Double.NaN;
    volatile double nextRotation = Double.NaN;
    private final List<Meter> meters = new ArrayList<>();
    private Meter expiryGauge;
    private Meter rotationGauge;

    Tracked(String channel) {
      this.channel = channel;
    }

    synchronized void register(MeterRegistry registry, Key key) {
      Tags tags = Tags.of("namespace", key.namespace, "name", key.name, "channel", channel);
      if (meters.isEmpty()) {
        meters.add(Gauge.builder("keysmith.apikey.ready", this, t -> t.ready)
            .description("1 when the ApiKey is Ready, else 0").tags(tags).register(registry));
      }
      expiryGauge = toggle(registry, expiryGauge, !Double.isNaN(expiry), () ->
          Gauge.builder("keysmith.apikey.expiry.timestamp", this, t -> t.expiry)
              .description("When the ApiKey expires").baseUnit("seconds").tags(tags).register(registry));
      rotationGauge = toggle(registry, rotationGauge, !Double.isNaN(nextRotation), () ->
          Gauge.builder("keysmith.apikey.next.rotation.timestamp", this, t -> t.nextRotation)
              .description("When the ApiKey's schedule next rotates it").baseUnit("seconds").tags(tags).register(registry));
    }

    private static Meter toggle(MeterRegistry registry, Meter current, boolean wanted, java.util.function.Supplier<Meter> create) {
      if (wanted && current == null) {
        return create.get();
      }
      if (!wanted && current != null) {
        registry.remove(current);
        return null;
      }
      return current;
    }

    synchronized void remove(MeterRegistry registry) {
      meters.forEach(registry::remove);
      meters.clear();
      for (Meter meter : new Meter[] {expiryGauge, rotationGauge}) {
        if (meter != null) {
          registry.remove(meter);
        }
      }
      expiryGauge = null;
      rotationGauge = null;
    }
  }
}
