package dev.keysmith.apikey;

import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.DeletionPolicy;
import dev.keysmith.support.Metadata;
import dev.keysmith.support.Timestamps;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Renders a key's Secret and decides whether an existing Secret is the key's own. */
public final class KeySecrets {

  static final String TEMPLATE_LABELS = Metadata.PREFIX + "template-labels";
  static final String TEMPLATE_ANNOTATIONS = Metadata.PREFIX + "template-annotations";

  private KeySecrets() {}

  /**
   * A Secret is the key's own when it carries Keysmith's labels for this key and is not controlled
   * by anything else: a controller reference, if present, must point at this very ApiKey (a
   * retained Secret has none, so a re-created key of the same name takes it over).
   */
  public static boolean isOwnedBy(Secret secret, ApiKey key) {
    Map<String, String> labels = secret.getMetadata().getLabels();
    if (!Metadata.isManagedByKeysmith(labels)
        || !key.getMetadata().getName().equals(labels.get(Metadata.APIKEY))) {
      return false;
    }
    return controller(secret)
        .map(ref -> "ApiKey".equals(ref.getKind()) && key.getMetadata().getUid().equals(ref.getUid()))
        .orElse(true);
  }

  /**
   * The key's Secret holding {@code record}. Labels, annotations and owner references that others
   * put on {@code current} are kept; what an earlier secretTemplate added and the current one no
   * longer has is removed.
   */
  static Secret render(
      ApiKey key,
      KeySettings settings,
      Secret current,
      IssueRecord record,
      Optional<Instant> expiresAt,
      String channelReference) {
    ObjectMeta before = current == null ? new ObjectMeta() : current.getMetadata();

    Map<String, String> labels = new LinkedHashMap<>(orEmpty(before.getLabels()));
    templated(before, TEMPLATE_LABELS).forEach(labels::remove);
    labels.putAll(settings.templateLabels());
    labels.put(Metadata.MANAGED_BY, Metadata.MANAGED_BY_KEYSMITH);
    labels.put(Metadata.APIKEY, key.getMetadata().getName());
    labels.put(Metadata.SECRET_ROLE, Metadata.ROLE_CREDENTIALS);

    Map<String, String> annotations = new LinkedHashMap<>(orEmpty(before.getAnnotations()));
    templated(before, TEMPLATE_ANNOTATIONS).forEach(annotations::remove);
    annotations.keySet().removeIf(k -> k.startsWith(Metadata.PREFIX));
    annotations.putAll(settings.templateAnnotations());
    annotations.put(Metadata.REVISION, Long.toString(record.revision()));
    annotations.put(Metadata.FINGERPRINT, record.credential().fingerprint());
    annotations.put(Metadata.KEY_TYPE, record.credential().type().name());
    annotations.put(Metadata.CHANNEL, channelReference);
    annotations.put(Metadata.SOURCE, record.source());
    annotations.put(Metadata.ACTIVATED_AT, Timestamps.format(record.activatedAt()));
    annotations.put(Metadata.ISSUED_AT, Timestamps.format(record.issuedAt()));
    record.rotatedAt().ifPresent(t -> annotations.put(Metadata.ROTATED_AT, Timestamps.format(t)));
    record.previous().ifPresent(previous -> {
      annotations.put(Metadata.PREVIOUS_VALID_UNTIL, Timestamps.format(previous.validUntil()));
      annotations.put(Metadata.PREVIOUS_FINGERPRINT, previous.credential().fingerprint());
      annotations.put(Metadata.PREVIOUS_KEY_TYPE, previous.credential().type().name());
    });
    if (!record.requests().handled().format().isEmpty()) {
      annotations.put(Metadata.HANDLED_REQUESTS, record.requests().handled().format());
    }
    record.requests().lastSpec().ifPresent(v -> annotations.put(Metadata.LAST_ROTATION_REQUEST, v));
    record.requests().lastAnnotation().ifPresent(v -> annotations.put(Metadata.LAST_ROTATE_ANNOTATION, v));
    expiresAt.ifPresent(t -> annotations.put(Metadata.EXPIRES_AT, Timestamps.format(t)));
    putKeyList(annotations, TEMPLATE_LABELS, settings.templateLabels().keySet());
    putKeyList(annotations, TEMPLATE_ANNOTATIONS, settings.templateAnnotations().keySet());

    List<OwnerReference> owners = new ArrayList<>(orEmpty(before.getOwnerReferences()));
    owners.removeIf(ref -> "ApiKey".equals(ref.getKind()) && isKeysmith(ref));
    if (settings.deletionPolicy() == DeletionPolicy.Delete) {
      owners.add(controllerReference(key));
    }

    Map<String, String> data = new LinkedHashMap<>();
    record.credential().values().forEach((k, v) -> data.put(k, IssuedSecret.encode(v)));
    record.previous().ifPresent(previous -> previous.credential().values()
        .forEach((k, v) -> data.put(IssuedSecret.previousKey(k), IssuedSecret.encode(v))));
    record.token().ifPresent(token -> {
      data.put(IssuedSecret.TOKEN, IssuedSecret.encode(token.compact()));
      data.put(IssuedSecret.TOKEN_EXPIRES_AT, IssuedSecret.encode(Timestamps.format(token.claims().expiresAt())));
    });

    return new SecretBuilder()
        .withNewMetadata()
        .withName(settings.secretName())
        .withNamespace(key.getMetadata().getNamespace())
        .withLabels(labels)
        .withAnnotations(annotations)
        .withOwnerReferences(owners)
        .withResourceVersion(before.getResourceVersion())
        .withUid(before.getUid())
        .endMetadata()
        .withType(IssuedSecret.secretType(record.credential().type()))
        .withData(data)
        .build();
  }

  /** Whether writing {@code desired} over {@code current} would change anything. */
  static boolean differs(Secret current, Secret desired) {
    ObjectMeta a = current.getMetadata();
    ObjectMeta b = desired.getMetadata();
    return !Objects.equals(orEmpty(a.getLabels()), orEmpty(b.getLabels()))
        || !Objects.equals(orEmpty(a.getAnnotations()), orEmpty(b.getAnnotations()))
        || !Objects.equals(orEmpty(a.getOwnerReferences()), orEmpty(b.getOwnerReferences()))
        || !Objects.equals(current.getType(), desired.getType())
        || !Objects.equals(orEmpty(current.getData()), orEmpty(desired.getData()));
  }

  public static OwnerReference controllerReference(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  private static Optional<OwnerReference> controller(Secret secret) {
    return orEmpty(secret.getMetadata().getOwnerReferences()).stream()
        .filter(ref -> Boolean.TRUE.equals(ref.getController()))
        .findFirst();
  }

  private static boolean isKeysmith(OwnerReference ref) {
    return ref.getApiVersion() != null && ref.getApiVersion().startsWith(ApiKey.GROUP + "/");
  }

  private static List<String> templated(ObjectMeta meta, String annotation) {
    String list = orEmpty(meta.getAnnotations()).get(annotation);
    return list == null || list.isEmpty() ? List.of() : Arrays.asList(list.split(","));
  }

  private static void putKeyList(Map<String, String> annotations, String annotation, Set<String> keys) {
    if (!keys.isEmpty()) {
      annotations.put(annotation, String.join(",", new TreeSet<>(keys)));
    }
  }

  private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
    return map == null ? Map.of() : map;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
