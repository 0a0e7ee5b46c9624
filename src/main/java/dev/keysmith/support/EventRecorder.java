package dev.keysmith.support;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Emits Kubernetes Events about Keysmith's resources, the way client-go's recorder does: an event
 * repeated within the aggregation window increments the count of the first instead of creating
 * another, and each object gets a token bucket so that a flapping key cannot flood the API server.
 * Events are written off the reconcile thread and never fail a reconciliation; messages never
 * contain key material (callers pass key ids and fingerprints only).
 */
@ApplicationScoped
public class EventRecorder {

  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";
  private static final Logger LOG = Logger.getLogger(EventRecorder.class);
  private static final int MAX_TRACKED = 10_000;

  private final KubernetesClient client;
  private final Clock clock;
  private final KeysmithConfig.Events config;
  /** The pod's name (set by the chart; HOSTNAME is the pod name too): which replica reported. */
  private final String instance =
      System.getenv().getOrDefault("POD_NAME", System.getenv().getOrDefault("HOSTNAME", "keysmith"));
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final Map<String, Recorded> recent = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private final ThreadPoolExecutor writer =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.MILLISECONDS,
          new ArrayBlockingQueue<>(1_000),
          r -> {
            Thread thread = new Thread(r, "keysmith-events");
            thread.setDaemon(true);
            return thread;
          },
          new ThreadPoolExecutor.DiscardPolicy());

  public EventRecorder(KubernetesClient client, Clock clock, KeysmithConfig config) {
    this.client = client;
    this.clock = clock;
    this.config = config.events();
  }

  public void normal(HasMetadata involved, String reason, String message) {
    record(involved, NORMAL, reason, message);
  }

  public void warning(HasMetadata involved, String reason, String message) {
    record(involved, WARNING, reason, message);
  }

  private void record(HasMetadata involved, String type, String reason, String message) {
    Instant now = clock.instant();
    String uid = involved.getMetadata().getUid();
    String aggregationKey = uid + "|" + type + "|" + reason + "|" + message;
    Recorded previous = recent.get(aggregationKey);
    boolean aggregate =
        previous != null && previous.last().plus(config.aggregationWindow()).isAfter(now);
    // Repeats count against the bucket too: an aggregated repeat is still a write.
    if (!buckets.computeIfAbsent(uid, u -> new Bucket(config.burst(), now)).take(now, config)) {
      LOG.debugf(
          "Rate-limited event %s for %s/%s",
          reason, involved.getMetadata().getNamespace(), involved.getMetadata().getName());
      return;
    }
    trim();
    Recorded next =
        aggregate
            ? new Recorded(previous.name(), previous.count() + 1, previous.first(), now)
            : new Recorded(eventName(involved, now), 1, now, now);
    recent.put(aggregationKey, next);
    Event event = event(involved, type, reason, message, next);
    writer.execute(() -> write(event, aggregate));
  }

  private void write(Event event, boolean aggregate) {
    var events = client.v1().events().inNamespace(event.getMetadata().getNamespace());
    try {
      if (aggregate) {
        try {
          events
              .withName(event.getMetadata().getName())
              .edit(
                  existing -> {
                    existing.setCount(event.getCount());
                    existing.setLastTimestamp(event.getLastTimestamp());
                    return existing;
                  });
          return;
        } catch (KubernetesClientException e) {
          if (e.getCode() != 404) {
            throw e;
          }
        }
      }
      events.resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.debugf(
          "Could not write event %s for %s: HTTP %d",
          event.getReason(), event.getInvolvedObject().getName(), e.getCode());
    }
  }

  private Event event(
      HasMetadata involved, String type, String reason, String message, Recorded recorded) {
    return new EventBuilder()
        .withNewMetadata()
        .withName(recorded.name())
        .withNamespace(involved.getMetadata().getNamespace())
        .endMetadata()
        .withInvolvedObject(
            new ObjectReferenceBuilder()
                .withApiVersion(involved.getApiVersion())
                .withKind(involved.getKind())
                .withName(involved.getMetadata().getName())
                .withNamespace(involved.getMetadata().getNamespace())
                .withUid(involved.getMetadata().getUid())
                .build())
        .withType(type)
        .withReason(reason)
        .withMessage(message)
        .withCount(recorded.count())
        .withFirstTimestamp(Timestamps.format(Timestamps.truncate(recorded.first())))
        .withLastTimestamp(Timestamps.format(Timestamps.truncate(recorded.last())))
        .withNewSource()
        .withComponent("keysmith")
        .endSource()
        .withReportingComponent("keysmith.dev/operator")
        .withReportingInstance(instance)
        .build();
  }

  private String eventName(HasMetadata involved, Instant now) {
    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano() + sequence.incrementAndGet();
    return involved.getMetadata().getName() + "." + Long.toHexString(nanos);
  }

  /** Keeps memory bounded: forgets aggregation state and buckets that no longer matter. */
  private void trim() {
    if (recent.size() > MAX_TRACKED) {
      Instant horizon = clock.instant().minus(config.aggregationWindow());
      recent.values().removeIf(r -> r.last().isBefore(horizon));
    }
    if (buckets.size() > MAX_TRACKED) {
      buckets.clear();
    }
  }

  @PreDestroy
  void stop() throws InterruptedException {
    writer.shutdown();
    writer.awaitTermination(2, TimeUnit.SECONDS);
  }

  private record Recorded(String name, int count, Instant first, Instant last) {}

  /** A token bucket: {@code burst} tokens, one more per refill interval. */
  private static final class Bucket {
    private double tokens;
    private Instant updated;

    Bucket(int burst, Instant now) {
      this.tokens = burst;
      this.updated = now;
    }

    synchronized boolean take(Instant now, KeysmithConfig.Events config) {
      double refill =
          (double) Duration.between(updated, now).toMillis() / config.refillInterval().toMillis();
      tokens = Math.min(config.burst(), tokens + Math.max(0, refill));
      updated = now;
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }
  }
}
