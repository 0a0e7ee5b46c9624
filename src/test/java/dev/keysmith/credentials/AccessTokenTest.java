package dev.keysmith.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

/** Tokens verified by jose4j, which checks EdDSA with the JDK's own Ed25519, not BouncyCastle. */
class AccessTokenTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  @Test
  void anIndependentLibraryVerifiesSignatureAndClaims() throws Exception {
    SigningKey key = SigningKey.generate(RANDOM);
    AccessToken token = AccessToken.mint(key, "pay_3kT9aBcD", "payments/pay", NOW, Duration.ofHours(1), RANDOM);

    JwtClaims claims = consumer(jwks(key), "payments/pay").processToClaims(token.compact());

    assertThat(claims.getIssuer()).isEqualTo("keysmith");
    assertThat(claims.getSubject()).isEqualTo("pay_3kT9aBcD");
    assertThat(claims.getAudience()).containsExactly("payments/pay");
    assertThat(claims.getIssuedAt().getValue()).isEqualTo(NOW.getEpochSecond());
    assertThat(claims.getExpirationTime().getValue()).isEqualTo(NOW.plusSeconds(3600).getEpochSecond());
    assertThat(claims.getJwtId()).hasSizeGreaterThan(16);
    assertThat(AccessToken.parse(token.compact()).orElseThrow().claims()).isEqualTo(token.claims());
  }

  @Test
  void aTokenFromAnotherKeyOrForAnotherAudienceIsRejected() throws Exception {
    SigningKey key = SigningKey.generate(RANDOM);
    SigningKey other = SigningKey.generate(RANDOM);
    AccessToken token = AccessToken.mint(other, "pay_3kT9aBcD", "payments/pay", NOW, Duration.ofHours(1), RANDOM);
    AccessToken mine = AccessToken.mint(key, "pay_3kT9aBcD", "payments/pay", NOW, Duration.ofHours(1), RANDOM);

    assertThatThrownBy(() -> consumer(jwks(key), "payments/pay").processToClaims(token.compact()))
        .isInstanceOf(InvalidJwtException.class);
    assertThatThrownBy(() -> consumer(jwks(key), "elsewhere").processToClaims(mine.compact()))
        .isInstanceOf(InvalidJwtException.class);
  }

  @Test
  void keyIdIsTheJwkThumbprintAndTheSeedRestoresTheKey() throws Exception {
    SigningKey key = SigningKey.generate(RANDOM);
    var jwk = new JsonWebKeySet(jwks(key)).getJsonWebKeys().get(0);

    assertThat(jwk.calculateBase64urlEncodedThumbprint("SHA-256")).isEqualTo(key.keyId());
    assertThat(SigningKey.fromSeed(key.seed()).keyId()).isEqualTo(key.keyId());
    assertThat(key.toString()).doesNotContain(new String(key.seed(), java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  static String jwks(SigningKey... keys) {
    return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(
        java.util.Map.of("keys", java.util.Arrays.stream(keys).map(k -> k.publicKey().jwk()).toList())).toString();
  }

  static JwtConsumer consumer(String jwks, String audience) throws Exception {
    return new JwtConsumerBuilder()
        .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
        .setExpectedIssuer("keysmith")
        .setExpectedAudience(audience)
        .setRequireExpirationTime()
        .setRequireSubject()
        .setEvaluationTime(NumericDate.fromSeconds(NOW.plusSeconds(60).getEpochSecond()))
        .build();
  }
}
