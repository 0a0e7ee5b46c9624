package dev.keysmith.apikey;

import dev.keysmith.api.v1alpha1.KeyType;
import dev.keysmith.credentials.Credential;
import dev.keysmith.credentials.InvalidCredentialException;
import dev.keysmith.support.Metadata;
import dev.keysmith.support.Timestamps;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a key's Secret records: its credential and the annotations from which the key's status is
 * derived. The Secret is the source of truth, so nothing here depends on status.
 *
 * @param credential the credential, empty when the Secret's data is missing or damaged
 */
record IssuedSecret(
    Secret secret,
    KeyType type,
    Optional<Credential> credential,
    long revision,
    Optional<Instant> activatedAt,
    Optional<Instant> issuedAt,
    Optional<Instant> rotatedAt) {

  static final String TYPE_BASIC_AUTH = "kubernetes.io/basic-auth";
  static final String TYPE_OPAQUE = "Opaque";

  static IssuedSecret read(Secret secret) {
    Map<String, String> annotations = annotations(secret);
    KeyType type = keyType(secret, annotations);
    Optional<Credential> credential;
    try {
      credential = Optional.of(Credential.read(type, decode(secret.getData())));
    } catch (InvalidCredentialException e) {
      credential = Optional.empty();
    }
    long revision = 0;
    try {
      revision = Long.parseLong(annotations.getOrDefault(Metadata.REVISION, "0"));
    } catch (NumberFormatException e) {
      // A damaged annotation: the next credential written records a fresh revision.
    }
    return new IssuedSecret(
        secret,
        type,
        credential,
        revision,
        Timestamps.tryParse(annotations.get(Metadata.ACTIVATED_AT)),
        Timestamps.tryParse(annotations.get(Metadata.ISSUED_AT)),
        Timestamps.tryParse(annotations.get(Metadata.ROTATED_AT)));
  }

  boolean isUsable() {
    return credential.isPresent();
  }

  /** Whether the current credential came from a rotation rather than a first issue. */
  boolean wasRotated() {
    return rotatedAt.isPresent() && rotatedAt.equals(issuedAt);
  }

  static String secretType(KeyType type) {
    return type == KeyType.Basic ? TYPE_BASIC_AUTH : TYPE_OPAQUE;
  }

  /** Base64-decoded data values; undecodable entries are left out. */
  static Map<String, String> decode(Map<String, String> data) {
    Map<String, String> decoded = new HashMap<>();
    if (data == null) {
      return decoded;
    }
    data.forEach(
        (key, value) -> {
          try {
            decoded.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
          } catch (IllegalArgumentException | NullPointerException e) {
            // Not base64: treated as missing, which makes the credential unusable.
          }
        });
    return decoded;
  }

  static String encode(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  private static KeyType keyType(Secret secret, Map<String, String> annotations) {
    String recorded = annotations.get(Metadata.KEY_TYPE);
    for (KeyType type : KeyType.values()) {
      if (type.name().equals(recorded)) {
        return type;
      }
    }
    if (TYPE_BASIC_AUTH.equals(secret.getType())) {
      return KeyType.Basic;
    }
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    return data.containsKey(Credential.SECRET) ? KeyType.HMAC : KeyType.Opaque;
  }

  private static Map<String, String> annotations(Secret secret) {
    Map<String, String> annotations = secret.getMetadata().getAnnotations();
    return annotations == null ? Map.of() : annotations;
  }
}
