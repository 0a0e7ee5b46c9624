package dev.keysmith.apichannel;

import dev.keysmith.api.v1alpha1.ApiChannel;
import dev.keysmith.api.v1alpha1.ApiChannelSpec;
import dev.keysmith.apikey.IssuedSecret;
import dev.keysmith.apikey.KeySecrets;
import dev.keysmith.support.Metadata;
import dev.keysmith.support.Ownership;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The keyring Secret of a channel: its data, its revision, and the spec it was built from. */
final class KeyringSecret {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private KeyringSecret() {}

  static boolean isOwnedBy(Secret secret, ApiChannel channel) {
    return Ownership.isChannelSecret(secret, channel, Metadata.ROLE_KEYRING);
  }

  static long revision(Secret keyring) {
    try {
      return Long.parseLong(annotations(keyring).getOrDefault(Metadata.KEYRING_REVISION, "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static String contentHash(Secret keyring) {
    return annotations(keyring).get(Metadata.CONTENT_HASH);
  }

  /** The last valid spec the keyring was built from, if it recorded one. */
  static Optional<ApiChannelSpec> appliedSpec(Secret keyring) {
    String json = annotations(keyring).get(Metadata.APPLIED_SPEC);
    if (json == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(SERIALIZATION.unmarshal(json, ApiChannelSpec.class));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  static Long appliedGeneration(Secret keyring) {
    try {
      return Long.valueOf(annotations(keyring).get(Metadata.APPLIED_GENERATION));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The keyring Secret.
   *
   * @param applied the spec the content was built from, and its generation
   */
  static Secret render(
      ApiChannel channel,
      String name,
      Secret current,
      Map<String, String> files,
      long revision,
      String contentHash,
      ApiChannelSpec applied,
      Long appliedGeneration) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (current != null && current.getMetadata().getLabels() != null) {
      labels.putAll(current.getMetadata().getLabels());
    }
    labels.put(Metadata.MANAGED_BY, Metadata.MANAGED_BY_KEYSMITH);
    labels.put(Metadata.APICHANNEL, channel.getMetadata().getName());
    labels.put(Metadata.SECRET_ROLE, Metadata.ROLE_KEYRING);

    Map<String, String> annotations = new LinkedHashMap<>();
    if (current != null && current.getMetadata().getAnnotations() != null) {
      current.getMetadata().getAnnotations().forEach((k, v) -> {
        if (!k.startsWith(Metadata.PREFIX)) {
          annotations.put(k, v);
        }
      });
    }
    annotations.put(Metadata.KEYRING_REVISION, Long.toString(revision));
    annotations.put(Metadata.CONTENT_HASH, contentHash);
    annotations.put(Metadata.APPLIED_SPEC, SERIALIZATION.asJson(applied));
    annotations.put(Metadata.APPLIED_GENERATION, String.valueOf(appliedGeneration));

    Map<String, String> data = new LinkedHashMap<>();
    files.forEach((k, v) -> data.put(k, IssuedSecret.encode(v)));
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(channel.getMetadata().getNamespace())
        .withLabels(labels)
        .withAnnotations(annotations)
        .withOwnerReferences(KeySecrets.controllerReference(channel))
        .withResourceVersion(current == null ? null : current.getMetadata().getResourceVersion())
        .endMetadata()
        .withType("Opaque")
        .withData(data)
        .build();
  }

  private static Map<String, String> annotations(Secret secret) {
    Map<String, String> annotations = secret.getMetadata().getAnnotations();
    return annotations == null ? Map.of() : annotations;
  }
}
