package dev.keysmith.playground;

import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The object map of fabric8's CRUD dispatcher, indexed. The dispatcher finds objects by streaming
 * over {@link #entrySet()} and matching each key against the request's attributes: one full scan
 * per request, which makes the store quadratic in the number of objects (at 10,000 ApiKeys with
 * their Secrets, a few milliseconds per request). The dispatcher only ever looks for objects the
 * request's path can address, so while a request is dispatched ({@link #scoped}), the entry set
 * is narrowed to the objects of the path's resource (plural) and, where the path has them, its
 * name or namespace: a superset of what can match, so every answer is unchanged.
 *
 * <p>Objects are kept in insertion order, as by the dispatcher's own map, so lists keep their
 * order. Thread-safe: every access holds this map's monitor, and entry sets are snapshots.
 */
final class IndexedObjects extends AbstractMap<AttributeSet, String> {

  private static final String PLURAL = "plural";
  private static final String NAMESPACE = "namespace";
  private static final String NAME = "name";

  private final Map<AttributeSet, String> objects = new LinkedHashMap<>();
  private final Map<String, Set<AttributeSet>> byPlural = new HashMap<>();
  private final Map<String, Set<AttributeSet>> byNamespace = new HashMap<>();
  private final Map<String, Set<AttributeSet>> byName = new HashMap<>();
  /** Objects without a plural attribute: part of every narrowed view. */
  private final Set<AttributeSet> unindexed = new LinkedHashSet<>();
  private final ThreadLocal<AttributeSet> scope = new ThreadLocal<>();

  /** Runs the dispatch of a request whose path has these attributes with a narrowed entry set. */
  <T> T scoped(AttributeSet pathAttributes, java.util.function.Supplier<T> dispatch) {
    AttributeSet outer = scope.get();
    scope.set(pathAttributes);
    try {
      return dispatch.get();
    } finally {
      scope.set(outer);
    }
  }

  @Override
  public synchronized Set<Entry<AttributeSet, String>> entrySet() {
    AttributeSet query = scope.get();
    return snapshot(query == null ? objects.keySet() : candidates(query));
  }

  /**
   * The first object, in insertion order, whose attributes match the query — what the
   * dispatcher's own findResource answers, by a scan of the candidates only.
   */
  synchronized Entry<AttributeSet, String> find(AttributeSet query) {
    for (AttributeSet key : candidates(query)) {
      if (key.matches(query)) {
        return new SimpleImmutableEntry<>(key, objects.get(key));
      }
    }
    return null;
  }

  /** The objects that can match the query: those of its plural, name or namespace, if it has them. */
  private Set<AttributeSet> candidates(AttributeSet query) {
    String plural = single(query, PLURAL);
    if (plural == null) {
      return objects.keySet();
    }
    String name = single(query, NAME);
    String namespace = single(query, NAMESPACE);
    Set<AttributeSet> keys =
        name != null
            ? byName.get(plural + "/" + name)
            : namespace != null ? byNamespace.get(plural + "/" + namespace) : byPlural.get(plural);
    if (unindexed.isEmpty()) {
      return keys == null ? Set.of() : keys;
    }
    Set<AttributeSet> narrowed = new LinkedHashSet<>(keys == null ? Set.of() : keys);
    narrowed.addAll(unindexed);
    return narrowed;
  }

  private Set<Entry<AttributeSet, String>> snapshot(Set<AttributeSet> keys) {
    Set<Entry<AttributeSet, String>> entries = new LinkedHashSet<>();
    for (AttributeSet key : keys) {
      entries.add(new SimpleImmutableEntry<>(key, objects.get(key)));
    }
    return Collections.unmodifiableSet(entries);
  }

  @Override
  public synchronized String get(Object key) {
    return objects.get(key);
  }

  @Override
  public synchronized boolean containsKey(Object key) {
    return objects.containsKey(key);
  }

  @Override
  public synchronized int size() {
    return objects.size();
  }

  @Override
  public synchronized String put(AttributeSet key, String value) {
    String before = objects.put(key, value);
    if (before == null) {
      index(key, true);
    }
    return before;
  }

  @Override
  public synchronized String remove(Object key) {
    if (!(key instanceof AttributeSet set) || !objects.containsKey(set)) {
      return null;
    }
    index(set, false);
    return objects.remove(set);
  }

  @Override
  public synchronized void clear() {
    objects.clear();
    byPlural.clear();
    byNamespace.clear();
    byName.clear();
    unindexed.clear();
  }

  private void index(AttributeSet key, boolean add) {
    String plural = single(key, PLURAL);
    if (plural == null) {
      change(unindexed, key, add);
      return;
    }
    change(byPlural, plural, key, add);
    String namespace = single(key, NAMESPACE);
    if (namespace != null) {
      change(byNamespace, plural + "/" + namespace, key, add);
    }
    String name = single(key, NAME);
    if (name != null) {
      change(byName, plural + "/" + name, key, add);
    }
  }

  private static void change(Map<String, Set<AttributeSet>> index, String bucket, AttributeSet key, boolean add) {
    if (add) {
      index.computeIfAbsent(bucket, b -> new LinkedHashSet<>()).add(key);
    } else {
      Set<AttributeSet> keys = index.get(bucket);
      if (keys != null) {
        keys.remove(key);
        if (keys.isEmpty()) {
          index.remove(bucket);
        }
      }
    }
  }

  private static void change(Set<AttributeSet> set, AttributeSet key, boolean add) {
    if (add) {
      set.add(key);
    } else {
      set.remove(key);
    }
  }

  /** The attribute's one concrete value, or null (absent, several values, or the wildcard). */
  private static String single(AttributeSet set, String key) {
    Attribute attribute = set.getAttribute(key);
    if (attribute == null || attribute.getType() != AttributeType.WITH || attribute.getValues().size() != 1) {
      return null;
    }
    String value = attribute.getValues().get(0).toString();
    return value == null || value.equals("*") ? null : value;
  }
}
