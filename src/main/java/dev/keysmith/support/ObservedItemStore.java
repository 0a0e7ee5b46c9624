package dev.keysmith.support;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * An informer's item store that reports every change of what it holds, so that a second reader
 * can follow an informer without a watch and a cache of its own. Unlike the informer's event
 * handlers, which the SDK filters (a controller is not told of its own writes), it sees the store
 * exactly as the informer keeps it.
 *
 * <p>The observer runs on the informer's thread while the informer holds its cache lock: it must
 * only take note (queue an event), never read the informer or block.
 */
public class ObservedItemStore<T extends HasMetadata> implements ItemStore<T> {

  /** A change: {@code previous} is null for an addition, {@code current} null for a removal. */
  @FunctionalInterface
  public interface Observer<T> {
    void changed(T previous, T current);
  }

  private final Map<String, T> items = new ConcurrentHashMap<>();
  private volatile Observer<T> observer = (previous, current) -> {};

  public void observe(Observer<T> observer) {
    this.observer = Objects.requireNonNull(observer);
  }

  /**
   * Forgets everything without reporting it. The SDK hands the same store to the informer of every
   * start of its controller; one started over old items would not announce them as new.
   */
  public void clear() {
    items.clear();
  }

  @Override
  public String getKey(T obj) {
    return Cache.metaNamespaceKeyFunc(obj);
  }

  @Override
  public T put(String key, T obj) {
    T previous = items.put(key, obj);
    if (previous == null
        || !Objects.equals(
            previous.getMetadata().getResourceVersion(), obj.getMetadata().getResourceVersion())) {
      observer.changed(previous, obj);
    }
    return previous;
  }

  @Override
  public T remove(String key) {
    T previous = items.remove(key);
    if (previous != null) {
      observer.changed(previous, null);
    }
    return previous;
  }

  @Override
  public Stream<String> keySet() {
    return items.keySet().stream();
  }

  @Override
  public Stream<T> values() {
    return items.values().stream();
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public T get(String key) {
    return items.get(key);
  }
}
