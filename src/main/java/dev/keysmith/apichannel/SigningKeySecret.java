package dev.keysmith.apichannel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keysmith.api.v1alpha1.ApiChannel;
import dev.keysmith.apikey.IssuedSecret;
import dev.keysmith.apikey.KeySecrets;
import dev.keysmith.credentials.SigningKey;
import dev.keysmith.support.Metadata;
import dev.keysmith.support.Ownership;
import dev.keysmith.support.Timestamps;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Secret {@code <channel>-signing-key} holding a channel's token signing keys: the current
 * private key ({@code privateKey}, the 32-byte Ed25519 seed) and, in {@code keys.json}, the
 * public keys with their dates. Owned by the channel; generated once, like a credential.
 */
public final class SigningKeySecret {

  public static final String PRIVATE_KEY = "privateKey";
  public static final String KEYS = "keys.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SigningKeySecret() {}

  public static String name(String channel) {
    return channel + "-signing-key";
  }

  /** The current signing key recorded in a signing-key Secret. */
  public static Optional<SigningKey> currentKey(Secret secret) {
    return read(secret).map(SigningKeys.State::current);
  }

  /** The key ids verifiers can find in the channel's JWKS. */
  public static List<String> publishedKeyIds(Secret secret) {
    return read(secret)
        .map(state -> state.published().stream().map(SigningKey.PublicKey::keyId).toList())
        .orElse(List.of());
  }

  static boolean isOwnedBy(Secret secret, ApiChannel channel) {
    return Ownership.isChannelSecret(secret, channel, Metadata.ROLE_SIGNING_KEY);
  }

  static Optional<SigningKeys.State> read(Secret secret) {
    Map<String, String> data = IssuedSecret.decode(secret.getData());
    try {
      byte[] seed = Base64.getDecoder().decode(data.getOrDefault(PRIVATE_KEY, ""));
      JsonNode keys = JSON.readTree(data.getOrDefault(KEYS, "{}"));
      SigningKey current = SigningKey.fromSeed(seed);
      Instant createdAt = Timestamps.parse(keys.path("current").path("createdAt").asText());
      List<SigningKeys.Retired> retired = new ArrayList<>();
      for (JsonNode r : keys.path("retired")) {
        retired.add(new SigningKeys.Retired(
            SigningKey.PublicKey.fromX(r.path("x").asText()),
            Timestamps.parse(r.path("retiredAt").asText()),
            Timestamps.parse(r.path("removeAfter").asText())));
      }
      return Optional.of(new SigningKeys.State(current, createdAt, List.copyOf(retired)));
    } catch (IllegalArgumentException | JsonProcessingException e) {
      return Optional.empty();
    }
  }

  static Secret render(ApiChannel channel, Secret current, SigningKeys.State state) {
    Map<String, Object> keys = new LinkedHashMap<>();
    keys.put("current", Map.of(
        "kid", state.current().keyId(),
        "x", state.current().publicKey().x(),
        "createdAt", Timestamps.format(state.createdAt())));
    keys.put("retired", state.retired().stream().map(r -> Map.of(
        "kid", r.key().keyId(),
        "x", r.key().x(),
        "retiredAt", Timestamps.format(r.retiredAt()),
        "removeAfter", Timestamps.format(r.removeAfter()))).toList());
    Map<String, String> data = new LinkedHashMap<>();
    data.put(PRIVATE_KEY, IssuedSecret.encode(Base64.getEncoder().encodeToString(state.current().seed())));
    try {
      data.put(KEYS, IssuedSecret.encode(JSON.writeValueAsString(keys)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("signing keys are plain data", e);
    }
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name(channel.getMetadata().getName()))
        .withNamespace(channel.getMetadata().getNamespace())
        .withLabels(Map.of(
            Metadata.MANAGED_BY, Metadata.MANAGED_BY_KEYSMITH,
            Metadata.APICHANNEL, channel.getMetadata().getName(),
            Metadata.SECRET_ROLE, Metadata.ROLE_SIGNING_KEY))
        .withOwnerReferences(KeySecrets.controllerReference(channel))
        .withResourceVersion(current == null ? null : current.getMetadata().getResourceVersion())
        .endMetadata()
        .withType("Opaque")
        .withData(data)
        .build();
  }
}
