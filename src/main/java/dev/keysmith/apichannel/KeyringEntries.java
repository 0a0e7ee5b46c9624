package dev.keysmith.apichannel;

import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.apikey.IssuedSecret;
import dev.keysmith.apikey.KeySecrets;
import dev.keysmith.credentials.Credential;
import dev.keysmith.support.Cidr;
import dev.keysmith.support.Metadata;
import dev.keysmith.support.Timestamps;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The credentials a channel's keyring lists, taken from the keys' Secrets (the source of truth)
 * for the keys whose status says Active: each current credential, and a previous one while its
 * grace period lasts. Nothing of an inactive channel.
 */
final class KeyringEntries {

  private KeyringEntries() {}

  static List<KeyringEntry> of(
      ChannelSettings channel,
      List<ApiKey> keys,
      Function<String, Optional<Secret>> secretByReference,
      Instant now) {
    List<KeyringEntry> entries = new ArrayList<>();
    if (!channel.active()) {
      return entries;
    }
    for (ApiKey key : keys) {
      if (key.getStatus() == null
          || key.getStatus().getPhase() != KeyPhase.Active
          || key.getStatus().getSecretName() == null) {
        continue;
      }
      String reference = key.getMetadata().getNamespace() + "/" + key.getMetadata().getName();
      Optional<IssuedSecret> issued =
          secretByReference
              .apply(key.getMetadata().getNamespace() + "/" + key.getStatus().getSecretName())
              .filter(s -> KeySecrets.isOwnedBy(s, key))
              .map(IssuedSecret::read)
              .filter(IssuedSecret::isUsable);
      if (issued.isEmpty()) {
        continue;
      }
      IssuedSecret secret = issued.get();
      List<String> allowlist = allowlist(key, channel);
      Instant activatedAt = secret.activatedAt().orElse(now);
      Optional<Instant> expiresAt =
          Timestamps.tryParse(secret.secret().getMetadata().getAnnotations().get(Metadata.EXPIRES_AT));
      Credential current = secret.credential().orElseThrow();
      entries.add(
          new KeyringEntry(
              current.keyId(channel.keyFormat().prefix()),
              reference,
              current,
              expiresAt,
              allowlist,
              KeyringEntry.State.current,
              activatedAt));
      secret.previous().filter(p -> now.isBefore(p.validUntil())).ifPresent(previous ->
          entries.add(
              new KeyringEntry(
                  previous.credential().keyId(channel.keyFormat().prefix()),
                  reference,
                  previous.credential(),
                  Optional.of(expiresAt.filter(e -> e.isBefore(previous.validUntil())).orElse(previous.validUntil())),
                  allowlist,
                  KeyringEntry.State.grace,
                  activatedAt)));
    }
    return entries;
  }

  /** The key's own allowlist (validated by the key's reconciler), else the channel's. */
  private static List<String> allowlist(ApiKey key, ChannelSettings channel) {
    List<String> own = key.getSpec() == null ? null : key.getSpec().getIpAllowlist();
    if (own != null && !own.isEmpty()) {
      List<String> canonical = new ArrayList<>();
      for (String cidr : own) {
        try {
          canonical.add(Cidr.parse(cidr).canonical());
        } catch (IllegalArgumentException e) {
          // An invalid entry makes the key Failed, so it is not listed at all; skip defensively.
        }
      }
      return canonical;
    }
    return channel.ipAllowlist().stream().map(Cidr::canonical).toList();
  }
}
