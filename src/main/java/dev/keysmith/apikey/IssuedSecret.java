package dev.keysmith.apikey;

import dev.keysmith.api.v1alpha1.KeyType;
import dev.keysmith.credentials.AccessToken;
import dev.keysmith.credentials.Credential;
import dev.keysmith.credentials.InvalidCredentialException;
import dev.keysmith.lifecycle.RotationRequests;
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
public record IssuedSecret(
    Secret secret,
    KeyType type,
    Optional<Credential> credential,
    long revision,
    Optional<Instant> activatedAt,
    Optional<Instant> issuedAt,
    Optional<Instant> rotatedAt,
    String source,
    Optional<IssueRecord.Previous> previous,
    IssueRecord.RequestLog requests,
    Optional<AccessToken> token) {

  public static final String TOKEN = "token";
  public static final String TOKEN_EXPIRES_AT = "tokenExpiresAt";

  /** Data keys of the previous credential: the current ones with this prefix, capitalised. */
  static final String PREVIOUS = "previous";

  static final String TYPE_BASIC_AUTH = "kubernetes.io/basic-auth";
  static final String TYPE_OPAQUE = "Opaque";

  public static IssuedSecret read(Secret secret) {
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
    Map<String, String> data = decode(secret.getData());
    Optional<IssueRecord.Previous> previous = Optional.empty();
    Optional<Instant> validUntil = Timestamps.tryParse(annotations.get(Metadata.PREVIOUS_VALID_UNTIL));
    if (validUntil.isPresent()) {
      KeyType previousType = parseType(annotations.get(Metadata.PREVIOUS_KEY_TYPE)).orElse(type);
      Map<String, String> previousData = new HashMap<>();
      data.forEach((k, v) -> {
        if (k.startsWith(PREVIOUS) && k.length() > PREVIOUS.length()) {
          String name = k.substring(PREVIOUS.length());
          previousData.put(Character.toLowerCase(name.charAt(0)) + name.substring(1), v);
        }
      });
      try {
        previous = Optional.of(new IssueRecord.Previous(Credential.read(previousType, previousData), validUntil.get()));
      } catch (InvalidCredentialException e) {
        // A damaged previous credential is dropped; the current one is what matters.
      }
    }
    IssueRecord.RequestLog requests =
        new IssueRecord.RequestLog(
            RotationRequests.parse(annotations.get(Metadata.HANDLED_REQUESTS)),
            Optional.ofNullable(annotations.get(Metadata.LAST_ROTATION_REQUEST)),
            Optional.ofNullable(annotations.get(Metadata.LAST_ROTATE_ANNOTATION)));
    return new IssuedSecret(
        secret,
        type,
        credential,
        revision,
        Timestamps.tryParse(annotations.get(Metadata.ACTIVATED_AT)),
        Timestamps.tryParse(annotations.get(Metadata.ISSUED_AT)),
        Timestamps.tryParse(annotations.get(Metadata.ROTATED_AT)),
        annotations.getOrDefault(Metadata.SOURCE, IssueRecord.GENERATED),
        previous,
        requests,
        AccessToken.parse(data.get(TOKEN)));
  }

  /** The record this Secret holds; only for a usable Secret. */
  IssueRecord record(Instant now) {
    Instant issued = issuedAt.orElse(now);
    return new IssueRecord(
        credential.orElseThrow(),
        revision,
        activatedAt.orElse(issued),
        issued,
        rotatedAt,
        source,
        previous,
        requests,
        token);
  }

  /** Data key under which a previous credential's value is kept. */
  static String previousKey(String key) {
    return PREVIOUS + Character.toUpperCase(key.charAt(0)) + key.substring(1);
  }

  public boolean isUsable() {
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
  public static Map<String, String> decode(Map<String, String> data) {
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

  public static String encode(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<KeyType> parseType(String recorded) {
    for (KeyType type : KeyType.values()) {
      if (type.name().equals(recorded)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  private static KeyType keyType(Secret secret, Map<String, String> annotations) {
    Optional<KeyType> recorded = parseType(annotations.get(Metadata.KEY_TYPE));
    if (recorded.isPresent()) {
      return recorded.get();
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
