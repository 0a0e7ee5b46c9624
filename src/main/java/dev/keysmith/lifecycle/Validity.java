package dev.keysmith.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long a key is valid: a fixed instant, or a duration counted from activation, or forever.
 *
 * <p>Built from the key's own expiresAt / validFor, falling back to the channel's defaultValidity
 * and then to its maxValidity.
 */
public record Validity(Optional<Instant> fixedExpiry, Optional<Duration> validFor) {

  public static final Validity FOREVER = new Validity(Optional.empty(), Optional.empty());

  public static Validity until(Instant expiry) {
    return new Validity(Optional.of(expiry), Optional.empty());
  }

  public static Validity lasting(Duration validFor) {
    return new Validity(Optional.empty(), Optional.of(validFor));
  }

  /**
   * The key's validity: its own, else the channel's default, else the channel's maximum (a key
   * that asks for no expiry gets the longest it may have).
   */
  public static Validity resolve(
      Optional<Instant> expiresAt,
      Optional<Duration> validFor,
      Optional<Duration> channelDefault,
      Optional<Duration> channelMax) {
    if (expiresAt.isPresent()) {
      return until(expiresAt.get());
    }
    if (validFor.isPresent()) {
      return lasting(validFor.get());
    }
    return channelDefault.or(() -> channelMax).map(Validity::lasting).orElse(FOREVER);
  }

  public boolean expires() {
    return fixedExpiry.isPresent() || validFor.isPresent();
  }

  /** The expiry instant; a validFor is unknown until the key has been activated. */
  public Optional<Instant> expiry(Optional<Instant> activatedAt) {
    if (fixedExpiry.isPresent()) {
      return fixedExpiry;
    }
    return validFor.flatMap(d -> activatedAt.map(a -> a.plus(d)));
  }

  /**
   * Whether this validity asks for more than {@code max}: a validFor longer than it, or an expiry
   * later than {@code max} after activation (or after {@code now} for a key not yet activated).
   */
  public boolean exceeds(Duration max, Optional<Instant> activatedAt, Instant now) {
    if (validFor.isPresent()) {
      return validFor.get().compareTo(max) > 0;
    }
    return fixedExpiry.isPresent() && fixedExpiry.get().isAfter(activatedAt.orElse(now).plus(max));
  }
}
