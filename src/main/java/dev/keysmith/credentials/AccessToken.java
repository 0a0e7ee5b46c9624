package dev.keysmith.credentials;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A short-lived access token: a JWT signed with EdDSA (Ed25519), header {@code kid}, claims {@code
 * iss} = keysmith, {@code sub} = the key's public key id, {@code aud}, {@code iat}, {@code exp},
 * {@code jti}. {@link #toString()} shows only its claims' identifiers, never the token.
 */
public final class AccessToken {

  public static final String ISSUER = "keysmith";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private final String compact;
  private final Claims claims;

  private AccessToken(String compact, Claims claims) {
    this.compact = compact;
    this.claims = claims;
  }

  /** The facts of a token that decide when it must be replaced. */
  public record Claims(String keyId, String subject, String audience, Instant issuedAt, Instant expiresAt) {}

  public static AccessToken mint(
      SigningKey key, String subject, String audience, Instant now, Duration ttl, SecureRandom random) {
    Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
    Instant expiresAt = issuedAt.plus(ttl);
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "EdDSA");
    header.put("typ", "JWT");
    header.put("kid", key.keyId());
    byte[] jti = new byte[16];
    random.nextBytes(jti);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("iss", ISSUER);
    payload.put("sub", subject);
    payload.put("aud", audience);
    payload.put("iat", issuedAt.getEpochSecond());
    payload.put("exp", expiresAt.getEpochSecond());
    payload.put("jti", URL.encodeToString(jti));
    String signingInput = URL.encodeToString(json(header)) + "." + URL.encodeToString(json(payload));
    String signature = URL.encodeToString(key.sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
    return new AccessToken(
        signingInput + "." + signature, new Claims(key.keyId(), subject, audience, issuedAt, expiresAt));
  }

  /**
   * Reads the claims of a token Keysmith minted, without checking its signature (the token comes
   * from Keysmith's own Secret); empty if it is not a token of this shape.
   */
  public static Optional<AccessToken> parse(String compact) {
    if (compact == null) {
      return Optional.empty();
    }
    String[] parts = compact.split("\\.");
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
      JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      if (!payload.hasNonNull("iat") || !payload.hasNonNull("exp")) {
        return Optional.empty();
      }
      return Optional.of(
          new AccessToken(
              compact,
              new Claims(
                  header.path("kid").asText(null),
                  payload.path("sub").asText(null),
                  payload.path("aud").asText(null),
                  Instant.ofEpochSecond(payload.get("iat").asLong()),
                  Instant.ofEpochSecond(payload.get("exp").asLong()))));
    } catch (IllegalArgumentException | java.io.IOException e) {
      return Optional.empty();
    }
  }

  /** The compact serialization: key material, for the key's Secret only. */
  public String compact() {
    return compact;
  }

  public Claims claims() {
    return claims;
  }

  @Override
  public String toString() {
    return "AccessToken[kid=" + claims.keyId() + ", sub=" + claims.subject() + ", exp=" + claims.expiresAt() + "]";
  }

  private static byte[] json(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("token content is plain data", e);
    }
  }
}
