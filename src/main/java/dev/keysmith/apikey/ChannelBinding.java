package dev.keysmith.apikey;

import dev.keysmith.api.v1alpha1.KeyType;
import dev.keysmith.apichannel.ChannelSettings;
import dev.keysmith.lifecycle.Blocker;
import dev.keysmith.lifecycle.Reasons;
import dev.keysmith.lifecycle.Validity;
import dev.keysmith.support.Cidr;
import dev.keysmith.support.GoDuration;
import dev.keysmith.support.SpecProblems;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a key may bind to its channel: the channel exists and is valid, admits the key's
 * namespace, allows its type, and its policy allows the key's expiry and allowlist. Each check
 * returns the blocker it finds; the first one wins.
 */
final class ChannelBinding {

  private ChannelBinding() {}

  /** The channel's settings as the key sees them: found and valid, or why not. */
  sealed interface Lookup {
    /** The channel's settings; {@code note} says when they are its last valid spec's. */
    record Found(ChannelSettings settings, Optional<String> note) implements Lookup {}

    record NotFound(String reference) implements Lookup {}

    record Invalid(String reference, List<String> problems) implements Lookup {}
  }

  static Optional<Blocker> check(
      String keyNamespace,
      Map<String, String> keyNamespaceLabels,
      KeySettings key,
      Lookup lookup,
      Validity validity,
      Optional<Instant> activatedAt,
      Instant now) {
    if (lookup instanceof Lookup.NotFound notFound) {
      return Optional.of(
          Blocker.pending(
              Reasons.CHANNEL_NOT_FOUND, "ApiChannel " + notFound.reference() + " not found"));
    }
    if (lookup instanceof Lookup.Invalid invalid) {
      return Optional.of(
          Blocker.pending(
              Reasons.CHANNEL_NOT_READY,
              "ApiChannel "
                  + invalid.reference()
                  + " has an invalid spec: "
                  + String.join("; ", invalid.problems())));
    }
    ChannelSettings channel = ((Lookup.Found) lookup).settings();
    return namespace(keyNamespace, keyNamespaceLabels, channel)
        .or(() -> type(key, channel))
        .or(() -> expiry(key, channel, validity, activatedAt, now))
        .or(() -> allowlist(key, channel));
  }

  private static Optional<Blocker> namespace(
      String keyNamespace, Map<String, String> labels, ChannelSettings channel) {
    if (channel.namespaceAccess().allows(channel.namespace(), keyNamespace, labels)) {
      return Optional.empty();
    }
    return Optional.of(
        Blocker.pending(
            Reasons.NAMESPACE_NOT_ALLOWED,
            "ApiChannel "
                + channel.reference()
                + " accepts keys from "
                + channel.namespaceAccess().describe()
                + ", not from namespace "
                + keyNamespace));
  }

  private static Optional<Blocker> type(KeySettings key, ChannelSettings channel) {
    KeyType wanted = key.type().orElse(channel.defaultKeyType());
    if (channel.keyTypes().contains(wanted)) {
      return Optional.empty();
    }
    return Optional.of(
        Blocker.failed(
            Reasons.TYPE_NOT_ALLOWED,
            "spec.type: "
                + wanted
                + " is not allowed by ApiChannel "
                + channel.reference()
                + " (keyTypes: "
                + channel.keyTypes()
                + ")"));
  }

  private static Optional<Blocker> expiry(
      KeySettings key,
      ChannelSettings channel,
      Validity validity,
      Optional<Instant> activatedAt,
      Instant now) {
    boolean expiryAsked =
        key.expiresAt().isPresent() || key.validFor().isPresent() || channel.defaultValidity().isPresent();
    if (channel.requireExpiry() && !expiryAsked) {
      return Optional.of(
          Blocker.failed(
              Reasons.INVALID_SPEC,
              "spec.expiresAt or spec.validFor: one is required by ApiChannel "
                  + channel.reference()
                  + " (policy.requireExpiry)"));
    }
    if (channel.maxValidity().isPresent()
        && validity.exceeds(channel.maxValidity().get(), activatedAt, now)) {
      String field = key.validFor().isPresent() ? "spec.validFor" : "spec.expiresAt";
      return Optional.of(
          Blocker.failed(
              Reasons.INVALID_SPEC,
              field
                  + ": asks for longer than the maxValidity ("
                  + GoDuration.format(channel.maxValidity().get())
                  + " from activation) of ApiChannel "
                  + channel.reference()));
    }
    return Optional.empty();
  }

  private static Optional<Blocker> allowlist(KeySettings key, ChannelSettings channel) {
    if (channel.ipAllowlist().isEmpty()) {
      return Optional.empty();
    }
    SpecProblems problems = new SpecProblems();
    for (int i = 0; i < key.ipAllowlist().size(); i++) {
      Cidr cidr = key.ipAllowlist().get(i);
      if (channel.ipAllowlist().stream().noneMatch(c -> c.contains(cidr))) {
        problems.add(
            "spec.ipAllowlist[" + i + "]",
            cidr.canonical(),
            "is not within the ipAllowlist of ApiChannel "
                + channel.reference()
                + " "
                + channel.ipAllowlist());
      }
    }
    return problems.isEmpty()
        ? Optional.empty()
        : Optional.of(Blocker.failed(Reasons.INVALID_SPEC, String.join("; ", problems.list())));
  }
}
