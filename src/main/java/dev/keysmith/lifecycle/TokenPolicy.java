package dev.keysmith.lifecycle;

import dev.keysmith.credentials.AccessToken;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a key's access token is replaced: once 80% of its lifetime has passed (as the kubelet
 * refreshes projected service-account tokens), or at once when it no longer describes the key —
 * another key id (after a rotation), another audience or another ttl.
 */
public final class TokenPolicy {

  /** Share of a token's lifetime after which it is refreshed. */
  public static final double REFRESH_AT = 0.8;

  private TokenPolicy() {}

  public static Instant refreshAt(AccessToken.Claims claims) {
    Duration lifetime = Duration.between(claims.issuedAt(), claims.expiresAt());
    return claims.issuedAt().plusMillis((long) (lifetime.toMillis() * REFRESH_AT));
  }

  /** Whether {@code current} must be replaced at {@code now}. */
  public static boolean needsNew(
      Optional<AccessToken.Claims> current, String subject, String audience, Duration ttl, Instant now) {
    if (current.isEmpty()) {
      return true;
    }
    AccessToken.Claims claims = current.get();
    return !subject.equals(claims.subject())
        || !audience.equals(claims.audience())
        || !ttl.equals(Duration.between(claims.issuedAt(), claims.expiresAt()))
        || !now.isBefore(refreshAt(claims));
  }
}
