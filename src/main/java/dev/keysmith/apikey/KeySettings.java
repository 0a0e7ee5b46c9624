package dev.keysmith.apikey;

import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.ApiKeySpec;
import dev.keysmith.api.v1alpha1.ChannelRef;
import dev.keysmith.api.v1alpha1.DeletionPolicy;
import dev.keysmith.api.v1alpha1.KeyType;
import dev.keysmith.api.v1alpha1.SecretTemplate;
import dev.keysmith.lifecycle.RotationPolicy;
import dev.keysmith.support.Cidr;
import dev.keysmith.support.KubernetesNames;
import dev.keysmith.support.Metadata;
import dev.keysmith.support.SpecProblems;
import dev.keysmith.support.SpecReading;
import dev.keysmith.support.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ApiKey's spec with defaults applied and every value parsed. {@link #resolve} reports each
 * invalid field instead, by its path.
 */
public record KeySettings(
    String channelNamespace,
    String channelName,
    Optional<KeyType> type,
    String secretName,
    Map<String, String> templateLabels,
    Map<String, String> templateAnnotations,
    Optional<Instant> expiresAt,
    Optional<Duration> validFor,
    Optional<RotationPolicy> rotation,
    Optional<String> rotationRequest,
    List<Cidr> ipAllowlist,
    Optional<String> existingSecretName,
    DeletionPolicy deletionPolicy) {

  public static final Duration MIN_VALID_FOR = Duration.ofSeconds(1);

  /** Either the settings or the problems of a key's spec. */
  public record Resolution(Optional<KeySettings> settings, List<String> problems) {}

  public String channelReference() {
    return channelNamespace + "/" + channelName;
  }

  public static String defaultSecretName(String keyName) {
    return keyName + "-credentials";
  }

  /** The channel a key refers to, as {@code namespace/name}; empty without a channel name. */
  public static Optional<String> channelReference(ApiKey key) {
    if (key.getSpec() == null || key.getSpec().getChannelRef() == null || key.getSpec().getChannelRef().getName() == null) {
      return Optional.empty();
    }
    String namespace = key.getSpec().getChannelRef().getNamespace();
    return Optional.of(
        (namespace == null ? key.getMetadata().getNamespace() : namespace)
            + "/"
            + key.getSpec().getChannelRef().getName());
  }

  public static boolean isRevoked(ApiKey key) {
    return key.getSpec() != null && Boolean.TRUE.equals(key.getSpec().getRevoked());
  }

  public static Resolution resolve(ApiKey key) {
    ApiKeySpec spec = key.getSpec();
    SpecProblems problems = new SpecProblems();
    if (spec == null) {
      problems.add("spec", "is required");
      return new Resolution(Optional.empty(), problems.list());
    }
    if (spec.getUnreadable() != null) {
      return new Resolution(Optional.empty(), List.of("spec." + spec.getUnreadable()));
    }
    String namespace = key.getMetadata().getNamespace();

    ChannelRef ref = spec.getChannelRef();
    String channelName = ref == null ? null : ref.getName();
    String channelNamespace = ref == null || ref.getNamespace() == null ? namespace : ref.getNamespace();
    if (channelName == null || channelName.isEmpty()) {
      problems.add("spec.channelRef.name", "is required");
    } else if (!KubernetesNames.isDnsSubdomain(channelName)) {
      problems.add("spec.channelRef.name", channelName, "is not a valid resource name");
    }
    if (!KubernetesNames.isDnsLabel(channelNamespace)) {
      problems.add("spec.channelRef.namespace", channelNamespace, "is not a valid namespace name");
    }

    String secretName =
        spec.getSecretName() != null
            ? spec.getSecretName()
            : defaultSecretName(key.getMetadata().getName());
    if (!KubernetesNames.isDnsSubdomain(secretName)) {
      problems.add(
          "spec.secretName",
          secretName,
          spec.getSecretName() != null
              ? "is not a valid Secret name (DNS subdomain, at most 253 characters)"
              : "(the default) is not a valid Secret name; set spec.secretName");
    }

    SecretTemplate template = spec.getSecretTemplate();
    Map<String, String> labels =
        template == null || template.getLabels() == null ? Map.of() : template.getLabels();
    Map<String, String> annotations =
        template == null || template.getAnnotations() == null ? Map.of() : template.getAnnotations();
    checkTemplate(problems, labels, annotations);

    Optional<Instant> expiresAt = problems.parse("spec.expiresAt", spec.getExpiresAt(), Timestamps::parse);
    Optional<Duration> validFor =
        SpecReading.duration(problems, "spec.validFor", spec.getValidFor(), MIN_VALID_FOR);
    if (spec.getExpiresAt() != null && spec.getValidFor() != null) {
      problems.add("spec.validFor", "must not be set together with spec.expiresAt");
    }

    Optional<RotationPolicy> rotation =
        SpecReading.rotation(problems, "spec.rotation", spec.getRotation());
    List<Cidr> allowlist = SpecReading.cidrs(problems, "spec.ipAllowlist", spec.getIpAllowlist());

    Optional<String> existing = Optional.empty();
    if (spec.getCredentials() != null && spec.getCredentials().getExistingSecretRef() != null) {
      String name = spec.getCredentials().getExistingSecretRef().getName();
      if (name == null || !KubernetesNames.isDnsSubdomain(name)) {
        problems.add(
            "spec.credentials.existingSecretRef.name",
            String.valueOf(name),
            "is not a valid Secret name");
      } else if (name.equals(secretName)) {
        problems.add(
            "spec.credentials.existingSecretRef.name",
            name,
            "must differ from the Secret the key writes (spec.secretName)");
      } else {
        existing = Optional.of(name);
      }
      if (rotation.flatMap(RotationPolicy::schedule).isPresent()) {
        problems.add(
            "spec.rotation",
            "must not schedule rotations for user-supplied credentials"
                + " (spec.credentials.existingSecretRef): change that Secret to rotate");
      }
    }

    if (!problems.isEmpty()) {
      return new Resolution(Optional.empty(), problems.list());
    }
    return new Resolution(
        Optional.of(
            new KeySettings(
                channelNamespace,
                channelName,
                Optional.ofNullable(spec.getType()),
                secretName,
                Map.copyOf(labels),
                Map.copyOf(annotations),
                expiresAt,
                validFor,
                rotation,
                Optional.ofNullable(spec.getRotationRequest()),
                allowlist,
                existing,
                spec.getDeletionPolicy() == null ? DeletionPolicy.Delete : spec.getDeletionPolicy())),
        List.of());
  }

  private static void checkTemplate(
      SpecProblems problems, Map<String, String> labels, Map<String, String> annotations) {
    labels.forEach(
        (key, value) -> {
          if (!KubernetesNames.isQualifiedName(key)) {
            problems.add("spec.secretTemplate.labels", key, "is not a valid label key");
          } else if (Metadata.isReserved(key)) {
            problems.add(
                "spec.secretTemplate.labels", key, "is reserved for Keysmith or GitOps tracking");
          } else if (!KubernetesNames.isLabelValue(value)) {
            problems.add(
                "spec.secretTemplate.labels[" + key + "]",
                String.valueOf(value),
                "is not a valid label value (at most 63 alphanumerics, '-', '_' or '.')");
          }
        });
    long bytes = 0;
    for (Map.Entry<String, String> e : annotations.entrySet()) {
      String key = e.getKey();
      if (!KubernetesNames.isQualifiedName(key)) {
        problems.add("spec.secretTemplate.annotations", key, "is not a valid annotation key");
      } else if (Metadata.isReserved(key)) {
        problems.add(
            "spec.secretTemplate.annotations", key, "is reserved for Keysmith or GitOps tracking");
      } else if (e.getValue() == null) {
        problems.add("spec.secretTemplate.annotations[" + key + "]", "must not be null");
      }
      bytes += key.length() + (e.getValue() == null ? 0 : e.getValue().getBytes(StandardCharsets.UTF_8).length);
    }
    if (bytes > KubernetesNames.MAX_ANNOTATIONS_BYTES / 2) {
      problems.add(
          "spec.secretTemplate.annotations",
          "are too large (" + bytes + " bytes; at most " + KubernetesNames.MAX_ANNOTATIONS_BYTES / 2 + ")");
    }
  }
}
