package dev.keysmith.apichannel;

import dev.keysmith.api.v1alpha1.AllowedNamespaces;
import dev.keysmith.api.v1alpha1.ApiChannel;
import dev.keysmith.api.v1alpha1.ApiChannelSpec;
import dev.keysmith.api.v1alpha1.ChannelPolicy;
import dev.keysmith.api.v1alpha1.KeyFormatSpec;
import dev.keysmith.api.v1alpha1.KeyType;
import dev.keysmith.api.v1alpha1.NamespacesFrom;
import dev.keysmith.api.v1alpha1.Protocol;
import dev.keysmith.api.v1alpha1.TokenSpec;
import dev.keysmith.credentials.KeyFormat;
import dev.keysmith.lifecycle.RotationPolicy;
import dev.keysmith.support.Cidr;
import dev.keysmith.support.GoDuration;
import dev.keysmith.support.KubernetesNames;
import dev.keysmith.support.SpecProblems;
import dev.keysmith.support.SpecReading;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A channel's spec with every default applied and every value parsed: what keys and keyrings are
 * built from. {@link #resolve} reports each invalid field instead.
 */
public record ChannelSettings(
    String namespace,
    String name,
    Protocol protocol,
    boolean active,
    List<KeyType> keyTypes,
    KeyFormat keyFormat,
    List<Cidr> ipAllowlist,
    NamespaceAccess namespaceAccess,
    boolean requireExpiry,
    Optional<Duration> defaultValidity,
    Optional<Duration> maxValidity,
    Optional<RotationPolicy> rotation,
    OptionalInt maxKeys,
    boolean defaultKeyEnabled,
    String keyringSecretName,
    TokenSettings token) {

  public static final Duration DEFAULT_TOKEN_TTL = Duration.ofHours(1);
  public static final Duration MIN_TOKEN_TTL = Duration.ofMinutes(5);
  public static final Duration MAX_TOKEN_TTL = Duration.ofHours(24);
  public static final Duration DEFAULT_SIGNING_KEY_ROTATION = Duration.ofHours(2160);
  public static final Duration MIN_SIGNING_KEY_ROTATION = Duration.ofSeconds(10);
  public static final Duration MIN_VALIDITY = Duration.ofSeconds(1);

  /** Token settings of a channel; {@code enabled == false} leaves the rest at their defaults. */
  public record TokenSettings(
      boolean enabled, Duration ttl, String audience, Duration signingKeyRotation) {}

  /** Either the settings or the problems of a channel's spec. */
  public record Resolution(Optional<ChannelSettings> settings, List<String> problems) {

    public boolean isValid() {
      return settings.isPresent();
    }
  }

  public String reference() {
    return namespace + "/" + name;
  }

  /** The channel with another spec, e.g. the last valid one. */
  public static ApiChannel withSpec(ApiChannel channel, ApiChannelSpec spec) {
    ApiChannel copy = new ApiChannel();
    copy.setMetadata(channel.getMetadata());
    copy.setSpec(spec);
    return copy;
  }

  /** {@code namespace/name}, the way keys refer to a channel. */
  public static String reference(ApiChannel channel) {
    return channel.getMetadata().getNamespace() + "/" + channel.getMetadata().getName();
  }

  public KeyType defaultKeyType() {
    return keyTypes.get(0);
  }

  public static Resolution resolve(ApiChannel channel) {
    String namespace = channel.getMetadata().getNamespace();
    String name = channel.getMetadata().getName();
    ApiChannelSpec spec = channel.getSpec();
    SpecProblems problems = new SpecProblems();
    if (spec != null && spec.getUnreadable() != null) {
      return new Resolution(Optional.empty(), List.of("spec." + spec.getUnreadable()));
    }
    if (spec == null || spec.getProtocol() == null) {
      problems.add("spec.protocol", "is required (REST, HTTP, FTP, WebService or Email)");
      return new Resolution(Optional.empty(), problems.list());
    }
    Protocol protocol = spec.getProtocol();

    List<KeyType> keyTypes = keyTypes(problems, protocol, spec.getKeyTypes());
    KeyFormat keyFormat = keyFormat(problems, protocol, spec.getKeyFormat());
    List<Cidr> allowlist = SpecReading.cidrs(problems, "spec.ipAllowlist", spec.getIpAllowlist());
    NamespaceAccess access = namespaceAccess(problems, spec.getAllowedNamespaces());

    ChannelPolicy policy = Optional.ofNullable(spec.getPolicy()).orElseGet(ChannelPolicy::new);
    Optional<Duration> defaultValidity =
        SpecReading.duration(
            problems, "spec.policy.defaultValidity", policy.getDefaultValidity(), MIN_VALIDITY);
    Optional<Duration> maxValidity =
        SpecReading.duration(
            problems, "spec.policy.maxValidity", policy.getMaxValidity(), MIN_VALIDITY);
    if (defaultValidity.isPresent()
        && maxValidity.isPresent()
        && defaultValidity.get().compareTo(maxValidity.get()) > 0) {
      problems.add(
          "spec.policy.defaultValidity",
          policy.getDefaultValidity(),
          "exceeds spec.policy.maxValidity (" + policy.getMaxValidity() + ")");
    }
    Optional<RotationPolicy> rotation =
        SpecReading.rotation(problems, "spec.policy.rotation", policy.getRotation());
    if (policy.getMaxKeys() != null && policy.getMaxKeys() < 1) {
      problems.add("spec.policy.maxKeys", "must be at least 1");
    }

    String keyringSecretName =
        spec.getKeyring() != null && spec.getKeyring().getSecretName() != null
            ? spec.getKeyring().getSecretName()
            : name + "-keyring";
    if (!KubernetesNames.isDnsSubdomain(keyringSecretName)) {
      problems.add(
          "spec.keyring.secretName", keyringSecretName, "is not a valid Secret name (DNS subdomain)");
    }

    TokenSettings token = token(problems, namespace, name, spec.getToken());

    if (!problems.isEmpty()) {
      return new Resolution(Optional.empty(), problems.list());
    }
    return new Resolution(
        Optional.of(
            new ChannelSettings(
                namespace,
                name,
                protocol,
                !Boolean.FALSE.equals(spec.getActive()),
                keyTypes,
                keyFormat,
                allowlist,
                access,
                Boolean.TRUE.equals(policy.getRequireExpiry()),
                defaultValidity,
                maxValidity,
                rotation,
                policy.getMaxKeys() == null ? OptionalInt.empty() : OptionalInt.of(policy.getMaxKeys()),
                spec.getDefaultKey() != null && Boolean.TRUE.equals(spec.getDefaultKey().getEnabled()),
                keyringSecretName,
                token)),
        List.of());
  }

  /** The key types a protocol allows when the channel lists none. */
  public static List<KeyType> defaultKeyTypes(Protocol protocol) {
    return switch (protocol) {
      case REST, HTTP -> List.of(KeyType.Opaque, KeyType.HMAC);
      case FTP, WebService, Email -> List.of(KeyType.Basic);
    };
  }

  public static String defaultPrefix(Protocol protocol) {
    return protocol.name().toLowerCase(Locale.ROOT);
  }

  private static List<KeyType> keyTypes(
      SpecProblems problems, Protocol protocol, List<KeyType> declared) {
    if (declared == null) {
      return defaultKeyTypes(protocol);
    }
    if (declared.isEmpty()) {
      problems.add("spec.keyTypes", "must list at least one key type (Opaque, Basic, HMAC)");
    } else if (declared.contains(null)) {
      problems.add("spec.keyTypes", "must list only Opaque, Basic or HMAC");
    } else if (new HashSet<>(declared).size() != declared.size()) {
      problems.add("spec.keyTypes", "must not list a key type twice");
    }
    return declared;
  }

  private static KeyFormat keyFormat(SpecProblems problems, Protocol protocol, KeyFormatSpec spec) {
    String prefix = spec != null && spec.getPrefix() != null ? spec.getPrefix() : defaultPrefix(protocol);
    int length = spec != null && spec.getLength() != null ? spec.getLength() : KeyFormat.DEFAULT_LENGTH;
    boolean valid = true;
    if (!KeyFormat.isValidPrefix(prefix)) {
      problems.add(
          "spec.keyFormat.prefix",
          prefix,
          "must be a lower-case letter followed by 1 to 11 lower-case letters or digits");
      valid = false;
    }
    if (length < KeyFormat.MIN_LENGTH || length > KeyFormat.MAX_LENGTH) {
      problems.add(
          "spec.keyFormat.length",
          "must be between " + KeyFormat.MIN_LENGTH + " and " + KeyFormat.MAX_LENGTH + ", not " + length);
      valid = false;
    }
    return valid ? new KeyFormat(prefix, length) : null;
  }

  private static NamespaceAccess namespaceAccess(SpecProblems problems, AllowedNamespaces spec) {
    NamespacesFrom from =
        spec == null || spec.getFrom() == null ? NamespacesFrom.Same : spec.getFrom();
    if (from == NamespacesFrom.Selector) {
      if (spec.getSelector() == null) {
        problems.add("spec.allowedNamespaces.selector", "is required when from is Selector");
        return null;
      }
      return NamespaceAccess.selector(
          problems, "spec.allowedNamespaces.selector", spec.getSelector());
    }
    if (spec != null && spec.getSelector() != null) {
      problems.add("spec.allowedNamespaces.selector", "applies only when from is Selector");
    }
    return from == NamespacesFrom.All ? NamespaceAccess.ALL : NamespaceAccess.SAME;
  }

  private static TokenSettings token(
      SpecProblems problems, String namespace, String name, TokenSpec spec) {
    TokenSpec token = spec == null ? new TokenSpec() : spec;
    Duration ttl =
        SpecReading.duration(problems, "spec.token.ttl", token.getTtl()).orElse(DEFAULT_TOKEN_TTL);
    if (token.getTtl() != null
        && (ttl.compareTo(MIN_TOKEN_TTL) < 0 || ttl.compareTo(MAX_TOKEN_TTL) > 0)) {
      problems.add(
          "spec.token.ttl",
          token.getTtl(),
          "must be between "
              + GoDuration.format(MIN_TOKEN_TTL)
              + " and "
              + GoDuration.format(MAX_TOKEN_TTL));
    }
    Duration signingKeyRotation =
        SpecReading.duration(
                problems,
                "spec.token.signingKeyRotation",
                token.getSigningKeyRotation(),
                MIN_SIGNING_KEY_ROTATION)
            .orElse(DEFAULT_SIGNING_KEY_ROTATION);
    String audience =
        token.getAudience() == null || token.getAudience().isEmpty()
            ? namespace + "/" + name
            : token.getAudience();
    return new TokenSettings(Boolean.TRUE.equals(token.getEnabled()), ttl, audience, signingKeyRotation);
  }
}
