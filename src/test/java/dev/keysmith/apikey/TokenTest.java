package dev.keysmith.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.testing.Fixtures;
import dev.keysmith.testing.KubernetesApi;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

/**
 * Short-lived access tokens in the keys' Secrets, verified by an independent library (jose4j,
 * using the JDK's Ed25519) against the JWKS the channel publishes in its keyring.
 */
@QuarkusTest
@QuarkusTestResource(KubernetesApi.class)
class TokenTest {

  private final KubernetesClient client = KubernetesApi.client();
  private final Fixtures fixtures = new Fixtures(client);

  @Test
  void activeKeysCarryATokenGatewaysCanVerifyOffline() throws Exception {
    String ns = fixtures.namespace("tokens");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST, token: {enabled: true, ttl: 5m}}"));
    fixtures.create(Fixtures.key(ns, "k", "channelRef: {name: api}"));

    ApiKey key = fixtures.awaitKey(ns, "k", k -> k.getStatus().getTokenExpiresAt() != null);
    Secret secret = fixtures.secret(ns, "k-credentials");
    JwtClaims claims = verify(ns, "api", Fixtures.decoded(secret, "token"), ns + "/api");

    assertThat(claims.getIssuer()).isEqualTo("keysmith");
    assertThat(claims.getSubject()).isEqualTo(key.getStatus().getKeyId());
    assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(300);
    assertThat(Fixtures.decoded(secret, "tokenExpiresAt")).isEqualTo(key.getStatus().getTokenExpiresAt());
    assertThat(Instant.parse(key.getStatus().getTokenExpiresAt()).getEpochSecond())
        .isEqualTo(claims.getExpirationTime().getValue());
    assertThat(fixtures.secret(ns, "api-signing-key").getMetadata().getOwnerReferences().get(0).getKind())
        .isEqualTo("ApiChannel");
  }

  @Test
  void rotationRenewsTheTokenAndKeysThatAreNotActiveHaveNone() throws Exception {
    String ns = fixtures.namespace("tokens-lifecycle");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST, token: {enabled: true, audience: payments-api}}"));
    fixtures.create(Fixtures.key(ns, "k", "channelRef: {name: api}"));
    fixtures.create(Fixtures.key(ns, "revoked", "channelRef: {name: api}"));
    fixtures.awaitKey(ns, "k", k -> k.getStatus().getTokenExpiresAt() != null);
    fixtures.awaitKey(ns, "revoked", k -> k.getStatus().getTokenExpiresAt() != null);
    String first = Fixtures.decoded(fixtures.secret(ns, "k-credentials"), "token");

    fixtures.edit(ns, "k", k -> k.getSpec().setRotationRequest("now"));
    ApiKey rotated = fixtures.awaitKey(ns, "k", k -> Long.valueOf(2).equals(k.getStatus().getRevision()));
    String second = Fixtures.decoded(fixtures.secret(ns, "k-credentials"), "token");
    assertThat(second.equals(first)).isFalse();
    assertThat(verify(ns, "api", second, "payments-api").getSubject()).isEqualTo(rotated.getStatus().getKeyId());

    fixtures.edit(ns, "revoked", k -> k.getSpec().setRevoked(true));
    fixtures.awaitPhase(ns, "revoked", KeyPhase.Revoked);
    assertThat(fixtures.secret(ns, "revoked-credentials")).isNull();

    fixtures.editChannel(ns, "api", c -> c.getSpec().setActive(false));
    ApiKey suspended = fixtures.awaitPhase(ns, "k", KeyPhase.Suspended);
    assertThat(suspended.getStatus().getTokenExpiresAt()).isNull();
    assertThat(fixtures.secret(ns, "k-credentials").getData()).doesNotContainKeys("token", "tokenExpiresAt");
  }

  @Test
  void aTokenSignedByARotatedOutKeyStillVerifiesUntilItExpires() throws Exception {
    String ns = fixtures.namespace("tokens-signing-rotation");
    fixtures.create(Fixtures.channel(ns, "api", "{protocol: REST, token: {enabled: true, ttl: 5m, signingKeyRotation: 10s}}"));
    fixtures.create(Fixtures.key(ns, "k", "channelRef: {name: api}"));
    fixtures.awaitKey(ns, "k", k -> k.getStatus().getTokenExpiresAt() != null);
    String token = Fixtures.decoded(fixtures.secret(ns, "k-credentials"), "token");
    String kid = new ObjectMapper().readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[0])).get("kid").asText();

    // The channel's signing key is replaced; the old public key stays in the JWKS.
    Fixtures.waiting().atMost(Duration.ofSeconds(30)).until(() -> jwks(ns, "api").getJsonWebKeys().size() == 2);
    JsonWebKeySet jwks = jwks(ns, "api");
    assertThat(jwks.getJsonWebKeys().get(0).getKeyId()).isNotEqualTo(kid);
    assertThat(jwks.getJsonWebKeys().get(1).getKeyId()).isEqualTo(kid);

    assertThat(verify(ns, "api", token, ns + "/api").getSubject()).isNotBlank();
    // The key's token is not re-minted for the new signing key before its refresh is due.
    assertThat(Fixtures.decoded(fixtures.secret(ns, "k-credentials"), "token").equals(token)).isTrue();
  }

  private JwtClaims verify(String ns, String channel, String token, String audience) throws Exception {
    return new JwtConsumerBuilder()
        .setVerificationKeyResolver(new JwksVerificationKeyResolver(jwks(ns, channel).getJsonWebKeys()))
        .setExpectedIssuer("keysmith")
        .setExpectedAudience(audience)
        .setRequireExpirationTime()
        .setRequireIssuedAt()
        .setRequireJwtId()
        .build()
        .processToClaims(token);
  }

  private JsonWebKeySet jwks(String ns, String channel) throws Exception {
    Secret keyring = Fixtures.waiting().until(
        () -> fixtures.secret(ns, channel + "-keyring"), k -> k != null && k.getData().containsKey("jwks.json"));
    return new JsonWebKeySet(Fixtures.decoded(keyring, "jwks.json"));
  }
}
