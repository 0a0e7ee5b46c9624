package dev.keysmith.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keysmith.credentials.AccessToken;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenPolicyTest {

  private static final Instant IAT = Instant.parse("2026-11-23T12:00:00Z");
  private static final AccessToken.Claims HOUR =
      new AccessToken.Claims("kid1", "pay_3kT9aBcD", "payments/pay", IAT, IAT.plusSeconds(3600));

  @Test
  void refreshesWhenEightyPercentOfTheLifetimeHasPassed() {
    assertThat(TokenPolicy.refreshAt(HOUR)).isEqualTo(IAT.plusSeconds(2880));
  }

  @ParameterizedTest
  @CsvSource({"0, false", "2879, false", "2880, true", "3599, true", "7200, true"})
  void aTokenIsReplacedFromItsRefreshInstantOn(long secondsAfterIssue, boolean replaced) {
    assertThat(TokenPolicy.needsNew(Optional.of(HOUR), "pay_3kT9aBcD", "payments/pay", Duration.ofHours(1),
        IAT.plusSeconds(secondsAfterIssue))).isEqualTo(replaced);
  }

  @Test
  void aTokenThatNoLongerDescribesTheKeyIsReplacedAtOnce() {
    Instant soon = IAT.plusSeconds(60);
    assertThat(TokenPolicy.needsNew(Optional.empty(), "pay_3kT9aBcD", "payments/pay", Duration.ofHours(1), soon)).isTrue();
    // Rotated credential: another key id.
    assertThat(TokenPolicy.needsNew(Optional.of(HOUR), "pay_Z9y8x7W6", "payments/pay", Duration.ofHours(1), soon)).isTrue();
    assertThat(TokenPolicy.needsNew(Optional.of(HOUR), "pay_3kT9aBcD", "other-audience", Duration.ofHours(1), soon)).isTrue();
    assertThat(TokenPolicy.needsNew(Optional.of(HOUR), "pay_3kT9aBcD", "payments/pay", Duration.ofMinutes(5), soon)).isTrue();
    assertThat(TokenPolicy.needsNew(Optional.of(HOUR), "pay_3kT9aBcD", "payments/pay", Duration.ofHours(1), soon)).isFalse();
  }
}
