package dev.keysmith.apikey;

import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.apichannel.ChannelSettings;
import dev.keysmith.lifecycle.Blocker;
import dev.keysmith.lifecycle.Reasons;
import dev.keysmith.support.Conditions;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A channel's policy.maxKeys: the oldest keys win. Keys that compete for a slot are those not
 * revoked that are active, suspended, waiting for a slot, or new; a key that expired, failed or
 * waits on something else takes none.
 */
final class Quota {

  private static final Comparator<ApiKey> OLDEST_FIRST =
      Comparator.comparing((ApiKey k) -> k.getMetadata().getCreationTimestamp(),
              Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(k -> k.getMetadata().getNamespace())
          .thenComparing(k -> k.getMetadata().getName());

  private Quota() {}

  static Optional<Blocker> check(ApiKey key, ChannelSettings channel, List<ApiKey> channelKeys) {
    if (channel.maxKeys().isEmpty()) {
      return Optional.empty();
    }
    int max = channel.maxKeys().getAsInt();
    List<ApiKey> line =
        channelKeys.stream()
            .filter(k -> isSame(k, key) || competes(k))
            .sorted(OLDEST_FIRST)
            .toList();
    int place = 0;
    while (place < line.size() && !isSame(line.get(place), key)) {
      place++;
    }
    if (place < max) {
      return Optional.empty();
    }
    return Optional.of(
        Blocker.pending(
            Reasons.QUOTA_EXCEEDED,
            "ApiChannel " + channel.reference() + " allows " + max + " active keys (policy.maxKeys);"
                + " this key is number " + (place + 1) + " in line"));
  }

  /** Whether a key waits for a quota slot. */
  static boolean isWaiting(ApiKey key) {
    return key.getStatus() != null
        && key.getStatus().getPhase() == KeyPhase.Pending
        && Reasons.QUOTA_EXCEEDED.equals(readyReason(key));
  }

  private static boolean competes(ApiKey key) {
    if (KeySettings.isRevoked(key)) {
      return false;
    }
    if (key.getStatus() == null || key.getStatus().getPhase() == null) {
      return true;
    }
    KeyPhase phase = key.getStatus().getPhase();
    return phase == KeyPhase.Active || phase == KeyPhase.Suspended || isWaiting(key);
  }

  private static boolean isSame(ApiKey a, ApiKey b) {
    return a.getMetadata().getName().equals(b.getMetadata().getName())
        && a.getMetadata().getNamespace().equals(b.getMetadata().getNamespace());
  }

  private static String readyReason(ApiKey key) {
    var ready = Conditions.find(key.getStatus().getConditions(), KeyStatuses.READY);
    return ready == null ? null : ready.getReason();
  }
}
