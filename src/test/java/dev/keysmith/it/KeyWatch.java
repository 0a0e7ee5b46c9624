package dev.keysmith.it;

import dev.keysmith.api.v1alpha1.ApiKey;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;

/**
 * Watches every ApiKey and notes, per key (namespace/name), when it was first seen Ready and when
 * each revision was first seen — the moments a user of {@code kubectl get -w} would see. Times
 * are {@link System#nanoTime()}.
 */
final class KeyWatch implements AutoCloseable {

  private final Map<String, Long> readyAt = new ConcurrentHashMap<>();
  private final Map<String, Long> revision = new ConcurrentHashMap<>();
  private final Map<String, Long> revisionSeenAt = new ConcurrentHashMap<>();
  private final Map<String, String> nextRotationAt = new ConcurrentHashMap<>();
  private final Watch watch;

  KeyWatch(KubernetesClient client) {
    watch = client.resources(ApiKey.class).inAnyNamespace().watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, ApiKey key) {
        seen(key, System.nanoTime());
      }

      @Override
      public void onClose(WatcherException cause) {}
    });
  }

  private void seen(ApiKey key, long now) {
    if (key.getStatus() == null) {
      return;
    }
    String id = key.getMetadata().getNamespace() + "/" + key.getMetadata().getName();
    boolean ready = key.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    if (ready) {
      readyAt.putIfAbsent(id, now);
    }
    Long seenRevision = key.getStatus().getRevision();
    if (seenRevision != null) {
      Long before = revision.put(id, seenRevision);
      if (before == null || !before.equals(seenRevision)) {
        revisionSeenAt.put(id + "#" + seenRevision, now);
      }
    }
    if (key.getStatus().getNextRotationAt() != null) {
      nextRotationAt.put(id, key.getStatus().getNextRotationAt());
    }
  }

  /** When the key was first seen Ready, or null. */
  Long readyAt(String id) {
    return readyAt.get(id);
  }


  /** When the key was first seen at this revision, or null. */
  Long revisionSeenAt(String id, long rev) {
    return revisionSeenAt.get(id + "#" + rev);
  }

  long countAtRevision(long rev) {
    return revision.values().stream().filter(r -> r >= rev).count();
  }

  long countNextRotationAt(String instant) {
    return nextRotationAt.values().stream().filter(instant::equals).count();
  }

  void awaitReady(int count, Duration timeout) {
    Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> readyAt.size() >= count);
  }

  @Override
  public void close() {
    watch.close();
  }
}
