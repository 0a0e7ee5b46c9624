package dev.keysmith.apichannel;

import dev.keysmith.credentials.SigningKey;
import dev.keysmith.lifecycle.KeyLifecycle;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A channel's token signing keys: the current key, generated once and replaced every
 * token.signingKeyRotation, and the public halves of retired keys, published until every token
 * they signed has expired (a token signed at the last moment lives one ttl longer).
 */
final class SigningKeys {

  private SigningKeys() {}

  /** A retired key: no longer signs, still verifies until {@code removeAfter}. */
  record Retired(SigningKey.PublicKey key, Instant retiredAt, Instant removeAfter) {}

  /** The keys of a channel. */
  record State(SigningKey current, Instant createdAt, List<Retired> retired) {

    /** Every public key a verifier needs now: the current one first. */
    List<SigningKey.PublicKey> published() {
      List<SigningKey.PublicKey> keys = new ArrayList<>();
      keys.add(current.publicKey());
      retired.forEach(r -> keys.add(r.key()));
      return keys;
    }

    /** When this state changes by itself: the next rotation or the removal of a retired key. */
    Instant nextChange(Duration rotation) {
      return KeyLifecycle.earliest(
              Optional.of(createdAt.plus(rotation)),
              retired.stream().map(Retired::removeAfter).min(Instant::compareTo))
          .orElseThrow();
    }

    boolean sameAs(State other) {
      return other != null
          && current.keyId().equals(other.current.keyId())
          && createdAt.equals(other.createdAt)
          && retired.equals(other.retired);
    }
  }

  /**
   * The state at {@code now}: a first key if there is none, a new key when the current one is due
   * for rotation (the old one retired), retired keys dropped once their tokens have expired.
   */
  static State next(Optional<State> state, Instant now, Duration rotation, Duration ttl, SecureRandom random) {
    Instant at = now.truncatedTo(ChronoUnit.SECONDS);
    if (state.isEmpty()) {
      return new State(SigningKey.generate(random), at, List.of());
    }
    State current = state.get();
    List<Retired> retired = new ArrayList<>(current.retired().stream().filter(r -> now.isBefore(r.removeAfter())).toList());
    if (!now.isBefore(current.createdAt().plus(rotation))) {
      retired.add(0, new Retired(current.current().publicKey(), at, at.plus(ttl)));
      return new State(SigningKey.generate(random), at, List.copyOf(retired));
    }
    return new State(current.current(), current.createdAt(), List.copyOf(retired));
  }

  /** The JWKS (RFC 7517) of the published keys. */
  static Map<String, Object> jwks(State state) {
    Map<String, Object> jwks = new LinkedHashMap<>();
    jwks.put("keys", state.published().stream().map(SigningKey.PublicKey::jwk).toList());
    return jwks;
  }
}
