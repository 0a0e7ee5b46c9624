package dev.keysmith.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValidityTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
  private static final Instant ACTIVATED = Instant.parse("2026-11-01T00:00:00Z");
  private static final Optional<Duration> NONE = Optional.empty();

  @Test
  void expiresAtIsFixed() {
    Instant at = Instant.parse("2027-06-30T00:00:00Z");
    Validity validity = Validity.resolve(Optional.of(at), NONE, Optional.of(Duration.ofHours(1)), NONE);
    assertThat(validity.expiry(Optional.empty())).contains(at);
    assertThat(validity.expiry(Optional.of(ACTIVATED))).contains(at);
  }

  @Test
  void validForCountsFromActivationAndIsUnknownBefore() {
    Validity validity = Validity.resolve(Optional.empty(), Optional.of(Duration.ofHours(2160)), NONE, NONE);
    assertThat(validity.expiry(Optional.empty())).isEmpty();
    assertThat(validity.expiry(Optional.of(ACTIVATED))).contains(ACTIVATED.plus(Duration.ofHours(2160)));
  }

  @Test
  void channelDefaultAppliesToKeysThatSetNone() {
    Validity validity =
        Validity.resolve(Optional.empty(), NONE, Optional.of(Duration.ofHours(24)), Optional.of(Duration.ofHours(48)));
    assertThat(validity.expiry(Optional.of(ACTIVATED))).contains(ACTIVATED.plus(Duration.ofHours(24)));
  }

  @Test
  void channelMaximumAppliesWhenThereIsNoDefault() {
    Validity validity = Validity.resolve(Optional.empty(), NONE, NONE, Optional.of(Duration.ofHours(48)));
    assertThat(validity.expiry(Optional.of(ACTIVATED))).contains(ACTIVATED.plus(Duration.ofHours(48)));
  }

  @Test
  void noExpiryAnywhereMeansForever() {
    Validity validity = Validity.resolve(Optional.empty(), NONE, NONE, NONE);
    assertThat(validity.expires()).isFalse();
    assertThat(validity.expiry(Optional.of(ACTIVATED))).isEmpty();
  }

  @Test
  void exceedsComparesValidForWithTheMaximum() {
    Duration max = Duration.ofHours(8760);
    assertThat(Validity.lasting(Duration.ofHours(8761)).exceeds(max, Optional.empty(), CLOCK.instant())).isTrue();
    assertThat(Validity.lasting(max).exceeds(max, Optional.empty(), CLOCK.instant())).isFalse();
  }

  @Test
  void exceedsMeasuresAFixedExpiryFromActivationOrFromNowBeforeActivation() {
    Duration max = Duration.ofDays(30);
    Validity until = Validity.until(Instant.parse("2026-12-15T00:00:00Z"));
    // 22 days after now: fine for a key not activated yet.
    assertThat(until.exceeds(max, Optional.empty(), CLOCK.instant())).isFalse();
    // 44 days after an activation on Nov 1: too long.
    assertThat(until.exceeds(max, Optional.of(ACTIVATED), CLOCK.instant())).isTrue();
  }
}
