package dev.keysmith.apichannel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keysmith.credentials.SigningKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SigningKeysTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  private static final Duration ROTATION = Duration.ofHours(2160);
  private static final Duration TTL = Duration.ofHours(1);

  @Test
  void aFirstKeyIsGeneratedOnceAndKeptUntilItsRotationIsDue() {
    SigningKeys.State first = SigningKeys.next(Optional.empty(), T0, ROTATION, TTL, RANDOM);
    SigningKeys.State later = SigningKeys.next(Optional.of(first), T0.plus(ROTATION).minusSeconds(1), ROTATION, TTL, RANDOM);

    assertThat(later.sameAs(first)).isTrue();
    assertThat(first.published()).extracting(SigningKey.PublicKey::keyId).containsExactly(first.current().keyId());
    assertThat(first.nextChange(ROTATION)).isEqualTo(T0.plus(ROTATION));
  }

  @Test
  void aRotatedOutKeyIsPublishedUntilEveryTokenItSignedHasExpired() {
    SigningKeys.State first = SigningKeys.next(Optional.empty(), T0, ROTATION, TTL, RANDOM);
    Instant rotation = T0.plus(ROTATION);
    SigningKeys.State second = SigningKeys.next(Optional.of(first), rotation, ROTATION, TTL, RANDOM);

    assertThat(second.current().keyId()).isNotEqualTo(first.current().keyId());
    assertThat(second.published()).extracting(SigningKey.PublicKey::keyId)
        .containsExactly(second.current().keyId(), first.current().keyId());
    assertThat(second.retired().get(0).removeAfter()).isEqualTo(rotation.plus(TTL));
    assertThat(second.nextChange(ROTATION)).isEqualTo(rotation.plus(TTL));

    SigningKeys.State stillThere = SigningKeys.next(Optional.of(second), rotation.plus(TTL).minusSeconds(1), ROTATION, TTL, RANDOM);
    SigningKeys.State gone = SigningKeys.next(Optional.of(second), rotation.plus(TTL), ROTATION, TTL, RANDOM);
    assertThat(stillThere.published()).hasSize(2);
    assertThat(gone.published()).extracting(SigningKey.PublicKey::keyId).containsExactly(second.current().keyId());
    assertThat(gone.current().keyId()).isEqualTo(second.current().keyId());
  }
}
